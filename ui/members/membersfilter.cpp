#include "membersfilter.h"

#include "membersmodel.h"

#include <algorithm>

namespace daffi::ui {

namespace {
constexpr qint64 AgeRepaintMs = 1000;
}

MembersFilter::MembersFilter(MembersModel *members, QObject *parent) : QAbstractProxyModel(parent), m_members(members)
{
    QAbstractProxyModel::setSourceModel(members);
    connect(members, &QAbstractItemModel::rowsAboutToBeInserted, this, &MembersFilter::beginChange);
    connect(members, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) { sourceRemoving(first, last); });
    auto reorder = [this] {
        beginChange();
        m_redoAll = true;   // the source's rows moved: the positions held mean nothing now
    };
    connect(members, &QAbstractItemModel::rowsAboutToBeMoved, this, reorder);
    connect(members, &QAbstractItemModel::layoutAboutToBeChanged, this, reorder);
    connect(members, &QAbstractItemModel::dataChanged, this, [this] { m_dataChanged = true; });
    connect(members, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        beginResetModel();
        m_rows.clear();
        m_proxyRows.clear();
    });
    connect(members, &QAbstractItemModel::modelReset, this, [this] {
        m_redoAll = true;
        m_changing = false;
        m_held.clear();
        m_heldMembers.clear();
        setRows(visibleRows());
        endResetModel();
    });
    connect(members, &MembersModel::applied, this, &MembersFilter::refresh);
    refresh();
}

void MembersFilter::setFilterText(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == m_text)
        return;
    m_text = lower;
    m_redoAll = true;
    refresh();
}

void MembersFilter::setShowLeft(bool show)
{
    if (show == m_showLeft)
        return;
    m_showLeft = show;
    m_redoAll = true;
    refresh();
}

void MembersFilter::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_order = order;
    m_redoAll = true;
    refresh();
}

bool MembersFilter::accepts(int sourceRow) const
{
    const MembersModel::Row &row = m_members->row(sourceRow);
    return (m_showLeft || !row.left) && (m_text.isEmpty() || row.searchText.contains(m_text));
}

bool MembersFilter::before(int a, int b) const
{
    if (m_sortColumn < 0)
        return a < b;
    const int c = MembersModel::compare(m_members->row(a), m_members->row(b), m_sortColumn);
    return m_order == Qt::AscendingOrder ? c < 0 : c > 0;
}

void MembersFilter::sortRows(std::vector<int> &rows) const
{
    if (m_sortColumn < 0)
        return;   // they are in the source's order already
    // Most comparisons end at the prefixes, side by side in memory, not in the rows. Where the
    // prefix is the whole value (numbers, times), ties go by name: its prefix first.
    struct Keyed
    {
        quint64 prefix;
        quint64 name;
        int row;
    };
    const bool exact = MembersModel::isPrefixExact(m_sortColumn);
    std::vector<Keyed> keyed;
    keyed.reserve(rows.size());
    for (int r : rows) {
        const MembersModel::Row &row = m_members->row(r);
        keyed.push_back({MembersModel::sortPrefix(row, m_sortColumn),
                         exact ? MembersModel::sortPrefix(row, MembersModel::Name) : 0, r});
    }
    const bool ascending = m_order == Qt::AscendingOrder;
    std::sort(keyed.begin(), keyed.end(), [&](const Keyed &a, const Keyed &b) {
        if (a.prefix != b.prefix)
            return ascending ? a.prefix < b.prefix : a.prefix > b.prefix;
        if (a.name != b.name)
            return ascending ? a.name < b.name : a.name > b.name;
        return before(a.row, b.row);
    });
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = keyed[i].row;
}

void MembersFilter::beginChange()
{
    if (m_changing)
        return;
    m_changing = true;
    // Views turn their selections into persistent indexes while this signal is delivered.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_held = persistentIndexList();
    m_heldMembers.clear();
    m_heldMembers.reserve(size_t(m_held.size()));
    for (const QModelIndex &i : std::as_const(m_held)) {
        const int source = size_t(i.row()) < m_rows.size() ? m_rows[size_t(i.row())] : -1;
        m_heldMembers.push_back({source >= 0 ? m_members->row(source).member.name : QByteArray(), i.column()});
    }
}

