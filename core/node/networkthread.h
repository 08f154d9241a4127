#pragma once

#include <QObject>
#include <QThread>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <type_traits>

class QCoreApplication;

namespace daffi {

// An event-loop thread for daffi nodes in programs that have no Qt event loop of their own
// (the Python package, plain C++ programs). Qt delivers no events without a QCoreApplication, so
// when the process has none this thread creates it and runs it; otherwise it is a QThread.
// Create nodes with create<T>(...) (they then live on this thread) and use their thread-safe API
// from anywhere.
class NetworkThread
{
public:
    static NetworkThread &instance();

    QThread *thread() const { return m_context->thread(); }
    bool isCurrent() const { return QThread::currentThread() == thread(); }

    // Runs `f` on the network thread and returns its result; runs it directly when called there.
    template <typename F>
    auto invoke(F &&f) -> std::invoke_result_t<F>
    {
        if (isCurrent())
            return f();
        if constexpr (std::is_void_v<std::invoke_result_t<F>>) {
            QMetaObject::invokeMethod(m_context, std::forward<F>(f), Qt::BlockingQueuedConnection);
        } else {
            std::invoke_result_t<F> result{};
            QMetaObject::invokeMethod(m_context, [&] { result = f(); }, Qt::BlockingQueuedConnection);
            return result;
        }
    }

    // Constructs a T on the network thread; delete it with destroy().
    template <typename T, typename... Args>
    T *create(Args &&...args)
    {
        return invoke([&] { return new T(std::forward<Args>(args)...); });
    }
    void destroy(QObject *object)
    {
        invoke([object] { delete object; });
    }

    // Stops the loop and joins the thread (idempotent); nothing may be invoked afterwards.
    void shutdown();

private:
    NetworkThread();
    ~NetworkThread();

    QObject *m_context = nullptr;
    QThread *m_qthread = nullptr;       // when the process already has a QCoreApplication
    std::thread m_thread;               // when we own the QCoreApplication
    QCoreApplication *m_app = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_started;
    bool m_running = false;
};

} // namespace daffi
