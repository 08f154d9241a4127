// daffi-console: the operator's window onto a live daffi network.
#include "signalwatcher.h"

#include <ui/session/monitoraccess.h>
#include <ui/window/consolecontroller.h>
#include <ui/window/consolesettings.h>
#include <ui/window/mainwindow.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QTimer>

#include <csignal>
#include <cstdio>

using namespace daffi;
using namespace daffi::ui;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "daffi-console: %s\n", qPrintable(message));
    return 2;
}

std::optional<quint16> portOption(const QCommandLineParser &parser, const QCommandLineOption &option, QString *error)
{
    if (!parser.isSet(option))
        return std::nullopt;
    bool ok = false;
    const uint value = parser.value(option).toUInt(&ok);
    if (!ok || value > 65535) {
        *error = QStringLiteral("--%1 must be a number from 0 to 65535, not \"%2\"").arg(option.names().last(), parser.value(option));
        return std::nullopt;
    }
    return quint16(value);
}

// Qt aborts when it finds no display ("could not load the Qt platform plugin"); an operator on a
// server gets a sentence that says what to run instead.
bool displayAvailable(int argc, char *argv[])
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "-platform") == 0 || qstrcmp(argv[i], "--platform") == 0)
            return true;
    }
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    Q_UNUSED(argc);
    Q_UNUSED(argv);
    return true;
#endif
}

} // namespace

