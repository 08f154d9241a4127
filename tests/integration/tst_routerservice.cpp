// daffi-router as a system service runs it: options from a config file (--config,
// --check-config, --print-config, the shipped /etc/daffi/router.conf), a log the journal reads,
// and readiness told to systemd over $NOTIFY_SOCKET.
#include "routerprocess.h"
#include "testpeer.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

const QString ShippedConfig = QStringLiteral(DAFFI_SOURCE_DIR "/packaging/router.conf");

QString tlsFile(const char *name)
{
    return QStringLiteral(DAFFI_TEST_DATA "/tls/") + QString::fromLatin1(name);
}

bool write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

// "key = value" (and "# key =" for an option without a value) lines of a config file, by key.
QMultiHash<QString, QString> settings(const QByteArray &text, bool commented)
{
    static const QRegularExpression line(QStringLiteral("^(# )?([a-z][a-z0-9-]+) = ?(.*)$"));
    QMultiHash<QString, QString> out;
    for (const QByteArray &l : text.split('\n')) {
        const auto m = line.match(QString::fromUtf8(l.trimmed()));
        if (m.hasMatch() && m.hasCaptured(1) == commented)
            out.insert(m.captured(2), m.captured(3));
    }
    return out;
}

// A datagram socket standing in for systemd's notification socket.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &name) : m_name(name)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        const QByteArray bytes = name.toUtf8();
        std::memcpy(address.sun_path, bytes.constData(), size_t(bytes.size()));
        if (bytes.startsWith('@'))
            address.sun_path[0] = '\0';
        const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(bytes.size()));
        m_bound = ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) == 0;
    }
    ~NotifySocket() { ::close(m_fd); }

    bool isBound() const { return m_bound; }
    QString name() const { return m_name; }

    // The next datagram, or empty after `ms`.
    QByteArray next(int ms = 10000)
    {
        QByteArray got;
        (void)QTest::qWaitFor([&] {
            char buffer[4096];
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0)
                got = QByteArray(buffer, n);
            return n > 0;
        }, ms);
        return got;
    }

private:
    QString m_name;
    int m_fd = -1;
    bool m_bound = false;
};

} // namespace

class TestRouterService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedConfigIsAccepted();
    void shippedConfigListsEveryOptionAtItsDefault();
    void configFileRunsTheRouterAndTheCommandLineWins();
    void checkConfigListsEveryProblemWithItsLine();
    void checkConfigChecksValuesAndFilesWithoutListening_data();
    void checkConfigChecksValuesAndFilesWithoutListening();
    void journalGetsPrioritiesAndNoTimes();
    void textLogKeepsItsTimes();
    void notifiesSystemd_data();
    void notifiesSystemd();
};

void TestRouterService::shippedConfigIsAccepted()
{
    QByteArray out, err;
    QCOMPARE(RouterProcess::run({QStringLiteral("--config"), ShippedConfig, QStringLiteral("--check-config")}, &out, &err), 0);
    QCOMPARE(out, QByteArray("configuration OK\n"));
    QCOMPARE(err, QByteArray());
}

void TestRouterService::shippedConfigListsEveryOptionAtItsDefault()
{
    QByteArray printed, err;
    QCOMPARE(RouterProcess::run({QStringLiteral("--print-config")}, &printed, &err), 0);
    const auto effective = settings(printed, false);   // options with a default
    const auto unset = settings(printed, true);        // options without one
    QVERIFY2(effective.size() + unset.size() >= 20, printed.constData());

    QFile f(ShippedConfig);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray shipped = f.readAll();
    QVERIFY2(settings(shipped, false).isEmpty(), "router.conf sets an option: every one is commented out");
    const auto documented = settings(shipped, true);
    for (auto it = effective.cbegin(); it != effective.cend(); ++it) {
        QVERIFY2(documented.contains(it.key()), qPrintable(u"router.conf lacks \"# " + it.key() + u" = " + it.value() + u'"'));
        QVERIFY2(documented.values(it.key()).contains(it.value()),
                 qPrintable(u"router.conf gives " + it.key() + u" another value than its default " + it.value()));
    }
    for (const QString &key : unset.keys()) {
        QVERIFY2(documented.contains(key), qPrintable(u"router.conf lacks \"# " + key + u" = <example>\""));
        QVERIFY2(!documented.value(key).isEmpty(), qPrintable(u"router.conf gives no example for " + key));
    }
    for (const QString &key : documented.keys())
        QVERIFY2(effective.contains(key) || unset.contains(key), qPrintable(u"router.conf names no option: " + key));
}

