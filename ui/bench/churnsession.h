#pragma once

#include "memberpool.h"

#include <ui/session/session.h>

#include <QThread>

#include <memory>

namespace daffi::ui::bench {

// A network that exists only in snapshots, for the console's side of sizes this machine's router
// cannot produce: 1,000 joins and 1,000 leaves a second among 10,000 members are 20 million
// announcements a second for a real router to send (each event goes to every member). It hands
// the console what HostedSession would: every member with its counters, the join and leave
// events (at most 2,000 between two snapshots, as HostedSession keeps), call records, rate
// samples; built on a thread of its own, as HostedSession builds them on the router's thread.
//
// The steady members all join in the first snapshot (a join storm); then `churn` callers a
// second join and each leaves `lifetimeMs` later; calls flow from the first `active` "web-"
// members to the first `active` "inventory-" members at `callsPerSecond`.
class ChurnSession : public Session
{
    Q_OBJECT

public:
    struct Options
    {
        double churn = 0;
        int lifetimeMs = 1000;
        double callsPerSecond = 0;
        int active = 256;        // callers, and as many workers, the calls are spread over
    };

    ChurnSession(std::vector<MemberPool::Spec> members, const Options &options, QObject *parent = nullptr);
    ~ChurnSession() override;

    Mode mode() const override { return Mode::Hosted; }
    void requestSnapshot(const SnapshotRequest &request, SnapshotCallback done) override;
    Client *client() const override { return nullptr; }
    bool isUp() const override { return true; }
    QString location() const override;

    quint64 joins() const;       // churn joins so far
    quint64 leaves() const;

private:
    struct Network;
    QThread m_thread;
    QObject *m_context;          // lives on m_thread
    std::unique_ptr<Network> m_network;
    int m_members;
};

} // namespace daffi::ui::bench
