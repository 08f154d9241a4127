// daffi-router: the router, headless.
#include "configfileparser.h"
#include "logging.h"
#include "routerreloader.h"
#include "signalwatcher.h"
#include "systemdnotifier.h"

#include <core/capture/capturerecorder.h>
#include <core/capture/quantity.h>
#include <core/monitor/routermonitor.h>
#include <core/node/routerhost.h>
#include <core/protocol/header.h>
#include <core/transport/busypoll.h>
#include <core/transport/listenspec.h>

#include <QCoreApplication>
#include <QSysInfo>

#include <csignal>
#include <memory>
#include <cstdio>

using namespace daffi;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "%sdaffi-router: %s\n", Logging::prefix(QtCriticalMsg).constData(), qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("daffi-router"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DAFFI_VERSION));

    ConfigFileParser parser;   // every option is a key of --config FILE too
    parser.setApplicationDescription(QStringLiteral(
        "Forwards daffi calls between clients (wire compatible with daffi 3.0).\n"
        "One port serves native TCP peers and WebSocket (browser) peers, inside TLS when a "
        "certificate is given."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listenUrl(QStringLiteral("listen"),
                                       QStringLiteral("Where to listen, as a URL: tcp://host:port, tls://host:port or unix:///path "
                                                      "(at most one TCP and one Unix; instead of --host, --port, --unix, --no-tcp)."),
                                       QStringLiteral("url"));
    const QCommandLineOption host({QStringLiteral("host")}, QStringLiteral("Address to listen on (default 127.0.0.1; 0.0.0.0 for all)."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port({QStringLiteral("p"), QStringLiteral("port")}, QStringLiteral("TCP port (default 6000; 0 picks a free one)."),
                                  QStringLiteral("port"), QStringLiteral("6000"));
    const QCommandLineOption noTcp(QStringLiteral("no-tcp"), QStringLiteral("Do not listen on TCP (use with --unix)."));
    const QCommandLineOption unixPath(QStringLiteral("unix"), QStringLiteral("Also listen on this Unix socket path."),
                                      QStringLiteral("path"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate: serve TLS (and wss://) only."),
                                     QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), QStringLiteral("PEM private key for --tls-cert."), QStringLiteral("file"));
    const QCommandLineOption tlsCa(QStringLiteral("tls-ca"), QStringLiteral("PEM CA: require client certificates it signed (mutual TLS)."),
                                   QStringLiteral("file"));
    const QCommandLineOption handshakeTimeout(QStringLiteral("handshake-timeout"),
                                              QStringLiteral("Milliseconds a new peer has for TLS, probe and hello (default 10000)."),
                                              QStringLiteral("ms"), QStringLiteral("10000"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"), QStringLiteral("debug, info, warning or error (default info)."),
                                      QStringLiteral("level"), QStringLiteral("info"));
    const QCommandLineOption monitorPort({QStringLiteral("monitor-port"), QStringLiteral("metrics-port")},
                                         QStringLiteral("Serve the monitor API (JSON, live feed, /metrics for Prometheus) on this port "
                                                        "(default: off). --metrics-port is the same option."),
                                         QStringLiteral("port"));
    const QList<QCommandLineOption> monitorOptions{
        {QStringLiteral("monitor-host"), QStringLiteral("Address of the monitor API (default 127.0.0.1; elsewhere it needs TLS and a credential)."),
         QStringLiteral("address"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("monitor-tls-cert"), QStringLiteral("PEM certificate for the monitor API (default: --tls-cert)."), QStringLiteral("file")},
        {QStringLiteral("monitor-tls-key"), QStringLiteral("PEM private key for the monitor API (default: --tls-key)."), QStringLiteral("file")},
        {QStringLiteral("monitor-tls-ca"), QStringLiteral("PEM CA: the monitor API requires client certificates it signed."), QStringLiteral("file")},
        {QStringLiteral("monitor-token-file"), QStringLiteral("File with a token the monitor API requires as \"Authorization: Bearer <token>\"."),
         QStringLiteral("file")},
        {QStringLiteral("monitor-payloads"), QStringLiteral("Serve call payload bytes (default on 127.0.0.1 only).")},
        {QStringLiteral("no-monitor-payloads"), QStringLiteral("Never serve call payload bytes.")},
        {QStringLiteral("monitor-ring-size"), QStringLiteral("Recent calls the monitor keeps (default 10000)."), QStringLiteral("calls"),
         QStringLiteral("10000")},
    };
    const QCommandLineOption writeStallTimeout(QStringLiteral("write-stall-timeout"),
                                               QStringLiteral("Milliseconds a peer may leave our writes to it unread before it is dropped (default 30000)."),
                                               QStringLiteral("ms"), QStringLiteral("30000"));
    const QCommandLineOption maxMessageSize(QStringLiteral("max-message-size"),
                                            QStringLiteral("Largest msg_len (metadata + data) accepted, in bytes (default and maximum 33554431)."),
                                            QStringLiteral("bytes"), QString::number(Header::MaxMsgLen));
    const QCommandLineOption busyPoll(QStringLiteral("busy-poll-us"),
                                      QStringLiteral("Microseconds the loop keeps polling after traffic before it sleeps: lower latency "
                                                     "for some CPU while busy; 0 turns it off (default %1, or $DAFFI_BUSY_POLL_US).")
                                          .arg(BusyPoll::defaultWindow.count()),
                                      QStringLiteral("us"));
    const QList<QCommandLineOption> captureOptions{
        {QStringLiteral("capture"), QStringLiteral("Record every call (with its payloads), answer and member event into this capture file "
                                                   "(docs/capture-format.md; open it with daffi-console --open)."), QStringLiteral("file")},
        {QStringLiteral("capture-max-bytes"), QStringLiteral("End a capture file at this size (e.g. 100MB): recording stops there, or with "
                                                             "--capture-rotate goes on in the next file."), QStringLiteral("bytes")},
        {QStringLiteral("capture-rotate"), QStringLiteral("Keep a ring of this many capture files of --capture-max-bytes each "
                                                          "(FILE-00001.dcap, ...; the oldest is deleted)."), QStringLiteral("files")},
    };
    const QCommandLineOption logFormat = Logging::formatOption();
    parser.addOptions({listenUrl, host, port, noTcp, unixPath, tlsCert, tlsKey, tlsCa, handshakeTimeout, logLevel, logFormat,
                       monitorPort, writeStallTimeout, maxMessageSize, busyPoll});
    parser.addOptions(monitorOptions);
    parser.setRepeatable(listenUrl);
    parser.addOptions(captureOptions);
    parser.process(app);
    // A wrong value names the config file's line when it came from there.
    const auto bad = [&parser](const QList<QCommandLineOption> &options, const QString &message) {
        return fail(parser.locate(options, message));
    };

    const auto format = Logging::formatFromName(parser.value(logFormat));
    if (!format)
        return bad({logFormat}, QStringLiteral("unknown log format \"%1\"; use auto, text or journal").arg(parser.value(logFormat)));
    Logging::useFormat(*format);
    if (!Logging::useLevel(parser.value(logLevel)))
        return bad({logLevel}, QStringLiteral("unknown log level \"%1\"; use debug, info, warning or error").arg(parser.value(logLevel)));

    bool ok = false;
    ListenSpec spec;
    if (parser.isSet(listenUrl)) {
        for (const QCommandLineOption *o : {&host, &port, &noTcp, &unixPath}) {
            if (parser.isSet(*o))
                return bad({*o, listenUrl}, QStringLiteral("give either --listen or --%1, not both").arg(o->names().constLast()));
        }
        auto parsed = ListenSpec::parse(parser.values(listenUrl));
        if (!parsed)
            return bad({listenUrl}, parsed.error().message);
        spec = *parsed;
    } else {
        const uint portValue = parser.value(port).toUInt(&ok);
        if (!ok || portValue > 65535)
            return bad({port}, QStringLiteral("--port must be a number from 0 to 65535, not \"%1\"").arg(parser.value(port)));
        if (!parser.isSet(noTcp))
            spec.tcp = ListenSpec::Tcp{parser.value(host), quint16(portValue)};
        spec.unixPath = parser.value(unixPath);
    }
    uint monitorPortValue = 0;
    if (parser.isSet(monitorPort)) {
        monitorPortValue = parser.value(monitorPort).toUInt(&ok);
        if (!ok || monitorPortValue > 65535)
            return bad({monitorPort}, QStringLiteral("--monitor-port must be a number from 0 to 65535, not \"%1\"").arg(parser.value(monitorPort)));
    }
    const int timeoutMs = parser.value(handshakeTimeout).toInt(&ok);
    if (!ok || timeoutMs <= 0)
        return bad({handshakeTimeout}, QStringLiteral("--handshake-timeout must be a positive number of milliseconds"));
    const int stallMs = parser.value(writeStallTimeout).toInt(&ok);
    if (!ok || stallMs <= 0)
        return bad({writeStallTimeout}, QStringLiteral("--write-stall-timeout must be a positive number of milliseconds"));
    const uint maxMsgLen = parser.value(maxMessageSize).toUInt(&ok);
    if (!ok || maxMsgLen < 2 || maxMsgLen > Header::MaxMsgLen)
        return bad({maxMessageSize}, QStringLiteral("--max-message-size must be a number of bytes from 2 to %1").arg(Header::MaxMsgLen));

    if (parser.isSet(busyPoll)) {
        const uint us = parser.value(busyPoll).toUInt(&ok);
        if (!ok || us > 1'000'000)
            return bad({busyPoll}, QStringLiteral("--busy-poll-us must be a number of microseconds from 0 to 1000000"));
        BusyPoll::setWindow(std::chrono::microseconds(us));
    }

    const RouterReloader::Reloadable files = RouterReloader::read(parser);
    spec.tls = files.tls;
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey) || (parser.isSet(tlsCa) && !parser.isSet(tlsCert)))
        return bad({tlsCert, tlsKey, tlsCa}, QStringLiteral("TLS needs both --tls-cert and --tls-key (and --tls-ca only with them)"));
    auto options = spec.options();
    if (!options)
        return bad({tlsCert, tlsKey, tlsCa, listenUrl, host}, options.error().message);
    Listener::Options listen = *options;
    listen.admissionTimeout = std::chrono::milliseconds(timeoutMs);
    listen.limits.writeStallTimeout = std::chrono::milliseconds(stallMs);
    listen.limits.maxMsgLen = maxMsgLen;

    // The monitor watches every frame, so it exists only when someone asked for it.
    std::optional<MonitorServer::Options> mo;
    int ring = 0;
    if (parser.isSet(monitorPort)) {
        mo.emplace();
        mo->host = parser.value(QStringLiteral("monitor-host"));
        mo->port = quint16(monitorPortValue);
        mo->tlsCertificate = files.monitorTls.certificate;
        mo->tlsKey = files.monitorTls.privateKey;
        mo->clientCa = files.monitorTls.clientCa;
        mo->tokenFile = parser.value(QStringLiteral("monitor-token-file"));
        if (parser.isSet(QStringLiteral("monitor-payloads")) || parser.isSet(QStringLiteral("no-monitor-payloads")))
            mo->payloads = !parser.isSet(QStringLiteral("no-monitor-payloads"));
        ring = parser.value(QStringLiteral("monitor-ring-size")).toInt(&ok);
        if (!ok || ring < 1 || ring > 10'000'000)
            return bad({QCommandLineOption(QStringLiteral("monitor-ring-size"))},
                       QStringLiteral("--monitor-ring-size must be a number of calls from 1 to 10000000"));
        if (QString error; !MonitorServer::check(*mo, &error))
            return bad({monitorPort}, error);
    }
    // Recording: checked with the rest, started once the router listens.
    std::optional<CaptureRecorder::Options> co;
    if (parser.isSet(QStringLiteral("capture"))) {
        const QCommandLineOption maxBytes(QStringLiteral("capture-max-bytes")), rotate(QStringLiteral("capture-rotate"));
        co.emplace();
        co->path = parser.value(QStringLiteral("capture"));
        if (parser.isSet(maxBytes)) {
            const auto bytes = quantity::bytes(parser.value(maxBytes));
            if (!bytes || *bytes < 4096)
                return bad({maxBytes}, QStringLiteral("--capture-max-bytes must be a size of at least 4096 bytes, such as 100MB or 1GiB"));
            co->maxBytes = *bytes;
        }
        if (parser.isSet(rotate)) {
            co->rotate = parser.value(rotate).toInt(&ok);
            if (!ok || co->rotate < 1 || co->rotate > 99999 || co->maxBytes == 0)
                return bad({rotate}, QStringLiteral("--capture-rotate needs a number of files from 1 to 99999, and --capture-max-bytes"));
        }
    } else if (parser.isSet(QStringLiteral("capture-max-bytes")) || parser.isSet(QStringLiteral("capture-rotate"))) {
        return bad({QCommandLineOption(QStringLiteral("capture-max-bytes")), QCommandLineOption(QStringLiteral("capture-rotate"))},
                   QStringLiteral("--capture-max-bytes and --capture-rotate go with --capture FILE"));
    }
    if (parser.checkOnly()) {
        std::printf("configuration OK\n");
        return 0;
    }

    Router::Options routerOptions;
    routerOptions.handshakeTimeout = std::chrono::milliseconds(timeoutMs);
    RouterHost host_(routerOptions);
    QString error;
    if (!host_.listen(listen, &error))
        return fail(error);

    std::unique_ptr<RouterMonitor> monitor;
    if (mo) {
        monitor = std::make_unique<RouterMonitor>(&host_, RouterMonitor::options(mo->payloads.value_or(MonitorServer::isLoopback(mo->host)), ring));
        if (!monitor->listen(*mo, &error))
            return fail(error);
    }

    // Recording takes records from a Monitor (the monitor API's, or one of its own) and writes them
    // on a thread of its own; a failure to write stops the recording, never the routing.
    std::unique_ptr<Monitor> captureMonitor;
    std::unique_ptr<CaptureRecorder> recorder;
    if (co) {
        Monitor *watched = monitor ? &monitor->monitor() : nullptr;
        if (!watched) {
            // The recorder takes the frames itself.
            captureMonitor = std::make_unique<Monitor>(host_.router(), RouterMonitor::options(false, 1024));
            captureMonitor->watch(host_.listener());
            watched = captureMonitor.get();
        }
        co->info.source = QStringLiteral("daffi-router");
        co->info.version = QCoreApplication::applicationVersion();
        co->info.host = QSysInfo::machineHostName();
        co->info.routerStartedMs = watched->startedMs();
        co->info.listen = host_.urls();
        recorder = std::make_unique<CaptureRecorder>(watched, *co);
        QObject::connect(recorder.get(), &CaptureRecorder::finished, [](const QString &summary) {
            std::fprintf(stderr, "daffi-router: %s\n", qPrintable(summary));
        });
        if (!recorder->start(&error))
            return fail(error);
    }

    for (const QString &url : host_.urls())
        std::printf("daffi-router listening on %s\n", qPrintable(url));
    if (recorder)
        std::printf("daffi-router recording to %s\n", qPrintable(recorder->status().file));
    if (monitor)
        std::printf("daffi-router monitor at %s\n", qPrintable(monitor->url()));
    std::fflush(stdout);
    SystemdNotifier::ready("Serving on " + host_.urls().join(u' ').toUtf8());

    RouterReloader reloader(parser, &host_, monitor.get());
    SignalWatcher signals_({SIGINT, SIGTERM, SIGHUP});
    QObject::connect(&signals_, &SignalWatcher::received, &app, [&reloader](int signal) {
        if (signal == SIGHUP) {
            reloader.reload();
            return;
        }
        SystemdNotifier::stopping();
        std::printf("daffi-router stopping (%s)\n", signal == SIGINT ? "SIGINT" : "SIGTERM");
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    std::signal(SIGPIPE, SIG_IGN);

    const int rc = app.exec();
    if (recorder && recorder->isRecording())
        std::printf("daffi-router: %s\n", qPrintable(recorder->finish()));
    recorder.reset();
    host_.stop();
    return rc;
}
