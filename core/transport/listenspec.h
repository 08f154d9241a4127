#pragma once

#include "listener.h"
#include "tlsconfig.h"

#include <core/protocol/result.h>

#include <QStringList>

#include <optional>

namespace daffi {

// Where a router or a Service listens, said once for every front end (daffi-router's options,
// the console's listen settings, Python's Router/Service arguments) and turned into
// Listener::Options by one function:
//   - at most one TCP port (host:port; port 0 picks a free one), which also serves WebSocket
//     peers, inside TLS when a certificate and key are given (tls://, or the files alone);
//   - at most one Unix socket path, beside the port or instead of it (native peers only).
// Each front end keeps its own defaults: daffi-router and the console listen on TCP and add a
// Unix socket when asked; daffi 3.0's Python API takes either host/port or unix_sock_path.
struct ListenSpec
{
    struct Tcp
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 0;
    };

    std::optional<Tcp> tcp;
    QString unixPath;
    TlsServerFiles tls;           // certificate and key: TLS on the TCP port

    // One or more of "tcp://host:port", "tls://host:port", "host:port", "unix:///path": at most
    // one TCP or TLS address and one Unix path. tls:// needs tls files to be set before options().
    static Result<ListenSpec> parse(const QStringList &urls);

    // Checks what can be checked before listening (something to listen on; an IP address to
    // listen on; TLS with both files, only on TCP, files readable and matching) and builds the listener's options; admission
    // timeout and limits stay at their defaults for the caller to set.
    Result<Listener::Options> options() const;

    bool wantsTls() const { return m_tlsScheme || !tls.certificate.isEmpty() || !tls.privateKey.isEmpty(); }

private:
    bool m_tlsScheme = false;     // a tls:// URL asked for TLS
};

} // namespace daffi
