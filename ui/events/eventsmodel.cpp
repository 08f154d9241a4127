#include "eventsmodel.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace daffi::ui {

EventsModel::EventsModel(QObject *parent) : QAbstractItemModel(parent) {}

int EventsModel::burstIndex(SessionEvent::Kind kind)
{
    switch (kind) {
    case SessionEvent::Kind::Joined: return 0;
    case SessionEvent::Kind::Left: return 1;
    case SessionEvent::Kind::Dropped: return 2;
    default: return -1;
    }
}

int EventsModel::rowOf(quint64 id) const
{
    const auto it = std::lower_bound(m_entries.cbegin(), m_entries.cend(), id,
                                     [](const Entry &e, quint64 v) { return e.id < v; });
    return it != m_entries.cend() && it->id == id ? int(it - m_entries.cbegin()) : -1;
}

QModelIndex EventsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < int(m_entries.size()) ? createIndex(row, 0, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= int(m_entries.size()))
        return {};
    const Entry &e = m_entries[size_t(parent.row())];
    return row < int(e.folded.size()) ? createIndex(row, 0, quintptr(e.id)) : QModelIndex();
}

QModelIndex EventsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    const int row = rowOf(quint64(child.internalId()));
    return row >= 0 ? createIndex(row, 0, quintptr(0)) : QModelIndex();
}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_entries.size());
    if (parent.internalId() != 0 || parent.row() >= int(m_entries.size()))
        return 0;
    return int(m_entries[size_t(parent.row())].folded.size());
}

int EventsModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QString EventsModel::foldText(const Entry &entry) const
{
    const QString seconds = QLocale().toString(double(entry.lastMs - entry.event.timeMs) / 1000.0, 'f', 1);
    const int n = int(std::min<quint64>(entry.count, quint64(std::numeric_limits<int>::max())));
    switch (entry.event.kind) {
    case SessionEvent::Kind::Joined: return tr("%Ln member(s) joined in %1 s", nullptr, n).arg(seconds);
    case SessionEvent::Kind::Left: return tr("%Ln member(s) left in %1 s", nullptr, n).arg(seconds);
    default: return tr("%Ln connection(s) closed or refused before joining in %1 s", nullptr, n).arg(seconds);
    }
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const bool child = index.internalId() != 0;
    const int top = child ? rowOf(quint64(index.internalId())) : index.row();
    if (top < 0 || top >= int(m_entries.size()))
        return {};
    const Entry &entry = m_entries[size_t(top)];
    if (child && index.row() >= int(entry.folded.size()))
        return {};
    const bool isFold = !child && !entry.folded.empty();
    const SessionEvent &e = child ? entry.folded[size_t(index.row())] : entry.event;
    switch (role) {
    case Qt::DisplayRole:
        if (child)
            return QString(QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss.zzz  ")) + e.text);
        return QString(QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss  "))
                       + (isFold ? foldText(entry) : e.text));
    case Qt::ToolTipRole:
        if (!isFold)
            return {};
        if (entry.count > entry.folded.size()) {
            return tr("Expand to see each event. The oldest %Ln are no longer listed.", nullptr,
                      int(entry.count - entry.folded.size()));
        }
        return tr("Expand to see each event.");
    case Qt::FontRole:
        if (isFold) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        switch (e.kind) {
        case SessionEvent::Kind::Joined: return QBrush(QColor(0x2e, 0x7d, 0x32));
        case SessionEvent::Kind::Left: return QBrush(QPalette().color(QPalette::PlaceholderText));
        case SessionEvent::Kind::Dropped:
        case SessionEvent::Kind::Problem: return QBrush(QColor(0xc6, 0x28, 0x28));
        default: return {};
        }
    case CountRole:
        return isFold ? QVariant(entry.count) : QVariant(quint64(1));
    default:
        return {};
    }
}

void EventsModel::append(std::vector<SessionEvent> &&events)
{
    std::vector<Entry> top;            // new rows at the top level, in order
    std::vector<Pending> children;     // new events under existing folds
    for (SessionEvent &e : events) {
        const int b = burstIndex(e.kind);
        if (b < 0) {
            top.push_back({m_nextId++, std::move(e), {}, 1, 0});
            continue;
        }
        Burst &burst = m_bursts[size_t(b)];
        if (e.timeMs - burst.lastMs > BurstGapMs || (burst.fold != 0 && rowOf(burst.fold) < 0))
            burst = {};
        burst.lastMs = std::max(burst.lastMs, e.timeMs);
        if (burst.fold != 0) {
            auto it = std::find_if(children.begin(), children.end(), [&](const Pending &p) { return p.fold == burst.fold; });
            if (it == children.end())
                it = children.insert(it, {burst.fold, {}});
            it->events.push_back(std::move(e));
            continue;
        }
        const quint64 id = m_nextId++;
        top.push_back({id, std::move(e), {}, 1, 0});
        burst.singles.push_back(id);
        if (burst.singles.size() >= size_t(FoldAfter)) {
            flush(top, children);
            fold(burst);
        }
    }
    flush(top, children);
}

void EventsModel::flush(std::vector<Entry> &top, std::vector<Pending> &children)
{
    for (Pending &p : children) {
        const int row = rowOf(p.fold);
        if (row < 0 || p.events.empty())
            continue;
        Entry &entry = m_entries[size_t(row)];
        const QModelIndex parent = index(row, 0);
        const int first = int(entry.folded.size());
        beginInsertRows(parent, first, first + int(p.events.size()) - 1);
        for (SessionEvent &e : p.events) {
            entry.lastMs = std::max(entry.lastMs, e.timeMs);
            entry.folded.push_back(std::move(e));
        }
        entry.count += p.events.size();
        endInsertRows();
        const int excess = int(entry.folded.size()) - FoldCapacity;
        if (excess > 0) {
            beginRemoveRows(parent, 0, excess - 1);
            entry.folded.erase(entry.folded.begin(), entry.folded.begin() + excess);
            endRemoveRows();
        }
        Q_EMIT dataChanged(parent, parent);
    }
    children.clear();
    if (top.empty())
        return;
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(top.size()) - 1);
    for (Entry &e : top)
        m_entries.push_back(std::move(e));
    endInsertRows();
    top.clear();
    const int excess = int(m_entries.size()) - Capacity;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + excess);
        endRemoveRows();
    }
}

