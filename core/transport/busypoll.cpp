#include "busypoll.h"

#include <QAbstractEventDispatcher>
#include <QObject>
#include <QThread>
#include <QTimerEvent>

#include <atomic>
#include <cstdlib>
#include <utility>

#include <sched.h>

namespace daffi {

namespace {

std::atomic<qint64> windowNs{[] {
    if (const char *env = std::getenv("DAFFI_BUSY_POLL_US")) {
        char *end = nullptr;
        const long long us = std::strtoll(env, &end, 10);
        if (end != env && *end == '\0' && us >= 0 && us <= 1'000'000)
            return qint64(us) * 1000;
    }
    return qint64(std::chrono::nanoseconds(BusyPoll::defaultWindow).count());
}()};

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// One per thread: a zero-interval timer keeps the loop from blocking while the window is open.
// Per frame only a flag is set; the clock is read once per loop pass.
class Poller : public QObject
{
public:
    void touch()
    {
        m_active = true;
        if (m_timer == 0) {
            m_until = nowNs() + windowNs.load(std::memory_order_relaxed);
            m_timer = startTimer(0, Qt::PreciseTimer);
        }
    }

protected:
    void timerEvent(QTimerEvent *) override
    {
        const qint64 now = nowNs();
        if (std::exchange(m_active, false))
            m_until = now + windowNs.load(std::memory_order_relaxed);
        if (now < m_until) {
            sched_yield();   // a thread waiting for this CPU (often the one we wait for) goes first
            return;
        }
        killTimer(m_timer);
        m_timer = 0;
    }

private:
    qint64 m_until = 0;
    int m_timer = 0;
    bool m_active = false;
};

} // namespace

void BusyPoll::activity()
{
    if (windowNs.load(std::memory_order_relaxed) <= 0)
        return;
    // Owned by the thread: deleted when it finishes (or never, for the main thread, which only
    // ends with the process).
    thread_local Poller *poller = [] {
        auto *p = new Poller;
        if (QThread *t = QThread::currentThread())
            QObject::connect(t, &QThread::finished, p, [p] { delete p; }, Qt::DirectConnection);
        return p;
    }();
    poller->touch();
}

void BusyPoll::setWindow(std::chrono::microseconds window)
{
    windowNs.store(std::chrono::duration_cast<std::chrono::nanoseconds>(window).count(),
                   std::memory_order_relaxed);
}

std::chrono::microseconds BusyPoll::window()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::nanoseconds(windowNs.load(std::memory_order_relaxed)));
}

} // namespace daffi
