#include "nodetestutil.h"

#include <core/monitor/routermonitor.h>
#include <core/node/routerhost.h>

#include <QTcpSocket>
#include <QTest>

using namespace daffi;
using namespace nodetest;

class TestMonitorExtras : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ratesPerMemberFunctionAndFlow()
    {
        RouterHost host;
        QString error;
        QVERIFY2(host.listen({}, &error), qPrintable(error));
        Monitor::Options mo;
        mo.sampleIntervalMs = 200;
        Monitor monitor(host.router(), mo);
        RateHistory rates(&monitor, host.router());
        Client::Options wo;
        wo.name = "worker";
        wo.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), host.listener()->port());
        Client worker(wo);
        worker.addCallback("add", adder());
        QVERIFY(await(worker.start()).value().ok());
        Client::Options co = wo;
        co.name = "caller";
        Client caller(co);
        QVERIFY(await(caller.start()).value().ok());
        QVERIFY(waitUntil([&] { return exposes(&caller, "worker", "add"); }));
        for (int i = 0; i < 20; ++i)
            QVERIFY(await(caller.rpc("add", args(Serde::Json, {1, 2}))).value().ok());
        QVERIFY(waitUntil([&] { return rates.sampleCount() >= 2; }));
        const auto &functions = rates.series(RateHistory::Kind::Function);
        QVERIFY(functions.contains("add"));
        float total = 0;
        for (const auto &p : functions["add"].points)
            total += p.messagesPerSecond;
        QVERIFY(total > 0);
        QVERIFY(rates.series(RateHistory::Kind::Member).contains("caller"));
        const QByteArray flow = RateHistory::flowKey("caller", "worker", "add");
        QVERIFY(rates.series(RateHistory::Kind::Flow).contains(flow));
        QCOMPARE(rates.series(RateHistory::Kind::Flow)[flow].function, QByteArray("add"));

        // The newest-N view of the ring.
        QCOMPARE(monitor.callsSince(0, 5).size(), size_t(5));
        QCOMPARE(monitor.callsSince(0, 5).back().seq, monitor.lastSeq());
        caller.stop();
        worker.stop();
    }

    void metricsEndpoint()
    {
        RouterHost host;
        QString error;
        QVERIFY(host.listen({}, &error));
        RouterMonitor monitored(&host);
        QVERIFY2(monitored.listen({}, &error), qPrintable(error));
        QVERIFY(monitored.url().startsWith(u"http://127.0.0.1:"));

        auto get = [&](const QByteArray &request) {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), monitored.server().port());
            if (!waitUntil([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
                return QByteArray();
            socket.write(request);
            QByteArray reply;
            waitUntil([&] {
                reply += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            }, 5000);
            reply += socket.readAll();
            return reply;
        };
        const QByteArray ok = get("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY2(ok.startsWith("HTTP/1.1 200 OK\r\n"), ok.constData());
        QVERIFY(ok.contains("Content-Type: text/plain; version=0.0.4"));
        QVERIFY(ok.contains("\ndaffi_members 0\n"));
        QVERIFY(get("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 404"));
        QVERIFY(get("POST /metrics HTTP/1.1\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 405"));

        // A port in use is reported in words.
        RouterMonitor second(&host);
        MonitorServer::Options taken;
        taken.port = monitored.server().port();
        QVERIFY(!second.listen(taken, &error));
        QVERIFY2(error.contains(u"already in use"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestMonitorExtras)
#include "tst_monitorextras.moc"