void EventsModel::fold(Burst &burst)
{
    std::vector<int> rows;
    for (quint64 id : burst.singles) {
        if (const int r = rowOf(id); r >= 0)
            rows.push_back(r);
    }
    burst.singles.clear();
    if (rows.empty())
        return;
    // The first row of the burst becomes the fold; the others move under it.
    std::vector<SessionEvent> moved;
    for (size_t k = rows.size() - 1; k >= 1; --k) {
        size_t first = k;
        while (first > 1 && rows[first - 1] + 1 == rows[first])
            --first;
        beginRemoveRows({}, rows[first], rows[k]);
        for (size_t j = k + 1; j-- > first;)
            moved.push_back(std::move(m_entries[size_t(rows[j])].event));
        m_entries.erase(m_entries.begin() + rows[first], m_entries.begin() + rows[k] + 1);
        endRemoveRows();
        k = first;
    }
    std::reverse(moved.begin(), moved.end());
    Entry &entry = m_entries[size_t(rows.front())];
    const QModelIndex parent = index(rows.front(), 0);
    beginInsertRows(parent, 0, int(moved.size()));
    entry.folded.push_back(entry.event);
    entry.lastMs = entry.event.timeMs;
    for (SessionEvent &e : moved) {
        entry.lastMs = std::max(entry.lastMs, e.timeMs);
        entry.folded.push_back(std::move(e));
    }
    entry.count = entry.folded.size();
    endInsertRows();
    Q_EMIT dataChanged(parent, parent);
    burst.fold = entry.id;
}

void EventsModel::add(SessionEvent::Kind kind, const QString &text)
{
    append({SessionEvent{QDateTime::currentMSecsSinceEpoch(), kind, text}});
}

void EventsModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_bursts = {};
    endResetModel();
}

} // namespace daffi::ui
