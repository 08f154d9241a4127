#pragma once

#include <QThreadPool>

#include <functional>

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
class ThreadPoolExecutor final : public Executor
{
public:
    explicit ThreadPoolExecutor(int workers = 1);
    ~ThreadPoolExecutor() override;
    void post(std::function<void()> task) override;
    int workers() const { return m_pool.maxThreadCount(); }
    void waitForDone() { m_pool.waitForDone(); }

private:
    QThreadPool m_pool;
};

} // namespace daffi
