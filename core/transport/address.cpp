#include "address.h"

namespace daffi {

Result<Address> Address::parse(const QString &text, Port portRule)
{
    const QString t = text.trimmed();
    Address a;
    if (t.startsWith(u"unix://")) {
        a.scheme = Scheme::Unix;
        a.path = t.mid(7);
        if (a.path.isEmpty())
            return Error{QStringLiteral("BadAddress"), QStringLiteral("\"%1\" names no socket path, as in unix:///tmp/daffi.sock").arg(t)};
        return a;
    }
    QString rest = t;
    if (rest.startsWith(u"tcp://")) {
        rest = rest.mid(6);
    } else if (rest.startsWith(u"tls://")) {
        rest = rest.mid(6);
        a.scheme = Scheme::Tls;
    } else if (rest.contains(u"://")) {
        return Error{QStringLiteral("BadAddress"), QStringLiteral("unknown scheme in \"%1\"; use tcp://, tls:// or unix://").arg(t)};
    }
    const qsizetype colon = rest.lastIndexOf(u':');
    bool ok = false;
    const uint port = colon > 0 ? rest.mid(colon + 1).toUInt(&ok) : 0;
    const bool zeroOk = portRule == Port::ZeroAllowed;
    if (!ok || port > 65535 || (port == 0 && !zeroOk)) {
        return Error{QStringLiteral("BadAddress"),
                     QStringLiteral("\"%1\" needs a host and a port%2, as in 127.0.0.1:6000")
                         .arg(t, zeroOk ? QStringLiteral(" (0 picks a free one)") : QString())};
    }
    a.host = rest.left(colon);
    if (a.host.startsWith(u'[') && a.host.endsWith(u']'))
        a.host = a.host.mid(1, a.host.size() - 2);
    a.port = quint16(port);
    return a;
}

QString Address::toString() const
{
    if (scheme == Scheme::Unix)
        return QStringLiteral("unix://%1").arg(path);
    const QString h = host.contains(u':') ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1://%2:%3").arg(scheme == Scheme::Tls ? QStringLiteral("tls") : QStringLiteral("tcp"), h).arg(port);
}

} // namespace daffi
