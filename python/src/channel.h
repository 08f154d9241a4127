#pragma once

// A thread-safe queue with an eventfd, so Python threads can block on it (GIL released) and an
// asyncio loop can watch it with add_reader.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

#include <sys/eventfd.h>
#include <unistd.h>

namespace daffi::python {

template <typename T>
class Channel
{
public:
    Channel() : m_fd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}
    ~Channel()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Channel(const Channel &) = delete;
    Channel &operator=(const Channel &) = delete;

    // The eventfd, for a reader that watches it (asyncio's add_reader). It is signalled only
    // once someone asked for it, and only when the queue goes from empty to not empty: the
    // reader drains everything at once, so one signal per batch is enough.
    int fd()
    {
        if (!m_watched.exchange(true)) {
            std::lock_guard lock(m_mutex);
            if (!m_items.empty())
                write();   // what was queued before anyone watched
        }
        return m_fd;
    }

    void push(T item)
    {
        bool wasEmpty = false;
        {
            std::lock_guard lock(m_mutex);
            if (m_closed)
                return;
            wasEmpty = m_items.empty();
            m_items.push_back(std::move(item));
        }
        m_ready.notify_one();
        if (wasEmpty)
            signal();
    }

    // Waits up to `timeout` (forever when negative). nullopt on timeout or once closed and empty.
    std::optional<T> pop(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        auto ready = [this] { return !m_items.empty() || m_closed; };
        if (timeout.count() < 0)
            m_ready.wait(lock, ready);
        else if (!m_ready.wait_for(lock, timeout, ready))
            return std::nullopt;
        if (m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        return item;
    }

    // Everything queued now, without waiting (for an asyncio reader); clears the eventfd.
    std::deque<T> drain()
    {
        uint64_t count = 0;
        [[maybe_unused]] auto n = ::read(m_fd, &count, sizeof count);
        std::lock_guard lock(m_mutex);
        return std::exchange(m_items, {});
    }

    void close()
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_ready.notify_all();
        signal();
    }
    bool isClosed() const
    {
        std::lock_guard lock(m_mutex);
        return m_closed;
    }

private:
    void signal()
    {
        if (m_watched.load())
            write();
    }
    void write()
    {
        const uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(m_fd, &one, sizeof one);
    }

    int m_fd;
    std::atomic<bool> m_watched{false};
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<T> m_items;
    bool m_closed = false;
};

} // namespace daffi::python
