#pragma once

#include "monitor.h"
#include "monitorserver.h"
#include "ratehistory.h"

namespace daffi {

class RouterHost;

// A router's monitor as daffi-router, the console's embedded router and Python's Router run
// it: the Monitor and the RateHistory watching the router, and the MonitorServer that serves
// them on the monitor port. Lives on the router's thread. The router pays for observation only
// while one of these exists.
class RouterMonitor : public QObject
{
    Q_OBJECT

public:
    explicit RouterMonitor(RouterHost *host, const Monitor::Options &options = {}, QObject *parent = nullptr);

    // Starts (or restarts) the monitor API; false and a sentence a person can act on if it cannot.
    bool listen(const MonitorServer::Options &options, QString *error);
    void close() { m_server.close(); }

    Monitor &monitor() { return m_monitor; }
    RateHistory &rates() { return m_rates; }
    MonitorServer &server() { return m_server; }
    QString url() const { return m_server.url(); }

    // Monitor options for a router that serves payloads only if `keepPayloads`.
    static Monitor::Options options(bool keepPayloads, int ringCapacity = Monitor::Options{}.ringCapacity);

private:
    Monitor m_monitor;
    RateHistory m_rates;
    MonitorServer m_server;
};

} // namespace daffi
