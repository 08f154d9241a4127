#include "executor.h"

namespace daffi {

ThreadPoolExecutor::ThreadPoolExecutor(int workers)
{
    m_pool.setMaxThreadCount(std::max(1, workers));
    m_pool.setExpiryTimeout(-1);   // keep the threads: callbacks arrive all the time
}

ThreadPoolExecutor::~ThreadPoolExecutor()
{
    m_pool.waitForDone();
}

void ThreadPoolExecutor::post(std::function<void()> task)
{
    m_pool.start(std::move(task));
}

} // namespace daffi