void TestRouterService::configFileRunsTheRouterAndTheCommandLineWins()
{
    QTemporaryDir dir;
    const QString sock = dir.filePath(QStringLiteral("r.sock"));
    const QString conf = dir.filePath(QStringLiteral("router.conf"));
    QVERIFY(write(conf, "# from the file\nport = 1   # the command line's wins\nunix = \"" + sock.toUtf8()
                            + "\"\nlog-level = warning\n"));
    RouterProcess router;
    QVERIFY2(router.start({QStringLiteral("--config"), conf, QStringLiteral("-p"), QStringLiteral("0")}),
             router.output().constData());
    QVERIFY(router.port() != 1 && router.port() != 0);
    QVERIFY(router.waitStdout(QStringLiteral("listening on unix://") + sock));   // the file's, not on the command line

    auto worker = TestPeer::unix(sock);
    QVERIFY(worker->hello("worker", QByteArrayList{"add"}));
    auto caller = TestPeer::tcp(router.port());
    QVERIFY(caller->hello("caller"));
    caller->request("worker", "add", "1,2");
    QVERIFY(worker->waitFlag(daffi::Flag::Request));
    QVERIFY(router.stop());
}

void TestRouterService::checkConfigListsEveryProblemWithItsLine()
{
    QTemporaryDir dir;
    const QString conf = dir.filePath(QStringLiteral("router.conf"));
    QVERIFY(write(conf, "port = 0\nprot = 6000\n\nno-tcp = perhaps\nport = 1\n"));
    QByteArray out, err;
    QCOMPARE(RouterProcess::run({QStringLiteral("--config"), conf, QStringLiteral("--check-config")}, &out, &err), 2);
    QCOMPARE(out, QByteArray());
    const QByteArray c = conf.toUtf8();
    QCOMPARE(err, "daffi-router: " + c + ":2: unknown key \"prot\"; did you mean \"port\"?\n"
                  "daffi-router: " + c + ":4: \"no-tcp\" is true or false, not \"perhaps\"\n"
                  "daffi-router: " + c + ":5: \"port\" is set twice (also on line 1); give it once\n");

    // Without --check-config the router does not start on such a file either.
    QCOMPARE(RouterProcess::run({QStringLiteral("--config"), conf}, &out, &err), 2);
    QVERIFY(err.contains(":2: unknown key"));
    QVERIFY(!out.contains("listening"));

    QCOMPARE(RouterProcess::run({QStringLiteral("--config"), dir.filePath(QStringLiteral("none.conf"))}, &out, &err), 2);
    QVERIFY2(err.startsWith("daffi-router: cannot read the config file "), err.constData());
}

