#include "hostedsession.h"

#include "eventtext.h"

#include <core/capture/capturerecorder.h>
#include <core/monitor/routermonitor.h>
#include <core/node/client.h>
#include <core/node/routerhost.h>
#include <core/transport/listenspec.h>

#include <QCoreApplication>
#include <QSysInfo>
#include <QUrl>

namespace daffi::ui {

namespace {

constexpr size_t MaxQueuedEvents = 2000;

} // namespace

// Everything that lives on the router thread.
struct HostedSession::Core
{
    RouterHost host;
    RouterMonitor monitored;
    Monitor &monitor;
    RateHistory &rates;

    quint64 eventCursor = 0;
    quint64 functionsSample = 0;
    std::vector<SessionEvent> notes;              // the console's own: recording started, stopped, failed
    std::unique_ptr<CaptureRecorder> recorder;   // after the monitor: it goes first

    // The console shows payloads itself, so they are kept whether or not the API serves them.
    explicit Core(int ringCapacity)
        : monitored(&host, RouterMonitor::options(true, ringCapacity))
        , monitor(monitored.monitor())
        , rates(monitored.rates())
    {
    }

    void note(SessionEvent::Kind kind, const QString &text)
    {
        if (notes.size() >= MaxQueuedEvents)
            notes.erase(notes.begin());
        notes.push_back({QDateTime::currentMSecsSinceEpoch(), kind, text});
    }

    void record(const QString &path, const std::function<void(const QString &)> &problem)
    {
        if (recorder && recorder->isRecording())
            recorder->stop();
        CaptureRecorder::Options o;
        o.path = path;
        o.info.source = QStringLiteral("daffi-console");
        o.info.version = QCoreApplication::applicationVersion();
        o.info.host = QSysInfo::machineHostName();
        o.info.routerStartedMs = monitor.startedMs();
        o.info.listen = host.urls();
        auto r = std::make_unique<CaptureRecorder>(&monitor, o);
        QObject::connect(r.get(), &CaptureRecorder::finished, &host, [this, rp = r.get(), problem](const QString &summary) {
            const bool failed = !rp->status().error.isEmpty();
            note(failed ? SessionEvent::Kind::Problem : SessionEvent::Kind::Info, summary);
            if (failed)
                problem(summary);
        });
        QString error;
        if (!r->start(&error)) {
            note(SessionEvent::Kind::Problem, error);
            problem(error);
            return;
        }
        note(SessionEvent::Kind::Info, QCoreApplication::translate("daffi::ui::HostedSession", "Recording to %1").arg(path));
        recorder = std::move(r);
    }

    Snapshot snapshot(const SnapshotRequest &request)
    {
        Snapshot s;
        s.timeMs = QDateTime::currentMSecsSinceEpoch();
        const auto &stats = monitor.memberStats();
        const QList<MemberInfo> members = host.router()->members();
        s.members.reserve(members.size());
        for (const MemberInfo &m : members) {
            MemberSnapshot ms = MemberSnapshot::of(m);
            const auto it = stats.constFind(m.name);
            ms.stats = it != stats.cend() ? *it : Monitor::MemberStats{};
            s.members.push_back(std::move(ms));
        }
        s.lastSeq = monitor.lastSeq();
        s.includesCalls = request.wantCalls;
        if (request.wantCalls) {
            s.calls = monitor.callsSince(request.afterSeq, request.maxCalls);
            const quint64 first = s.calls.empty() ? s.lastSeq + 1 : s.calls.front().seq;
            s.skippedCalls = first > request.afterSeq + 1 ? first - request.afterSeq - 1 : 0;
        }
        for (quint64 seq : request.pendingSeqs) {
            if (auto r = monitor.call(seq); r && r->status != Monitor::Status::Pending)
                s.updates.push_back(std::move(*r));
        }
        s.totals = monitor.totals();
        for (const Monitor::Sample &sample : monitor.history()) {
            if (sample.timeMs > request.afterSampleMs)
                s.samples.push_back(sample);
        }
        if (rates.sampleCount() > request.afterRateSample) {
            RateSample &sample = s.rateSamples.emplace_back();
            sample.number = rates.sampleCount();
            for (int kind = 0; kind < 3; ++kind) {
                const auto &all = rates.series(RateHistory::Kind(kind));
                for (auto it = all.cbegin(); it != all.cend(); ++it) {
                    if (it->points.empty())
                        continue;
                    const RateHistory::Point &p = it->points.back();
                    sample.timeMs = std::max(sample.timeMs, p.timeMs);
                    sample.points.push_back({it->kind, it->key, it->caller, it->receiver, it->function,
                                             p.messagesPerSecond, p.bytesPerSecond});
                }
            }
        }
        // Per-function latency is merged from histograms: once per rate sample is enough.
        if (rates.sampleCount() > functionsSample) {
            functionsSample = rates.sampleCount();
            s.functions = monitor.functions();
        }
        const EventLog::Page page = monitor.events().since(eventCursor, MaxQueuedEvents);
        if (page.lost)
            s.events.push_back(EventText::lost(page.lost, s.timeMs));
        for (const EventLog::Event &e : page.events)
            s.events.push_back(EventText::describe(e));
        eventCursor = page.events.empty() ? std::max(eventCursor, page.lastSeq) : page.events.back().seq;
        for (SessionEvent &e : notes)
            s.events.push_back(std::move(e));
        notes.clear();
        if (recorder && recorder->isRecording())
            s.recording = recorder->status();
        return s;
    }
};

HostedSession::HostedSession(QObject *parent) : Session(parent), m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("daffi-router"));
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

