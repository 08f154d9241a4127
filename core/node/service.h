#pragma once

#include "callbackhost.h"
#include "server.h"

#include <core/transport/listener.h>

#include <QMutex>

#include <chrono>

namespace daffi {

// A daffi Service (PROTOCOL.md §5.3, §8): hosts callbacks for the clients that connect to it.
// Lives on a thread with an event loop; callbacks run on the executor.
//
// Compared with the reference: requests are only taken from clients that have handshaken, under
// the name they registered (others get an ERROR), answers go back on the requesting connection,
// a hello must arrive within handshakeTimeout, and a client's re-handshake is not a self-eviction
// (all of which it shares with the Router: see Server).
class Service : public Server
{
    Q_OBJECT

public:
    struct Options
    {
        QByteArray name;                      // empty: defaultNodeName()
        Listener::Options listen;
        std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(10);
    };

    explicit Service(Options options, QObject *parent = nullptr);

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
    QString unacceptable(Flag flag) const override;
    QByteArray helloName(const Frame &frame, const Handshake &hello, QString *problem) const override;
    void nameReleased(Peer &peer, const QByteArray &name, const QString &reason, Connection::CloseCause cause) override;
    void helloAccepted(Peer &peer, const Frame &frame, const Handshake &hello, bool isNew) override;
    void memberFrame(Peer &peer, Frame &&frame) override;
    void peerClosed(Peer &peer, const QString &reason) override;
    void publish();
    Handshake selfDescription() const;

    Options m_options;
    Listener *m_listener;
    CallbackHost *m_callbacks;
    mutable QMutex m_snapshotMutex;
    QByteArrayList m_snapshot;
};

} // namespace daffi
