#pragma once

#include <core/transport/tlsconfig.h>

#include <QStringList>

class QCommandLineParser;

namespace daffi {

class ConfigFileParser;
class RouterHost;
class RouterMonitor;

// What SIGHUP (systemctl reload) changes in a running daffi-router. It reads the config file
// and the TLS files again and applies, without dropping anyone:
//   - the TLS certificate, key and client CA of the daffi port and of the monitor port: peers
//     that connect from now on get them, connected ones keep what they have;
//   - the log level.
// Other options that differ from those the router started with take a restart: the log names
// them, and they keep their running values. A reload that fails (the config file is wrong now,
// a TLS file does not load, TLS or client certificates would be switched on or off) changes
// nothing and says why.
class RouterReloader
{
public:
    // What a reload can change, as the options give it.
    struct Reloadable
    {
        TlsServerFiles tls;          // the daffi port's; no certificate: no TLS
        TlsServerFiles monitorTls;   // the monitor port's: by default the daffi port's files
        QString logLevel;
    };
    static Reloadable read(const QCommandLineParser &options);

    // `monitor` is null without a monitor port. All three outlive the reloader.
    RouterReloader(const ConfigFileParser &started, RouterHost *host, RouterMonitor *monitor);

    // Logs what it changed, or why nothing; false when it changed nothing for a problem.
    bool reload();

private:
    QStringList restartOnly(const ConfigFileParser &now) const;

    const ConfigFileParser &m_started;
    RouterHost *m_host;
    RouterMonitor *m_monitor;
};

} // namespace daffi
