#include "routerhost.h"

namespace daffi {

RouterHost::RouterHost(const Router::Options &options, QObject *parent)
    : QObject(parent), m_router(new Router(options, this)), m_listener(new Listener(this))
{
    connect(m_listener, &Listener::newConnection, m_router, &Router::addConnection);
}

bool RouterHost::listen(const Listener::Options &options, QString *error)
{
    return m_listener->listen(options, error);
}

void RouterHost::stop()
{
    m_listener->close();
}

} // namespace daffi
