#include "codesnippet.h"

#include <core/protocol/json.h>

#include <QCborArray>
#include <QCborMap>

namespace daffi::ui {

namespace {

QString pythonLiteral(const QCborValue &v)
{
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("None");
    if (v.isBool())
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    if (v.isArray()) {
        QStringList items;
        for (const QCborValue &e : v.toArray())
            items << pythonLiteral(e);
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    if (v.isMap()) {
        QStringList items;
        const QCborMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it)
            items << pythonLiteral(it.key()) + QStringLiteral(": ") + pythonLiteral(it.value());
        return u'{' + items.join(QStringLiteral(", ")) + u'}';
    }
    return QString::fromUtf8(json::write(v));   // numbers and strings read the same in Python
}

QCborArray parseArgs(const QString &text)
{
    auto v = json::parse(text.trimmed().isEmpty() ? QByteArray("[]") : text.toUtf8());
    return v && v->isArray() ? v->toArray() : QCborArray{};
}

QCborMap parseKwargs(const QString &text)
{
    if (text.trimmed().isEmpty())
        return {};
    auto v = json::parse(text.toUtf8());
    return v && v->isMap() ? v->toMap() : QCborMap{};
}

bool isIdentifier(const QString &s)
{
    if (s.isEmpty() || !(s[0].isLetter() || s[0] == u'_'))
        return false;
    return std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.isLetterOrNumber() || c == u'_'; });
}

QString quoted(const QString &s)
{
    QByteArray out;
    json::writeString(out, s);
    return QString::fromUtf8(out);
}

bool isWildcard(const QString &host)
{
    return host.isEmpty() || host == u"0.0.0.0" || host == u"::" || host == u"*";
}

QString reachableHost(const RouterAddress &a)
{
    return isWildcard(a.host) ? QStringLiteral("127.0.0.1") : a.host;
}

bool usesUnixSocket(const RouterAddress &a)
{
    return a.port == 0 && !a.unixPath.isEmpty();
}

// The keyword arguments of daffi's Client that say where the router is.
QString pythonWhere(const RouterAddress &a)
{
    if (usesUnixSocket(a))
        return QStringLiteral("unix_sock_path=%1").arg(quoted(a.unixPath));
    QString out = QStringLiteral("host=%1, port=%2").arg(quoted(reachableHost(a))).arg(a.port);
    if (a.tls)
        out += QStringLiteral(", tls=True, ca_file=\"ca.crt\"");
    return out;
}

QString pythonWhereComment(const RouterAddress &a)
{
    QString out;
    if (isWildcard(a.host) && !usesUnixSocket(a))
        out += QStringLiteral("# From another machine, use this machine's address instead of 127.0.0.1.\n");
    if (a.tls && !usesUnixSocket(a))
        out += QStringLiteral("# ca.crt: the certificate authority that signed the router's certificate.\n");
    return out;
}

} // namespace

QString pythonWorkerSnippet(const RouterAddress &address)
{
    return QStringLiteral("from daffi import Client, callback\n\n\n"
                          "@callback\n"
                          "def hello(name: str) -> str:\n"
                          "    return f\"Hello, {name}!\"\n\n\n")
        + pythonWhereComment(address)
        + QStringLiteral("worker = Client(app_name=\"worker-1\", %1)\n"
                         "worker.connect()\n"
                         "worker.join()   # serves hello() until Ctrl+C\n")
              .arg(pythonWhere(address));
}

QString pythonCallerSnippet(const RouterAddress &address)
{
    return QStringLiteral("from daffi import Client\n\n") + pythonWhereComment(address)
        + QStringLiteral("conn = Client(%1).connect()\n"
                         "print(conn.rpc(timeout=10).hello(\"operator\"))\n"
                         "conn.client.stop()\n")
              .arg(pythonWhere(address));
}

QString javascriptCallerSnippet(const RouterAddress &address)
{
    if (usesUnixSocket(address))
        return QStringLiteral("// A browser reaches the router over TCP (its WebSocket): listen on a TCP port too.\n");
    QString out = QStringLiteral("// In a page that loads daffi.js\n");
    if (isWildcard(address.host))
        out += QStringLiteral("// From another machine, use this machine's address instead of 127.0.0.1.\n");
    const QString host = reachableHost(address);
    const QString url = QStringLiteral("%1://%2:%3")
                            .arg(address.tls ? QStringLiteral("wss") : QStringLiteral("ws"),
                                 host.contains(u':') ? u'[' + host + u']' : host)
                            .arg(address.port);
    out += QStringLiteral("const client = new DaffiClient({ wsUrl: %1 });\n"
                          "const conn = await client.connect();\n"
                          "console.log(await conn.rpc({ timeout: 10000 }).hello(\"operator\"));\n"
                          "client.stop();\n")
               .arg(quoted(url));
    return out;
}