HostedSession::~HostedSession()
{
    delete m_client;
    QMetaObject::invokeMethod(m_context, [this] {
        delete m_core;
        m_core = nullptr;
        delete m_context;
    }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void HostedSession::listen(const HostOptions &options)
{
    m_options = options;
    const quint64 generation = ++m_listenGeneration;
    QMetaObject::invokeMethod(m_context, [this, options, generation] {
        if (!m_core)
            m_core = new Core(options.ringCapacity);
        QStringList errors;
        ListenSpec spec;
        spec.tcp = ListenSpec::Tcp{options.host, options.port};
        spec.unixPath = options.unixPath;
        spec.tls = {options.tlsCertificate, options.tlsKey, {}};
        auto lo = spec.options();
        if (!lo) {
            errors << (spec.wantsTls()
                           ? tr("The router cannot use TLS: %1 Fix the certificate or key in Router ▸ Listen settings, "
                                "or clear both to listen without TLS.").arg(lo.error().message)
                           : tr("The router cannot listen: %1. Choose another address or port in Router ▸ Listen settings.")
                                 .arg(lo.error().message));
        }
        QStringList urls;
        QString error;
        if (errors.isEmpty()) {
            if (m_core->host.listen(*lo, &error))
                urls = m_core->host.urls();
            else
                errors << tr("The router cannot listen: %1. Choose another address or port in Router ▸ Listen settings.")
                              .arg(error);
        }
        QString metricsUrl;
        m_core->monitored.close();
        if (options.metricsPort != 0) {
            // The same monitor API as daffi-router's, on loopback (see docs/monitor-api.md).
            MonitorServer::Options mo;
            mo.port = options.metricsPort;
            mo.tlsCertificate = options.tlsCertificate;
            mo.tlsKey = options.tlsKey;
            if (m_core->monitored.listen(mo, &error))
                metricsUrl = m_core->monitored.url() + QStringLiteral("/metrics");
            else
                errors << error;
        }
        QMetaObject::invokeMethod(this, [this, urls, metricsUrl, errors, generation] {
            if (generation == m_listenGeneration)
                listened(urls, metricsUrl, errors);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void HostedSession::listened(const QStringList &urls, const QString &metricsUrl, const QStringList &errors)
{
    m_urls = urls;
    m_metricsUrl = metricsUrl;
    for (const QString &e : errors)
        Q_EMIT problem(e);
    startClient();
    Q_EMIT stateChanged();
}

void HostedSession::startClient()
{
    delete m_client;
    m_client = nullptr;
    if (m_urls.isEmpty())
        return;
    const QUrl url(m_urls.first());
    Client::Options o;
    o.name = consoleClientName();
    if (url.scheme() == u"unix") {
        o.endpoint = Endpoint::unix(url.path());
    } else {
        const QString host = m_options.host;
        o.endpoint = Endpoint::tcp(host == u"0.0.0.0" || host.isEmpty() ? QStringLiteral("127.0.0.1")
                                   : host == u"::" ? QStringLiteral("::1") : host,
                                   quint16(url.port(m_options.port)));
        if (url.scheme() == u"tls") {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);   // our own router, over loopback
            o.endpoint.tls = tls;
        }
    }
    m_client = new Client(o, this);
    connect(m_client, &Client::stateChanged, this, &Session::stateChanged);
    m_client->start();
}

void HostedSession::startRecording(const QString &path)
{
    QMetaObject::invokeMethod(m_context, [this, path] {
        if (!m_core)
            m_core = new Core(m_options.ringCapacity);
        // Core goes before this object does (the destructor deletes it first), so may post to it.
        m_core->record(path, [this](const QString &problem) {
            QMetaObject::invokeMethod(this, [this, problem] { Q_EMIT this->problem(problem); }, Qt::QueuedConnection);
        });
    }, Qt::QueuedConnection);
}

void HostedSession::stopRecording()
{
    QMetaObject::invokeMethod(m_context, [this] {
        if (m_core && m_core->recorder)
            m_core->recorder->stop();
    }, Qt::QueuedConnection);
}

QString HostedSession::location() const
{
    return m_urls.join(QStringLiteral(", "));
}

void HostedSession::requestSnapshot(const SnapshotRequest &request, SnapshotCallback done)
{
    QMetaObject::invokeMethod(m_context, [this, request, done = std::move(done)]() mutable {
        auto snapshot = std::make_shared<Snapshot>(m_core ? m_core->snapshot(request) : Snapshot{});
        QMetaObject::invokeMethod(this, [snapshot, done = std::move(done)]() mutable {
            done(std::move(*snapshot));
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace daffi::ui
