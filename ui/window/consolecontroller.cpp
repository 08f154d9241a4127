#include "consolecontroller.h"

#include "consolesettings.h"
#include "mainwindow.h"

#include <ui/composer/callhistory.h>
#include <ui/composer/callrunner.h>
#include <ui/events/eventsmodel.h>
#include <ui/functions/functionsmodel.h>
#include <ui/members/membersmodel.h>
#include <ui/rates/ratestore.h>
#include <ui/session/capturesession.h>
#include <ui/session/monitoraccess.h>
#include <ui/traffic/trafficmodel.h>

#include <core/capture/capture.h>
#include <core/node/client.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QSysInfo>
#include <QTimer>

namespace daffi::ui {

namespace {
constexpr size_t MaxCallsPerBatch = 2000;
constexpr size_t MaxPendingChecks = 500;
constexpr int MaxCaptureRows = 2'000'000;   // a capture's calls all get a row, up to this many
}

ConsoleController::ConsoleController(QObject *parent)
    : QObject(parent), m_members(new MembersModel(this)), m_traffic(new TrafficModel(this)), m_rates(new RateStore(this)),
      m_events(new EventsModel(this)), m_functions(new FunctionsModel(this)), m_history(new CallHistory(this)), m_runner(new CallRunner(nullptr, this)),
      m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &ConsoleController::tick);
}

ConsoleController::~ConsoleController()
{
    saveSettings();
    delete m_window;
    delete m_session;
}

void ConsoleController::start(const StartOptions &options)
{
    auto settings = ConsoleSettings::open();
    m_hostOptions.host = options.host.value_or(settings->value(QStringLiteral("router/host"), m_hostOptions.host).toString());
    m_hostOptions.port = options.port.value_or(quint16(settings->value(QStringLiteral("router/port"), m_hostOptions.port).toUInt()));
    m_hostOptions.unixPath = options.unixPath.value_or(settings->value(QStringLiteral("router/unixPath")).toString());
    m_hostOptions.tlsCertificate = options.tlsCertificate.value_or(settings->value(QStringLiteral("router/tlsCertificate")).toString());
    m_hostOptions.tlsKey = options.tlsKey.value_or(settings->value(QStringLiteral("router/tlsKey")).toString());
    m_hostOptions.metricsPort = options.metricsPort.value_or(quint16(settings->value(QStringLiteral("router/metricsPort"), 0).toUInt()));
    m_trafficCapacity = settings->value(QStringLiteral("traffic/capacity"), m_trafficCapacity).toInt();
    m_traffic->setCapacity(m_trafficCapacity);
    m_history->load(*settings);
    const QString remembered = settings->value(QStringLiteral("language")).toString();
    QString language = options.language.value_or(remembered.isEmpty() ? QLocale().name().left(2) : remembered);
    if (!languages().contains(language))
        language = QStringLiteral("en");
    m_language = language;
    loadTranslator(language);

    const bool remote = options.remote.has_value()
        || (!options.host && !options.port && settings->value(QStringLiteral("mode")).toString() == u"remote");
    const QString rememberedUrl = settings->value(QStringLiteral("remote/url")).toString();
    m_remote.url = options.remote.value_or(rememberedUrl);
    // A remembered monitor belongs to the router remembered with it.
    const bool sameRouter = m_remote.url == rememberedUrl;
    auto monitorSetting = [&](const std::optional<QString> &given, const char *key) {
        return given.value_or(sameRouter ? settings->value(QLatin1String(key)).toString() : QString());
    };
    m_remote.monitor.url = monitorSetting(options.monitor, "remote/monitor");
    m_remote.monitor.tokenFile = monitorSetting(options.monitorTokenFile, "remote/monitorTokenFile");
    m_remote.monitor.caFile = monitorSetting(options.monitorCa, "remote/monitorCa");
    m_remote.monitor.certificateFile = monitorSetting(options.monitorCertificate, "remote/monitorCertificate");
    m_remote.monitor.keyFile = monitorSetting(options.monitorKey, "remote/monitorKey");
    settings.reset();

    createWindow();
    if (options.capture) {
        openCapture(*options.capture);
        m_timer->start(std::clamp(options.refreshIntervalMs, 20, 1000));
        return;
    }
    QString error;
    if (!remote || !joinRemote(m_remote, &error)) {
        if (!error.isEmpty())
            m_events->add(SessionEvent::Kind::Problem, error);
        hostRouter(m_hostOptions);
    }
    m_timer->start(std::clamp(options.refreshIntervalMs, 20, 1000));
}

