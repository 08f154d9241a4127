#pragma once

#include "callbackhost.h"

#include <core/protocol/handshake.h>
#include <core/transport/listener.h>

#include <QHash>
#include <QMutex>
#include <QObject>

#include <chrono>
#include <unordered_map>

class QTimer;

namespace daffi {

// A daffi Service (PROTOCOL.md §5.3, §8): hosts callbacks for the clients that connect to it.
// Lives on a thread with an event loop; callbacks run on the executor.
//
// Compared with the reference: requests are only taken from clients that have handshaken, under
// the name they registered (others get an ERROR), answers go back on the requesting connection,
// a hello must arrive within handshakeTimeout, and a client's re-handshake is not a self-eviction.
class Service : public QObject, private FrameHandler
{
    Q_OBJECT

public:
    struct Options
    {
        QByteArray name;                      // empty: Client::defaultName()
        Listener::Options listen;
        std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(10);
    };

    explicit Service(Options options, QObject *parent = nullptr);
    ~Service() override;

    QByteArray name() const { return m_options.name; }
    bool addCallback(const QByteArray &name, Callback callback, QString *error = nullptr);
    bool addAsyncCallback(const QByteArray &name, AsyncCallback callback, QString *error = nullptr);
    void setExecutor(Executor *executor);     // not owned

    // Call on the service's thread.
    bool listen(QString *error);
    void stop();
    Listener *listener() const { return m_listener; }
    QByteArrayList clients() const;           // snapshot, thread-safe

Q_SIGNALS:
    void clientJoined(const QByteArray &name);
    void clientLeft(const QByteArray &name, const QString &reason);
    void clientEvicted(const QByteArray &name);

private:
    struct Peer
    {
        Connection *connection = nullptr;
        QByteArray name;
        std::chrono::steady_clock::time_point deadline;
    };

    void addConnection(Connection *connection);
    void frameReceived(Connection *connection, Frame &&frame) override;
    void handleHello(Peer &peer, const Frame &frame);
    void connectionClosed(quint64 id, const QString &reason);
    void sweep();
    void publish();
    Handshake selfDescription() const;

    Options m_options;
    Listener *m_listener;
    CallbackHost *m_callbacks;
    QTimer *m_sweep;
    std::unordered_map<quint64, Peer> m_peers;
    QHash<QByteArray, quint64> m_byName;
    mutable QMutex m_snapshotMutex;
    QByteArrayList m_snapshot;
};

} // namespace daffi
