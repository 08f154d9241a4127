#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace daffi {

// Where callbacks run: never on the network thread. The Python package plugs in its own (a pool
// of Python threads); C++ programs get a thread pool.
class Executor
{
public:
    virtual ~Executor() = default;
    // Runs `task` some time later on a thread of the executor's choosing. Thread-safe.
    virtual void post(std::function<void()> task) = 0;
};

// Runs each task at once on the posting thread. Only for asynchronous callbacks that merely hand
// the request on (e.g. to a queue Python threads take from): they must never block.
class InlineExecutor final : public Executor
{
public:
    void post(std::function<void()> task) override { task(); }
};

// `workers` threads; with one worker, tasks run in the order they were posted (the reference's
// FIFO task queue), which keeps stream chunks in order.
// Plain std threads (not QThreadPool) so ThreadSanitizer sees every hand-off.
class ThreadPoolExecutor final : public Executor
{
public:
    explicit ThreadPoolExecutor(int workers = 1);
    ~ThreadPoolExecutor() override;   // runs what is queued, then joins
    void post(std::function<void()> task) override;
    int workers() const { return int(m_threads.size()); }

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::function<void()>> m_tasks;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace daffi
