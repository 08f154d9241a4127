// SIGHUP (systemctl reload) on a real daffi-router: the TLS certificate and key of the daffi port
// and of the monitor port are read again without dropping a member; new peers get the new
// certificate; a reload that fails changes nothing and the router serves on.
#include "routerprocess.h"
#include "testpeer.h"

#include <core/transport/tlsconfig.h>

#include <QFile>
#include <QSslSocket>
#include <QTemporaryDir>

using namespace daffi;

namespace {

QString tlsFile(const QString &name)
{
    return QStringLiteral(DAFFI_TEST_DATA "/tls/") + name;
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// As certbot renews: new files take the old ones' names.
bool install(const QString &from, const QString &to)
{
    QFile f(to + QStringLiteral(".new"));
    return f.open(QIODevice::WriteOnly) && f.write(contents(from)) > 0 && f.flush()
           && ::rename(qPrintable(f.fileName()), qPrintable(to)) == 0;
}

QSslCertificate certificate(const QString &name)
{
    return QSslCertificate(contents(tlsFile(name)));
}

QSslConfiguration trustingTheCa()
{
    return clientTlsConfiguration({tlsFile(QStringLiteral("ca.crt")), {}, {}}).value();
}

// The certificate a new TLS client of `port` is shown; null if the handshake fails.
QSslCertificate shownTo(quint16 port)
{
    QSslSocket s;
    s.setSslConfiguration(trustingTheCa());
    s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    return s.waitForEncrypted(5000) ? s.peerCertificate() : QSslCertificate();
}

std::unique_ptr<TestPeer> member(quint16 port, const QByteArray &name, std::optional<QByteArrayList> functions = {})
{
    auto peer = TestPeer::tls(port, trustingTheCa());
    if (!peer->waitEncrypted())
        return nullptr;
    peer->sendRaw(QByteArray(9, '\x1f'));
    return peer->hello(name, std::move(functions)) ? std::move(peer) : nullptr;
}

// One call from caller to worker's "echo", answered.
bool call(TestPeer &caller, TestPeer &worker, const QByteArray &data)
{
    caller.request("worker", "echo", data);
    const auto request = worker.waitFlag(Flag::Request);
    if (!request || request->data() != QByteArrayView(data))
        return false;
    worker.reply(*request, data);
    const auto answer = caller.waitFlag(Flag::Response);
    return answer && answer->data() == QByteArrayView(data);
}

bool write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

} // namespace

class TestRouterReload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void newCertificateForNewPeersMembersStay();
    void brokenFilesAreRefusedAndTheRouterServesOn();
    void logLevelIsReloadedOtherChangesTakeARestart();
    void tlsIsNotSwitchedOffByAReload();

private:
    bool startRouter(const QByteArray &extra = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RouterProcess> m_router;
    QString m_conf;
    QString m_cert;
    QString m_key;
};

void TestRouterReload::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_router = std::make_unique<RouterProcess>();
    m_conf = m_dir->filePath(QStringLiteral("router.conf"));
    m_cert = m_dir->filePath(QStringLiteral("router.crt"));
    m_key = m_dir->filePath(QStringLiteral("router.key"));
    QVERIFY(install(tlsFile(QStringLiteral("server.crt")), m_cert));
    QVERIFY(install(tlsFile(QStringLiteral("server.key")), m_key));
}

bool TestRouterReload::startRouter(const QByteArray &extra)
{
    const QByteArray conf = "listen = tls://127.0.0.1:0\nmonitor-port = 0\ntls-cert = " + m_cert.toUtf8() + "\ntls-key = "
                            + m_key.toUtf8() + '\n' + extra;
    return write(m_conf, conf) && m_router->start({QStringLiteral("--config"), m_conf});
}

