#include "executor.h"

namespace daffi {

ThreadPoolExecutor::ThreadPoolExecutor(int workers)
{
    for (int i = 0; i < std::max(1, workers); ++i)
        m_threads.emplace_back([this] { run(); });
}

ThreadPoolExecutor::~ThreadPoolExecutor()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_ready.notify_all();
    for (std::thread &t : m_threads)
        t.join();
}

void ThreadPoolExecutor::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_ready.notify_one();
}

void ThreadPoolExecutor::run()
{
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(m_mutex);
            m_ready.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
            if (m_tasks.empty())
                return;   // stopping and drained
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        task();
    }
}

} // namespace daffi
