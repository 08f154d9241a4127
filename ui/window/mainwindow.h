#pragma once

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QSettings;
class QTabWidget;
class QFrame;
class QTreeView;

namespace daffi::ui {

class ComposerPane;
class ConsoleController;
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
    QString problemText() const;
    QString statusText() const;

    QTabWidget *tabs() const { return m_tabs; }
    MembersPane *membersPane() const { return m_members; }
    TrafficPane *trafficPane() const { return m_traffic; }
    RatesPane *ratesPane() const { return m_rates; }
    TopologyPane *topologyPane() const { return m_topology; }
    ComposerPane *composerPane() const { return m_composer; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void refreshStatus();
    void editListenSettings();
    void joinRemote();

    ConsoleController *m_controller;
    QPointer<Session> m_session;
    QTabWidget *m_tabs;
    MembersPane *m_members;
    TrafficPane *m_traffic;
    RatesPane *m_rates;
    TopologyPane *m_topology;
    ComposerPane *m_composer;
    QTreeView *m_eventsView;
    QFrame *m_messageBar;
    QLabel *m_messageText;
    QLabel *m_where;
    QLabel *m_memberCount;
    QLabel *m_rate;
    double m_callsPerSecond = 0;
};

} // namespace daffi::ui