void MembersFilter::sourceRemoving(int first, int last)
{
    beginChange();
    // Keep the order of the rows that stay, in the numbers they will have.
    const int removed = last - first + 1;
    size_t kept = 0;
    for (int source : m_rows) {
        if (source < first)
            m_rows[kept++] = source;
        else if (source > last)
            m_rows[kept++] = source - removed;
    }
    m_rows.resize(kept);
}

std::vector<int> MembersFilter::visibleRows()
{
    const quint64 seen = std::exchange(m_seen, m_members->generation());
    const auto less = [this](int a, int b) { return before(a, b); };
    std::vector<int> redo;
    if (std::exchange(m_redoAll, false)) {
        for (int i = 0; i < m_members->rowCount(); ++i) {
            if (accepts(i))
                redo.push_back(i);
        }
        sortRows(redo);
        return redo;
    }
    // Rows the source did not touch keep their order; the others are placed again.
    std::vector<int> keep;
    keep.reserve(m_rows.size());
    for (int source : m_rows) {
        if (m_members->row(source).changed <= seen)
            keep.push_back(source);
    }
    for (int i = 0; i < m_members->rowCount(); ++i) {
        if (m_members->row(i).changed > seen && accepts(i))
            redo.push_back(i);
    }
    sortRows(redo);
    std::vector<int> rows(keep.size() + redo.size());
    std::merge(keep.begin(), keep.end(), redo.begin(), redo.end(), rows.begin(), less);
    return rows;
}

void MembersFilter::setRows(std::vector<int> rows)
{
    m_rows = std::move(rows);
    m_proxyRows.assign(size_t(m_members->rowCount()), -1);
    for (size_t p = 0; p < m_rows.size(); ++p)
        m_proxyRows[size_t(m_rows[p])] = int(p);
}

void MembersFilter::refresh()
{
    const bool dataChanged = std::exchange(m_dataChanged, false);
    std::vector<int> rows = visibleRows();
    if (m_changing || rows != m_rows) {
        beginChange();
        setRows(std::move(rows));
        QModelIndexList moved;
        moved.reserve(m_held.size());
        for (const Held &h : m_heldMembers) {
            const int source = m_members->findRow(h.name);
            const int row = source >= 0 ? m_proxyRows[size_t(source)] : -1;
            moved << (row >= 0 ? index(row, h.column) : QModelIndex());
        }
        changePersistentIndexList(m_held, moved);
        m_held.clear();
        m_heldMembers.clear();
        m_changing = false;
        m_repaintedMs = m_members->nowMs();
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        return;
    }
    // One signal for every row: a view repaints what it shows, whatever the range.
    if (!m_rows.empty() && (dataChanged || m_members->nowMs() - m_repaintedMs >= AgeRepaintMs)) {
        m_repaintedMs = m_members->nowMs();
        Q_EMIT QAbstractItemModel::dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
    }
}

QModelIndex MembersFilter::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || size_t(row) >= m_rows.size() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex MembersFilter::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex MembersFilter::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int MembersFilter::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MembersFilter::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_members->columnCount();
}

bool MembersFilter::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.empty();
}

QModelIndex MembersFilter::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || size_t(proxyIndex.row()) >= m_rows.size())
        return {};
    const int source = m_rows[size_t(proxyIndex.row())];
    return source < m_members->rowCount() ? m_members->index(source, proxyIndex.column()) : QModelIndex();
}

QModelIndex MembersFilter::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || m_changing || size_t(sourceIndex.row()) >= m_proxyRows.size())
        return {};
    const int row = m_proxyRows[size_t(sourceIndex.row())];
    return row >= 0 ? index(row, sourceIndex.column()) : QModelIndex();
}

QVariant MembersFilter::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal)
        return m_members->headerData(section, orientation, role);
    return QAbstractItemModel::headerData(section, orientation, role);
}

} // namespace daffi::ui
