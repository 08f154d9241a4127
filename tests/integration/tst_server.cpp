// The server side that Router and Service share (core/node/server.h): every admission case is
// run against both, through raw sockets, so a difference between the two shows as a failure.
#include "testpeer.h"

#include <core/node/routerhost.h>
#include <core/node/service.h>
#include <core/protocol/envelope.h>

using namespace daffi;

class TestServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void requestBeforeHelloIsRefused_data() { servers(); }
    void requestBeforeHelloIsRefused();
    void transmitterMustBeTheRegisteredName_data() { servers(); }
    void transmitterMustBeTheRegisteredName();
    void malformedHelloGetsParseError_data() { servers(); }
    void malformedHelloGetsParseError();
    void emptyNameIsRejectedAndClosed_data() { servers(); }
    void emptyNameIsRejectedAndClosed();
    void newerConnectionEvictsOlder_data() { servers(); }
    void newerConnectionEvictsOlder();
    void silentPeerClosedAtDeadline_data() { servers(); }
    void silentPeerClosedAtDeadline();
    void eventsFromAPeerCloseIt_data() { servers(); }
    void eventsFromAPeerCloseIt();

private:
    void servers()
    {
        QTest::addColumn<bool>("router");
        QTest::newRow("router") << true;
        QTest::newRow("service") << false;
    }
    void start(bool router);
    QByteArray moduleName() const { return m_router ? "daffi.router" : "daffi.service"; }
    std::unique_ptr<TestPeer> joined(const QByteArray &name)
    {
        auto p = TestPeer::tcp(m_port);
        if (!p || !p->hello(name, QByteArrayList{"f"}))
            return nullptr;
        return p;
    }

    bool m_router = true;
    quint16 m_port = 0;
    std::unique_ptr<RouterHost> m_host;
    std::unique_ptr<Service> m_service;
};

void TestServer::init()
{
    QFETCH(bool, router);
    start(router);
}

void TestServer::start(bool router)
{
    m_router = router;
    const auto helloTimeout = std::chrono::milliseconds(600);
    Listener::Options lo;
    lo.admissionTimeout = helloTimeout;
    QString error;
    if (router) {
        m_host = std::make_unique<RouterHost>(Router::Options{helloTimeout});
        QVERIFY2(m_host->listen(lo, &error), qPrintable(error));
        m_port = m_host->listener()->port();
    } else {
        Service::Options so;
        so.name = "svc";
        so.listen = lo;
        so.handshakeTimeout = helloTimeout;
        m_service = std::make_unique<Service>(so);
        m_service->addCallback("f", [](const Payload &p) { return p; });
        QVERIFY2(m_service->listen(&error), qPrintable(error));
        m_port = m_service->listener()->port();
    }
}

void TestServer::cleanup()
{
    m_host.reset();
    m_service.reset();
}

void TestServer::requestBeforeHelloIsRefused()
{
    auto p = TestPeer::tcp(m_port);
    QVERIFY(p);
    const quint16 uuid = p->request("svc", "f", "x");
    auto answer = p->waitFlag(Flag::Error);
    QVERIFY(answer);
    QCOMPARE(answer->uuid(), uuid);
    auto error = envelope::decodeError(answer->serde(), answer->data());
    QVERIFY(error);
    QCOMPARE(error->type, QStringLiteral("HandshakeRequired"));
    QCOMPARE(error->module, QString::fromLatin1(moduleName()));
    QVERIFY(!p->isClosed());   // refused, not dropped: it may still say hello
}

void TestServer::transmitterMustBeTheRegisteredName()
{
    auto p = joined("alice");
    QVERIFY(p);
    const quint16 uuid = p->nextUuid();
    p->send(*Frame::make({uuid, Flag::Request, Serde::Opaque, true, true}, "mallory", "svc", "f", "x"));
    auto answer = p->waitFlag(Flag::Error);
    QVERIFY(answer);
    QCOMPARE(answer->uuid(), uuid);
    QCOMPARE(envelope::decodeError(answer->serde(), answer->data())->type, QStringLiteral("TransmitterMismatch"));
}

void TestServer::malformedHelloGetsParseError()
{
    auto p = TestPeer::tcp(m_port);
    QVERIFY(p);
    p->send(*Frame::make({7, Flag::Handshake, Serde::Json, false, true}, "bob", "", "", "{\"meta\":"));
    auto answer = p->waitFlag(Flag::Error);
    QVERIFY(answer);
    QCOMPARE(answer->uuid(), quint16(7));
    QVERIFY(answer->data().startsWith("failed to parse handshake message: "));
    QVERIFY(p->hello("bob", QByteArrayList{"f"}));   // the connection stays usable
}

void TestServer::emptyNameIsRejectedAndClosed()
{
    auto p = TestPeer::tcp(m_port);
    QVERIFY(p);
    auto reply = p->hello("");
    QVERIFY(reply);
    auto hs = Handshake::parse(reply->data());
    QVERIFY(hs);
    QVERIFY(hs->error.has_value());
    QCOMPARE(hs->type, m_router ? QByteArray("router") : QByteArray("service"));
    QVERIFY(p->waitClosed());
}

void TestServer::newerConnectionEvictsOlder()
{
    auto older = joined("dup");
    QVERIFY(older);
    auto newer = joined("dup");
    QVERIFY(newer);
    auto event = older->waitEvent();
    QVERIFY(event);
    QCOMPARE(event->type, Event::Type::Evicted);
    QCOMPARE(event->member, QByteArray("dup"));
    QVERIFY(older->waitClosed());
    // The newer one holds the name: its requests are served.
    newer->request(m_router ? "dup" : "svc", "f", "ping");
    QVERIFY(m_router ? newer->waitFlag(Flag::Request).has_value() : newer->waitFlag(Flag::Response).has_value());
}

void TestServer::silentPeerClosedAtDeadline()
{
    auto silent = TestPeer::tcp(m_port);
    QVERIFY(silent);
    auto member = joined("m");
    QVERIFY(member);
    QVERIFY(silent->waitClosed(5000));
    QVERIFY(!member->isClosed());
}

void TestServer::eventsFromAPeerCloseIt()
{
    auto p = joined("e");
    QVERIFY(p);
    auto other = joined("o");
    QVERIFY(other);
    p->send(*Frame::make({0, Flag::Events, Serde::Json, false, false}, "", "", "", Event{Event::Type::Connected, "x"}.toJson()));
    QVERIFY(p->waitClosed());
    QTest::qWait(50);
    QVERIFY(!other->isClosed());
}

QTEST_MAIN(TestServer)
#include "tst_server.moc"
