#include "routerprocess.h"
#include "uitestutil.h"

#include <ui/composer/callhistory.h>
#include <ui/composer/composerpane.h>
#include <ui/events/eventsmodel.h>
#include <ui/functions/functionsmodel.h>
#include <ui/members/membersmodel.h>
#include <ui/rates/ratestore.h>
#include <ui/session/remotesession.h>
#include <ui/topology/topologygraph.h>
#include <ui/topology/topologypane.h>
#include <ui/traffic/trafficmodel.h>
#include <ui/traffic/trafficpane.h>
#include <ui/window/consolecontroller.h>
#include <ui/window/consolesettings.h>
#include <ui/window/mainwindow.h>

#include <QFile>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUrl>

using namespace daffi;
using namespace daffi::ui;
using namespace nodetest;
using namespace uitest;
using namespace std::chrono_literals;

namespace {

const QString TlsDir = QStringLiteral(DAFFI_SOURCE_DIR "/tests/data/tls/");

// Forwards a port byte for byte and can cut every connection through it: the network between the
// console and a monitor failing while the router runs on.
class CutProxy : public QObject
{
public:
    bool listen(quint16 target)
    {
        m_target = target;
        connect(&m_server, &QTcpServer::newConnection, this, &CutProxy::accept);
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            return false;
        m_port = m_server.serverPort();
        return true;
    }
    void cut()
    {
        m_server.close();
        for (QTcpSocket *s : findChildren<QTcpSocket *>())
            s->abort();
    }
    bool resume() { return m_server.listen(QHostAddress::LocalHost, m_port); }
    quint16 port() const { return m_port; }

private:
    void accept()
    {
        while (QTcpSocket *in = m_server.nextPendingConnection()) {
            in->setParent(this);
            auto *out = new QTcpSocket(this);
            out->connectToHost(QHostAddress::LocalHost, m_target);   // writes wait for the connection
            connect(in, &QTcpSocket::readyRead, out, [in, out] { out->write(in->readAll()); });
            connect(out, &QTcpSocket::readyRead, in, [in, out] { in->write(out->readAll()); });
            connect(in, &QTcpSocket::disconnected, out, &QTcpSocket::disconnectFromHost);
            connect(out, &QTcpSocket::disconnected, in, &QTcpSocket::disconnectFromHost);
        }
    }

    QTcpServer m_server;
    quint16 m_target = 0;
    quint16 m_port = 0;
};

std::unique_ptr<Client> caller(quint16 port, const QByteArray &name = "caller")
{
    Client::Options o;
    o.name = name;
    o.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), port);
    auto c = std::make_unique<Client>(o);
    const auto started = await(c->start());
    return started && started->ok() ? std::move(c) : nullptr;
}

// `n` calls of `function`, each awaited; true when every one came back as expected.
bool calls(Client &c, int n, const QByteArray &function, Serde serde = Serde::Json, const QByteArray &receiver = {},
           bool expectOk = true)
{
    for (int i = 0; i < n; ++i) {
        const auto r = await(c.rpc(function, args(serde, {i, 2}), {receiver, 10.0}));
        if (!r || r->ok() != expectOk)
            return false;
    }
    return true;
}

MonitorOptions monitorAt(const QString &url, const QString &tokenFile = {})
{
    MonitorOptions o;
    o.url = url;
    o.tokenFile = tokenFile;
    return o;
}

RemoteOptions remoteAt(const QString &url, const MonitorOptions &monitor)
{
    RemoteOptions o;
    o.url = url;
    o.monitor = monitor;
    return o;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return f.fileName();
}

QStringList liveMembers(const MembersModel *m)
{
    QStringList out;
    for (int i = 0; i < m->rowCount(); ++i) {
        if (!m->row(i).left)
            out << QString::fromUtf8(m->row(i).member.name);
    }
    out.sort();
    return out;
}

// Every row's seq, which must only grow (a row shown twice would repeat one).
bool strictlyIncreasing(const TrafficModel *t)
{
    for (int r = 1; r < t->rowCount(); ++r) {
        if (t->record(r).seq <= t->record(r - 1).seq)
            return false;
    }
    return true;
}

int rowsFrom(const TrafficModel *t, const QByteArray &caller)
{
    int n = 0;
    for (int r = 0; r < t->rowCount(); ++r)
        n += t->record(r).caller == caller ? 1 : 0;
    return n;
}

} // namespace

