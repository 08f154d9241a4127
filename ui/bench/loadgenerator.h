#pragma once

#include <core/node/client.h>

#include <QElapsedTimer>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

namespace daffi::ui::bench {

// Native nodes on their own threads, for load: workers exposing cheap functions, and callers
// that send at a target rate (token bucket, topped up every millisecond).
class LoadGenerator
{
public:
    struct Caller
    {
        QByteArray name;
        QByteArray function;
        QByteArray receiver;           // empty: round-robin
        double callsPerSecond = 100;
        bool nowait = true;
        Serde serde = Serde::Json;
        QCborArray args;
    };

    explicit LoadGenerator(quint16 port);
    ~LoadGenerator();

    // A worker exposing echo, add, fail (raises) and slow (sleeps 20 ms).
    void addWorker(const QByteArray &name, const QByteArrayList &functions);
    void addCaller(const Caller &caller);
    bool waitReady(int timeoutMs);
    void start();
    quint64 sent() const;

private:
    struct Node;
    Node *spawn(Client::Options options, const std::function<void(Client &)> &setup);

    quint16 m_port;
    std::vector<std::unique_ptr<Node>> m_nodes;
};

} // namespace daffi::ui::bench
