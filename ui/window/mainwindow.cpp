#include "mainwindow.h"

#include "connecthint.h"
#include "consolecontroller.h"
#include "joindialog.h"
#include "listendialog.h"

#include <ui/common/format.h>
#include <ui/composer/composerpane.h>
#include <ui/events/eventsmodel.h>
#include <ui/functions/functionsmodel.h>
#include <ui/functions/functionspane.h>
#include <ui/members/membersmodel.h>
#include <ui/members/memberspane.h>
#include <ui/rates/ratespane.h>
#include <ui/rates/ratestore.h>
#include <ui/session/capturesession.h>
#include <ui/session/hostedsession.h>
#include <ui/session/remotesession.h>
#include <ui/topology/topologygraph.h>
#include <ui/topology/topologypane.h>
#include <ui/traffic/trafficmodel.h>
#include <ui/traffic/trafficpane.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace daffi::ui {

MainWindow::MainWindow(ConsoleController *controller, QWidget *parent)
    : QMainWindow(parent), m_controller(controller), m_tabs(new QTabWidget),
      m_members(new MembersPane(controller->members())), m_traffic(new TrafficPane(controller->traffic())),
      m_rates(new RatesPane(controller->rates())), m_topology(new TopologyPane(controller->members(), controller->rates())),
      m_composer(new ComposerPane(controller->runner(), controller->history(), controller->members())),
      m_functions(new FunctionsPane(controller->functions())), m_eventsView(new QTreeView), m_messageBar(new QFrame),
      m_messageText(new QLabel), m_fix(new QPushButton), m_where(new QLabel),
      m_memberCount(new QLabel), m_rate(new QLabel), m_recording(new QLabel)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("daffi console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/daffi-console.png")));

    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_members, tr("&Members"));
    m_tabs->addTab(m_traffic, tr("&Traffic"));
    m_tabs->addTab(m_rates, tr("&Rates"));
    m_tabs->addTab(m_topology, tr("T&opology"));
    m_tabs->addTab(m_functions, tr("F&unctions"));
    connect(controller->functions(), &FunctionsModel::updated, m_topology, [this] {
        m_topology->graph()->setSpokeLatency(m_controller->functions()->p99ByProvider());
    });

    // A message bar for problems a person should act on; stays until dismissed or fixed.
    m_messageBar->setObjectName(QStringLiteral("messageBar"));
    m_messageBar->setStyleSheet(QStringLiteral("#messageBar { background: #fdecea; border: 1px solid #e57373; border-radius: 4px; }"
                                               "#messageBar QLabel { color: #611a15; }"));
    m_messageText->setWordWrap(true);
    m_messageText->setTextFormat(Qt::PlainText);   // a remote monitor's sentences are quoted in it
    m_messageText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fix->setText(tr("Listen settings…"));
    auto *dismiss = new QPushButton(tr("Dismiss"));
    auto *barLayout = new QHBoxLayout(m_messageBar);
    barLayout->addWidget(m_messageText, 1);
    barLayout->addWidget(m_fix);
    barLayout->addWidget(dismiss);
    m_messageBar->hide();
    connect(m_fix, &QPushButton::clicked, this, &MainWindow::fixProblem);
    connect(dismiss, &QPushButton::clicked, m_messageBar, &QWidget::hide);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    auto *composerDock = m_composerDock = new QDockWidget(tr("Call composer"), this);
    composerDock->setObjectName(QStringLiteral("composerDock"));
    composerDock->setWidget(m_composer);
    addDockWidget(Qt::RightDockWidgetArea, composerDock);

    m_eventsView->setObjectName(QStringLiteral("events"));
    m_eventsView->setModel(controller->events());
    m_eventsView->setHeaderHidden(true);
    m_eventsView->setUniformRowHeights(true);
    auto *eventsDock = new QDockWidget(tr("Events"), this);
    eventsDock->setObjectName(QStringLiteral("eventsDock"));
    eventsDock->setWidget(m_eventsView);
    addDockWidget(Qt::BottomDockWidgetArea, eventsDock);
    connect(controller->events(), &QAbstractItemModel::rowsInserted, m_eventsView, [this](const QModelIndex &under) {
        if (!under.isValid())   // not while someone reads a storm's events
            m_eventsView->scrollToBottom();
    });

    m_where->setObjectName(QStringLiteral("statusWhere"));
    m_memberCount->setObjectName(QStringLiteral("statusMembers"));
    m_rate->setObjectName(QStringLiteral("statusRate"));
    m_recording->setObjectName(QStringLiteral("statusRecording"));
    m_recording->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold"));
    m_recording->hide();
    statusBar()->addWidget(m_where, 1);
    statusBar()->addPermanentWidget(m_recording);
    statusBar()->addPermanentWidget(m_rate);
    statusBar()->addPermanentWidget(m_memberCount);

    // Send again: a traffic row into the composer, to its receiver or another provider.
    m_traffic->setProviders([members = controller->members()](const QByteArray &function) {
        return members->membersExposing(function);
    });
    connect(m_traffic, &TrafficPane::sendAgainRequested, this, [this](const Monitor::CallRecord &r, const QByteArray &to) {
        m_composer->loadCall(r, to);
        m_composerDock->show();
        m_composerDock->raise();
    });

    buildMenus();
    if (QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))) {
        view->addAction(composerDock->toggleViewAction());
        view->addAction(eventsDock->toggleViewAction());
    }
    resize(1440, 860);
    resizeDocks({composerDock}, {400}, Qt::Horizontal);
    resizeDocks({eventsDock}, {120}, Qt::Vertical);
    refreshStatus();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    const QString captures = tr("daffi captures (*.dcap);;All files (*)");
    file->addAction(tr("&Open capture…"), QKeySequence::Open, this, [this, captures] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open capture"), {}, captures);
        if (!path.isEmpty())
            openCaptureFile(path);
    });
    file->addAction(tr("&Save shown calls…"), QKeySequence::Save, this, [this, captures] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save shown calls"), QStringLiteral("calls.dcap"), captures);
        if (!path.isEmpty())
            saveShownCallsTo(path);
    });
    file->addSeparator();
    m_recordAction = file->addAction(tr("&Record to file…"), this, [this, captures] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Record to file"), QStringLiteral("capture.dcap"), captures);
        if (!path.isEmpty())
            recordTo(path);
    });
    m_recordAction->setObjectName(QStringLiteral("recordToFile"));
    m_stopRecordingAction = file->addAction(tr("S&top recording"), this, &MainWindow::stopRecording);
    m_stopRecordingAction->setObjectName(QStringLiteral("stopRecording"));
    m_stopRecordingAction->setEnabled(false);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *router = menuBar()->addMenu(tr("&Router"));
    router->addAction(tr("&Listen settings…"), this, &MainWindow::editListenSettings);
    router->addAction(tr("&Host the embedded router"), this, [this] { m_controller->hostRouter(m_controller->hostOptions()); });
    router->addAction(tr("&Join a remote router or service…"), this, &MainWindow::joinRemote);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));

    QMenu *language = menuBar()->addMenu(tr("&Language"));
    language->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(this);
    const std::pair<QString, QString> names[] = {{QStringLiteral("en"), QStringLiteral("English")},
                                                 {QStringLiteral("de"), QStringLiteral("Deutsch")}};
    for (const auto &[code, name] : names) {
        QAction *a = language->addAction(name);
        a->setObjectName(QStringLiteral("language_") + code);
        a->setCheckable(true);
        a->setChecked(m_controller->language() == code);
        group->addAction(a);
        // Queued: the action's window is replaced while switching.
        connect(a, &QAction::triggered, m_controller, [c = m_controller, code] {
            QMetaObject::invokeMethod(c, [c, code] { c->setLanguage(code); }, Qt::QueuedConnection);
        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About daffi console"), this, [this] {
        QMessageBox::about(this, tr("About daffi console"),
                           tr("<h3>daffi console %1</h3><p>Hosts or joins a daffi router and shows its members, "
                              "calls and rates live; fires calls by hand.</p><p>Wire compatible with daffi 3.0.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::attach(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_messageBar->hide();
    m_fix->setText(session->mode() == Session::Mode::Remote ? tr("Join settings…") : tr("Listen settings…"));
    m_traffic->setSession(session);
    connect(session, &Session::stateChanged, this, &MainWindow::refreshStatus);
    connect(session, &Session::problem, this, &MainWindow::showProblem);
    connect(session, &Session::problemSolved, m_messageBar, &QWidget::hide);
    refreshStatus();
}

void MainWindow::showProblem(const QString &message)
{
    m_messageText->setText(message);
    m_messageBar->show();
}

QString MainWindow::problemText() const
{
    return m_messageBar->isVisible() ? m_messageText->text() : QString();
}

QString MainWindow::statusText() const
{
    return m_where->text() + QStringLiteral(" | ") + m_memberCount->text();
}

void MainWindow::refreshStatus()
{
    QString where;
    if (!m_session) {
        where = tr("Starting…");
    } else if (auto *hosted = qobject_cast<HostedSession *>(m_session.data())) {
        if (hosted->isUp()) {
            where = tr("Router listening on %1").arg(hosted->location());
            if (!hosted->metricsUrl().isEmpty())
                where += tr(" · metrics at %1").arg(hosted->metricsUrl());
            const QUrl url(hosted->urls().value(0));
            m_composer->setEndpoint(hosted->options().host, quint16(url.port(hosted->options().port)));
            m_topology->setCenterLabel(tr("router :%1").arg(url.port(hosted->options().port)));
        } else {
            where = tr("Router not listening (%1:%2)").arg(hosted->options().host).arg(hosted->options().port);
        }
    } else if (auto *capture = qobject_cast<CaptureSession *>(m_session.data())) {
        where = capture->summary();
        m_topology->setCenterLabel(tr("capture"));
    } else {
        where = m_session->isUp() ? tr("Joined %1 as an observer").arg(m_session->location())
                                  : tr("Connecting to %1…").arg(m_session->location());
        if (auto *remote = qobject_cast<RemoteSession *>(m_session.data()); remote && remote->hasMonitor()) {
            switch (remote->monitorState()) {
            case MonitorFeedClient::State::Live:
                where += tr(" · monitor %1 live").arg(remote->monitorOptions().url);
                break;
            case MonitorFeedClient::State::Connecting:
                where += tr(" · connecting to the monitor %1…").arg(remote->monitorOptions().url);
                break;
            case MonitorFeedClient::State::Retrying:
                where += tr(" · monitor %1 lost, reconnecting").arg(remote->monitorOptions().url);
                break;
            }
        } else if (remote) {
            where += tr(" · no monitor: membership only");
        }
        const QUrl url(m_session->location());
        m_composer->setEndpoint(url.host(), quint16(url.port(6000)));
        m_topology->setCenterLabel(url.host() + u':' + QString::number(url.port(6000)));
    }
    m_where->setText(where);
    refreshConnectHint();
    if (m_recordAction)
        m_recordAction->setEnabled(qobject_cast<HostedSession *>(m_session.data()) && !m_stopRecordingAction->isEnabled());
    setWindowTitle(m_session ? tr("daffi console — %1").arg(m_session->location()) : tr("daffi console"));
    const int members = m_controller->members()->liveCount();
    m_memberCount->setText(tr("%n member(s)", nullptr, members));
    m_rate->setText(tr("%1 messages/s").arg(format::compact(m_callsPerSecond)));
}

void MainWindow::refreshConnectHint()
{
    auto *hosted = qobject_cast<HostedSession *>(m_session.data());
    if (!hosted || !hosted->isUp()) {
        if (m_connectHint)
            m_members->setEmptyPlaceholder(nullptr);
        m_connectHint = nullptr;
        return;
    }
    RouterAddress address;
    for (const QString &listening : hosted->urls()) {
        const QUrl url(listening);
        if (url.scheme() == u"unix") {
            address.unixPath = url.path();
        } else if (address.port == 0) {
            address.host = hosted->options().host;
            address.port = quint16(url.port(hosted->options().port));
            address.tls = url.scheme() == u"tls";
        }
    }
    if (!m_connectHint) {
        m_connectHint = new ConnectHint;
        m_members->setEmptyPlaceholder(m_connectHint);
    }
    m_connectHint->setAddress(address, hosted->location());
}

void MainWindow::snapshotApplied(const Snapshot &snapshot)
{
    if (!snapshot.samples.empty())
        m_callsPerSecond = snapshot.samples.back().framesPerSecond;
    refreshRecording(snapshot);
    refreshStatus();
    m_traffic->refreshStatus();
}

void MainWindow::refreshRecording(const Snapshot &snapshot)
{
    const bool recording = snapshot.recording.has_value();
    m_stopRecordingAction->setEnabled(recording);
    m_recording->setVisible(recording);
    if (!recording)
        return;
    const CaptureRecorder::Status &r = *snapshot.recording;
    QString text = tr("● Recording to %1 · %2 records").arg(QFileInfo(r.file).fileName(), format::count(r.records));
    if (r.dropped.total())
        text += tr(" · %1 dropped").arg(format::count(r.dropped.total()));
    m_recording->setText(text);
    m_recording->setToolTip(r.file);
}

void MainWindow::openCaptureFile(const QString &path)
{
    m_controller->openCapture(path);
    m_tabs->setCurrentWidget(m_traffic);
}

bool MainWindow::saveShownCallsTo(const QString &path)
{
    const std::vector<Monitor::CallRecord> calls = m_traffic->shownRecords();
    const QString by = m_traffic->shownBy();
    const QString note = by.isEmpty() ? tr("%n call(s) saved from %1", nullptr, int(calls.size())).arg(m_session ? m_session->location() : QString())
                                      : tr("%n call(s) saved from %1 (%2)", nullptr, int(calls.size()))
                                            .arg(m_session ? m_session->location() : QString(), by);
    QString error;
    if (!m_controller->saveCalls(path, calls, note, &error)) {
        showProblem(tr("Cannot save the calls: %1. Choose another file or folder.").arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Saved %n call(s) to %1", nullptr, int(calls.size())).arg(path), 5000);
    return true;
}

void MainWindow::recordTo(const QString &path)
{
    if (auto *hosted = qobject_cast<HostedSession *>(m_session.data()))
        hosted->startRecording(path);
    else
        showProblem(tr("Recording needs the embedded router: choose Router ▸ Host the embedded router first "
                       "(or record on the remote router with daffi-router --capture)."));
}

void MainWindow::stopRecording()
{
    if (auto *hosted = qobject_cast<HostedSession *>(m_session.data()))
        hosted->stopRecording();
}

void MainWindow::editListenSettings()
{
    ListenDialog dialog(m_controller->hostOptions(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_controller->hostRouter(dialog.options());
}

void MainWindow::joinRemote()
{
    JoinDialog dialog(m_controller->remoteOptions(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!m_controller->joinRemote(dialog.options(), &error))
        showProblem(error);
}

void MainWindow::fixProblem()
{
    if (m_session && m_session->mode() == Session::Mode::Remote)
        joinRemote();
    else
        editListenSettings();
}

void MainWindow::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
    m_members->saveState(settings);
    m_traffic->saveState(settings);
    m_rates->saveState(settings);
    m_topology->saveState(settings);
    m_composer->saveState(settings);
    m_functions->saveState(settings);
}

void MainWindow::restore(const QSettings &settings)
{
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
    m_members->restoreState(settings);
    m_traffic->restoreState(settings);
    m_rates->restoreState(settings);
    m_topology->restoreState(settings);
    m_composer->restoreState(settings);
    m_functions->restoreState(settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_controller->saveSettings();
    event->accept();
}

} // namespace daffi::ui
