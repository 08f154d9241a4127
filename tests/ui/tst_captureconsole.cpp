// Capture files in the console: File ▸ Record to file on the embedded router, File ▸ Open
// capture with every pane filled, the filter field, File ▸ Save shown calls, and Send again.
// With DAFFI_CAPTURE_FILE set (tests/interop/test_capture.py sets it to a capture a daffi-router
// made of reference daffi traffic), openingARouterCapture checks that file instead of skipping.
#include "nodetestutil.h"

#include <ui/composer/callhistory.h>
#include <ui/composer/composerpane.h>
#include <ui/events/eventsmodel.h>
#include <ui/members/membersmodel.h>
#include <ui/rates/ratestore.h>
#include <ui/session/capturesession.h>
#include <ui/topology/topologypane.h>
#include <ui/traffic/filteredit.h>
#include <ui/traffic/trafficmodel.h>
#include <ui/traffic/trafficpane.h>
#include <ui/window/consolecontroller.h>
#include <ui/window/consolesettings.h>
#include <ui/window/mainwindow.h>

#include <core/capture/capturewriter.h>

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>

using namespace daffi;
using namespace daffi::ui;
using namespace nodetest;

namespace {

// pickle.dumps(((1, 'two', [3.5, None, True]), {'k': b'\x00\x01'}), protocol=4)
const QByteArray Pickled =
    QByteArray::fromHex("80049528000000000000004b018c0374776f945d942847400c0000000000004e886587947d948c016b9443020001947386942e");

struct Worker
{
    std::unique_ptr<Client> client;
    std::shared_ptr<QList<Payload>> received = std::make_shared<QList<Payload>>();
};

Worker worker(quint16 port, const QByteArray &name)
{
    Worker w;
    Client::Options o;
    o.name = name;
    o.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), port);
    w.client = std::make_unique<Client>(o);
    w.client->addCallback("add", adder());
    auto received = w.received;
    w.client->addCallback("echo", [received](const Payload &p) {
        received->append(p);
        return p;
    });
    w.client->addCallback("fail", [](const Payload &) -> Payload {
        throw CallbackError({QStringLiteral("ValueError"), QStringLiteral("builtins"), QStringLiteral("boom"), QCborValue(nullptr)});
    });
    const auto started = await(w.client->start());
    if (!started || !started->ok())
        w.client.reset();
    return w;
}

int rowsWhere(const TrafficModel *t, const std::function<bool(const Monitor::CallRecord &)> &match)
{
    int n = 0;
    for (int r = 0; r < t->rowCount(); ++r)
        n += match(t->record(r)) ? 1 : 0;
    return n;
}

bool eventsContain(const EventsModel *events, const QString &text)
{
    // A folded storm's events are its children.
    const QModelIndexList all = events->match(events->index(0, 0), Qt::DisplayRole, text, 1,
                                              Qt::MatchContains | Qt::MatchRecursive);
    return !all.isEmpty();
}

} // namespace

