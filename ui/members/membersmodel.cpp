#include "membersmodel.h"

#include <ui/common/format.h>

#include <QBrush>
#include <QFont>
#include <QPalette>
#include <QSet>

namespace daffi::ui {

MembersModel::MembersModel(QObject *parent) : QAbstractTableModel(parent) {}

int MembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name");
    case State: return tr("State");
    case Transport: return tr("Transport");
    case Address: return tr("Address");
    case ConnectedSince: return tr("Connected since");
    case Functions: return tr("Functions");
    case CallsIn: return tr("Calls in");
    case CallsOut: return tr("Calls out");
    case Errors: return tr("Errors");
    case BytesIn: return tr("Bytes in");
    case BytesOut: return tr("Bytes out");
    case InFlight: return tr("In flight");
    case LastActivity: return tr("Last activity");
    }
    return {};
}

QVariant MembersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const MemberSnapshot &m = row.member;
    const Monitor::MemberStats stats = m.stats.value_or(Monitor::MemberStats{});
    const bool hasStats = m.stats.has_value();
    auto number = [&](quint64 v) -> QVariant { return hasStats ? QVariant(format::count(v)) : QVariant(); };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return QString(QString::fromUtf8(m.name) + (m.name == m_self ? tr(" (this console)") : QString()));
        case State:
            return row.left ? tr("left %1").arg(format::ago(row.leftAtMs, m_nowMs)) : tr("connected");
        case Transport: return m.transport;
        case Address: return m.address;
        case ConnectedSince:
            if (!m.connectedAt.isValid())
                return QString();
            return m.connectedAt.toLocalTime().date() == QDate::currentDate()
                ? m.connectedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))
                : m.connectedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Functions:
            return m.hasMethodList ? QString::fromUtf8(m.methods.join(", ")) : tr("(caller only)");
        case CallsIn: return number(stats.callsIn);
        case CallsOut: return number(stats.callsOut);
        case Errors: return number(stats.errors);
        case BytesIn: return hasStats ? QVariant(format::bytes(double(stats.bytesIn))) : QVariant();
        case BytesOut: return hasStats ? QVariant(format::bytes(double(stats.bytesOut))) : QVariant();
        case InFlight: return hasStats && !row.left ? QVariant(format::count(quint64(std::max<qint64>(0, stats.inFlight)))) : QVariant();
        case LastActivity: return hasStats ? format::ago(stats.lastActivityMs, m_nowMs) : QString();
        }
        break;
    case SortRole:
        switch (index.column()) {
        case ConnectedSince: return m.connectedAt;
        case Functions: return int(m.methods.size());
        case CallsIn: return stats.callsIn;
        case CallsOut: return stats.callsOut;
        case Errors: return stats.errors;
        case BytesIn: return stats.bytesIn;
        case BytesOut: return stats.bytesOut;
        case InFlight: return stats.inFlight;
        case LastActivity: return stats.lastActivityMs;
        case State: return row.left ? row.leftAtMs : 0;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ForegroundRole:
        if (row.left)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        if (index.column() == Errors && stats.errors > 0)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        break;
    case Qt::FontRole:
        if (index.column() == Name && m.name == m_self) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() >= CallsIn && index.column() <= InFlight)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Functions && m.hasMethodList)
            return QString::fromUtf8(m.methods.join('\n'));
        break;
    case LeftRole:
        return row.left;
    case NameRole:
        return m.name;
    default:
        break;
    }
    return {};
}

void MembersModel::reindex()
{
    m_index.clear();
    m_live = 0;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        m_index.insert(m_rows[i].member.name, int(i));
        m_live += m_rows[i].left ? 0 : 1;
    }
}

void MembersModel::apply(const QList<MemberSnapshot> &members, qint64 nowMs)
{
    m_nowMs = nowMs;
    QSet<QByteArray> present;
    present.reserve(members.size());
    std::vector<Row> added;
    for (const MemberSnapshot &m : members) {
        present.insert(m.name);
        const int i = m_index.value(m.name, -1);
        if (i < 0) {
            added.push_back(Row{m, false, 0});
            continue;
        }
        Row &row = m_rows[size_t(i)];
        row.member = m;
        row.left = false;
    }
    for (Row &row : m_rows) {
        if (!row.left && !present.contains(row.member.name)) {
            row.left = true;
            row.leftAtMs = nowMs;
        }
    }
    // Forget members that left long ago, or the oldest departures beyond the cap.
    std::vector<qint64> departures;
    for (const Row &row : m_rows) {
        if (row.left)
            departures.push_back(row.leftAtMs);
    }
    qint64 cutoff = nowMs - m_retentionMs;
    if (int(departures.size()) > m_maxLeft) {
        std::sort(departures.begin(), departures.end());
        cutoff = std::max(cutoff, departures[departures.size() - size_t(m_maxLeft) - 1]);
    }
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows[size_t(i)].left && m_rows[size_t(i)].leftAtMs <= cutoff) {
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (Row &r : added)
            m_rows.push_back(std::move(r));
        endInsertRows();
    }
    reindex();
}

void MembersModel::clear()
{
    beginResetModel();
    m_rows.clear();
    reindex();
    endResetModel();
}

QByteArrayList MembersModel::functionNames() const
{
    QSet<QByteArray> names;
    for (const Row &row : m_rows) {
        if (!row.left && row.member.name != m_self)
            names.unite(QSet<QByteArray>(row.member.methods.cbegin(), row.member.methods.cend()));
    }
    QByteArrayList out(names.cbegin(), names.cend());
    std::sort(out.begin(), out.end());
    return out;
}

QByteArrayList MembersModel::membersExposing(const QByteArray &function) const
{
    QByteArrayList out;
    for (const Row &row : m_rows) {
        if (!row.left && row.member.name != m_self && row.member.methods.contains(function))
            out << row.member.name;
    }
    return out;
}

MembersFilter::MembersFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(MembersModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
    setDynamicSortFilter(true);
}

void MembersFilter::setShowLeft(bool show)
{
    m_showLeft = show;
    invalidateRowsFilter();
}

bool MembersFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_showLeft && sourceModel()->index(sourceRow, 0, sourceParent).data(MembersModel::LeftRole).toBool())
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace daffi::ui