void TestRouterService::checkConfigChecksValuesAndFilesWithoutListening_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("answer");   // "" for "configuration OK"
    const QByteArray tls = "tls-cert = " + tlsFile("server.crt").toUtf8() + "\ntls-key = " + tlsFile("server.key").toUtf8() + '\n';
    // TAKEN is a port in use: checking must not listen.
    QTest::newRow("TLS and a monitor") << tls + "monitor-port = TAKEN\nlisten = tls://127.0.0.1:TAKEN\n" << QStringList{} << "";
    QTest::newRow("bad port") << QByteArray("\n\nport = 70000\n") << QStringList{}
                              << R"(CONF:3: --port must be a number from 0 to 65535, not "70000")";
    QTest::newRow("bad port on the command line") << QByteArray("port = 1\n") << QStringList{QStringLiteral("--port=x")}
                                                  << R"(--port must be a number from 0 to 65535, not "x")";
    QTest::newRow("host") << QByteArray("port = 0\nhost = router.example\n") << QStringList{}
                          << R"(CONF:2: "router.example" is not an IP address; give one such as 127.0.0.1 or 0.0.0.0)";
    QTest::newRow("log level") << QByteArray("log-level = loud\n") << QStringList{} << "CONF:1: unknown log level \"loud\"";
    QTest::newRow("log format") << QByteArray("log-format = xml\n") << QStringList{} << "CONF:1: unknown log format \"xml\"";
    QTest::newRow("listen and port") << QByteArray("listen = tcp://127.0.0.1:0\nport = 0\n") << QStringList{}
                                     << "CONF:2: give either --listen or --port, not both";
    QTest::newRow("missing key file") << QByteArray("port = 0\ntls-cert = " + tlsFile("server.crt").toUtf8() + "\ntls-key = /nonexistent.key\n")
                                      << QStringList{} << "CONF:2: cannot read the private key file /nonexistent.key";
    QTest::newRow("monitor beyond loopback") << QByteArray("port = 0\nmonitor-port = 0\nmonitor-host = 0.0.0.0\n") << QStringList{}
                                             << "CONF:2: The monitor API would be reachable beyond this machine";
    QTest::newRow("monitor ring") << QByteArray("port = 0\nmonitor-port = 0\nmonitor-ring-size = 0\n") << QStringList{}
                                  << "CONF:3: --monitor-ring-size must be";
}

void TestRouterService::checkConfigChecksValuesAndFilesWithoutListening()
{
    QFETCH(QByteArray, file);
    QFETCH(QStringList, arguments);
    QFETCH(QString, answer);
    QTemporaryDir dir;
    const QString conf = dir.filePath(QStringLiteral("router.conf"));
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QVERIFY(write(conf, QByteArray(file).replace("TAKEN", QByteArray::number(taken.serverPort()))));
    QByteArray out, err;
    const int rc = RouterProcess::run(QStringList{QStringLiteral("--config"), conf, QStringLiteral("--check-config")} + arguments,
                                      &out, &err);
    if (answer.isEmpty()) {
        QCOMPARE(rc, 0);
        QCOMPARE(out, QByteArray("configuration OK\n"));
        return;
    }
    QCOMPARE(rc, 2);
    const QString expected = u"daffi-router: " + QString(answer).replace(QStringLiteral("CONF"), conf);
    QVERIFY2(QString::fromUtf8(err).startsWith(expected), err.constData());
}

