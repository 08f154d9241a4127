#include "callspec.h"

namespace daffi::ui {

QStringList CallSpec::receiverList() const
{
    QStringList out;
    for (const QString &r : receivers.split(u',', Qt::SkipEmptyParts)) {
        if (!r.trimmed().isEmpty())
            out << r.trimmed();
    }
    return out;
}

QString CallSpec::styleName(Style style)
{
    switch (style) {
    case Style::Rpc: return QStringLiteral("rpc");
    case Style::RpcNowait: return QStringLiteral("rpc_nowait");
    case Style::Cast: return QStringLiteral("cast");
    case Style::CastNowait: return QStringLiteral("cast_nowait");
    }
    return {};
}

QVariantMap CallSpec::toVariant() const
{
    return {{QStringLiteral("function"), function},
            {QStringLiteral("receivers"), receivers},
            {QStringLiteral("style"), styleName(style)},
            {QStringLiteral("serde"), serdeName(serde)},
            {QStringLiteral("args"), args},
            {QStringLiteral("kwargs"), kwargs},
            {QStringLiteral("timeout"), timeout}};
}

CallSpec CallSpec::fromVariant(const QVariantMap &map)
{
    CallSpec s;
    s.function = map.value(QStringLiteral("function")).toString();
    s.receivers = map.value(QStringLiteral("receivers")).toString();
    const QString style = map.value(QStringLiteral("style")).toString();
    for (Style st : {Style::Rpc, Style::RpcNowait, Style::Cast, Style::CastNowait}) {
        if (styleName(st) == style)
            s.style = st;
    }
    s.serde = serdeFromName(map.value(QStringLiteral("serde")).toString()).value_or(Serde::Json);
    s.args = map.value(QStringLiteral("args"), QStringLiteral("[]")).toString();
    s.kwargs = map.value(QStringLiteral("kwargs")).toString();
    s.timeout = map.value(QStringLiteral("timeout"), 10.0).toDouble();
    return s;
}

} // namespace daffi::ui
