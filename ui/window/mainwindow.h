#pragma once

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QSettings;
class QTabWidget;
class QFrame;
class QPushButton;
class QTreeView;

namespace daffi::ui {

class ComposerPane;
class ConnectHint;
class ConsoleController;
class FunctionsPane;
class MembersPane;
class RatesPane;
class Session;
class TopologyPane;
class TrafficPane;
struct Snapshot;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(ConsoleController *controller, QWidget *parent = nullptr);

    void attach(Session *session);
    void snapshotApplied(const Snapshot &snapshot);
    void save(QSettings &settings) const;
    void restore(const QSettings &settings);
    void showProblem(const QString &message);
    // File menu work without its dialogs (the actions ask for the file, then call these).
    void openCaptureFile(const QString &path);
    bool saveShownCallsTo(const QString &path);
    void recordTo(const QString &path);
    void stopRecording();
    QString problemText() const;
    QString statusText() const;

    QTabWidget *tabs() const { return m_tabs; }
    MembersPane *membersPane() const { return m_members; }
    TrafficPane *trafficPane() const { return m_traffic; }
    RatesPane *ratesPane() const { return m_rates; }
    TopologyPane *topologyPane() const { return m_topology; }
    ComposerPane *composerPane() const { return m_composer; }
    FunctionsPane *functionsPane() const { return m_functions; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void refreshStatus();
    void editListenSettings();
    void joinRemote();
    void fixProblem();
    void refreshRecording(const Snapshot &snapshot);
    void refreshConnectHint();

    ConsoleController *m_controller;
    QPointer<Session> m_session;
    QTabWidget *m_tabs;
    MembersPane *m_members;
    TrafficPane *m_traffic;
    RatesPane *m_rates;
    TopologyPane *m_topology;
    ComposerPane *m_composer;
    FunctionsPane *m_functions;
    QTreeView *m_eventsView;
    QFrame *m_messageBar;
    QLabel *m_messageText;
    QPushButton *m_fix;
    QLabel *m_where;
    QLabel *m_memberCount;
    QLabel *m_rate;
    QLabel *m_recording;
    ConnectHint *m_connectHint = nullptr;   // owned by m_members while set
    QAction *m_recordAction = nullptr;
    QAction *m_stopRecordingAction = nullptr;
    class QDockWidget *m_composerDock = nullptr;
    double m_callsPerSecond = 0;
};

} // namespace daffi::ui
