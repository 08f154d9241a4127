#include "loadgenerator.h"

#include <core/protocol/envelope.h>

#include <QCborMap>
#include <QTimer>

namespace daffi::ui::bench {

struct LoadGenerator::Node
{
    QThread thread;
    QObject *context = nullptr;
    Client *client = nullptr;
    QTimer *timer = nullptr;
    Caller caller;
    bool isCaller = false;
    std::atomic<quint64> sent{0};
};

LoadGenerator::LoadGenerator(quint16 port) : m_port(port) {}

LoadGenerator::~LoadGenerator()
{
    for (auto &node : m_nodes) {
        QMetaObject::invokeMethod(node->context, [n = node.get()] {
            delete n->timer;
            n->client->stop();
            delete n->client;
            delete n->context;
        }, Qt::BlockingQueuedConnection);
        node->thread.quit();
        node->thread.wait();
    }
}

LoadGenerator::Node *LoadGenerator::spawn(Client::Options options, const std::function<void(Client &)> &setup)
{
    auto node = std::make_unique<Node>();
    node->context = new QObject;
    node->context->moveToThread(&node->thread);
    node->thread.start();
    options.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), m_port);
    Node *n = node.get();
    QMetaObject::invokeMethod(n->context, [n, options, setup] {
        n->client = new Client(options);
        setup(*n->client);
        n->client->start();
    }, Qt::BlockingQueuedConnection);
    m_nodes.push_back(std::move(node));
    return n;
}

void LoadGenerator::addWorker(const QByteArray &name, const QByteArrayList &functions)
{
    Client::Options o;
    o.name = name;
    spawn(o, [functions](Client &c) {
        for (const QByteArray &f : functions) {
            if (f == "fail" || f == "refund") {
                c.addCallback(f, [](const Payload &) -> Payload {
                    throw CallbackError({QStringLiteral("ValueError"), QStringLiteral("builtins"),
                                         QStringLiteral("card declined"), QCborValue(nullptr)});
                });
            } else if (f == "add") {
                c.addCallback(f, [](const Payload &p) {
                    auto call = envelope::decodeCall(p.serde, p.data);
                    qint64 sum = 0;
                    if (call) {
                        for (const QCborValue &v : call->args)
                            sum += v.toInteger();
                    }
                    return *envelope::encodeResult(p.serde == Serde::Opaque ? Serde::Json : p.serde, sum);
                });
            } else if (f == "slow" || f == "report") {
                c.addCallback(f, [](const Payload &p) {
                    QThread::msleep(20);
                    return p;
                });
            } else {
                c.addCallback(f, [](const Payload &p) {
                    // Echo the first argument back, as a result in the caller's serde.
                    auto call = envelope::decodeCall(p.serde, p.data);
                    if (!call || call->args.isEmpty())
                        return p;
                    return *envelope::encodeResult(p.serde, call->args.first());
                });
            }
        }
    });
}

void LoadGenerator::addCaller(const Caller &caller)
{
    Client::Options o;
    o.name = caller.name;
    Node *n = spawn(o, [](Client &) {});
    n->caller = caller;
    n->isCaller = true;
}

bool LoadGenerator::waitReady(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        bool all = true;
        for (auto &n : m_nodes)
            all = all && n->client->state() == Client::State::Ready;
        if (all) {
            // Callers must also see the workers before round-robin can pick one.
            QByteArrayList workers;
            for (auto &n : m_nodes) {
                if (!n->isCaller)
                    workers << n->client->name();
            }
            bool seen = true;
            for (auto &n : m_nodes) {
                for (const QByteArray &w : workers) {
                    bool found = false;
                    for (const Member &m : n->client->members())
                        found = found || m.name == w;
                    seen = seen && (found || !n->isCaller);
                }
            }
            if (seen)
                return true;
        }
        QThread::msleep(20);
    }
    return false;
}

void LoadGenerator::start()
{
    for (auto &node : m_nodes) {
        if (!node->isCaller)
            continue;
        Node *n = node.get();
        QMetaObject::invokeMethod(n->context, [n] {
            auto payload = envelope::encodeCall(n->caller.serde, {n->caller.args, {}});
            if (!payload)
                return;
            auto clock = std::make_shared<QElapsedTimer>();
            clock->start();
            n->timer = new QTimer;
            n->timer->setTimerType(Qt::PreciseTimer);
            QObject::connect(n->timer, &QTimer::timeout, n->context, [n, p = *payload, clock] {
                const double due = n->caller.callsPerSecond * double(clock->nsecsElapsed()) / 1e9;
                quint64 behind = quint64(due) > n->sent ? quint64(due) - n->sent : 0;
                behind = std::min<quint64>(behind, 5000);   // never queue more than a burst
                for (quint64 i = 0; i < behind; ++i) {
                    if (n->caller.nowait)
                        n->client->rpcNowait(n->caller.function, p, {n->caller.receiver, std::nullopt});
                    else
                        n->client->rpc(n->caller.function, p, {n->caller.receiver, 30.0});
                }
                n->sent += behind;
            });
            n->timer->start(1);
        }, Qt::QueuedConnection);
    }
}

quint64 LoadGenerator::sent() const
{
    quint64 total = 0;
    for (const auto &n : m_nodes)
        total += n->sent;
    return total;
}

} // namespace daffi::ui::bench
