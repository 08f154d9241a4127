#pragma once

#include <QAbstractTableModel>
#include <QStyledItemDelegate>

namespace daffi::ui {

class RateStore;

// One row per series in the store (members, functions, flows) with its current rates and a
// sparkline of the last two minutes. Rows follow the store: appended, removed, updated in place.
class RatesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Kind, Name, Messages, Bytes, Peak, Trend, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, IdRole, KindRole, TrendRole };

    explicit RatesModel(RateStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void sync();

    RateStore *m_store;
    QList<QByteArray> m_ids;
};

class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace daffi::ui
