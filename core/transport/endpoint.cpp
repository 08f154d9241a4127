#include "endpoint.h"

#include "address.h"

namespace daffi {

Result<Endpoint> Endpoint::parse(const QString &text)
{
    auto a = Address::parse(text);
    if (!a)
        return a.error();
    if (a->scheme == Address::Scheme::Unix)
        return Endpoint::unix(a->path);
    Endpoint e = Endpoint::tcp(a->host, a->port);
    if (a->scheme == Address::Scheme::Tls)
        e.tls = QSslConfiguration::defaultConfiguration();
    return e;
}

QString Endpoint::toString() const
{
    if (kind == Kind::Unix)
        return Address{Address::Scheme::Unix, {}, 0, path}.toString();
    return Address{tls ? Address::Scheme::Tls : Address::Scheme::Tcp, host, port, {}}.toString();
}

} // namespace daffi
