#pragma once

#include <ui/session/snapshot.h>

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace daffi::ui {

// Members of the network, refreshed from each snapshot. Members that leave stay for a while,
// greyed, with the time they left; a rejoin under the same name revives the row.
class MembersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name, Transport, Address, ConnectedSince, Functions, CallsIn, CallsOut, Errors,
        BytesIn, BytesOut, InFlight, LastActivity, State, ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, LeftRole, NameRole };

    struct Row
    {
        MemberSnapshot member;
        bool left = false;
        qint64 leftAtMs = 0;
    };

    explicit MembersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void apply(const QList<MemberSnapshot> &members, qint64 nowMs);
    void clear();
    void setSelfName(const QByteArray &name) { m_self = name; }
    void setRetention(qint64 ms, int maxLeft) { m_retentionMs = ms; m_maxLeft = maxLeft; }

    const Row &row(int i) const { return m_rows[size_t(i)]; }
    int liveCount() const { return m_live; }
    int findRow(const QByteArray &name) const { return m_index.value(name, -1); }
    QByteArrayList functionNames() const;                     // exposed by live members, sorted
    QByteArrayList membersExposing(const QByteArray &function) const;

private:
    void reindex();

    std::vector<Row> m_rows;
    QHash<QByteArray, int> m_index;
    QByteArray m_self;
    qint64 m_nowMs = 0;
    qint64 m_retentionMs = 10 * 60 * 1000;
    int m_maxLeft = 200;
    int m_live = 0;
};

class MembersFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit MembersFilter(QObject *parent = nullptr);
    void setShowLeft(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_showLeft = true;
};

} // namespace daffi::ui
