#include "testpeer.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>

using namespace daffi;

// The daffi-router executable as a person or a script runs it.
class TestRouterProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesAndStopsOnSigterm_data();
    void servesAndStopsOnSigterm();
    void helpAndVersion();
    void badArgumentsExplainThemselves_data();
    void badArgumentsExplainThemselves();
    void portInUseIsReported();

private:
    static QString binary() { return QStringLiteral(DAFFI_ROUTER_BINARY); }
};

void TestRouterProcess::servesAndStopsOnSigterm_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<bool>("urls");   // --listen tcp://... --listen unix://... instead of --port/--unix
    QTest::newRow("SIGTERM") << int(SIGTERM) << QStringList{} << false;
    QTest::newRow("SIGINT, busy polling off") << int(SIGINT) << QStringList{QStringLiteral("--busy-poll-us=0")} << false;
    QTest::newRow("SIGTERM, long busy poll") << int(SIGTERM) << QStringList{QStringLiteral("--busy-poll-us=5000")} << false;
    QTest::newRow("SIGTERM, --listen URLs") << int(SIGTERM) << QStringList{} << true;
}

void TestRouterProcess::servesAndStopsOnSigterm()
{
    QFETCH(int, signal);
    QFETCH(QStringList, extra);
    QFETCH(bool, urls);
    QTemporaryDir dir;
    const QString sock = dir.filePath(QStringLiteral("r.sock"));
    const QStringList where = urls ? QStringList{QStringLiteral("--listen"), QStringLiteral("unix://") + sock,
                                                 QStringLiteral("--listen"), QStringLiteral("tcp://127.0.0.1:0")}
                                   : QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--unix"), sock};
    QProcess router;
    router.start(binary(), where + QStringList{QStringLiteral("--log-level"), QStringLiteral("warning")} + extra);
    QVERIFY(router.waitForStarted());
    QByteArray out;
    QVERIFY(QTest::qWaitFor([&] {
        out += router.readAllStandardOutput();
        return out.count('\n') >= 2;
    }, 10000));
    const auto match = QRegularExpression(QStringLiteral("listening on tcp://127.0.0.1:(\\d+)")).match(QString::fromUtf8(out));
    QVERIFY2(match.hasMatch(), out.constData());
    QVERIFY(out.contains(QByteArray("listening on unix://" + sock.toUtf8())));
    const quint16 port = quint16(match.captured(1).toUInt());

    auto worker = TestPeer::tcp(port);
    QVERIFY(worker->hello("worker", QByteArrayList{"add"}));
    auto caller = TestPeer::unix(sock);
    QVERIFY(caller->hello("caller"));
    caller->request("worker", "add", "x");
    QVERIFY(worker->waitFlag(Flag::Request));

    ::kill(pid_t(router.processId()), signal);
    QVERIFY(router.waitForFinished(5000));
    QCOMPARE(router.exitStatus(), QProcess::NormalExit);
    QCOMPARE(router.exitCode(), 0);
    QVERIFY(router.readAllStandardOutput().contains("stopping"));
    QVERIFY(worker->waitClosed());
    QVERIFY(!QFile::exists(sock));
}

void TestRouterProcess::helpAndVersion()
{
    QProcess p;
    p.start(binary(), {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.exitCode(), 0);
    const QByteArray help = p.readAllStandardOutput();
    for (const char *option : {"--host", "--port", "--unix", "--tls-cert", "--tls-key", "--tls-ca", "--log-level", "--busy-poll-us"})
        QVERIFY2(help.contains(option), option);
    p.start(binary(), {QStringLiteral("--version")});
    QVERIFY(p.waitForFinished());
    QVERIFY(p.readAllStandardOutput().startsWith("daffi-router "));
}

void TestRouterProcess::badArgumentsExplainThemselves_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("needle");
    QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")} << QStringLiteral("--port must be");
    const QString p0 = QStringLiteral("--port=0");
    QTest::newRow("host") << QStringList{p0, QStringLiteral("--host"), QStringLiteral("not an ip")} << QStringLiteral("not an IP address");
    QTest::newRow("log level") << QStringList{p0, QStringLiteral("--log-level"), QStringLiteral("loud")} << QStringLiteral("unknown log level");
    QTest::newRow("busy poll") << QStringList{p0, QStringLiteral("--busy-poll-us"), QStringLiteral("-5")} << QStringLiteral("--busy-poll-us must be");
    QTest::newRow("cert without key") << QStringList{p0, QStringLiteral("--tls-cert"), QStringLiteral("x.crt")} << QStringLiteral("both --tls-cert and --tls-key");
    QTest::newRow("missing cert") << QStringList{p0, QStringLiteral("--tls-cert"), QStringLiteral("/nope.crt"), QStringLiteral("--tls-key"), QStringLiteral("/nope.key")}
                                  << QStringLiteral("cannot read the certificate file /nope.crt");
    const QString l = QStringLiteral("--listen");
    QTest::newRow("listen and port") << QStringList{l, QStringLiteral("tcp://127.0.0.1:0"), p0} << QStringLiteral("either --listen or --port");
    QTest::newRow("two ports") << QStringList{l, QStringLiteral("127.0.0.1:0"), l, QStringLiteral("127.0.0.1:1")}
                               << QStringLiteral("one TCP port at most");
    QTest::newRow("bad url") << QStringList{l, QStringLiteral("http://x:1")} << QStringLiteral("unknown scheme");
    QTest::newRow("tls url without files") << QStringList{l, QStringLiteral("tls://127.0.0.1:0")}
                                           << QStringLiteral("both a certificate and its private key");
}

void TestRouterProcess::badArgumentsExplainThemselves()
{
    QFETCH(QStringList, args);
    QFETCH(QString, needle);
    QProcess p;
    p.start(binary(), args);
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(needle), qPrintable(err));
}

void TestRouterProcess::portInUseIsReported()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    QProcess p;
    p.start(binary(), QStringList{QStringLiteral("--port"), QString::number(taken.serverPort())});
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardError().contains("already in use"));
}

QTEST_GUILESS_MAIN(TestRouterProcess)
#include "tst_routerprocess.moc"
