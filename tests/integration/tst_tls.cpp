#include "testpeer.h"

#include <core/node/routerhost.h>
#include <core/transport/tlsconfig.h>

#include <QSignalSpy>

using namespace daffi;

namespace {

QString tlsFile(const char *name)
{
    return QStringLiteral(DAFFI_TEST_DATA "/tls/") + QString::fromLatin1(name);
}

QSslCertificate certificate(const char *name)
{
    QFile f(tlsFile(name));
    return f.open(QIODevice::ReadOnly) ? QSslCertificate(&f) : QSslCertificate();
}

QSslConfiguration client(const char *cert = nullptr, const char *key = nullptr)
{
    TlsClientFiles files{tlsFile("ca.crt"), cert ? tlsFile(cert) : QString(), key ? tlsFile(key) : QString()};
    return clientTlsConfiguration(files).value();
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tlsAndWssShareThePort();
    void plaintextRefused();
    void slowTlsHandshakeDoesNotBlockOthers();
    void mutualTlsRequiresValidClientCertificate();
    void replacedCertificateIsForNewPeersOnly();
    void configurationErrorsAreSentences();

private:
    bool start(const QString &clientCa = {});
    quint16 port() const { return m_host->listener()->port(); }
    RouterHost *m_host = nullptr;
};

void TestTls::init()
{
    m_host = new RouterHost;
}

void TestTls::cleanup()
{
    delete m_host;
}

bool TestTls::start(const QString &clientCa)
{
    auto tls = serverTlsConfiguration({tlsFile("server.crt"), tlsFile("server.key"), clientCa});
    if (!tls)
        return false;
    Listener::Options lo;
    lo.tls = *tls;
    lo.admissionTimeout = std::chrono::milliseconds(1000);
    QString error;
    return m_host->listen(lo, &error);
}

void TestTls::tlsAndWssShareThePort()
{
    QVERIFY(start());
    QCOMPARE(m_host->urls().first().left(6), QStringLiteral("tls://"));
    auto worker = TestPeer::tls(port(), client());
    QVERIFY(worker->waitEncrypted());
    worker->sendRaw(QByteArray(9, '\x1f'));
    QVERIFY(worker->hello("worker", QByteArrayList{"add"}));

    const QSslConfiguration wssConfig = client();
    auto browser = TestPeer::webSocket(QStringLiteral("wss://127.0.0.1:%1/").arg(port()), &wssConfig);
    QVERIFY(browser->waitConnected());
    QVERIFY(browser->hello("browser"));
    browser->request("worker", "add", "3,4");
    auto req = worker->waitFlag(Flag::Request);
    QVERIFY(req);
    worker->reply(*req, "7");
    auto answer = browser->waitFlag(Flag::Response);
    QVERIFY(answer);
    QCOMPARE(answer->data(), QByteArrayView("7"));

    const auto members = m_host->router()->members();
    QCOMPARE(members.size(), 2);
    QCOMPARE(members[0].transport, Connection::Transport::Tls);
    QCOMPARE(members[1].transport, Connection::Transport::SecureWebSocket);
}

void TestTls::plaintextRefused()
{
    QVERIFY(start());
    QSignalSpy refused(m_host->listener(), &Listener::connectionRefused);
    auto plain = TestPeer::tcp(port());
    plain->sendRaw(plain->helloFrame("plain", std::nullopt).bytes());
    QVERIFY(plain->waitClosed());
    QTRY_COMPARE(refused.size(), 1);
    QVERIFY(refused.first().at(1).toString().contains(QStringLiteral("TLS")));
    QCOMPARE(m_host->router()->memberCount(), 0);
}

void TestTls::slowTlsHandshakeDoesNotBlockOthers()
{
    QVERIFY(start());
    QSignalSpy refused(m_host->listener(), &Listener::connectionRefused);
    auto slowloris = TestPeer::tcp(port(), false);   // connects, never says a word of TLS
    auto worker = TestPeer::tls(port(), client());
    QVERIFY(worker->waitEncrypted());
    worker->sendRaw(QByteArray(9, '\x1f'));
    QVERIFY(worker->hello("worker"));
    QVERIFY(slowloris->waitClosed(3000));
    QCOMPARE(refused.size(), 1);
    QVERIFY(refused.first().at(1).toString().contains(QStringLiteral("TLS handshake not completed")));
}

void TestTls::mutualTlsRequiresValidClientCertificate()
{
    QVERIFY(start(tlsFile("ca.crt")));
    QSignalSpy refused(m_host->listener(), &Listener::connectionRefused);

    auto anonymous = TestPeer::tls(port(), client());
    anonymous->waitEncrypted(1000);
    anonymous->sendRaw(QByteArray(9, '\x1f'));
    anonymous->sendRaw(anonymous->helloFrame("anonymous", std::nullopt).bytes());
    QVERIFY(anonymous->waitClosed());

    auto rogue = TestPeer::tls(port(), client("rogue-client.crt", "rogue-client.key"));
    rogue->waitEncrypted(1000);
    rogue->sendRaw(QByteArray(9, '\x1f'));
    rogue->sendRaw(rogue->helloFrame("rogue", std::nullopt).bytes());
    QVERIFY(rogue->waitClosed());

    auto trusted = TestPeer::tls(port(), client("client.crt", "client.key"));
    QVERIFY(trusted->waitEncrypted());
    trusted->sendRaw(QByteArray(9, '\x1f'));
    QVERIFY(trusted->hello("trusted"));

    QCOMPARE(m_host->router()->memberCount(), 1);
    QCOMPARE(m_host->router()->members().first().name, QByteArray("trusted"));
    QTRY_COMPARE(refused.size(), 2);
}

void TestTls::replacedCertificateIsForNewPeersOnly()
{
    QVERIFY(start());
    auto worker = TestPeer::tls(port(), client());
    QVERIFY(worker->waitEncrypted());
    worker->sendRaw(QByteArray(9, '\x1f'));
    QVERIFY(worker->hello("worker", QByteArrayList{"echo"}));
    auto *workerSocket = qobject_cast<QSslSocket *>(worker->device());
    QCOMPARE(workerSocket->peerCertificate(), certificate("server.crt"));

    auto renewed = serverTlsConfiguration({tlsFile("server2.crt"), tlsFile("server2.key"), {}});
    QVERIFY(renewed);
    QVERIFY(m_host->listener()->setTlsConfiguration(*renewed));

    auto caller = TestPeer::tls(port(), client());
    QVERIFY(caller->waitEncrypted());
    QCOMPARE(qobject_cast<QSslSocket *>(caller->device())->peerCertificate(), certificate("server2.crt"));
    caller->sendRaw(QByteArray(9, '\x1f'));
    QVERIFY(caller->hello("caller"));
    caller->request("worker", "echo", "x");
    auto request = worker->waitFlag(Flag::Request);   // the old connection carries on
    QVERIFY(request);
    worker->reply(*request, "x");
    QVERIFY(caller->waitFlag(Flag::Response));
    QVERIFY(!worker->isClosed());
    QCOMPARE(workerSocket->peerCertificate(), certificate("server.crt"));

    // A listener without TLS does not take one by this way.
    RouterHost plain;
    QString error;
    QVERIFY(plain.listen(Listener::Options{}, &error));
    QVERIFY(!plain.listener()->setTlsConfiguration(*renewed));
    QVERIFY(!plain.listener()->isTls());
}

void TestTls::configurationErrorsAreSentences()
{
    auto missing = serverTlsConfiguration({QStringLiteral("/nonexistent.crt"), tlsFile("server.key"), {}});
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.contains(QStringLiteral("/nonexistent.crt")));
    auto swapped = serverTlsConfiguration({tlsFile("server.key"), tlsFile("server.crt"), {}});
    QVERIFY(!swapped.ok());
    QVERIFY(swapped.error().message.contains(QStringLiteral("no PEM certificate")));
    auto noKey = serverTlsConfiguration({tlsFile("server.crt"), {}, {}});
    QVERIFY(!noKey.ok());
    QVERIFY(noKey.error().message.contains(QStringLiteral("private key")));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
