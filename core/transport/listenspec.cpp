#include "listenspec.h"

#include "address.h"

namespace daffi {

namespace {

Error bad(const QString &message)
{
    return Error{QStringLiteral("BadListenSpec"), message};
}

} // namespace

Result<ListenSpec> ListenSpec::parse(const QStringList &urls)
{
    ListenSpec spec;
    for (const QString &url : urls) {
        auto a = Address::parse(url, Address::Port::ZeroAllowed);
        if (!a)
            return a.error();
        if (a->scheme == Address::Scheme::Unix) {
            if (!spec.unixPath.isEmpty())
                return bad(QStringLiteral("listen on one Unix socket at most, not %1 and %2").arg(spec.unixPath, a->path));
            spec.unixPath = a->path;
            continue;
        }
        if (spec.tcp)
            return bad(QStringLiteral("listen on one TCP port at most (it serves TCP, WebSocket and TLS peers alike), "
                                      "not %1:%2 and %3").arg(spec.tcp->host).arg(spec.tcp->port).arg(url.trimmed()));
        spec.tcp = Tcp{a->host, a->port};
        spec.m_tlsScheme = a->scheme == Address::Scheme::Tls;
    }
    return spec;
}

Result<Listener::Options> ListenSpec::options() const
{
    Listener::Options o;
    o.tcp = tcp.has_value();
    if (tcp) {
        o.host = tcp->host;
        o.port = tcp->port;
    }
    o.unixPath = unixPath;
    if (tcp) {
        if (auto address = Listener::hostAddress(tcp->host); !address)
            return address.error();
    }
    if (!o.tcp && o.unixPath.isEmpty())
        return bad(QStringLiteral("nothing to listen on: give a TCP port or a Unix socket path"));
    if (!wantsTls())
        return o;
    if (!o.tcp)
        return bad(QStringLiteral("TLS is served on the TCP port; a Unix socket alone cannot use it"));
    if (tls.certificate.isEmpty() || tls.privateKey.isEmpty())
        return bad(QStringLiteral("TLS needs both a certificate and its private key (PEM files)"));
    auto config = serverTlsConfiguration(tls);
    if (!config)
        return config.error();
    o.tls = *config;
    return o;
}

} // namespace daffi