void TestRouterService::journalGetsPrioritiesAndNoTimes()
{
    QTemporaryDir dir;
    const QString conf = dir.filePath(QStringLiteral("router.conf"));
    QVERIFY(write(conf, "port = 0\n"));
    // As systemd starts a service: $JOURNAL_STREAM names the stream that stderr is.
    const QString script = QStringLiteral("JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2) exec \"$0\" \"$@\"");
    QProcess router;
    router.setProcessEnvironment(RouterProcess::environment());
    router.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, RouterProcess::binary(),
                                              QStringLiteral("--config"), conf});
    QVERIFY(router.waitForStarted());
    QByteArray out;
    QVERIFY(QTest::qWaitFor([&] { return (out += router.readAllStandardOutput()).contains("listening on"); }, 10000));
    const auto logged = [&router](const QByteArray &needle) {
        QByteArray err;
        (void)QTest::qWaitFor([&] { return (err += router.readAllStandardError()).contains(needle); }, 10000);
        return err;
    };
    ::kill(pid_t(router.processId()), SIGHUP);
    QByteArray err = logged("reloaded");
    QVERIFY2(err.startsWith("<6>daffi.reload: reloading "), err.constData());
    QVERIFY2(err.contains("\n<6>daffi.reload: reloaded "), err.constData());

    QVERIFY(write(conf, "port = 0\nlog-level = never\n"));
    ::kill(pid_t(router.processId()), SIGHUP);
    err = logged("nothing was changed");
    QVERIFY2(err.contains("\n<4>daffi.reload: reload refused: unknown log level \"never\""), err.constData());
    static const QRegularExpression time(QStringLiteral("\\d\\d:\\d\\d:\\d\\d"));
    for (const QByteArray &line : err.trimmed().split('\n')) {
        QVERIFY2(line.size() > 3 && line[0] == '<' && line[2] == '>', line.constData());
        QVERIFY2(!time.match(QString::fromUtf8(line)).hasMatch(), line.constData());   // the journal stamps it
    }
    router.kill();
    router.waitForFinished();

    // An error on the way out, in the journal's form too.
    QCOMPARE(RouterProcess::run({QStringLiteral("--log-format=journal"), QStringLiteral("--port=70000")}, &out, &err), 2);
    QVERIFY2(err.startsWith("<3>daffi-router: --port must be"), err.constData());
}

void TestRouterService::textLogKeepsItsTimes()
{
    QTemporaryDir dir;
    const QString conf = dir.filePath(QStringLiteral("router.conf"));
    QVERIFY(write(conf, "port = 0\n"));
    // $JOURNAL_STREAM inherited from a parent whose stderr was the journal, but ours is not.
    QProcessEnvironment env = RouterProcess::environment();
    env.insert(QStringLiteral("JOURNAL_STREAM"), QStringLiteral("8:12345"));
    RouterProcess router;
    QVERIFY2(router.start({QStringLiteral("--config"), conf}, env), router.output().constData());
    router.signal(SIGHUP);
    QVERIFY(router.waitStderr(QStringLiteral("reloaded")));
    static const QRegularExpression text(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} info daffi\\.reload: reloading"));
    QVERIFY2(text.match(QString::fromUtf8(router.stderrSoFar())).hasMatch(), router.stderrSoFar().constData());
}

void TestRouterService::notifiesSystemd_data()
{
    QTest::addColumn<bool>("abstract");
    QTest::newRow("path") << false;
    QTest::newRow("abstract namespace") << true;
}

void TestRouterService::notifiesSystemd()
{
    QFETCH(bool, abstract);
    QTemporaryDir dir;
    NotifySocket systemd(abstract ? QStringLiteral("@daffi-test-notify-%1").arg(::getpid()) : dir.filePath(QStringLiteral("notify")));
    QVERIFY(systemd.isBound());
    QProcessEnvironment env = RouterProcess::environment();
    env.insert(QStringLiteral("NOTIFY_SOCKET"), systemd.name());
    RouterProcess router;
    QVERIFY2(router.start({QStringLiteral("--port=0")}, env), router.output().constData());
    const QByteArray ready = systemd.next();
    const QByteArray expected = "READY=1\nSTATUS=Serving on tcp://127.0.0.1:" + QByteArray::number(router.port());
    QVERIFY2(ready.startsWith(expected), ready.constData());

    router.signal(SIGHUP);
    const QByteArray reloading = systemd.next();
    QVERIFY2(QRegularExpression(QStringLiteral("^RELOADING=1\nMONOTONIC_USEC=\\d+$")).match(QString::fromUtf8(reloading)).hasMatch(),
             reloading.constData());
    QCOMPARE(systemd.next(), QByteArray("READY=1\nSTATUS=Serving; reloaded"));

    router.signal(SIGTERM);
    QCOMPARE(systemd.next(), QByteArray("STOPPING=1"));
}

QTEST_GUILESS_MAIN(TestRouterService)
#include "tst_routerservice.moc"