int main(int argc, char *argv[])
{
    if (!displayAvailable(argc, argv))
        return fail(QStringLiteral("no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set). On a server, "
                                   "run the router headless with daffi-router (same options) and watch it from a console "
                                   "elsewhere with --remote and --monitor; or set QT_QPA_PLATFORM=offscreen for a window "
                                   "nobody sees."));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("daffi"));
    QApplication::setApplicationName(QStringLiteral("daffi-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("daffi console"));
    QApplication::setApplicationVersion(QStringLiteral(DAFFI_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("daffi-console"));
    QLoggingCategory::setFilterRules(QStringLiteral("daffi.*.info=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A window onto a daffi network: hosts a router (or joins one) and shows its members, calls and rates live."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address the embedded router listens on (remembered; default 127.0.0.1)."),
                                  QStringLiteral("address"));
    const QCommandLineOption port({QStringLiteral("p"), QStringLiteral("port")},
                                  QStringLiteral("Port of the embedded router (remembered; default 6000; 0 picks a free one)."),
                                  QStringLiteral("port"));
    const QCommandLineOption unixPath(QStringLiteral("unix"), QStringLiteral("Also listen on this Unix socket path."), QStringLiteral("path"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate: the router serves TLS only."), QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), QStringLiteral("PEM private key for --tls-cert."), QStringLiteral("file"));
    const QCommandLineOption metricsPort(QStringLiteral("metrics-port"),
                                         QStringLiteral("Serve the monitor API (JSON, live feed, Prometheus /metrics) on this port of 127.0.0.1 (0: off, the default)."),
                                         QStringLiteral("port"));
    const QCommandLineOption remote(QStringLiteral("remote"),
                                    QStringLiteral("Join this router or service as an observer instead of hosting one (host:port, tcp://, tls://, unix://)."),
                                    QStringLiteral("url"));
    const QCommandLineOption monitor(QStringLiteral("monitor"),
                                     QStringLiteral("With --remote: that router's monitor API (http(s)://host:port, what daffi-router prints as "
                                                    "\"monitor at\"); then every member's counters, all calls, rates and latency show (remembered)."),
                                     QStringLiteral("url"));
    const QCommandLineOption monitorToken(QStringLiteral("monitor-token-file"),
                                          QStringLiteral("The bearer token the monitor requires (the router's --monitor-token-file; remembered)."),
                                          QStringLiteral("file"));
    const QCommandLineOption monitorCa(QStringLiteral("monitor-ca"),
                                       QStringLiteral("PEM CA that signed an https monitor's certificate (default: the system's CAs; remembered)."),
                                       QStringLiteral("file"));
    const QCommandLineOption monitorCert(QStringLiteral("monitor-cert"),
                                         QStringLiteral("PEM client certificate, for a monitor that requires one (its --monitor-tls-ca; remembered)."),
                                         QStringLiteral("file"));
    const QCommandLineOption monitorKey(QStringLiteral("monitor-key"), QStringLiteral("PEM private key for --monitor-cert."),
                                        QStringLiteral("file"));
    const QCommandLineOption open(QStringLiteral("open"),
                                  QStringLiteral("Open this capture file (made by daffi-router --capture or File > Record to file) "
                                                 "instead of hosting or joining a router."),
                                  QStringLiteral("file"));
    const QCommandLineOption language(QStringLiteral("language"), QStringLiteral("User interface language: en or de (remembered)."),
                                      QStringLiteral("code"));
    const QCommandLineOption settingsFile(QStringLiteral("settings"), QStringLiteral("Keep settings in this INI file instead of the usual place."),
                                          QStringLiteral("file"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window to this PNG file after start-up, then exit."), QStringLiteral("file"));
    const QCommandLineOption screenshotDelay(QStringLiteral("screenshot-delay"),
                                             QStringLiteral("Milliseconds to wait before --screenshot (default 1500)."), QStringLiteral("ms"),
                                             QStringLiteral("1500"));
    const QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Open on this tab: members, traffic, rates, topology or functions."),
                                 QStringLiteral("name"));
    parser.addOptions({host, port, unixPath, tlsCert, tlsKey, metricsPort, remote, monitor, monitorToken, monitorCa, monitorCert,
                       monitorKey, open, language, settingsFile, screenshot, screenshotDelay, tab});
    parser.process(app);

    if (parser.isSet(settingsFile))
        ConsoleSettings::setFile(parser.value(settingsFile));

    StartOptions options;
    QString error;
    if (parser.isSet(host))
        options.host = parser.value(host);
    options.port = portOption(parser, port, &error);
    options.metricsPort = portOption(parser, metricsPort, &error);
    if (!error.isEmpty())
        return fail(error);
    if (parser.isSet(unixPath))
        options.unixPath = parser.value(unixPath);
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return fail(QStringLiteral("TLS needs both --tls-cert and --tls-key"));
    if (parser.isSet(tlsCert)) {
        options.tlsCertificate = parser.value(tlsCert);
        options.tlsKey = parser.value(tlsKey);
    }
    if (parser.isSet(remote))
        options.remote = parser.value(remote);
    const QCommandLineOption *monitorOptions[] = {&monitor, &monitorToken, &monitorCa, &monitorCert, &monitorKey};
    for (const QCommandLineOption *o : monitorOptions) {
        if (parser.isSet(*o) && !parser.isSet(remote))
            return fail(QStringLiteral("--%1 goes with --remote (the router's own address, which the composer calls through)")
                            .arg(o->names().constFirst()));
    }
    if (parser.isSet(monitor)) {
        if (auto url = MonitorAccess::baseUrl(parser.value(monitor)); !url)
            return fail(url.error().message);
        options.monitor = parser.value(monitor);
    }
    if (parser.isSet(monitorCert) != parser.isSet(monitorKey))
        return fail(QStringLiteral("a client certificate needs both --monitor-cert and --monitor-key"));
    // Not given: the console uses what it remembers for that router, if anything.
    auto value = [&](const QCommandLineOption &o) { return parser.isSet(o) ? std::optional(parser.value(o)) : std::nullopt; };
    options.monitorTokenFile = value(monitorToken);
    options.monitorCa = value(monitorCa);
    options.monitorCertificate = value(monitorCert);
    options.monitorKey = value(monitorKey);
    if (parser.isSet(open)) {
        if (parser.isSet(remote))
            return fail(QStringLiteral("give either --open or --remote, not both"));
        options.capture = parser.value(open);
    }
    if (parser.isSet(language)) {
        if (!ConsoleController::languages().contains(parser.value(language)))
            return fail(QStringLiteral("--language must be one of: %1").arg(ConsoleController::languages().join(u", ")));
        options.language = parser.value(language);
    }
    bool delayOk = false;
    const int delayMs = parser.value(screenshotDelay).toInt(&delayOk);
    if (!delayOk || delayMs < 0)
        return fail(QStringLiteral("--screenshot-delay must be a number of milliseconds"));

    std::signal(SIGPIPE, SIG_IGN);
    ConsoleController controller;
    controller.start(options);
    if (parser.isSet(tab)) {
        const QStringList tabs{QStringLiteral("members"), QStringLiteral("traffic"), QStringLiteral("rates"), QStringLiteral("topology"),
                               QStringLiteral("functions")};
        const qsizetype index = tabs.indexOf(parser.value(tab).toLower());
        if (index < 0)
            return fail(QStringLiteral("--tab must be one of: %1").arg(tabs.join(u", ")));
        controller.window()->tabs()->setCurrentIndex(int(index));
    }
    controller.window()->show();

    SignalWatcher signals_({SIGINT, SIGTERM});
    QObject::connect(&signals_, &SignalWatcher::received, &app, [] { QApplication::quit(); });

    int screenshotStatus = 0;
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(delayMs, &app, [&controller, file, &screenshotStatus] {
            if (!controller.window()->grab().save(file, "PNG")) {
                std::fprintf(stderr, "daffi-console: cannot write the screenshot to %s\n", qPrintable(file));
                screenshotStatus = 1;
            }
            QApplication::quit();
        });
    }
    const int rc = app.exec();
    controller.saveSettings();
    return rc ? rc : screenshotStatus;
}
