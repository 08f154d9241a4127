#include "eventsmodel.h"

#include <QBrush>
#include <QDateTime>
#include <QPalette>

namespace daffi::ui {

EventsModel::EventsModel(QObject *parent) : QAbstractListModel(parent) {}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_events.size()))
        return {};
    const SessionEvent &e = m_events[size_t(index.row())];
    if (role == Qt::DisplayRole)
        return QString(QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss  ")) + e.text);
    if (role == Qt::ForegroundRole) {
        switch (e.kind) {
        case SessionEvent::Kind::Joined: return QBrush(QColor(0x2e, 0x7d, 0x32));
        case SessionEvent::Kind::Left: return QBrush(QPalette().color(QPalette::PlaceholderText));
        case SessionEvent::Kind::Dropped:
        case SessionEvent::Kind::Problem: return QBrush(QColor(0xc6, 0x28, 0x28));
        default: break;
        }
    }
    return {};
}

void EventsModel::append(std::vector<SessionEvent> &&events)
{
    if (events.empty())
        return;
    if (events.size() > size_t(Capacity))
        events.erase(events.begin(), events.end() - Capacity);
    const int excess = int(m_events.size() + events.size()) - Capacity;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_events.erase(m_events.begin(), m_events.begin() + excess);
        endRemoveRows();
    }
    beginInsertRows({}, int(m_events.size()), int(m_events.size() + events.size()) - 1);
    for (SessionEvent &e : events)
        m_events.push_back(std::move(e));
    endInsertRows();
}

void EventsModel::add(SessionEvent::Kind kind, const QString &text)
{
    append({SessionEvent{QDateTime::currentMSecsSinceEpoch(), kind, text}});
}

void EventsModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

} // namespace daffi::ui
