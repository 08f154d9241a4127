// The one grammar for addresses (Address) and the one way to say where a server listens
// (ListenSpec), which daffi-router, the console and the Python package all use.
#include <core/transport/address.h>
#include <core/transport/endpoint.h>
#include <core/transport/listenspec.h>

#include <QTest>

using namespace daffi;

class TestListenSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addresses_data();
    void addresses();
    void badAddresses_data();
    void badAddresses();
    void portZeroOnlyForListening();
    void endpointsReadTheSameGrammar();
    void tcpAndUnixTogether();
    void atMostOneOfEach();
    void nothingToListenOn();
    void tlsNeedsBothFilesAndTcp();
    void tlsLoadsTheFiles();
};

void TestListenSpec::addresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("scheme");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("tcp") << "tcp://127.0.0.1:6000" << int(Address::Scheme::Tcp) << "127.0.0.1" << 6000 << "" << "tcp://127.0.0.1:6000";
    QTest::newRow("bare") << " 0.0.0.0:7 " << int(Address::Scheme::Tcp) << "0.0.0.0" << 7 << "" << "tcp://0.0.0.0:7";
    QTest::newRow("tls") << "tls://example.org:443" << int(Address::Scheme::Tls) << "example.org" << 443 << "" << "tls://example.org:443";
    QTest::newRow("ipv6") << "tcp://[::1]:6000" << int(Address::Scheme::Tcp) << "::1" << 6000 << "" << "tcp://[::1]:6000";
    QTest::newRow("unix") << "unix:///tmp/d.sock" << int(Address::Scheme::Unix) << "" << 0 << "/tmp/d.sock" << "unix:///tmp/d.sock";
}

void TestListenSpec::addresses()
{
    QFETCH(QString, text);
    QFETCH(int, scheme);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, path);
    QFETCH(QString, canonical);
    auto a = Address::parse(text);
    QVERIFY2(a, qPrintable(a.ok() ? QString() : a.error().message));
    QCOMPARE(int(a->scheme), scheme);
    QCOMPARE(a->host, host);
    QCOMPARE(int(a->port), port);
    QCOMPARE(a->path, path);
    QCOMPARE(a->toString(), canonical);
}

void TestListenSpec::badAddresses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::newRow("scheme") << "http://h:1" << "unknown scheme";
    QTest::newRow("no port") << "tcp://127.0.0.1" << "needs a host and a port";
    QTest::newRow("port range") << "127.0.0.1:70000" << "needs a host and a port";
    QTest::newRow("port text") << "127.0.0.1:http" << "needs a host and a port";
    QTest::newRow("no host") << ":6000" << "needs a host and a port";
    QTest::newRow("no path") << "unix://" << "names no socket path";
}

void TestListenSpec::badAddresses()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    auto a = Address::parse(text, Address::Port::ZeroAllowed);
    QVERIFY(!a);
    QVERIFY2(a.error().message.contains(says), qPrintable(a.error().message));
}

void TestListenSpec::portZeroOnlyForListening()
{
    QVERIFY(!Address::parse(QStringLiteral("127.0.0.1:0")));
    QVERIFY(!Endpoint::parse(QStringLiteral("127.0.0.1:0")));
    auto spec = ListenSpec::parse({QStringLiteral("127.0.0.1:0")});
    QVERIFY(spec);
    QCOMPARE(spec->tcp->port, quint16(0));
}

void TestListenSpec::endpointsReadTheSameGrammar()
{
    auto e = Endpoint::parse(QStringLiteral("tls://[::1]:6001"));
    QVERIFY(e);
    QCOMPARE(e->host, QStringLiteral("::1"));
    QVERIFY(e->tls.has_value());
    QCOMPARE(e->toString(), QStringLiteral("tls://[::1]:6001"));
    auto u = Endpoint::parse(QStringLiteral("unix:///run/x"));
    QVERIFY(u);
    QCOMPARE(u->kind, Endpoint::Kind::Unix);
    QCOMPARE(u->toString(), QStringLiteral("unix:///run/x"));
}

void TestListenSpec::tcpAndUnixTogether()
{
    auto spec = ListenSpec::parse({QStringLiteral("tcp://0.0.0.0:6000"), QStringLiteral("unix:///tmp/r.sock")});
    QVERIFY(spec);
    auto o = spec->options();
    QVERIFY(o);
    QVERIFY(o->tcp);
    QCOMPARE(o->host, QStringLiteral("0.0.0.0"));
    QCOMPARE(o->port, quint16(6000));
    QCOMPARE(o->unixPath, QStringLiteral("/tmp/r.sock"));
    QVERIFY(!o->tls);

    auto unixOnly = ListenSpec::parse({QStringLiteral("unix:///tmp/r.sock")});
    QVERIFY(unixOnly);
    QVERIFY(!unixOnly->options()->tcp);
}

void TestListenSpec::atMostOneOfEach()
{
    auto twoPorts = ListenSpec::parse({QStringLiteral("tcp://127.0.0.1:1"), QStringLiteral("tls://127.0.0.1:2")});
    QVERIFY(!twoPorts);
    QVERIFY(twoPorts.error().message.contains(u"one TCP port at most"));
    auto twoPaths = ListenSpec::parse({QStringLiteral("unix:///a"), QStringLiteral("unix:///b")});
    QVERIFY(!twoPaths);
    QVERIFY(twoPaths.error().message.contains(u"one Unix socket at most"));
}

void TestListenSpec::nothingToListenOn()
{
    auto o = ListenSpec{}.options();
    QVERIFY(!o);
    QVERIFY(o.error().message.contains(u"nothing to listen on"));
}

void TestListenSpec::tlsNeedsBothFilesAndTcp()
{
    auto spec = ListenSpec::parse({QStringLiteral("tls://127.0.0.1:0")});
    QVERIFY(spec);
    QVERIFY(spec->wantsTls());
    auto noFiles = spec->options();
    QVERIFY(!noFiles);   // a tls:// URL never falls back to plaintext
    QVERIFY(noFiles.error().message.contains(u"both a certificate and its private key"));

    ListenSpec keyOnly;
    keyOnly.tcp = ListenSpec::Tcp{};
    keyOnly.tls.privateKey = QStringLiteral(DAFFI_TEST_DATA "/tls/server.key");
    QVERIFY(!keyOnly.options());

    ListenSpec unixTls;
    unixTls.unixPath = QStringLiteral("/tmp/x.sock");
    unixTls.tls = {QStringLiteral(DAFFI_TEST_DATA "/tls/server.crt"), QStringLiteral(DAFFI_TEST_DATA "/tls/server.key"), {}};
    auto u = unixTls.options();
    QVERIFY(!u);
    QVERIFY(u.error().message.contains(u"Unix socket alone"));
}

void TestListenSpec::tlsLoadsTheFiles()
{
    auto spec = ListenSpec::parse({QStringLiteral("tls://127.0.0.1:0")});
    QVERIFY(spec);
    spec->tls = {QStringLiteral(DAFFI_TEST_DATA "/tls/server.crt"), QStringLiteral(DAFFI_TEST_DATA "/tls/server.key"), {}};
    auto o = spec->options();
    QVERIFY2(o, qPrintable(o.ok() ? QString() : o.error().message));
    QVERIFY(o->tls.has_value());

    spec->tls.privateKey = QStringLiteral(DAFFI_TEST_DATA "/tls/missing.key");
    auto missing = spec->options();
    QVERIFY(!missing);
    QVERIFY2(missing.error().message.contains(u"missing.key"), qPrintable(missing.error().message));
}

QTEST_MAIN(TestListenSpec)
#include "tst_listenspec.moc"
