#include "networkthread.h"

#include <QCoreApplication>

namespace daffi {

namespace {
int appArgc = 1;
char appName[] = "daffi";
char *appArgv[] = {appName, nullptr};
} // namespace

NetworkThread &NetworkThread::instance()
{
    static NetworkThread thread;
    return thread;
}

NetworkThread::NetworkThread()
{
    if (QCoreApplication::instance()) {
        m_qthread = new QThread;
        m_qthread->setObjectName(QStringLiteral("daffi-network"));
        m_context = new QObject;
        m_context->moveToThread(m_qthread);
        m_qthread->start();
        m_running = true;
        return;
    }
    // Everything Qt happens on this thread from its first line, so Qt takes it for the main one.
    m_thread = std::thread([this] {
        QCoreApplication app(appArgc, appArgv);
        QObject context;
        {
            std::lock_guard lock(m_mutex);
            m_app = &app;
            m_context = &context;
            m_running = true;
        }
        m_started.notify_all();
        app.exec();
        std::lock_guard lock(m_mutex);
        m_context = nullptr;
        m_app = nullptr;
    });
    std::unique_lock lock(m_mutex);
    m_started.wait(lock, [this] { return m_running; });
}

NetworkThread::~NetworkThread()
{
    shutdown();
}

void NetworkThread::shutdown()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_qthread) {
        QMetaObject::invokeMethod(m_context, [ctx = m_context] { delete ctx; }, Qt::QueuedConnection);
        m_qthread->quit();
        m_qthread->wait();
        delete m_qthread;
        m_qthread = nullptr;
        return;
    }
    QMetaObject::invokeMethod(m_app, &QCoreApplication::quit, Qt::QueuedConnection);
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace daffi
