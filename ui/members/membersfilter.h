#pragma once

#include <QAbstractProxyModel>

#include <vector>

namespace daffi::ui {

class MembersModel;

// The members pane's view of a MembersModel: filtered by text (name, transport, address,
// functions) and by state, sorted by any column.
//
// It works per batch, not per signal: whatever the source changes during one apply() becomes a
// single layout change when the source emits applied(). Only the rows that batch changed or
// added (MembersModel::Row::changed) are filtered and sorted again, then merged into the rows
// that kept their place: O(N + k log k) for N members of which k changed, comparing the rows'
// values (MembersModel::compare: no QVariant, no text). A new sort or filter redoes it all, in
// O(N log N). Selections and the current row follow their members by name.
class MembersFilter : public QAbstractProxyModel
{
    Q_OBJECT

public:
    explicit MembersFilter(MembersModel *members, QObject *parent = nullptr);

    void setFilterText(const QString &text);
    void setShowLeft(bool show);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_order; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    struct Held
    {
        QByteArray name;
        int column = 0;
    };

    void beginChange();
    void sourceRemoving(int first, int last);
    void refresh();
    std::vector<int> visibleRows();
    void setRows(std::vector<int> rows);
    bool accepts(int sourceRow) const;
    bool before(int a, int b) const;   // source rows in the order shown
    void sortRows(std::vector<int> &rows) const;

    MembersModel *m_members;
    std::vector<int> m_rows;          // proxy row -> source row
    std::vector<int> m_proxyRows;     // source row -> proxy row, or -1
    QString m_text;                   // lower case
    bool m_showLeft = true;
    int m_sortColumn = -1;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    bool m_changing = false;          // layoutAboutToBeChanged sent, layoutChanged not yet
    bool m_redoAll = true;            // a new filter or order, or a source reset
    quint64 m_seen = 0;               // the source's generation at the last refresh
    bool m_dataChanged = false;
    qint64 m_repaintedMs = 0;         // "3 s ago" texts age even when nothing changes
    QModelIndexList m_held;           // persistent indexes during a change ...
    std::vector<Held> m_heldMembers;  // ... and whom they point at
};

} // namespace daffi::ui
