#pragma once

#include <ui/session/snapshot.h>

#include <QAbstractListModel>

#include <deque>

namespace daffi::ui {

// What happened to the network, newest last: joins, leaves, refused connections, problems.
class EventsModel : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit EventsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void append(std::vector<SessionEvent> &&events);
    void add(SessionEvent::Kind kind, const QString &text);
    void clear();
    static constexpr int Capacity = 2000;

private:
    std::deque<SessionEvent> m_events;
};

} // namespace daffi::ui
