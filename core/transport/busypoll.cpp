#include "busypoll.h"

#include <QObject>
#include <QThread>
#include <QTimerEvent>

#include <algorithm>
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
// Per frame only a flag is set; the clock is read once per loop pass (or per wake-up).
class Poller : public QObject
{
public:
    void received()
    {
        m_in = true;
        if (m_timer == 0) {
            // Woken from sleep by a frame: if it came within the longest window of the last frame
            // in or out, polling that long would have caught it, so widen the window to cover such
            // a gap.
            const qint64 now = nowNs();
            const qint64 gap = now - m_lastActive;
            if (gap < windowNs.load(std::memory_order_relaxed))
                m_window = std::max(m_window, std::min(windowNs.load(std::memory_order_relaxed), gap + gap / 2 + floor()));
            m_lastActive = now;
            open(now);
        }
    }

    void sent()
    {
        m_out = true;
        if (m_timer == 0) {
            m_lastActive = nowNs();
            open(m_lastActive);   // an answer may come back soon
        }
    }

    qint64 window() const { return m_window; }

protected:
    void timerEvent(QTimerEvent *) override
    {
        const qint64 now = nowNs();
        if (std::exchange(m_in, false)) {
            m_lastActive = now;
            grow();   // a frame arrived while polling: that is what polling is for
            m_until = now + m_window;
        } else if (std::exchange(m_out, false)) {
            m_lastActive = now;
            m_until = std::max(m_until, now + m_window);
        }
        if (now < m_until && windowNs.load(std::memory_order_relaxed) > 0) {
            sched_yield();   // a thread waiting for this CPU (often the one we wait for) goes first
            return;
        }
        // Ran out with nothing received: poll less next time.
        m_window /= 2;
        if (m_window < floor())
            m_window = 0;
        killTimer(m_timer);
        m_timer = 0;
    }

private:
    static qint64 floor() { return windowNs.load(std::memory_order_relaxed) / 8; }

    void grow()
    {
        const qint64 max = windowNs.load(std::memory_order_relaxed);
        m_window = std::min(max, std::max(m_window * 2, floor()));
    }

    void open(qint64 now)
    {
        m_window = std::min(m_window, windowNs.load(std::memory_order_relaxed));
        if (m_window <= 0)
            return;
        m_until = now + m_window;
        m_timer = startTimer(0, Qt::PreciseTimer);
    }

    qint64 m_window = windowNs.load(std::memory_order_relaxed);
    qint64 m_until = 0;
    qint64 m_lastActive = 0;   // the last frame in or out
    int m_timer = 0;
    bool m_in = false;
    bool m_out = false;
};

Poller *poller()
{
    // Owned by the thread: deleted when it finishes (or never, for a thread that only ends with
    // the process).
    thread_local Poller *p = [] {
        auto *created = new Poller;
        if (QThread *t = QThread::currentThread())
            QObject::connect(t, &QThread::finished, created, [created] { delete created; }, Qt::DirectConnection);
        return created;
    }();
    return p;
}

} // namespace

void BusyPoll::received()
{
    if (windowNs.load(std::memory_order_relaxed) > 0)
        poller()->received();
}

void BusyPoll::sent()
{
    if (windowNs.load(std::memory_order_relaxed) > 0)
        poller()->sent();
}

std::chrono::microseconds BusyPoll::currentWindow()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::nanoseconds(poller()->window()));
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