void TestRouterReload::newCertificateForNewPeersMembersStay()
{
    QVERIFY2(startRouter("log-level = debug\n"), m_router->output().constData());
    const quint16 port = m_router->port();
    auto worker = member(port, "worker", QByteArrayList{"echo"});
    auto caller = member(port, "caller");
    QVERIFY(worker && caller);
    QVERIFY(call(*caller, *worker, "before"));
    QCOMPARE(shownTo(port), certificate(QStringLiteral("server.crt")));
    QCOMPARE(shownTo(m_router->monitorPort()), certificate(QStringLiteral("server.crt")));   // the monitor's by default

    QVERIFY(install(tlsFile(QStringLiteral("server2.crt")), m_cert));
    QVERIFY(install(tlsFile(QStringLiteral("server2.key")), m_key));
    m_router->signal(SIGHUP);
    QVERIFY2(m_router->waitStderr(QStringLiteral("reloaded the TLS files of the daffi port")), m_router->output().constData());

    QVERIFY2(call(*caller, *worker, "after"), m_router->output().constData());   // the members connected before carry on
    QVERIFY(!caller->isClosed() && !worker->isClosed());
    QCOMPARE(qobject_cast<QSslSocket *>(worker->device())->peerCertificate(), certificate(QStringLiteral("server.crt")));
    QCOMPARE(shownTo(port), certificate(QStringLiteral("server2.crt")));
    QCOMPARE(shownTo(m_router->monitorPort()), certificate(QStringLiteral("server2.crt")));
    auto late = member(port, "late");   // and a new one works beside them
    QVERIFY(late);
    QVERIFY(call(*late, *worker, "late"));
    QVERIFY(m_router->stop());
}

void TestRouterReload::brokenFilesAreRefusedAndTheRouterServesOn()
{
    QVERIFY2(startRouter(), m_router->output().constData());
    const quint16 port = m_router->port();
    auto worker = member(port, "worker", QByteArrayList{"echo"});
    auto caller = member(port, "caller");
    QVERIFY(worker && caller);

    QVERIFY(install(tlsFile(QStringLiteral("server2.crt")), m_cert));
    QVERIFY(write(m_key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"));
    m_router->signal(SIGHUP);
    QVERIFY2(m_router->waitStderr(QStringLiteral("reload refused: the TLS files of the daffi port do not load: the private key file ")
                                  + m_key + QStringLiteral(" holds no unencrypted PEM private key")),
             m_router->output().constData());
    QVERIFY(m_router->waitStderr(QStringLiteral("nothing was changed")));
    QCOMPARE(shownTo(port), certificate(QStringLiteral("server.crt")));   // the old pair, whole
    QCOMPARE(shownTo(m_router->monitorPort()), certificate(QStringLiteral("server.crt")));
    QVERIFY(call(*caller, *worker, "still"));

    // A config file that went wrong is refused the same way, naming its line.
    QVERIFY(write(m_conf, contents(m_conf) + "tls-kye = x\n"));
    m_router->signal(SIGHUP);
    QVERIFY2(m_router->waitStderr(QStringLiteral("reload refused: ") + m_conf
                                  + QStringLiteral(":5: unknown key \"tls-kye\"; did you mean \"tls-key\"?")),
             m_router->output().constData());
    QVERIFY(call(*caller, *worker, "still"));
    QVERIFY(member(port, "new"));
    QVERIFY(m_router->isRunning());
}

void TestRouterReload::logLevelIsReloadedOtherChangesTakeARestart()
{
    QVERIFY2(startRouter("log-level = info\n"), m_router->output().constData());
    const quint16 port = m_router->port();
    QVERIFY(member(port, "a"));
    QVERIFY(!m_router->waitStderr(QStringLiteral("admitted"), 300));   // a debug message

    QVERIFY(write(m_conf, QByteArray(contents(m_conf)).replace("log-level = info", "log-level = debug")
                              .replace("monitor-port = 0", "monitor-port = 1")));
    m_router->signal(SIGHUP);
    QVERIFY2(m_router->waitStderr(QStringLiteral("monitor-port is now \"1\" (it was \"0\"): that takes a restart")),
             m_router->output().constData());
    QVERIFY(m_router->waitStderr(QStringLiteral("the log level (debug)")));
    QVERIFY(member(port, "b"));
    QVERIFY2(m_router->waitStderr(QStringLiteral("admitted")), m_router->output().constData());
    QVERIFY(!shownTo(m_router->monitorPort()).isNull());   // still where it was
}

void TestRouterReload::tlsIsNotSwitchedOffByAReload()
{
    QVERIFY2(startRouter(), m_router->output().constData());
    QVERIFY(write(m_conf, "listen = tls://127.0.0.1:0\nmonitor-port = 0\n"));
    m_router->signal(SIGHUP);
    QVERIFY2(m_router->waitStderr(QStringLiteral("reload refused: TLS on the daffi port is switched on or off by a restart only")),
             m_router->output().constData());
    QCOMPARE(shownTo(m_router->port()), certificate(QStringLiteral("server.crt")));
}

QTEST_GUILESS_MAIN(TestRouterReload)
#include "tst_routerreload.moc"
