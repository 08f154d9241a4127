#pragma once

#include <core/protocol/result.h>

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace daffi {

// Where a client connects: host:port over TCP, or a Unix socket path; optionally inside TLS.
struct Endpoint
{
    enum class Kind { Tcp, Unix };
    Kind kind = Kind::Tcp;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6000;
    QString path;
    std::optional<QSslConfiguration> tls;
    bool verifyHostName = false;   // the reference checks the chain only (PROTOCOL.md §10)

    static Endpoint tcp(QString host, quint16 port) { Endpoint e; e.host = std::move(host); e.port = port; return e; }
    static Endpoint unix(QString path) { Endpoint e; e.kind = Kind::Unix; e.path = std::move(path); return e; }
    // "tcp://host:port", "tls://host:port", "unix:///path", or "host:port".
    static Result<Endpoint> parse(const QString &url);
    QString toString() const;
};

} // namespace daffi
