#pragma once

#include <ui/session/hostedsession.h>
#include <ui/session/remotesession.h>

#include <QObject>
#include <QPointer>
#include <QTranslator>

#include <optional>

class QTimer;

namespace daffi::ui {

class CallHistory;
class CallRunner;
class CaptureSession;
class EventsModel;
class FunctionsModel;
class MainWindow;
class MembersModel;
class RateStore;
class TrafficModel;

// Command-line choices; each one given overrides (and replaces) the remembered setting.
struct StartOptions
{
    std::optional<QString> host;
    std::optional<quint16> port;
    std::optional<QString> unixPath;
    std::optional<QString> tlsCertificate;
    std::optional<QString> tlsKey;
    std::optional<quint16> metricsPort;
    std::optional<QString> remote;          // join this router/Service instead of hosting
    std::optional<QString> monitor;         // that router's monitor API, and how to get in
    std::optional<QString> monitorTokenFile;
    std::optional<QString> monitorCa;
    std::optional<QString> monitorCertificate;
    std::optional<QString> monitorKey;
    std::optional<QString> capture;         // open this capture file instead of either
    std::optional<QString> language;        // "en", "de"
    int refreshIntervalMs = 100;
};

// Owns what outlives a window: the session (hosted router or remote client), the models, the
// composer's runner and history, the translator. Takes one snapshot per refresh tick (at most one
// outstanding) and hands it to the models. Rebuilds the window when the language changes.
class ConsoleController : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleController(QObject *parent = nullptr);
    ~ConsoleController() override;

    void start(const StartOptions &options);

    MainWindow *window() const { return m_window; }
    Session *session() const { return m_session; }
    HostedSession *hostedSession() const { return qobject_cast<HostedSession *>(m_session); }
    CaptureSession *captureSession() const;
    MembersModel *members() const { return m_members; }
    TrafficModel *traffic() const { return m_traffic; }
    RateStore *rates() const { return m_rates; }
    EventsModel *events() const { return m_events; }
    FunctionsModel *functions() const { return m_functions; }
    CallHistory *history() const { return m_history; }
    CallRunner *runner() const { return m_runner; }
    const HostOptions &hostOptions() const { return m_hostOptions; }
    // The remote router joined last (or now), with its monitor.
    const RemoteOptions &remoteOptions() const { return m_remote; }

    void hostRouter(const HostOptions &options);
    // Shows a session made elsewhere (a generated network, a recording) instead of the hosted
    // router or a remote one, and takes it over.
    void showSession(Session *session);
    bool joinRemote(const RemoteOptions &options, QString *error);
    // A capture file (docs/capture-format.md) in the panes; problems are reported by the session.
    void openCapture(const QString &path);
    // Writes `calls` and the members the console shows now as a capture of their own; `note`
    // says what they are (e.g. the filter that chose them).
    bool saveCalls(const QString &path, const std::vector<Monitor::CallRecord> &calls, const QString &note,
                   QString *error) const;
    void setLanguage(const QString &code);
    QString language() const { return m_language; }
    static QStringList languages() { return {QStringLiteral("en"), QStringLiteral("de")}; }
    void saveSettings();
    quint64 snapshotsApplied() const { return m_applied; }
    qint64 lastApplyMicroseconds() const { return m_lastApplyUs; }

Q_SIGNALS:
    void snapshotApplied();
    void sessionChanged();
    void languageChanged();

private:
    void setSession(Session *session);
    void createWindow();
    void tick();
    void apply(Snapshot &&snapshot);
    bool loadTranslator(const QString &code);

    Session *m_session = nullptr;
    MembersModel *m_members;
    TrafficModel *m_traffic;
    RateStore *m_rates;
    EventsModel *m_events;
    FunctionsModel *m_functions;
    CallHistory *m_history;
    CallRunner *m_runner;
    QPointer<MainWindow> m_window;
    QTimer *m_timer;
    QTranslator m_translator;
    QTranslator m_qtTranslator;
    QString m_language = QStringLiteral("en");
    HostOptions m_hostOptions;
    RemoteOptions m_remote;
    bool m_joined = false;                  // remote mode
    int m_trafficCapacity = 10000;     // the remembered one; a capture may show more
    bool m_inFlight = false;
    quint64 m_generation = 0;
    quint64 m_applied = 0;
    qint64 m_lastApplyUs = 0;
};

} // namespace daffi::ui
