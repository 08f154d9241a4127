#include "dialer.h"

#include "bufferedstreamconnection.h"
#include "directstreamconnection.h"

#include <QLocalSocket>
#include <QSslSocket>
#include <QTimer>

#include <cstring>

namespace daffi {

void Dialer::dial(const Endpoint &endpoint, std::chrono::milliseconds timeout, const Connection::Limits &limits,
                  QObject *context, Done done)
{
    // One shared state for the socket's signals and the deadline; whichever settles first wins.
    // The socket is the context's child from the start, so it dies with the context even when
    // the context goes away mid-dial (a connection takes it over once admitted).
    struct Attempt
    {
        QIODevice *socket = nullptr;
        QTimer timer;
        bool settled = false;
        Done done;
    };
    auto attempt = std::make_shared<Attempt>();
    attempt->done = std::move(done);
    const QString where = endpoint.toString();

    auto settle = [attempt, context](Connection *c, const QString &error) {
        if (attempt->settled)
            return;
        attempt->settled = true;
        attempt->timer.stop();
        // The timer's slot holds `attempt`: drop it, or the two keep each other alive.
        QObject::disconnect(&attempt->timer, nullptr, nullptr, nullptr);
        if (!c && attempt->socket) {
            QObject::disconnect(attempt->socket, nullptr, context, nullptr);
            attempt->socket->deleteLater();
        }
        attempt->done(c, error);
    };
    auto ready = [attempt, settle, context](Connection *c) {
        if (attempt->settled) {
            delete c;
            return;
        }
        QObject::disconnect(attempt->socket, nullptr, context, nullptr);
        c->setParent(context);
        // The probe goes first and in one write (PROTOCOL.md §2.2).
        c->sendRaw(QByteArray(9, '\x1f'));
        settle(c, {});
    };

    attempt->timer.setSingleShot(true);
    QObject::connect(&attempt->timer, &QTimer::timeout, context, [settle, where, timeout] {
        settle(nullptr, QStringLiteral("could not connect to %1 within %2 ms").arg(where).arg(timeout.count()));
    });
    attempt->timer.start(timeout);

    if (endpoint.kind == Endpoint::Kind::Unix) {
        auto *s = new QLocalSocket(context);
        attempt->socket = s;
        QObject::connect(s, &QLocalSocket::connected, context, [s, ready, settle, limits, where, path = endpoint.path] {
            // Continued unbuffered, as plain TCP is (QLocalSocket cannot be): on a duplicate of
            // the connected descriptor, the QLocalSocket closed.
            int error = 0;
            auto *c = DirectStreamConnection::adopt(s->socketDescriptor(), Connection::Transport::Unix, path, s->readAll(),
                                                    limits, nullptr, &error);
            if (!c) {
                settle(nullptr, QStringLiteral("could not take over the connection to %1: %2")
                                    .arg(where, QString::fromLocal8Bit(std::strerror(error))));
                return;
            }
            QObject::disconnect(s, nullptr, nullptr, nullptr);
            s->abort();
            s->deleteLater();
            ready(c);
        });
        QObject::connect(s, &QLocalSocket::errorOccurred, context, [s, settle, where] {
            settle(nullptr, QStringLiteral("could not connect to %1: %2").arg(where, s->errorString()));
        });
        s->connectToServer(endpoint.path);
        return;
    }

    if (endpoint.tls) {
        auto *s = new QSslSocket(context);
        attempt->socket = s;
        s->setSslConfiguration(*endpoint.tls);
        QObject::connect(s, &QSslSocket::encrypted, context, [s, ready, limits] {
            StreamConnection::tuneTcpSocket(s, limits);
            ready(new BufferedStreamConnection(s, Connection::Transport::Tls, limits));
        });
        QObject::connect(s, &QSslSocket::sslErrors, context, [s, settle, where, verifyHost = endpoint.verifyHostName](const QList<QSslError> &errors) {
            // Like the reference: the chain is verified, the host name only when asked.
            QList<QSslError> ignorable;
            QStringList fatal;
            for (const QSslError &e : errors) {
                if (!verifyHost && e.error() == QSslError::HostNameMismatch)
                    ignorable << e;
                else
                    fatal << e.errorString();
            }
            if (fatal.isEmpty())
                s->ignoreSslErrors(ignorable);
            else
                settle(nullptr, QStringLiteral("TLS with %1 failed: %2").arg(where, fatal.join(QStringLiteral("; "))));
        });
        QObject::connect(s, &QSslSocket::errorOccurred, context, [s, settle, where] {
            settle(nullptr, QStringLiteral("could not connect to %1: %2").arg(where, s->errorString()));
        });
        s->connectToHostEncrypted(endpoint.host, endpoint.port);
        return;
    }

    auto *s = new QTcpSocket(context);
    attempt->socket = s;
    QObject::connect(s, &QTcpSocket::connected, context, [s, ready, limits] {
        StreamConnection::tuneTcpSocket(s, limits);
        ready(new DirectStreamConnection(s, limits));
    });
    QObject::connect(s, &QTcpSocket::errorOccurred, context, [s, settle, where] {
        settle(nullptr, QStringLiteral("could not connect to %1: %2").arg(where, s->errorString()));
    });
    // Unbuffered: the connection reads straight into frames and writes straight to the kernel.
    s->connectToHost(endpoint.host, endpoint.port, QIODevice::ReadWrite | QIODevice::Unbuffered);
}

} // namespace daffi
