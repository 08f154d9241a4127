#pragma once

#include "callring.h"
#include "monitorfeedclient.h"

#include <deque>

namespace daffi::ui {

// A remote router as its monitor shows it: members with their counters, the newest calls and
// their answers, rates, per-function latency and events, taken from the feed and handed out as
// the same Snapshots the embedded router's Core builds, so no model knows where data comes from.
// Lives on the monitor thread with its MonitorFeedClient.
//
// Sequence numbers are the console's own: a record's is the router's plus the base of the
// router's instance, which moves past every number shown so far when the router restarts. So a
// restart never shows a record twice nor reuses a row.
class MonitorMirror : public QObject
{
    Q_OBJECT

public:
    MonitorMirror(const MonitorOptions &options, size_t ringCapacity, QObject *parent = nullptr);
    MonitorMirror(const MonitorOptions &options, const MonitorFeedClient::Timing &timing, size_t ringCapacity,
                  QObject *parent = nullptr);

    void start() { m_feed->start(); }
    MonitorFeedClient *feed() const { return m_feed; }
    // `membersKnown` is false until the first hello: the session then lists members another way.
    Snapshot snapshot(const SnapshotRequest &request, bool *membersKnown);
    void fetchPayload(quint64 seq, std::function<void(PayloadFetch &&)> done);

private:
    void hello(const QJsonObject &message, bool newInstance);
    void batch(const QJsonObject &message);
    void takeCalls(const QJsonArray &calls);
    void takeAnswers(const QJsonArray &answers);
    void takeEvents(const QJsonArray &events);
    void applyToMembers(const EventLog::Event &event);
    void takeSamples(const QJsonArray &points);
    void note(SessionEvent::Kind kind, const QString &text);

    MonitorFeedClient *m_feed;
    CallRing m_calls;
    quint64 m_base = 0;                       // local seq = m_base + the router's
    bool m_helloSeen = false;
    quint64 m_eventsShownInHello = 0;         // events up to this one are in the hello's members
    QList<MemberSnapshot> m_members;
    Monitor::Totals m_totals;
    std::deque<Monitor::Sample> m_samples;
    quint64 m_rateSample = 0;
    qint64 m_rateTimeMs = 0;
    std::vector<RatePoint> m_rates;
    std::optional<std::vector<Monitor::FunctionView>> m_functions;
    std::vector<SessionEvent> m_events;
};

} // namespace daffi::ui