void ConsoleController::setSession(Session *session)
{
    delete m_session;
    m_session = session;
    ++m_generation;
    m_inFlight = false;
    m_runner->setSession(session);
    m_members->clear();
    m_functions->clear();
    m_traffic->clear();
    m_traffic->setLastSeq(0);
    m_traffic->setCapacity(m_trafficCapacity);
    m_rates->clear();
    if (m_window)
        m_window->attach(session);
    connect(session, &Session::problem, this, [this](const QString &message) {
        m_events->add(SessionEvent::Kind::Problem, message);
    });
    connect(session, &Session::stateChanged, this, [this] {
        if (m_session && m_session->client())
            m_members->setSelfName(m_session->client()->name());
    });
    Q_EMIT sessionChanged();
}

void ConsoleController::hostRouter(const HostOptions &options)
{
    m_hostOptions = options;
    auto *hosted = hostedSession();
    if (!hosted) {
        hosted = new HostedSession(this);
        setSession(hosted);
    }
    m_joined = false;
    hosted->listen(options);
}

void ConsoleController::showSession(Session *session)
{
    m_joined = false;
    session->setParent(this);
    setSession(session);
}

bool ConsoleController::joinRemote(const RemoteOptions &options, QString *error)
{
    const QString url = options.url.trimmed();
    auto endpoint = Endpoint::parse(url);
    if (url.isEmpty() || !endpoint) {
        if (error)
            *error = tr("\"%1\" is not an address to join: %2. Use host:port, tcp://host:port, tls://host:port or unix:///path.")
                         .arg(url, endpoint ? tr("it is empty") : endpoint.error().message);
        return false;
    }
    if (!options.monitor.isEmpty()) {
        if (auto base = MonitorAccess::baseUrl(options.monitor.url); !base) {
            if (error)
                *error = base.error().message;
            return false;
        }
    }
    m_remote = options;
    m_remote.url = url;
    m_remote.monitor.url = options.monitor.url.trimmed();
    m_joined = true;
    setSession(new RemoteSession(*endpoint, m_remote.monitor, this));
    return true;
}

CaptureSession *ConsoleController::captureSession() const
{
    return qobject_cast<CaptureSession *>(m_session);
}

void ConsoleController::openCapture(const QString &path)
{
    auto *capture = new CaptureSession(path, this);
    setSession(capture);
    connect(capture, &CaptureSession::loaded, this, [this, capture] {
        // Every call of the file gets its row (a live table keeps only the newest).
        const auto calls = qsizetype(capture->capture()->calls.size());
        m_traffic->setCapacity(int(std::clamp<qsizetype>(calls, m_trafficCapacity, MaxCaptureRows)));
    });
}

bool ConsoleController::saveCalls(const QString &path, const std::vector<Monitor::CallRecord> &calls,
                                  const QString &note, QString *error) const
{
    CaptureInfo info;
    info.source = QStringLiteral("daffi-console");
    info.version = QCoreApplication::applicationVersion();
    info.host = QSysInfo::machineHostName();
    info.createdMs = QDateTime::currentMSecsSinceEpoch();
    info.note = note;
    // Where the calls were made, so that `daffi-call replay` finds that router again.
    if (const auto *hosted = hostedSession())
        info.listen = hosted->urls();
    else if (const auto *capture = captureSession(); capture && capture->capture())
        info.listen = capture->capture()->info.listen;
    else if (m_session)
        info.listen = {m_session->location()};
    std::vector<MemberInfo> members;
    for (int i = 0; i < m_members->rowCount(); ++i) {
        const MembersModel::Row &row = m_members->row(i);
        if (row.left)
            continue;
        MemberInfo m;
        m.name = row.member.name;
        m.methods = row.member.methods;
        m.hasMethodList = row.member.hasMethodList;
        m.address = row.member.address;
        m.connectedAt = row.member.connectedAt;
        for (auto t : {Connection::Transport::Tcp, Connection::Transport::Tls, Connection::Transport::Unix,
                       Connection::Transport::WebSocket, Connection::Transport::SecureWebSocket}) {
            if (Connection::transportName(t) == row.member.transport)
                m.transport = t;
        }
        members.push_back(std::move(m));
    }
    return Capture::save(path, info, members, calls, error);
}

