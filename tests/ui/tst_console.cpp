#include "uitestutil.h"

#include <ui/composer/callhistory.h>
#include <ui/composer/composerpane.h>
#include <ui/events/eventsmodel.h>
#include <ui/members/membersmodel.h>
#include <ui/rates/ratechart.h>
#include <ui/rates/ratespane.h>
#include <ui/rates/ratestore.h>
#include <ui/members/memberspane.h>
#include <ui/window/connecthint.h>
#include <ui/topology/topologypane.h>
#include <ui/traffic/trafficmodel.h>
#include <ui/traffic/trafficpane.h>
#include <ui/window/consolecontroller.h>
#include <ui/window/consolesettings.h>
#include <ui/window/mainwindow.h>

#include <core/node/routerhost.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>

using namespace daffi;
using namespace daffi::ui;
using namespace nodetest;
using namespace uitest;

namespace {

quint16 routerPort(ConsoleController &c)
{
    return quint16(QUrl(c.hostedSession()->urls().value(0)).port());
}

int rowOf(const MembersModel *m, const QByteArray &name)
{
    return m->findRow(name);
}

} // namespace

class TestConsole : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleController> m_console;

    void startConsole(StartOptions options = {})
    {
        if (!options.port)
            options.port = 0;
        if (!options.language)
            options.language = QStringLiteral("en");
        options.refreshIntervalMs = 50;
        m_console = std::make_unique<ConsoleController>();
        m_console->start(options);
        m_console->window()->show();
    }

    void send(const CallSpec &spec)
    {
        ComposerPane *composer = m_console->window()->composerPane();
        composer->setSpec(spec);
        const int before = m_console->history()->rowCount();
        composer->send();
        QVERIFY(waitUntil([&] { return m_console->history()->rowCount() > before; }));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        ConsoleSettings::setFile(m_dir.filePath(QStringLiteral("console.ini")));
    }

    void cleanup()
    {
        m_console.reset();
    }

    void hostsRouterAndListsMembers()
    {
        startConsole();
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
        QVERIFY(m_console->window()->statusText().contains(u"Router listening on tcp://127.0.0.1:"));
        auto w = worker(routerPort(*m_console), "worker-1");
        QVERIFY(w);
        MembersModel *members = m_console->members();
        QVERIFY(waitUntil([&] { return rowOf(members, "worker-1") >= 0; }));
        const int row = rowOf(members, "worker-1");
        QCOMPARE(cell(members, row, MembersModel::Transport), QStringLiteral("tcp"));
        QVERIFY(cell(members, row, MembersModel::Address).startsWith(u"127.0.0.1:"));
        QCOMPARE(cell(members, row, MembersModel::Functions), QStringLiteral("add, echo, fail"));
        QCOMPARE(cell(members, row, MembersModel::State), QStringLiteral("connected"));
        QVERIFY(waitUntil([&] { return m_console->window()->statusText().contains(u"2 members"); }));

        // The topology tree lists who exposes what.
        QAbstractItemModel *tree = m_console->window()->topologyPane()->tree()->model();
        auto inTree = [tree](const QString &text) {
            return !tree->match(tree->index(0, 0), Qt::DisplayRole, text, 1, Qt::MatchExactly | Qt::MatchRecursive).isEmpty();
        };
        QVERIFY(waitUntil([&] { return inTree(QStringLiteral("worker-1")); }));
        QVERIFY(inTree(QStringLiteral("fail")));

        // A member that leaves stays, greyed, as recently disconnected.
        w->stop();
        QVERIFY(waitUntil([&] { return members->row(rowOf(members, "worker-1")).left; }));
        QVERIFY(cell(members, rowOf(members, "worker-1"), MembersModel::State).startsWith(u"left"));
        QVERIFY(members->index(rowOf(members, "worker-1"), 0).data(Qt::ForegroundRole).isValid());
        QVERIFY(waitUntil([&] { return m_console->window()->statusText().contains(u"1 member"); }));
        bool sawJoin = false;
        for (int i = 0; i < m_console->events()->rowCount(); ++i)
            sawJoin = sawJoin || m_console->events()->index(i, 0).data().toString().contains(u"worker-1 joined");
        QVERIFY(sawJoin);
    }

    void emptyRouterShowsHowToConnect()
    {
        startConsole();
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
        MembersPane *pane = m_console->window()->membersPane();
        auto *hint = m_console->window()->findChild<ConnectHint *>();
        QVERIFY(hint);
        QVERIFY(waitUntil([&] { return pane->showsPlaceholder() && hint->isVisible(); }));
        const QString port = QString::number(routerPort(*m_console));
        QVERIFY2(hint->pythonWorker().contains(QStringLiteral("host=\"127.0.0.1\", port=") + port), qPrintable(hint->pythonWorker()));
        QVERIFY(hint->pythonCaller().contains(QStringLiteral("port=") + port));
        QVERIFY2(hint->javascriptCaller().contains(QStringLiteral("\"ws://127.0.0.1:") + port + u'"'), qPrintable(hint->javascriptCaller()));

#ifdef DAFFI_PYTHON
        // The hint's programs work as shown: its worker joins, replacing the hint, and its caller
        // gets the worker's answer.
        auto python = [](const QString &code) {
            auto p = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("PYTHONPATH"), QStringLiteral(DAFFI_PYTHON_PATH));
            p->setProcessEnvironment(env);
            p->start(QStringLiteral(DAFFI_PYTHON), {QStringLiteral("-c"), code});
            return p;
        };
        auto worker = python(hint->pythonWorker());
        QVERIFY(worker->waitForStarted());
        QVERIFY2(waitUntil([&] { return rowOf(m_console->members(), "worker-1") >= 0; }, 30000),
                 worker->readAllStandardError().constData());
        QVERIFY(waitUntil([&] { return !pane->showsPlaceholder() && pane->view()->isVisible(); }));
        auto caller = python(hint->pythonCaller());
        QVERIFY(caller->waitForFinished(30000));
        QCOMPARE(caller->exitCode(), 0);
        QCOMPARE(caller->readAllStandardOutput().trimmed(), QByteArray("Hello, operator!"));
        worker->terminate();
        if (!worker->waitForFinished(10000))
            QFAIL("the hint's worker did not stop on SIGTERM");
