#pragma once

#include <core/protocol/result.h>

#include <QString>

namespace daffi {

// The one grammar for where a node dials or listens: "tcp://host:port", "tls://host:port",
// "unix:///path", or plain "host:port" (TCP). IPv6 hosts go in brackets ("tcp://[::1]:6000").
// Endpoint (dialing) and ListenSpec (listening) are both read through it.
struct Address
{
    enum class Scheme { Tcp, Tls, Unix };
    enum class Port { Required, ZeroAllowed };   // listening on port 0 picks a free one

    Scheme scheme = Scheme::Tcp;
    QString host;       // Tcp, Tls
    quint16 port = 0;
    QString path;       // Unix

    static Result<Address> parse(const QString &text, Port port = Port::Required);
    QString toString() const;
};

} // namespace daffi