class TestCaptureConsole : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleController> m_console;

    MainWindow *window() const { return m_console->window(); }
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    void startConsole(StartOptions options = {})
    {
        if (!options.capture)
            options.port = 0;
        options.language = QStringLiteral("en");
        options.refreshIntervalMs = 50;
        m_console = std::make_unique<ConsoleController>();
        m_console->start(options);
        window()->show();
    }

    quint16 routerPort() const { return quint16(QUrl(m_console->hostedSession()->urls().value(0)).port()); }

    void waitForCapture()
    {
        QVERIFY(waitUntil([&] { return m_console->captureSession() && m_console->captureSession()->isUp(); }));
        const size_t calls = m_console->captureSession()->capture()->calls.size();
        QVERIFY(waitUntil([&] { return size_t(m_console->traffic()->rowCount()) == calls; }));
    }

    // Members, traffic, rates, topology, events and the functions all hold something.
    void verifyEveryPaneFilled(const QByteArray &member, const QByteArray &function)
    {
        CaptureSession *session = m_console->captureSession();
        QVERIFY(session && session->capture());
        const Capture &c = *session->capture();
        QVERIFY(waitUntil([&] { return m_console->members()->findRow(member) >= 0; }));
        const MembersModel::Row &row = m_console->members()->row(m_console->members()->findRow(member));
        QVERIFY2(row.member.stats.has_value(), "the members show the router's counters from the capture");
        QVERIFY(row.member.stats->callsIn > 0);
        QVERIFY(rowsWhere(m_console->traffic(), [&](const Monitor::CallRecord &r) { return r.function == function; }) > 0);
        QVERIFY(!m_console->rates()->totals().empty());
        QVERIFY(m_console->rates()->series(RateStore::seriesId(RateHistory::Kind::Function, function)));
        QVERIFY(m_console->rates()->series(RateStore::seriesId(RateHistory::Kind::Member, member)));
        // Times come from the records, not from now.
        QCOMPARE(m_console->rates()->totals().back().timeMs / 1000, c.lastMs / 1000 + 1);
        QAbstractItemModel *tree = window()->topologyPane()->tree()->model();
        auto inTree = [tree](const QByteArray &text) {
            return !tree->match(tree->index(0, 0), Qt::DisplayRole, QString::fromUtf8(text), 1,
                                Qt::MatchExactly | Qt::MatchRecursive).isEmpty();
        };
        QVERIFY(waitUntil([&] { return inTree(member); }));
        QVERIFY(inTree(function));
        QVERIFY(eventsContain(m_console->events(), QStringLiteral("Opened ")));
        QVERIFY(eventsContain(m_console->events(), QString::fromUtf8(member) + QStringLiteral(" joined")));
        QVERIFY(c.stats && std::any_of(c.stats->functions.cbegin(), c.stats->functions.cend(),
                                       [&](const Monitor::FunctionView &f) { return f.name == function && f.stats.calls > 0; }));
        QVERIFY(window()->statusText().contains(QStringLiteral("Capture ")));
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
        QFile::remove(m_dir.filePath(QStringLiteral("console.ini")));   // no filter carried into the next test
    }

    void recordOpenFilterSaveAndReopen()
    {
        startConsole();
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
        const QString file = path("recorded.dcap");
        window()->recordTo(file);
        auto *recording = window()->findChild<QLabel *>(QStringLiteral("statusRecording"));
        QVERIFY(waitUntil([&] { return recording->isVisible(); }));
        QVERIFY(window()->findChild<QAction *>(QStringLiteral("stopRecording"))->isEnabled());
        QVERIFY(!window()->findChild<QAction *>(QStringLiteral("recordToFile"))->isEnabled());

        Worker w1 = worker(routerPort(), "w1");
        Worker w2 = worker(routerPort(), "w2");
        QVERIFY(w1.client && w2.client);
        Client::Options co;
        co.name = "caller";
        co.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), routerPort());
        Client caller(co);
        QVERIFY(await(caller.start()).value().ok());
        QVERIFY(waitUntil([&] { return exposes(&caller, "w2", "add"); }));
        for (int i = 0; i < 20; ++i)
            QVERIFY(await(caller.rpc("add", args(Serde::Json, {i, 1}), {i % 2 ? "w1" : "w2", 10.0})).value().ok());
        QVERIFY(await(caller.rpc("echo", args(Serde::Msgpack, {QStringLiteral("hi")}), {"w1", 10.0})).value().ok());
        QVERIFY(await(caller.rpc("echo", Payload{Serde::Pickle, true, Pickled}, {"w2", 10.0})).value().ok());
        QCOMPARE(await(caller.rpc("fail", args(Serde::Json, {}), {"w1", 10.0})).value().status, CallResult::Status::RemoteError);
        QVERIFY(await(caller.rpcNowait("echo", args(Serde::Json, {1}), {"w1", {}})).value().ok());
        QVERIFY(waitUntil([&] { return m_console->traffic()->rowCount() == 24; }));
        window()->stopRecording();
        QVERIFY(waitUntil([&] { return eventsContain(m_console->events(), QStringLiteral("Recording stopped")); }));
        QVERIFY(waitUntil([&] { return !recording->isVisible(); }));

        window()->openCaptureFile(file);
        waitForCapture();
        QCOMPARE(m_console->traffic()->rowCount(), 24);
        verifyEveryPaneFilled("w1", "add");
        QVERIFY(window()->problemText().isEmpty());
        TrafficModel *traffic = m_console->traffic();
        QCOMPARE(rowsWhere(traffic, [](const auto &r) { return r.status == Monitor::Status::Error; }), 1);
        QCOMPARE(rowsWhere(traffic, [](const auto &r) { return r.serde == Serde::Pickle && r.reply.isValid(); }), 1);

        // The filter field: an expression (green), a mistake (red, the last filter stays), a word.
        TrafficPane *pane = window()->trafficPane();
        FilterEdit *edit = pane->filterEdit();
        QAbstractItemModel *shown = pane->view()->model();
        edit->setText(QStringLiteral("function == \"add\" and receiver == w1"));
        QCOMPARE(edit->state(), FilterEdit::State::Valid);
        QVERIFY(edit->styleSheet().contains(QStringLiteral("#d4f7d4")));
        QCOMPARE(shown->rowCount(), 10);
        edit->setText(QStringLiteral("function == \"add\" and latency > 5"));
        QCOMPARE(edit->state(), FilterEdit::State::Invalid);
        QVERIFY(edit->styleSheet().contains(QStringLiteral("#fbd5d5")));
        QVERIFY2(edit->toolTip().contains(QStringLiteral("duration")), qPrintable(edit->toolTip()));
        QCOMPARE(shown->rowCount(), 10);
        edit->setText(QStringLiteral("echo"));
        QCOMPARE(edit->state(), FilterEdit::State::Word);
        QVERIFY(edit->styleSheet().isEmpty());
        QCOMPARE(shown->rowCount(), 3);
        edit->setText(QStringLiteral("status != ok or serde == pickle"));
        QCOMPARE(shown->rowCount(), 3);   // the error, the nowait call, the pickled echo

        // Save shown calls writes exactly those rows; they reopen as a capture of their own.
        const QString saved = path("shown.dcap");
        QVERIFY(window()->saveShownCallsTo(saved));
        std::vector<quint64> shownSeqs;
        for (const Monitor::CallRecord &r : pane->shownRecords())
            shownSeqs.push_back(r.seq);
        QCOMPARE(shownSeqs.size(), size_t(3));
        window()->openCaptureFile(saved);
        waitForCapture();
        QCOMPARE(m_console->traffic()->rowCount(), 3);
        for (int r = 0; r < 3; ++r) {
            QCOMPARE(m_console->traffic()->record(r).seq, shownSeqs[size_t(r)]);
            QVERIFY(m_console->traffic()->record(r).request.isValid());
        }
        QVERIFY(eventsContain(m_console->events(), QStringLiteral("status != ok or serde == pickle")));
        QVERIFY(m_console->members()->findRow("w1") >= 0);
        auto reopened = Capture::load(saved);
        QVERIFY(reopened);
        QCOMPARE(reopened->info.listen, Capture::load(file)->info.listen);   // replay finds the router again
    }

    void filterCompletion()
    {
        startConsole();
        FilterEdit *edit = window()->trafficPane()->filterEdit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("sta"));
        QCOMPARE(edit->completions(), QStringList{QStringLiteral("status")});
        QVERIFY(edit->completer()->popup()->isVisible());
        QAbstractItemView *popup = edit->completer()->popup();
        popup->setCurrentIndex(popup->model()->index(0, 0));
        QTest::keyClick(popup, Qt::Key_Return);
        QCOMPARE(edit->text(), QStringLiteral("status "));
        QVERIFY(edit->completions().contains(QStringLiteral("==")));
        QTest::keyClicks(edit, QStringLiteral("== "));
        QCOMPARE(edit->completions(), (QStringList{QStringLiteral("pending"), QStringLiteral("ok"), QStringLiteral("error"),
                                                   QStringLiteral("refused"), QStringLiteral("sent"), QStringLiteral("lost")}));
        QTest::keyClicks(edit, QStringLiteral("ok "));
        QCOMPARE(edit->completions(), (QStringList{QStringLiteral("and"), QStringLiteral("or")}));
        QCOMPARE(edit->state(), FilterEdit::State::Valid);
        // A plain word offers nothing: it is a search.
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("web"));
        QVERIFY(!edit->completer()->popup()->isVisible());
    }

    void sendAgainLoadsTheComposer()
    {
        startConsole();
        QVERIFY(waitUntil([&] { return m_console->session()->isUp(); }));
        Worker w1 = worker(routerPort(), "w1");
        Worker w2 = worker(routerPort(), "w2");
        QVERIFY(w1.client && w2.client);
        QVERIFY(waitUntil([&] {
            auto *c = m_console->session()->client();
            return c && c->state() == Client::State::Ready && exposes(c, "w2", "echo") && exposes(c, "w1", "echo");
        }));
        Client::Options co;
        co.name = "caller";
        co.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), routerPort());
        Client caller(co);
        QVERIFY(await(caller.start()).value().ok());
        QVERIFY(await(caller.rpc("echo", args(Serde::Json, {QStringLiteral("again")}, {{QStringLiteral("k"), 1}}), {"w1", 10.0}))
                    .value().ok());
        QVERIFY(await(caller.rpc("echo", Payload{Serde::Pickle, true, Pickled}, {"w1", 10.0})).value().ok());
        TrafficModel *traffic = m_console->traffic();
        QVERIFY(waitUntil([&] { return rowsWhere(traffic, [](const auto &r) { return r.function == "echo" && r.reply.isValid(); }) == 2; }));
        w1.received->clear();

        TrafficPane *pane = window()->trafficPane();
        pane->findChild<QToolButton *>(QStringLiteral("followTraffic"))->setChecked(false);
        QTableView *view = pane->view();
        auto select = [&](Serde serde) {
            for (int r = 0; r < view->model()->rowCount(); ++r) {
                const int source = m_console->traffic()->rowForSeq(view->model()->index(r, 0).data(TrafficModel::SeqRole).toULongLong());
                if (traffic->record(source).function == "echo" && traffic->record(source).serde == serde) {
                    view->setCurrentIndex(view->model()->index(r, 0));
                    return true;
                }
            }
            return false;
        };
        ComposerPane *composer = window()->composerPane();

        // JSON: editable arguments, sent to the recorded receiver.
        QVERIFY(select(Serde::Json));
        pane->findChild<QAction *>(QStringLiteral("sendAgain"))->trigger();
        CallSpec spec = composer->spec();
        QCOMPARE(spec.function, QStringLiteral("echo"));
        QCOMPARE(spec.receivers, QStringLiteral("w1"));
        QCOMPARE(spec.serde, Serde::Json);
        QCOMPARE(spec.args, QStringLiteral("[\"again\"]"));
        QCOMPARE(spec.kwargs, QStringLiteral("{\"k\":1}"));
        QVERIFY(!composer->sendsRecordedBytes());
        const int before = m_console->history()->rowCount();
        composer->send();
        QVERIFY(waitUntil([&] { return m_console->history()->rowCount() > before; }));
        QVERIFY2(composer->resultSummary().startsWith(QStringLiteral("ok from w1")), qPrintable(composer->resultSummary()));

        // PICKLE: shown read-only and sent as the same bytes; "Send again to" another provider.
        QVERIFY(select(Serde::Pickle));
        pane->sendAgain("w2");
        spec = composer->spec();
        QVERIFY(composer->sendsRecordedBytes());
        QCOMPARE(spec.serde, Serde::Pickle);
        QCOMPARE(spec.receivers, QStringLiteral("w2"));
        QVERIFY(spec.args.contains(QStringLiteral("SHORT_BINUNICODE 'two'")));
        QVERIFY(composer->findChild<QPlainTextEdit *>(QStringLiteral("args"))->isReadOnly());
        QVERIFY(composer->pythonCode().contains(QStringLiteral("pickle.loads(bytes.fromhex(\"%1\"))").arg(QString::fromLatin1(Pickled.toHex()))));
        w2.received->clear();
        const int count = m_console->history()->rowCount();
        composer->send();
        QVERIFY(waitUntil([&] { return m_console->history()->rowCount() > count; }));
        QCOMPARE(w2.received->size(), 1);
        QCOMPARE(w2.received->first().serde, Serde::Pickle);
        QCOMPARE(w2.received->first().data, Pickled);
        QVERIFY(w1.received->size() == 1);   // only the JSON call went to w1

        // In a capture there is no router to send to: the composer says so.
        const QString file = path("one.dcap");
        QVERIFY(window()->saveShownCallsTo(file));
        window()->openCaptureFile(file);
        waitForCapture();
        composer->send();
        QVERIFY2(composer->resultSummary().contains(QStringLiteral("capture file is open")), qPrintable(composer->resultSummary()));
    }

    void brokenFilesSayWhatIsWrong()
    {
        const QString whole = path("whole.dcap");
        Monitor::CallRecord r;
        r.seq = 1;
        r.function = "add";
        r.request = *Frame::make({1, Flag::Request, Serde::Json, false, true}, "c", "w1", "add", R"({"args":[1,2],"kwargs":{}})");
        // As a recorder writes: flushed as it goes, so that a cut loses only the end.
        CaptureWriter writer;
        QVERIFY(writer.open(whole));
        QVERIFY(writer.append(CaptureRecord{CaptureInfo{}}));
        for (quint64 seq = 1; seq <= 3; ++seq) {
            r.seq = seq;
            QVERIFY(writer.append(CaptureRecord{r}) && writer.flush());
        }
        QVERIFY(writer.close({}));
        const QString cut = path("cut.dcap");
        {
            QFile in(whole);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QFile f(cut);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(in.readAll().chopped(9));   // the end record and the zstd frame's checksum
        }
        StartOptions o;
        o.capture = cut;
        startConsole(o);
        waitForCapture();
        QVERIFY(waitUntil([&] { return !window()->problemText().isEmpty(); }));
        QVERIFY2(window()->problemText().contains(QStringLiteral("stops after record")), qPrintable(window()->problemText()));

        const QString garbage = path("garbage.dcap");
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("PK\x03\x04 this is a zip file");
        g.close();
        window()->openCaptureFile(garbage);
        QVERIFY(waitUntil([&] { return window()->problemText().contains(QStringLiteral("not a daffi capture")); }));
        QCOMPARE(m_console->traffic()->rowCount(), 0);
    }

    void openingARouterCapture()
    {
        const QString file = qEnvironmentVariable("DAFFI_CAPTURE_FILE");
        if (file.isEmpty())
            QSKIP("DAFFI_CAPTURE_FILE is not set (tests/interop/test_capture.py sets it)");
        StartOptions o;
        o.capture = file;
        startConsole(o);
        waitForCapture();
        verifyEveryPaneFilled(qgetenv("DAFFI_CAPTURE_MEMBER"), qgetenv("DAFFI_CAPTURE_FUNCTION"));
        QVERIFY2(window()->problemText().isEmpty(), qPrintable(window()->problemText()));
        const QString shot = qEnvironmentVariable("DAFFI_CAPTURE_SCREENSHOT");
        if (!shot.isEmpty()) {
            window()->tabs()->setCurrentWidget(window()->trafficPane());
            QVERIFY(window()->grab().save(shot, "PNG"));
        }
    }
};

QTEST_MAIN(TestCaptureConsole)
#include "tst_captureconsole.moc"