class TestRemoteMonitor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleController> m_console;

    void join(const QString &routerUrl, const MonitorOptions &monitor)
    {
        StartOptions options;
        options.remote = routerUrl;
        options.monitor = monitor.url;
        options.monitorTokenFile = monitor.tokenFile;
        options.monitorCa = monitor.caFile;
        options.monitorCertificate = monitor.certificateFile;
        options.monitorKey = monitor.keyFile;
        options.language = QStringLiteral("en");
        options.refreshIntervalMs = 50;
        m_console = std::make_unique<ConsoleController>();
        m_console->start(options);
        m_console->window()->show();
    }

    RemoteSession *remote() const { return qobject_cast<RemoteSession *>(m_console->session()); }
    bool live() const { return remote() && remote()->monitorState() == MonitorFeedClient::State::Live; }
    QString problem() const { return m_console->window()->problemText(); }

    bool eventsContain(const QString &text) const
    {
        const EventsModel *events = m_console->events();
        // A folded storm's events are its children.
        return !events->match(events->index(0, 0), Qt::DisplayRole, text, 1, Qt::MatchContains | Qt::MatchRecursive).isEmpty();
    }

    QString detailOf(int row)
    {
        TrafficPane *pane = m_console->window()->trafficPane();
        pane->findChild<QToolButton *>(QStringLiteral("followTraffic"))->setChecked(false);
        pane->view()->setCurrentIndex(pane->view()->model()->index(row, 0));
        waitUntil([&] { return !pane->detailText().contains(u"fetching"); }, 5000);
        return pane->detailText();
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

    void remoteConsoleSeesWhatCrossesTheRouter()
    {
        RouterProcess router;
        QVERIFY2(router.start(), router.output().constData());
        auto w1 = worker(router.port(), "w1", 1ms);
        auto w2 = worker(router.port(), "w2", 25ms);
        auto c = caller(router.port());
        QVERIFY(w1 && w2 && c);
        QVERIFY(waitUntil([&] { return exposes(c.get(), "w1", "slow") && exposes(c.get(), "w2", "slow"); }));
        QVERIFY(calls(*c, 20, "add"));
        QVERIFY(calls(*c, 10, "echo", Serde::Msgpack, "w2"));
        QVERIFY(calls(*c, 2, "fail", Serde::Json, {}, false));
        QVERIFY(calls(*c, 6, "slow", Serde::Json, "w1"));
        QVERIFY(calls(*c, 6, "slow", Serde::Json, "w2"));
        for (int i = 0; i < 5; ++i)
            QVERIFY(await(c->rpcNowait("echo", args(Serde::Json, {QStringLiteral("fire")}), {"w1", std::nullopt})).value().ok());
        constexpr int Calls = 20 + 10 + 2 + 6 + 6 + 5;

        join(router.url(), monitorAt(router.monitorUrl()));
        QVERIFY(waitUntil([&] { return live(); }));
        QVERIFY2(m_console->window()->statusText().contains(u"monitor " + router.monitorUrl() + u" live"),
                 qPrintable(m_console->window()->statusText()));

        // Every call the router saw before the console came, from its ring.
        TrafficModel *traffic = m_console->traffic();
        QVERIFY(waitUntil([&] { return rowsFrom(traffic, "caller") == Calls; }));
        QVERIFY(strictlyIncreasing(traffic));
        const int add = newestRow(traffic, "add");
        QCOMPARE(traffic->record(add).status, Monitor::Status::Ok);
        QVERIFY(traffic->record(add).latencyUs.has_value());
        QCOMPARE(cell(traffic, newestRow(traffic, "echo"), TrafficModel::Style), QStringLiteral("nowait"));

        // Payloads are fetched for the row a person looks at, and decoded.
        QString detail = detailOf(add);
        QVERIFY2(detail.contains(u"\"args\": [\n    19,\n    2\n  ]") && detail.contains(u"── Reply"), qPrintable(detail));
        QVERIFY2(detail.contains(u"21"), qPrintable(detail));
        detail = detailOf(newestRow(traffic, "fail"));
        QVERIFY2(detail.contains(u"builtins.ValueError: boom"), qPrintable(detail));

        // Members with their counters, as the router counts them.
        MembersModel *members = m_console->members();
        QVERIFY(waitUntil([&] { return cell(members, members->findRow("caller"), MembersModel::CallsOut) == u"49"; }));
        const int w2row = members->findRow("w2");
        QCOMPARE(cell(members, w2row, MembersModel::Transport), QStringLiteral("tcp"));
        QVERIFY(cell(members, w2row, MembersModel::Address).startsWith(u"127.0.0.1:"));
        QCOMPARE(cell(members, w2row, MembersModel::Functions), QStringLiteral("add, echo, fail, slow"));
        int toW2 = 0;
        for (int r = 0; r < traffic->rowCount(); ++r)
            toW2 += traffic->record(r).receiver == "w2" ? 1 : 0;
        QCOMPARE(cell(members, w2row, MembersModel::CallsIn), QString::number(toW2));
        QVERIFY(eventsContain(QStringLiteral("w1 joined from 127.0.0.1:")));

        // Per function and provider, with the slower provider of `slow` marked; spokes know its p99.
        FunctionsModel *functions = m_console->functions();
        QVERIFY(waitUntil([&] { return functions->function("add") && functions->function("add")->stats.calls == 20; }));
        QCOMPARE(functions->function("fail")->stats.errors, quint64(2));
        QCOMPARE(functions->slowestProvider("slow"), QByteArray("w2"));
        const QModelIndex slow = functions->functionIndex("slow");
        QCOMPARE(functions->rowCount(slow), 2);
        QVERIFY(functions->index(1, FunctionsModel::Name, slow).data(FunctionsModel::SlowestRole).toBool());
        QVERIFY(cell(functions, 1, FunctionsModel::Name, slow).contains(u"slowest"));
        QVERIFY(functions->index(1, FunctionsModel::P99, slow).data(FunctionsModel::SortRole).toLongLong() >= 25000);
        QVERIFY(m_console->window()->topologyPane()->graph()->spokeLatency().value("w2") >= 25000);

        // Rates arrive once a second.
        QVERIFY(waitUntil([&] { return m_console->rates()->series(RateStore::seriesId(RateHistory::Kind::Member, "w1")); }));
        QVERIFY(!m_console->rates()->totals().empty());

        // New traffic comes live; the composer's call is shown once, as the router saw it.
        QVERIFY(calls(*c, 3, "add"));
        QVERIFY(waitUntil([&] { return rowsFrom(traffic, "caller") == Calls + 3; }));
        QVERIFY(waitUntil([&] { return m_console->session()->client()->state() == Client::State::Ready; }));
        CallSpec spec;
        spec.function = QStringLiteral("add");
        spec.args = QStringLiteral("[20, 22]");
        ComposerPane *composer = m_console->window()->composerPane();
        composer->setSpec(spec);
        composer->send();
        QVERIFY(waitUntil([&] { return composer->resultText() == u"42"; }));
        const QByteArray self = m_console->session()->client()->name();
        QVERIFY(waitUntil([&] { return rowsFrom(traffic, self) == 1; }));
        QTest::qWait(300);
        QCOMPARE(rowsFrom(traffic, self), 1);
        QVERIFY(strictlyIncreasing(traffic));
    }

    void remoteViewEqualsHostedView()
    {
        // One console hosts the router and serves its monitor; another joins it remotely.
        StartOptions options;
        options.port = 0;
        options.metricsPort = freePort();
        options.language = QStringLiteral("en");
        options.refreshIntervalMs = 50;
        auto hosted = std::make_unique<ConsoleController>();
        hosted->start(options);
        QVERIFY(waitUntil([&] { return hosted->session()->isUp() && !hosted->hostedSession()->metricsUrl().isEmpty(); }));
        const quint16 port = quint16(QUrl(hosted->hostedSession()->urls().value(0)).port());
        QUrl monitorUrl(hosted->hostedSession()->metricsUrl());
        monitorUrl.setPath({});

        auto w1 = worker(port, "w1", 1ms);
        auto w2 = worker(port, "w2", 10ms);
        auto c = caller(port);
        QVERIFY(w1 && w2 && c);
        QVERIFY(waitUntil([&] { return exposes(c.get(), "w1", "slow") && exposes(c.get(), "w2", "slow"); }));
        join(QStringLiteral("tcp://127.0.0.1:%1").arg(port), monitorAt(monitorUrl.toString()));
        QVERIFY(waitUntil([&] { return live(); }));
        QVERIFY(calls(*c, 12, "add"));
        QVERIFY(calls(*c, 4, "echo", Serde::Msgpack));
        QVERIFY(calls(*c, 3, "fail", Serde::Json, {}, false));
        QVERIFY(calls(*c, 4, "slow"));
        constexpr int Calls = 12 + 4 + 3 + 4;

        auto sameFunctions = [&] {
            const QByteArrayList names{"add", "echo", "fail", "slow"};
            return std::all_of(names.cbegin(), names.cend(), [&](const QByteArray &name) {
                const Monitor::FunctionView *h = hosted->functions()->function(name);
                const Monitor::FunctionView *r = m_console->functions()->function(name);
                return h && r && h->stats.calls == r->stats.calls && h->stats.errors == r->stats.errors
                    && h->providers == r->providers && h->lastMinute.count == r->lastMinute.count
                    && h->lastMinute.p50 == r->lastMinute.p50 && h->lastMinute.p99 == r->lastMinute.p99
                    && h->perProvider.size() == r->perProvider.size();
            });
        };
        auto sameCounters = [&] {
            for (const QString &name : liveMembers(hosted->members())) {
                const int h = hosted->members()->findRow(name.toUtf8());
                const int r = m_console->members()->findRow(name.toUtf8());
                for (int column : {MembersModel::CallsIn, MembersModel::CallsOut, MembersModel::Errors, MembersModel::BytesIn}) {
                    if (r < 0 || cell(hosted->members(), h, column) != cell(m_console->members(), r, column))
                        return false;
                }
            }
            return true;
        };
        QVERIFY(waitUntil([&] {
            return rowsFrom(hosted->traffic(), "caller") == Calls && rowsFrom(m_console->traffic(), "caller") == Calls
                && hosted->traffic()->rowCount() == m_console->traffic()->rowCount()
                && liveMembers(hosted->members()) == liveMembers(m_console->members()) && sameFunctions()
                && sameCounters();
        }));
        QCOMPARE(liveMembers(m_console->members()).size(), 5);   // two consoles, two workers, a caller
        QCOMPARE(hosted->functions()->slowestProvider("slow"), m_console->functions()->slowestProvider("slow"));
        for (int r = 0; r < m_console->traffic()->rowCount(); ++r) {
            const Monitor::CallRecord &a = hosted->traffic()->record(r);
            const Monitor::CallRecord &b = m_console->traffic()->record(r);
            QCOMPARE(b.seq, a.seq);
            QCOMPARE(b.function, a.function);
            QCOMPARE(b.receiver, a.receiver);
            QCOMPARE(b.status, a.status);
            QCOMPARE(b.latencyUs, a.latencyUs);
        }
        m_console.reset();
        hosted.reset();
    }

    void routerRestartIsSaidAndFollowed()
    {
        RouterProcess router;
        QVERIFY2(router.start(), router.output().constData());
        auto w = worker(router.port(), "w1");
        auto c = caller(router.port());
        QVERIFY(w && c);
        QVERIFY(waitUntil([&] { return exposes(c.get(), "w1", "add"); }));
        QVERIFY(calls(*c, 5, "add"));
        join(router.url(), monitorAt(router.monitorUrl()));
        TrafficModel *traffic = m_console->traffic();
        QVERIFY(waitUntil([&] { return live() && rowsFrom(traffic, "caller") == 5; }));

        router.kill();
        QVERIFY(waitUntil([&] { return !problem().isEmpty(); }));
        QVERIFY2(problem().contains(router.monitorUrl()) && problem().contains(u"reconnects by itself"), qPrintable(problem()));
        QVERIFY(waitUntil([&] { return m_console->window()->statusText().contains(u"lost, reconnecting"); }));

        QVERIFY2(router.restart(), router.output().constData());
        QVERIFY(waitUntil([&] { return c->state() == Client::State::Ready && exposes(c.get(), "w1", "add"); }));
        QVERIFY(calls(*c, 3, "add"));
        QVERIFY(waitUntil([&] { return live() && rowsFrom(traffic, "caller") == 8; }));
        QVERIFY(strictlyIncreasing(traffic));
        QVERIFY(waitUntil([&] { return problem().isEmpty(); }));   // the red bar goes when the router is back
        QVERIFY(eventsContain(QStringLiteral("restarted")));
        // The new instance's members replace the old one's (the workers came back).
        QVERIFY(waitUntil([&] { return cell(m_console->members(), m_console->members()->findRow("caller"),
                                            MembersModel::CallsOut) == u"3"; }));
        QTest::qWait(1200);
        QCOMPARE(rowsFrom(traffic, "caller"), 8);
    }

    void lostFeedResumesFromItsCursors()
    {
        RouterProcess router;
        QVERIFY2(router.start({QStringLiteral("--monitor-ring-size"), QStringLiteral("10")}), router.output().constData());
        CutProxy proxy;
        QVERIFY(proxy.listen(router.monitorPort()));
        auto w = worker(router.port(), "w1");
        auto c = caller(router.port());
        QVERIFY(w && c);
        QVERIFY(waitUntil([&] { return exposes(c.get(), "w1", "add"); }));
        // More calls than the ring keeps before the console comes: it shows what is kept, and
        // nothing older counts as lost.
        QVERIFY(calls(*c, 25, "add"));
        join(router.url(), monitorAt(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())));
        TrafficModel *traffic = m_console->traffic();
        QVERIFY(waitUntil([&] { return live() && rowsFrom(traffic, "caller") == 10; }));
        QCOMPARE(traffic->record(0).seq, quint64(16));
        QTest::qWait(300);
        QVERIFY(!eventsContain(QStringLiteral("rings moved on")));

        proxy.cut();
        QVERIFY(waitUntil([&] { return !live() && problem().contains(u"ended"); }));
        QVERIFY(calls(*c, 30, "add"));   // the ring keeps the last 10 of them
        QVERIFY(proxy.resume());
        QVERIFY(waitUntil([&] { return live() && rowsFrom(traffic, "caller") == 20; }));
        QVERIFY(strictlyIncreasing(traffic));
        QCOMPARE(traffic->record(traffic->rowCount() - 1).seq, quint64(55));
        QVERIFY(waitUntil([&] { return eventsContain(QStringLiteral("send 20 call(s)")); }));
        QVERIFY(eventsContain(QStringLiteral("Reconnected to the monitor")));
        QVERIFY(!eventsContain(QStringLiteral("restarted")));
        QVERIFY(problem().isEmpty());
        QTest::qWait(1200);
        QCOMPARE(rowsFrom(traffic, "caller"), 20);
    }

    void credentialsRefusedInASentence()
    {
        const QString token = writeFile(m_dir, QStringLiteral("token"), "s3cret\n");
        const QString wrong = writeFile(m_dir, QStringLiteral("wrong-token"), "guess\n");
        RouterProcess router;
        QVERIFY2(router.start({QStringLiteral("--monitor-token-file"), token}), router.output().constData());
        auto w = worker(router.port(), "w1");
        QVERIFY(w);

        join(router.url(), monitorAt(router.monitorUrl()));
        QVERIFY(waitUntil([&] { return !problem().isEmpty() && !problem().contains(u"Joined"); }));
        QVERIFY2(problem().contains(u"refused the console") && problem().contains(u"bearer token")
                     && problem().contains(u"--monitor-token-file"), qPrintable(problem()));
        QVERIFY(!live());

        QString error;
        QVERIFY(m_console->joinRemote(remoteAt(router.url(), monitorAt(router.monitorUrl(), wrong)), &error));
        QVERIFY(waitUntil([&] { return problem().contains(u"wrong"); }));
        QVERIFY(!live());

        QVERIFY(m_console->joinRemote(remoteAt(router.url(), monitorAt(router.monitorUrl(), token)), &error));
        QVERIFY(waitUntil([&] { return live(); }));
        // With counters: the monitor's view, not the client's.
        QVERIFY(waitUntil([&] {
            const int row = m_console->members()->findRow("w1");
            return row >= 0 && m_console->members()->row(row).member.stats.has_value();
        }));
        QVERIFY(problem().isEmpty());
        // The token file's path is remembered, never the token.
        m_console->saveSettings();
        QSettings settings(ConsoleSettings::file(), QSettings::IniFormat);
        QCOMPARE(settings.value(QStringLiteral("remote/monitorTokenFile")).toString(), token);
        QFile ini(ConsoleSettings::file());
        QVERIFY(ini.open(QIODevice::ReadOnly) && !ini.readAll().contains("s3cret"));
    }

    void tlsProblemsInASentence()
    {
        RouterProcess router;
        QVERIFY2(router.start({QStringLiteral("--monitor-tls-cert"), TlsDir + QStringLiteral("server.crt"),
                               QStringLiteral("--monitor-tls-key"), TlsDir + QStringLiteral("server.key"),
                               QStringLiteral("--monitor-tls-ca"), TlsDir + QStringLiteral("ca.crt")}),
                 router.output().constData());
        QVERIFY(router.monitorUrl().startsWith(u"https://"));

        // The system's CAs do not know the test CA.
        join(router.url(), monitorAt(router.monitorUrl()));
        QVERIFY(waitUntil([&] { return problem().contains(u"TLS handshake"); }));
        QVERIFY2(problem().contains(u"--monitor-ca"), qPrintable(problem()));

        // Trusted now, but the monitor wants a client certificate too.
        QString error;
        MonitorOptions monitor = monitorAt(router.monitorUrl());
        monitor.caFile = TlsDir + QStringLiteral("ca.crt");
        QVERIFY(m_console->joinRemote(remoteAt(router.url(), monitor), &error));
        QVERIFY(waitUntil([&] { return problem().contains(u"refused the console"); }));
        QVERIFY2(problem().contains(u"client certificate") && problem().contains(u"--monitor-cert"), qPrintable(problem()));

        monitor.certificateFile = TlsDir + QStringLiteral("client.crt");
        monitor.keyFile = TlsDir + QStringLiteral("client.key");
        QVERIFY(m_console->joinRemote(remoteAt(router.url(), monitor), &error));
        QVERIFY(waitUntil([&] { return live(); }));

        // Plain HTTP to a TLS monitor.
        QUrl plain(router.monitorUrl());
        plain.setScheme(QStringLiteral("http"));
        QVERIFY(m_console->joinRemote(remoteAt(router.url(), monitorAt(plain.toString())), &error));
        QVERIFY(waitUntil([&] { return problem().contains(u"without an HTTP answer"); }));
        QVERIFY2(problem().contains(u"use https://"), qPrintable(problem()));
    }

    void wrongAddressesInASentence()
    {
        RouterProcess router;
        QVERIFY2(router.start(), router.output().constData());

        // Without a monitor: what the console sees, and the router option that shows the rest.
        join(router.url(), {});
        QVERIFY(waitUntil([&] { return !problem().isEmpty(); }));
        QVERIFY2(problem().contains(u"only who is a member") && problem().contains(u"--monitor-port 8222"), qPrintable(problem()));
        QVERIFY(m_console->window()->statusText().contains(u"no monitor"));

        QString error;
        QVERIFY(m_console->joinRemote(remoteAt(router.url(), monitorAt(QStringLiteral("http://127.0.0.1:%1").arg(freePort()))), &error));
        QVERIFY(waitUntil([&] { return problem().contains(u"Nothing listens"); }));

        // The router's own port is not its monitor.
        QVERIFY(m_console->joinRemote(remoteAt(router.url(), monitorAt(QStringLiteral("http://127.0.0.1:%1").arg(router.port()))), &error));
        QVERIFY(waitUntil([&] { return problem().contains(u"--monitor-port") && !problem().contains(u"Nothing listens"); }));

        // Not a URL at all: refused before anything is tried.
        QVERIFY(!m_console->joinRemote(remoteAt(router.url(), monitorAt(QStringLiteral("ftp://x/y"))), &error));
        QVERIFY2(error.contains(u"not a monitor address"), qPrintable(error));
    }

    void referenceWorkersSeenRemotely()
    {
        const QString python = QStringLiteral(DAFFI_SOURCE_DIR "/build/venv-ref/bin/python");
        if (!QFile::exists(python))
            QSKIP("the reference daffi is not installed yet (tests/interop/run.sh installs it in build/venv-ref)");
        RouterProcess router;
        QVERIFY2(router.start(), router.output().constData());
        QProcess ref;
        ref.start(python, {QStringLiteral(DAFFI_SOURCE_DIR "/tests/interop/peers/worker.py"), QStringLiteral("--name"),
                           QStringLiteral("ref-worker"), QStringLiteral("--port"), QString::number(router.port())});
        QVERIFY(ref.waitForStarted());
        QByteArray out;
        QVERIFY2(waitUntil([&] {
            out += ref.readAllStandardOutput();
            return out.contains("READY\n") || ref.state() == QProcess::NotRunning;
        }, 30000) && out.contains("READY\n"), QByteArray(out + ref.readAllStandardError()).constData());
        auto c = caller(router.port());
        QVERIFY(c);
        QVERIFY(waitUntil([&] { return exposes(c.get(), "ref-worker", "add"); }));
        QVERIFY(calls(*c, 3, "add"));
        QVERIFY(calls(*c, 2, "boom", Serde::Json, {}, false));

        join(router.url(), monitorAt(router.monitorUrl()));
        TrafficModel *traffic = m_console->traffic();
        QVERIFY(waitUntil([&] { return live() && rowsFrom(traffic, "caller") == 5; }));
        const QString detail = detailOf(newestRow(traffic, "boom"));
        QVERIFY2(detail.contains(u"ValueError") && detail.contains(u"boom"), qPrintable(detail));
        MembersModel *members = m_console->members();
        QVERIFY(waitUntil([&] { return cell(members, members->findRow("ref-worker"), MembersModel::CallsIn) == u"5"; }));
        QVERIFY(cell(members, members->findRow("ref-worker"), MembersModel::Functions).contains(u"whoami"));
        QVERIFY(waitUntil([&] {
            const auto *f = m_console->functions()->function("add");
            return f && f->stats.calls == 3 && f->lastMinute.count == 3;
        }));
        ref.closeWriteChannel();   // the worker exits when its stdin closes
        QVERIFY(ref.waitForFinished(10000));
    }

    void functionsModelKeepsRowsInPlace()
    {
        FunctionsModel model;
        auto provider = [](const char *name, qint64 p99, quint64 count) {
            Monitor::ProviderView p;
            p.name = name;
            p.connected = true;
            p.calls = count;
            p.lastMinute.count = count;
            p.lastMinute.p50 = p99 / 2;
            p.lastMinute.p99 = p99;
            return p;
        };
        auto function = [](const char *name, std::vector<Monitor::ProviderView> providers) {
            Monitor::FunctionView f;
            f.name = name;
            f.providers = int(providers.size());
            f.perProvider = std::move(providers);
            return f;
        };
        Snapshot s;
        s.functions = std::vector{function("b", {provider("w1", 900, 3), provider("w2", 4000, 3)}),
                                  function("a", {provider("w1", 100, 1)})};
        model.apply(s);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(&model, 0, FunctionsModel::Name), QStringLiteral("a"));
        QCOMPARE(model.slowestProvider("b"), QByteArray("w2"));
        QCOMPARE(model.slowestProvider("a"), QByteArray());   // one provider: nobody to be slower than
        QCOMPARE(model.p99ByProvider().value("w2"), qint64(4000));
        const QPersistentModelIndex w2(model.index(1, 0, model.functionIndex("b")));
        QCOMPARE(w2.data(FunctionsModel::NameRole).toByteArray(), QByteArray("w2"));

        // A new function before "b", w1 gone from it, the rates of the flows into w2 summed.
        int resets = 0;
        connect(&model, &QAbstractItemModel::modelReset, this, [&] { ++resets; });
        s.functions = std::vector{function("a", {provider("w1", 100, 1)}), function("aa", {}),
                                  function("b", {provider("w2", 4000, 3)})};
        s.rateSamples = {RateSample{1, 0, {RatePoint{RateHistory::Kind::Flow, "x", "c1", "w2", "b", 2, 0},
                                           RatePoint{RateHistory::Kind::Flow, "y", "c2", "w2", "b", 3, 0},
                                           RatePoint{RateHistory::Kind::Function, "b", {}, {}, {}, 5, 0}}}};
        model.apply(s);
        QCOMPARE(resets, 0);
        QVERIFY(w2.isValid());
        QCOMPARE(w2.row(), 0);
        QCOMPARE(w2.parent().row(), 2);
        QCOMPARE(w2.data(FunctionsModel::NameRole).toByteArray(), QByteArray("w2"));
        QCOMPARE(w2.sibling(0, FunctionsModel::CallsPerSecond).data(FunctionsModel::SortRole).toFloat(), 5.0f);
        QCOMPARE(model.index(2, FunctionsModel::CallsPerSecond).data(FunctionsModel::SortRole).toFloat(), 5.0f);
        QCOMPARE(model.slowestProvider("b"), QByteArray());

        // Equal percentiles: none is marked.
        s.functions = std::vector{function("b", {provider("w1", 4000, 3), provider("w2", 4000, 3)})};
        model.apply(s);
        QCOMPARE(model.slowestProvider("b"), QByteArray());
    }
};

QTEST_MAIN(TestRemoteMonitor)
#include "tst_remotemonitor.moc"
