#pragma once

#include <QByteArrayList>

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace daffi::ui::bench {

// Many members on raw TCP sockets, all served by one thread with epoll, for the sizes a client
// per thread cannot reach (10,000 members). Each connects, sends the probe and its hello, waits
// for the router's answer and from then on reads and discards whatever the router sends it (the
// joins and leaves of the whole network), so the router never has to queue for it. Members can
// be added while it runs, and churn keeps a steady flow of short-lived ones: `perSecond` join a
// second and each leaves (closes its socket) `lifetime` after its hello was answered.
//
// At most MaxPending members are connecting or waiting for their answer at a time: a router
// that takes longer makes the others wait here, not in its listen backlog.
class MemberPool
{
public:
    static constexpr int MaxPending = 64;

    struct Spec
    {
        QByteArray name;
        QByteArrayList methods;         // empty: a caller ("methods": null)
    };
    struct Counts
    {
        int joined = 0;                 // answered and still connected
        quint64 joins = 0;              // answers received in all
        quint64 leaves = 0;             // closed by us after joining (churn)
        quint64 dropped = 0;            // closed by the router
        quint64 failed = 0;             // could not connect, or refused before joining
        int waiting = 0;                // not connected yet, or not answered yet
    };

    explicit MemberPool(quint16 port);
    ~MemberPool();
    MemberPool(const MemberPool &) = delete;
    MemberPool &operator=(const MemberPool &) = delete;

    void add(std::vector<Spec> members);
    // perSecond 0 stops the churn (members already in it still leave on time).
    void setChurn(double perSecond, std::chrono::milliseconds lifetime, const QByteArray &prefix,
                  const QByteArrayList &methods = {});
    Counts counts() const;

private:
    using Clock = std::chrono::steady_clock;
    struct Socket;
    struct Churn
    {
        double perSecond = 0;
        std::chrono::milliseconds lifetime{1000};
        QByteArray prefix;
        QByteArrayList methods;
    };

    struct Waiting
    {
        Spec spec;
        bool churner = false;
    };

    void run();
    void startWaiting();
    void connectOne(Waiting &&waiting);
    void onEvent(quint32 slot, quint32 events);
    void closeSocket(quint32 slot);
    void churn(Clock::time_point now);

    const quint16 m_port;
    int m_epoll = -1;
    int m_wake = -1;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};

    mutable std::mutex m_mutex;         // guards m_incoming, m_churnWanted
    std::vector<Spec> m_incoming;
    Churn m_churnWanted;
    bool m_churnChanged = false;

    // The pool thread's own.
    std::vector<std::unique_ptr<Socket>> m_sockets;
    std::vector<quint32> m_free;
    std::deque<Waiting> m_waiting;
    std::deque<std::pair<quint32, quint64>> m_churners;   // joined churn members (slot, serial), oldest first
    quint64 m_serial = 0;
    Churn m_churn;
    Clock::time_point m_churnSince;
    quint64 m_churnStarted = 0;
    quint64 m_churnNumber = 0;
    int m_pending = 0;

    std::atomic<int> m_joined{0};
    std::atomic<quint64> m_joins{0};
    std::atomic<quint64> m_leaves{0};
    std::atomic<quint64> m_dropped{0};
    std::atomic<quint64> m_failed{0};
    std::atomic<int> m_waitingCount{0};
};

} // namespace daffi::ui::bench