QString pythonSnippet(const CallSpec &spec, const QString &host, quint16 port)
{
    const QString serde = spec.serde == Serde::Msgpack ? QStringLiteral("MSGPACK")
        : spec.serde == Serde::Opaque ? QStringLiteral("OPAQUE")
        : spec.serde == Serde::Pickle ? QStringLiteral("PICKLE") : QStringLiteral("JSON");
    QStringList options;
    const bool waits = spec.style == CallSpec::Style::Rpc || spec.style == CallSpec::Style::Cast;
    if (waits && spec.timeout > 0)
        options << QStringLiteral("timeout=%1").arg(spec.timeout);
    const QStringList receivers = spec.receiverList();
    if (receivers.size() == 1)
        options << QStringLiteral("receiver=%1").arg(quoted(receivers.first()));
    else if (receivers.size() > 1) {
        QStringList q;
        for (const QString &r : receivers)
            q << quoted(r);
        options << QStringLiteral("receiver=[%1]").arg(q.join(QStringLiteral(", ")));
    }
    options << QStringLiteral("serde=SerdeFormat.%1").arg(serde);
    QStringList arguments;
    QString preamble;
    if (spec.recordedData && spec.serde == Serde::Pickle) {
        // A pickled call is (args, kwargs): unpickled in the snippet, passed on as they were.
        preamble = QStringLiteral("import pickle\n\nargs, kwargs = pickle.loads(bytes.fromhex(\"%1\"))\n")
                       .arg(QString::fromLatin1(spec.recordedData->toHex()));
        arguments << QStringLiteral("*args") << QStringLiteral("**kwargs");
    } else if (spec.recordedData) {
        arguments << QStringLiteral("bytes.fromhex(\"%1\")").arg(QString::fromLatin1(spec.recordedData->toHex()));
    } else {
        for (const QCborValue &a : parseArgs(spec.args))
            arguments << pythonLiteral(a);
        const QCborMap kwargs = parseKwargs(spec.kwargs);
        for (auto it = kwargs.cbegin(); it != kwargs.cend(); ++it)
            arguments << it.key().toString() + u'=' + pythonLiteral(it.value());
    }
    const QString call = isIdentifier(spec.function)
        ? QStringLiteral("conn.%1(%2).%3(%4)").arg(CallSpec::styleName(spec.style), options.join(QStringLiteral(", ")),
                                                   spec.function, arguments.join(QStringLiteral(", ")))
        : QStringLiteral("getattr(conn.%1(%2), %3)(%4)").arg(CallSpec::styleName(spec.style), options.join(QStringLiteral(", ")),
                                                             quoted(spec.function), arguments.join(QStringLiteral(", ")));
    QString out = preamble + QStringLiteral("from daffi import Client, SerdeFormat\n\n");
    out += QStringLiteral("conn = Client(host=%1, port=%2).connect()\n").arg(quoted(host)).arg(port);
    out += waits ? QStringLiteral("result = %1\nprint(result)\n").arg(call) : call + u'\n';
    out += QStringLiteral("conn.client.stop()\n");
    return out;
}

QString javascriptSnippet(const CallSpec &spec, const QString &host, quint16 port)
{
    const QString serde = spec.serde == Serde::Msgpack ? QStringLiteral("msgpack")
        : spec.serde == Serde::Opaque ? QStringLiteral("raw") : QStringLiteral("json");
    QStringList options;
    const QStringList receivers = spec.receiverList();
    if (receivers.size() == 1)
        options << QStringLiteral("receiver: %1").arg(quoted(receivers.first()));
    else if (receivers.size() > 1) {
        QStringList q;
        for (const QString &r : receivers)
            q << quoted(r);
        options << QStringLiteral("receiver: [%1]").arg(q.join(QStringLiteral(", ")));
    }
    const bool waits = spec.style == CallSpec::Style::Rpc || spec.style == CallSpec::Style::Cast;
    if (waits && spec.timeout > 0)
        options << QStringLiteral("timeout: %1").arg(qRound64(spec.timeout * 1000));
    options << QStringLiteral("serde: \"%1\"").arg(serde);
    QStringList arguments;
    for (const QCborValue &a : parseArgs(spec.args))
        arguments << QString::fromUtf8(json::write(a, json::Style::Python));
    const QString target = isIdentifier(spec.function) ? QString(u'.' + spec.function) : QString(u'[' + quoted(spec.function) + u']');
    QString out = QStringLiteral("// In a page that loads daffi.js\n");
    if (spec.recordedData)
        out += QStringLiteral("// The recorded %1 payload is not reproduced here: daffi.js writes JSON, MSGPACK and text.\n")
                   .arg(serdeName(spec.serde));
    out += QStringLiteral("const client = new DaffiClient({ wsUrl: %1 });\n").arg(quoted(QStringLiteral("ws://%1:%2").arg(host).arg(port)));
    out += QStringLiteral("const conn = await client.connect();\n");
    if (!parseKwargs(spec.kwargs).isEmpty())
        out += QStringLiteral("// daffi.js sends positional arguments only; the keyword arguments are left out.\n");
    const QString call = QStringLiteral("conn.%1({ %2 })%3(%4)").arg(CallSpec::styleName(spec.style), options.join(QStringLiteral(", ")),
                                                                     target, arguments.join(QStringLiteral(", ")));
    out += waits ? QStringLiteral("const result = await %1;\nconsole.log(result);\n").arg(call)
                 : QStringLiteral("await %1;\n").arg(call);
    out += QStringLiteral("client.stop();\n");
    return out;
}

} // namespace daffi::ui