#else
        auto w = worker(routerPort(*m_console), "worker-1");
        QVERIFY(w);
        QVERIFY(waitUntil([&] { return !pane->showsPlaceholder() && pane->view()->isVisible(); }));
#endif
    }

    void composerCallsShowInTraffic()
    {
        startConsole();
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
        auto w1 = worker(routerPort(*m_console), "worker-1");
        auto w2 = worker(routerPort(*m_console), "worker-2");
        QVERIFY(w1 && w2);
        QVERIFY(waitUntil([&] {
            auto *c = m_console->session()->client();
            return c && exposes(c, "worker-1", "add") && exposes(c, "worker-2", "add");
        }));
        ComposerPane *composer = m_console->window()->composerPane();
        TrafficModel *traffic = m_console->traffic();

        CallSpec add;
        add.function = QStringLiteral("add");
        add.args = QStringLiteral("[2, 3]");
        send(add);
        QVERIFY2(composer->resultSummary().startsWith(u"ok from worker-"), qPrintable(composer->resultSummary()));
        QVERIFY(composer->resultSummary().contains(u"round trip"));
        QCOMPARE(composer->resultText(), QStringLiteral("5"));
        QVERIFY(waitUntil([&] {
            const int r = newestRow(traffic, "add");
            return r >= 0 && traffic->record(r).status == Monitor::Status::Ok;
        }));
        int r = newestRow(traffic, "add");
        QVERIFY(traffic->record(r).caller.startsWith("console-"));
        QCOMPARE(cell(traffic, r, TrafficModel::Status), QStringLiteral("ok"));
        QCOMPARE(cell(traffic, r, TrafficModel::Serde), QStringLiteral("JSON"));
        QCOMPARE(cell(traffic, r, TrafficModel::Style), QStringLiteral("rpc"));
        QVERIFY(!cell(traffic, r, TrafficModel::Latency).isEmpty());
        QVERIFY(traffic->record(r).latencyUs.has_value());

        // Selecting the row decodes its payloads (and only then).
        TrafficPane *pane = m_console->window()->trafficPane();
        pane->findChild<QToolButton *>(QStringLiteral("followTraffic"))->setChecked(false);
        QTableView *view = pane->view();
        view->setCurrentIndex(view->model()->index(r, 0));
        QVERIFY2(pane->detailText().contains(u"\"args\": [\n    2,\n    3\n  ]"), qPrintable(pane->detailText()));
        QVERIFY(pane->detailText().contains(u"── Reply"));

        // msgpack, pinned receiver.
        CallSpec echo;
        echo.function = QStringLiteral("echo");
        echo.serde = Serde::Msgpack;
        echo.receivers = QStringLiteral("worker-2");
        echo.args = QStringLiteral("[{\"order\": 7, \"items\": [\"a\", \"b\"]}]");
        send(echo);
        QVERIFY2(composer->resultSummary().startsWith(u"ok from worker-2"), qPrintable(composer->resultSummary()));
        QVERIFY(composer->resultText().contains(u"\"items\": [\n    \"a\",\n    \"b\"\n  ]"));
        QVERIFY(waitUntil([&] {
            const int row = newestRow(traffic, "echo");
            return row >= 0 && traffic->record(row).status == Monitor::Status::Ok;
        }));
        r = newestRow(traffic, "echo");
        QCOMPARE(cell(traffic, r, TrafficModel::Receiver), QStringLiteral("worker-2"));
        QCOMPARE(cell(traffic, r, TrafficModel::Serde), QStringLiteral("MSGPACK"));
        view->setCurrentIndex(view->model()->index(r, 0));
        QVERIFY2(pane->detailText().contains(u"\"order\": 7"), qPrintable(pane->detailText()));

        // A raising worker: the error reaches the composer and the traffic row.
        CallSpec fail;
        fail.function = QStringLiteral("fail");
        send(fail);
        QVERIFY2(composer->resultSummary().contains(u"ValueError: boom"), qPrintable(composer->resultSummary()));
        QVERIFY(waitUntil([&] {
            const int row = newestRow(traffic, "fail");
            return row >= 0 && traffic->record(row).status == Monitor::Status::Error;
        }));
        view->setCurrentIndex(view->model()->index(newestRow(traffic, "fail"), 0));
        QVERIFY2(pane->detailText().contains(u"builtins.ValueError: boom"), qPrintable(pane->detailText()));

        // cast reaches both workers; rpc_nowait shows as sent.
        CallSpec cast = add;
        cast.style = CallSpec::Style::Cast;
        send(cast);
        QVERIFY2(composer->resultSummary().startsWith(u"2 of 2 targets answered"), qPrintable(composer->resultSummary()));
        QVERIFY(composer->resultText().contains(u"worker-1: ok from worker-1"));
        CallSpec nowait = add;
        nowait.style = CallSpec::Style::RpcNowait;
        nowait.function = QStringLiteral("echo");
        nowait.args = QStringLiteral("[\"fire\"]");
        send(nowait);
        QVERIFY(composer->resultSummary().startsWith(u"sent to worker-"));
        QVERIFY(waitUntil([&] {
            const int row = newestRow(traffic, "echo");
            return row >= 0 && traffic->record(row).status == Monitor::Status::Sent;
        }));
        QCOMPARE(cell(traffic, newestRow(traffic, "echo"), TrafficModel::Style), QStringLiteral("nowait"));

        // Bad input is answered in words, without sending.
        CallSpec bad = add;
        bad.args = QStringLiteral("{not json");
        send(bad);
        QVERIFY(composer->resultSummary().contains(u"must be a JSON array"));

        // The function list comes from the live registry.
        auto *function = composer->findChild<QComboBox *>(QStringLiteral("function"));
        QVERIFY(function->findText(QStringLiteral("fail")) >= 0);

        // Members' counters follow the traffic; rates arrive once per second.
        MembersModel *members = m_console->members();
        QVERIFY(waitUntil([&] { return cell(members, rowOf(members, "worker-2"), MembersModel::CallsIn).toInt() >= 2; }));
        QVERIFY(waitUntil([&] { return m_console->rates()->series(RateStore::seriesId(RateHistory::Kind::Function, "add")); }, 5000));
        QVERIFY(!m_console->window()->ratesPane()->messagesChart()->lines().empty());

        // Paused: no new rows until resumed.
        pane->findChild<QToolButton *>(QStringLiteral("pauseTraffic"))->setChecked(true);
        const int rows = traffic->rowCount();
        send(add);
        QTest::qWait(300);
        QCOMPARE(traffic->rowCount(), rows);
        pane->findChild<QToolButton *>(QStringLiteral("pauseTraffic"))->setChecked(false);
        QVERIFY(waitUntil([&] { return traffic->rowCount() > rows; }));

        // Copy as code.
        composer->setSpec(add);
        QVERIFY2(composer->pythonCode().contains(QStringLiteral("port=%1").arg(routerPort(*m_console))), qPrintable(composer->pythonCode()));
        QVERIFY(composer->javascriptCode().contains(u"conn.rpc({ timeout: 10000, serde: \"json\" }).add(2, 3)"));
        w1->stop();
        w2->stop();
    }

    void trafficModelBatchesAndCaps()
    {
        TrafficModel model;
        model.setCapacity(100);
        int inserts = 0, removes = 0;
        connect(&model, &QAbstractItemModel::rowsInserted, this, [&] { ++inserts; });
        connect(&model, &QAbstractItemModel::rowsRemoved, this, [&] { ++removes; });
        std::vector<Monitor::CallRecord> batch;
        for (quint64 i = 1; i <= 250; ++i) {
            Monitor::CallRecord r;
            r.seq = i;
            r.status = Monitor::Status::Pending;
            batch.push_back(r);
        }
        model.appendBatch(std::move(batch));
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(inserts, 1);
        QCOMPARE(model.record(0).seq, quint64(151));
        std::vector<Monitor::CallRecord> more(60);
        for (size_t i = 0; i < more.size(); ++i) {
            more[i].seq = 251 + i;
            more[i].status = Monitor::Status::Ok;
        }
        model.appendBatch(std::move(more));
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(inserts, 2);
        QCOMPARE(removes, 1);
        const auto pending = model.pendingSeqs(100);
        QVERIFY(!pending.empty());
        QCOMPARE(pending.front(), quint64(250));
        // seqs 151-210 were trimmed by the cap; 250 is still a pending row.
        QCOMPARE(model.rowForSeq(200), -1);
        Monitor::CallRecord answered;
        answered.seq = 250;
        answered.status = Monitor::Status::Ok;
        answered.latencyUs = 1234;
        model.applyUpdates({answered});
        const int row = model.rowForSeq(250);
        QVERIFY(row >= 0);
        QCOMPARE(model.record(row).status, Monitor::Status::Ok);
        QCOMPARE(model.record(row).latencyUs, std::optional<qint64>(1234));
    }

    void settingsRoundTrip()
    {
        QTcpServer probe;   // a free port to remember (then released)
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        startConsole();
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
        HostOptions options = m_console->hostOptions();
        options.port = port;
        m_console->hostRouter(options);
        QVERIFY(waitUntil([&] { return routerPort(*m_console) == port; }));
        m_console->window()->resize(1111, 777);
        m_console->window()->tabs()->setCurrentIndex(2);
        CallSpec spec;
        spec.function = QStringLiteral("remembered");
        spec.args = QStringLiteral("[42]");
        m_console->window()->composerPane()->setSpec(spec);
        send(spec);   // fails (no such function) but lands in the history
        m_console.reset();   // saves

        QSettings settings(ConsoleSettings::file(), QSettings::IniFormat);
        QCOMPARE(settings.value(QStringLiteral("router/port")).toUInt(), uint(port));

        m_console = std::make_unique<ConsoleController>();
        m_console->start({});
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
        QCOMPARE(routerPort(*m_console), port);
        QCOMPARE(m_console->window()->tabs()->currentIndex(), 2);
        QCOMPARE(m_console->window()->size(), QSize(1111, 777));
        QCOMPARE(m_console->window()->composerPane()->spec().function, QStringLiteral("remembered"));
        QVERIFY(m_console->history()->rowCount() >= 1);
        QCOMPARE(m_console->history()->entry(0).spec.function, QStringLiteral("remembered"));
        // Back to a free port for the other tests.
        options.port = 0;
        m_console->hostRouter(options);
        QVERIFY(waitUntil([&] { return m_console->session()->isUp() && routerPort(*m_console) != port; }));
    }

    void germanTranslation()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/daffi-console_de.qm")));
        startConsole();
        QCOMPARE(m_console->window()->tabs()->tabText(0), QStringLiteral("&Members"));
        m_console->setLanguage(QStringLiteral("de"));
        QCOMPARE(m_console->language(), QStringLiteral("de"));
        QCOMPARE(m_console->window()->tabs()->tabText(0), QStringLiteral("&Mitglieder"));
        QCOMPARE(m_console->traffic()->headerData(TrafficModel::Latency, Qt::Horizontal).toString(), QStringLiteral("Latenz"));
        QVERIFY(waitUntil([&] { return m_console->window()->statusText().contains(u"Router lauscht auf"); }));
        // From the menu, as a person would.
        auto *english = m_console->window()->findChild<QAction *>(QStringLiteral("language_en"));
        QVERIFY(english);
        english->trigger();
        QVERIFY(waitUntil([&] { return m_console->window()->tabs()->tabText(0) == u"&Members"; }));
        QCOMPARE(m_console->language(), QStringLiteral("en"));
        // The choice is remembered.
        m_console->setLanguage(QStringLiteral("de"));
        m_console.reset();
        StartOptions remembered;
        remembered.port = 0;
        m_console = std::make_unique<ConsoleController>();
        m_console->start(remembered);
        QCOMPARE(m_console->window()->tabs()->tabText(1), QStringLiteral("&Verkehr"));
        m_console->setLanguage(QStringLiteral("en"));
    }

    void portTakenIsReportedInWords()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        StartOptions options;
        options.port = squatter.serverPort();
        startConsole(options);
        QVERIFY(waitUntil([&] { return !m_console->window()->problemText().isEmpty(); }));
        const QString problem = m_console->window()->problemText();
        QVERIFY2(problem.contains(u"already in use") && problem.contains(u"Listen settings"), qPrintable(problem));
        QVERIFY(m_console->window()->statusText().contains(u"not listening"));
        // Fixing the port clears the way.
        HostOptions fixed = m_console->hostOptions();
        fixed.port = 0;
        m_console->hostRouter(fixed);
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
    }

    void badCertificateIsReportedInWords()
    {
        StartOptions options;
        options.tlsCertificate = m_dir.filePath(QStringLiteral("missing-cert.pem"));
        options.tlsKey = m_dir.filePath(QStringLiteral("missing-key.pem"));
        startConsole(options);
        QVERIFY(waitUntil([&] { return !m_console->window()->problemText().isEmpty(); }));
        const QString problem = m_console->window()->problemText();
        QVERIFY2(problem.contains(u"TLS") && problem.contains(u"missing-cert.pem"), qPrintable(problem));
        HostOptions fixed = m_console->hostOptions();
        fixed.tlsCertificate.clear();
        fixed.tlsKey.clear();
        m_console->hostRouter(fixed);
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
    }

    void remoteModeObservesAnotherRouter()
    {
        RouterHost other;
        QString error;
        QVERIFY(other.listen({}, &error));
        auto w = worker(other.listener()->port(), "far-worker");
        QVERIFY(w);
        StartOptions options;
        options.remote = QStringLiteral("tcp://127.0.0.1:%1").arg(other.listener()->port());
        startConsole(options);
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
        QCOMPARE(m_console->session()->mode(), Session::Mode::Remote);
        QVERIFY(m_console->window()->statusText().contains(u"Joined tcp://127.0.0.1:"));
        QVERIFY(waitUntil([&] { return rowOf(m_console->members(), "far-worker") >= 0; }));
        CallSpec add;
        add.function = QStringLiteral("add");
        add.args = QStringLiteral("[20, 22]");
        send(add);
        QCOMPARE(m_console->window()->composerPane()->resultText(), QStringLiteral("42"));
        QVERIFY(waitUntil([&] {
            const int r = newestRow(m_console->traffic(), "add");
            return r >= 0 && m_console->traffic()->record(r).status == Monitor::Status::Ok;
        }));
        const int r = newestRow(m_console->traffic(), "add");
        QCOMPARE(m_console->traffic()->record(r).receiver, QByteArray("far-worker"));
        QVERIFY(m_console->traffic()->record(r).latencyUs.has_value());
        w->stop();
        m_console.reset();
        // Back to hosting for whoever starts next.
        QSettings(ConsoleSettings::file(), QSettings::IniFormat).setValue(QStringLiteral("mode"), QStringLiteral("hosted"));
    }
};

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