bool ConsoleController::loadTranslator(const QString &code)
{
    QCoreApplication::removeTranslator(&m_translator);
    QCoreApplication::removeTranslator(&m_qtTranslator);
    // Numbers and dates follow the language chosen here, not only the words.
    QLocale::setDefault(code == u"de" ? QLocale(QLocale::German, QLocale::Germany) : QLocale::system());
    // English has a catalogue too: it carries the plural forms ("1 member", "2 members").
    const bool ok = m_translator.load(QStringLiteral(":/i18n/daffi-console_%1.qm").arg(code));
    if (ok)
        QCoreApplication::installTranslator(&m_translator);
    if (code != u"en" && m_qtTranslator.load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qtTranslator);
    return ok;
}

void ConsoleController::setLanguage(const QString &code)
{
    if (code == m_language || !languages().contains(code))
        return;
    saveSettings();
    m_language = code;
    loadTranslator(code);
    // Widgets built their texts once; a fresh window is the simplest complete retranslation.
    const bool visible = m_window && m_window->isVisible();
    delete m_window;
    createWindow();
    if (visible)
        m_window->show();
    saveSettings();
    Q_EMIT languageChanged();
}

void ConsoleController::createWindow()
{
    m_window = new MainWindow(this);
    if (m_session)
        m_window->attach(m_session);
    auto settings = ConsoleSettings::open();
    m_window->restore(*settings);
}

void ConsoleController::saveSettings()
{
    auto settings = ConsoleSettings::open();
    settings->setValue(QStringLiteral("router/host"), m_hostOptions.host);
    settings->setValue(QStringLiteral("router/port"), m_hostOptions.port);
    settings->setValue(QStringLiteral("router/unixPath"), m_hostOptions.unixPath);
    settings->setValue(QStringLiteral("router/tlsCertificate"), m_hostOptions.tlsCertificate);
    settings->setValue(QStringLiteral("router/tlsKey"), m_hostOptions.tlsKey);
    settings->setValue(QStringLiteral("router/metricsPort"), m_hostOptions.metricsPort);
    settings->setValue(QStringLiteral("mode"), m_joined ? QStringLiteral("remote") : QStringLiteral("hosted"));
    if (m_joined) {
        settings->setValue(QStringLiteral("remote/url"), m_remote.url);
        settings->setValue(QStringLiteral("remote/monitor"), m_remote.monitor.url);
        settings->setValue(QStringLiteral("remote/monitorTokenFile"), m_remote.monitor.tokenFile);
        settings->setValue(QStringLiteral("remote/monitorCa"), m_remote.monitor.caFile);
        settings->setValue(QStringLiteral("remote/monitorCertificate"), m_remote.monitor.certificateFile);
        settings->setValue(QStringLiteral("remote/monitorKey"), m_remote.monitor.keyFile);
    }
    settings->setValue(QStringLiteral("language"), m_language);
    settings->setValue(QStringLiteral("traffic/capacity"), m_trafficCapacity);
    m_history->save(*settings);
    if (m_window)
        m_window->save(*settings);
    settings->sync();
}

void ConsoleController::tick()
{
    if (!m_session || m_inFlight)
        return;
    SnapshotRequest request;
    request.wantCalls = !m_traffic->isPaused();
    request.afterSeq = m_traffic->lastSeq();
    request.maxCalls = MaxCallsPerBatch;
    request.pendingSeqs = m_traffic->pendingSeqs(MaxPendingChecks);
    request.afterSampleMs = m_rates->lastSampleMs();
    request.afterRateSample = m_rates->lastRateSample();
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_session->requestSnapshot(request, [this, generation](Snapshot &&s) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        apply(std::move(s));
    });
}

void ConsoleController::apply(Snapshot &&s)
{
    QElapsedTimer timer;
    timer.start();
    m_members->apply(s.members, s.timeMs);
    if (!s.updates.empty())
        m_traffic->applyUpdates(s.updates);
    // A batch asked for while paused carries no calls; it must not move the cursor past them.
    if (!m_traffic->isPaused() && s.includesCalls) {
        m_traffic->addSkipped(s.skippedCalls);
        if (s.calls.empty())
            m_traffic->setLastSeq(std::max(m_traffic->lastSeq(), s.lastSeq));
        m_traffic->appendBatch(std::move(s.calls));
    }
    m_rates->apply(s);
    m_functions->apply(s);
    m_events->append(std::move(s.events));
    ++m_applied;
    m_lastApplyUs = timer.nsecsElapsed() / 1000;
    if (m_window)
        m_window->snapshotApplied(s);
    Q_EMIT snapshotApplied();
}

} // namespace daffi::ui
