#include "routermonitor.h"

#include <core/node/routerhost.h>

namespace daffi {

RouterMonitor::RouterMonitor(RouterHost *host, const Monitor::Options &options, QObject *parent)
    : QObject(parent), m_monitor(host->router(), options), m_rates(&m_monitor, host->router()),
      m_server(&m_monitor, &m_rates)
{
    m_monitor.watch(host->listener());
    m_server.setListenUrls([host] { return host->urls(); });
}

bool RouterMonitor::listen(const MonitorServer::Options &options, QString *error)
{
    return m_server.listen(options, error);
}

Monitor::Options RouterMonitor::options(bool keepPayloads, int ringCapacity)
{
    Monitor::Options o;
    o.ringCapacity = ringCapacity;
    if (!keepPayloads)
        o.payloadRetention = -1;
    return o;
}

} // namespace daffi
