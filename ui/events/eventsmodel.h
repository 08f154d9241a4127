#pragma once

#include <ui/session/snapshot.h>

#include <QAbstractItemModel>

#include <array>
#include <deque>

namespace daffi::ui {

// What happened to the network, newest last: joins, leaves, refused connections, problems.
//
// Storms fold: when joins (or leaves, or connections closed before joining) come in a burst,
// FoldAfter of them each within BurstGapMs of the one before, they become one row, "1,000
// members joined in 0.8 s", and every later one of the burst goes under it. The events
// themselves are its children. A batch is told to views with one insert per parent.
class EventsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role { CountRole = Qt::UserRole + 1 };   // events a row stands for (1 unless folded)

    static constexpr int Capacity = 2000;          // rows at the top level
    static constexpr int FoldCapacity = 10000;     // events kept under one row (the newest)
    static constexpr int FoldAfter = 5;
    static constexpr qint64 BurstGapMs = 1000;

    explicit EventsModel(QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void append(std::vector<SessionEvent> &&events);
    void add(SessionEvent::Kind kind, const QString &text);
    void clear();

private:
    struct Entry
    {
        quint64 id = 0;                    // ascending with the row: children find their parent by it
        SessionEvent event;                // the event, or the first of a fold
        std::deque<SessionEvent> folded;   // a fold's events; empty for a single event
        quint64 count = 1;                 // events in the burst (folded lets the oldest go)
        qint64 lastMs = 0;
    };
    struct Burst
    {
        qint64 lastMs = 0;
        std::vector<quint64> singles;      // rows of the burst not folded yet
        quint64 fold = 0;                  // the burst's fold, once there is one
    };
    struct Pending
    {
        quint64 fold = 0;
        std::vector<SessionEvent> events;
    };

    static int burstIndex(SessionEvent::Kind kind);
    int rowOf(quint64 id) const;
    QString foldText(const Entry &entry) const;
    void flush(std::vector<Entry> &top, std::vector<Pending> &children);
    void fold(Burst &burst);

    std::deque<Entry> m_entries;
    std::array<Burst, 3> m_bursts;         // joined, left, dropped
    quint64 m_nextId = 1;
};

} // namespace daffi::ui
