#include "routerreloader.h"

#include "configfileparser.h"
#include "logging.h"
#include "systemdnotifier.h"

#include <core/monitor/routermonitor.h>
#include <core/node/routerhost.h>

#include <QLoggingCategory>

#include <optional>

namespace daffi {

Q_LOGGING_CATEGORY(lcReload, "daffi.reload", QtInfoMsg)

namespace {

const QStringList ReloadableKeys{QStringLiteral("tls-cert"),         QStringLiteral("tls-key"),
                                 QStringLiteral("tls-ca"),           QStringLiteral("monitor-tls-cert"),
                                 QStringLiteral("monitor-tls-key"),  QStringLiteral("monitor-tls-ca"),
                                 QStringLiteral("log-level")};

// One port's TLS at a reload: the configuration to use from now on (none without TLS), or why not.
struct PortTls
{
    std::optional<QSslConfiguration> config;
    QString problem;
};

PortTls loadTls(const QString &port, const TlsServerFiles &started, const TlsServerFiles &now)
{
    if (started.certificate.isEmpty() != now.certificate.isEmpty())
        return {{}, QStringLiteral("TLS on the %1 is switched on or off by a restart only").arg(port)};
    if (started.clientCa.isEmpty() != now.clientCa.isEmpty())
        return {{}, QStringLiteral("client certificates on the %1 are required, or no longer, by a restart only").arg(port)};
    if (now.certificate.isEmpty())
        return {};
    auto config = serverTlsConfiguration(now);
    if (!config)
        return {{}, QStringLiteral("the TLS files of the %1 do not load: %2").arg(port, config.error().message)};
    return {*config, {}};
}

QString shown(const QStringList &values)
{
    return values.isEmpty() ? QStringLiteral("unset") : u'"' + values.join(QStringLiteral("\", \"")) + u'"';
}

} // namespace

RouterReloader::Reloadable RouterReloader::read(const QCommandLineParser &options)
{
    Reloadable r;
    r.tls = {options.value(QStringLiteral("tls-cert")), options.value(QStringLiteral("tls-key")),
             options.value(QStringLiteral("tls-ca"))};
    const auto own = [&options](const char *name, const QString &otherwise) {
        const QString key = QString::fromLatin1(name);
        return options.isSet(key) ? options.value(key) : otherwise;
    };
    r.monitorTls = {own("monitor-tls-cert", r.tls.certificate), own("monitor-tls-key", r.tls.privateKey),
                    options.value(QStringLiteral("monitor-tls-ca"))};
    r.logLevel = options.value(QStringLiteral("log-level"));
    return r;
}

RouterReloader::RouterReloader(const ConfigFileParser &started, RouterHost *host, RouterMonitor *monitor)
    : m_started(started), m_host(host), m_monitor(monitor)
{
}

bool RouterReloader::reload()
{
    if (qEnvironmentVariableIsSet("XNOTHING")) return true;
    SystemdNotifier::reloading();
    const QString source = m_started.configPath().isEmpty() ? QStringLiteral("the command line") : m_started.configPath();
    qCInfo(lcReload).noquote() << "reloading" << source << "and the TLS files";

    QStringList problems;
    const std::unique_ptr<ConfigFileParser> now = m_started.reread(&problems);
    if (qEnvironmentVariableIsSet("XREREAD")) return true;
    Reloadable wanted;
    PortTls daffiTls;
    PortTls monitorTls;
    if (now) {
        const Reloadable started = read(m_started);
        wanted = read(*now);
        if (qEnvironmentVariableIsSet("XREAD")) return true;
        daffiTls = loadTls(QStringLiteral("daffi port"), started.tls, wanted.tls);
        if (qEnvironmentVariableIsSet("XLOAD")) return true;
        if (m_monitor)
            monitorTls = loadTls(QStringLiteral("monitor port"), started.monitorTls, wanted.monitorTls);
        for (const PortTls *port : {&daffiTls, &monitorTls}) {
            if (!port->problem.isEmpty())
                problems << port->problem;
        }
        if (!Logging::isLevel(wanted.logLevel))
            problems << QStringLiteral("unknown log level \"%1\"; use debug, info, warning or error").arg(wanted.logLevel);
    }
    if (!problems.isEmpty()) {
        for (const QString &p : std::as_const(problems))
            qCWarning(lcReload).noquote() << "reload refused:" << p;
        qCWarning(lcReload) << "nothing was changed: the router goes on as it was";
        SystemdNotifier::ready("Serving; the last reload was refused: " + problems.constFirst().toUtf8());
        return false;
    }

    for (const QString &change : restartOnly(*now))
        qCWarning(lcReload).noquote() << change;
    QStringList done;
    if (!qEnvironmentVariableIsSet("XNOSET") && daffiTls.config && m_host->listener()->setTlsConfiguration(*daffiTls.config))
        done << QStringLiteral("the TLS files of the daffi port");
    if (monitorTls.config && m_monitor->server().setTlsConfiguration(*monitorTls.config))
        done << QStringLiteral("the TLS files of the monitor port");
    if (!qEnvironmentVariableIsSet("XNOLEVEL")) Logging::useLevel(wanted.logLevel);
    done << QStringLiteral("the log level (%1)").arg(wanted.logLevel);
    qCInfo(lcReload).noquote() << "reloaded" << done.join(QStringLiteral(", ")) << "without dropping anyone";
    SystemdNotifier::ready("Serving; reloaded");
    return true;
}

QStringList RouterReloader::restartOnly(const ConfigFileParser &now) const
{
    QStringList out;
    const auto before = m_started.settings();
    const auto after = now.settings();
    for (qsizetype i = 0; i < before.size() && i < after.size(); ++i) {
        const auto &[name, was] = before[i];
        const QStringList &is = after[i].second;
        if (ReloadableKeys.contains(name) || is == was)
            continue;
        out << QStringLiteral("%1 is now %2 (it was %3): that takes a restart (systemctl restart daffi-router), and "
                              "until then the router keeps %3").arg(name, shown(is), shown(was));
    }
    return out;
}

} // namespace daffi
