#pragma once

#include "callring.h"
#include "monitorfeedclient.h"
#include "session.h"

#include <core/node/client.h>
#include <core/transport/endpoint.h>

#include <QThread>

class QTimer;

namespace daffi::ui {

class MonitorMirror;

// Whom to join, and where that router's monitor API is (optional).
struct RemoteOptions
{
    QString url;                   // tcp://host:port, tls://host:port, unix:///path or host:port
    MonitorOptions monitor;
};

// Joins another router or a Service with a client of its own (for the composer, and to list
// members). Given the router's monitor API, it sees that router as a hosted console sees its
// own: a MonitorMirror on a thread of its own follows the monitor's feed and answers the snapshot
// requests, so parsing a busy router's JSON never competes with painting. Without a monitor it
// sees only who is a member and what they expose, and keeps the calls this console makes as
// its traffic.
class RemoteSession : public Session
{
    Q_OBJECT

public:
    RemoteSession(const Endpoint &endpoint, const MonitorOptions &monitor, QObject *parent = nullptr);
    ~RemoteSession() override;

    Mode mode() const override { return Mode::Remote; }
    void requestSnapshot(const SnapshotRequest &request, SnapshotCallback done) override;
    Client *client() const override { return m_client; }
    bool isUp() const override;
    QString location() const override;
    quint64 recordOwnCall(const Monitor::CallRecord &record) override;
    bool fetchesPayloads() const override { return hasMonitor(); }
    void fetchPayload(quint64 seq, std::function<void(PayloadFetch &&)> done) override;

    bool hasMonitor() const { return !m_monitor.isEmpty(); }
    const MonitorOptions &monitorOptions() const { return m_monitor; }
    MonitorFeedClient::State monitorState() const { return m_monitorState; }

private:
    void note(SessionEvent::Kind kind, const QString &text);
    void clientStateChanged(Client::State state);
    void sample();
    Snapshot ownSnapshot(const SnapshotRequest &request);
    QList<MemberSnapshot> clientMembers() const;

    Endpoint m_endpoint;
    MonitorOptions m_monitor;
    Client *m_client;
    bool m_joinedBefore = false;
    std::vector<SessionEvent> m_events;

    // With a monitor: the mirror lives on m_thread and is touched only there.
    QThread m_thread;
    QObject *m_context = nullptr;
    MonitorMirror *m_mirror = nullptr;
    MonitorFeedClient::State m_monitorState = MonitorFeedClient::State::Connecting;

    // Without one: this console's own calls.
    CallRing m_calls;
    Monitor::Totals m_totals;
    Monitor::Totals m_lastTotals;
    std::vector<Monitor::Sample> m_history;
    QTimer *m_sampler = nullptr;
    qint64 m_lastSampleMs = 0;
};

} // namespace daffi::ui
