#pragma once

#include "session.h"

#include <core/transport/endpoint.h>

class QTimer;

namespace daffi::ui {

// Joins another router or a Service as an observer client. It sees the members (and what they
// expose) but not other members' traffic: its traffic view shows the calls this console makes.
class RemoteSession : public Session
{
    Q_OBJECT

public:
    explicit RemoteSession(const Endpoint &endpoint, QObject *parent = nullptr);
    ~RemoteSession() override;

    Mode mode() const override { return Mode::Remote; }
    void requestSnapshot(const SnapshotRequest &request, SnapshotCallback done) override;
    Client *client() const override { return m_client; }
    bool isUp() const override;
    QString location() const override;
    quint64 recordOwnCall(const Monitor::CallRecord &record) override;

private:
    void note(SessionEvent::Kind kind, const QString &text);
    void sample();

    Endpoint m_endpoint;
    Client *m_client;
    std::vector<Monitor::CallRecord> m_calls;     // ring
    quint64 m_nextSeq = 1;
    Monitor::Totals m_totals;
    Monitor::Totals m_lastTotals;
    std::vector<Monitor::Sample> m_history;
    std::vector<SessionEvent> m_events;
    QTimer *m_sampler;
    qint64 m_lastSampleMs = 0;
};

} // namespace daffi::ui
