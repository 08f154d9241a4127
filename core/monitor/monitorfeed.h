#pragma once

#include "monitorjson.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <list>
#include <memory>

class QTimer;
class QWebSocket;

namespace daffi {

// The live feed (/api/v1/feed): every observer gets, at most ten times a second, one text
// message with what happened since its previous one: new call records, answers, events (member
// changes among them), and once per sample the rates, totals and the counters of the members
// that were active. Each observer has its own cursors into the Monitor's rings, so a reconnecting
// observer resumes where it stopped and sees nothing twice.
//
// An observer never slows the router or grows its memory: a batch is built only for an observer
// whose socket has less than maxQueuedBytes waiting; one that stays above it keeps its cursors
// while the rings move on, and its next batch says in `lost` how many records it missed. One
// whose socket makes no progress for stallTimeout is closed.
class MonitorFeed : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        std::chrono::milliseconds interval = std::chrono::milliseconds(100);
        qint64 maxQueuedBytes = 2 * 1024 * 1024;
        size_t maxRecordsPerBatch = 2000;    // per kind: 20,000 call records a second, as the hosted console takes
        std::chrono::milliseconds stallTimeout = std::chrono::seconds(30);
        int maxObservers = 16;
    };

    struct Cursors
    {
        std::optional<quint64> calls;      // nullopt: from now on
        std::optional<quint64> answers;
        std::optional<quint64> events;
    };

    MonitorFeed(const Monitor *monitor, const RateHistory *rates, std::function<MonitorJson::RouterInfo()> info,
                const Options &options, QObject *parent = nullptr);
    ~MonitorFeed() override;

    bool isFull() const { return int(m_observers.size()) >= m_options.maxObservers; }
    // Takes the socket (an upgraded monitor connection) and sends it the hello at once.
    void add(std::unique_ptr<QWebSocket> socket, const Cursors &from, bool payloads);
    int observers() const { return int(m_observers.size()); }
    quint64 dropped() const { return m_dropped; }

private:
    struct Observer;
    void tick();
    void send(Observer &o);
    void skipOverwritten(Observer &o);
    void remove(QWebSocket *socket);

    const Monitor *m_monitor;
    const RateHistory *m_rates;
    std::function<MonitorJson::RouterInfo()> m_info;
    Options m_options;
    QTimer *m_timer;
    std::list<std::unique_ptr<Observer>> m_observers;
    quint64 m_dropped = 0;
};

} // namespace daffi
