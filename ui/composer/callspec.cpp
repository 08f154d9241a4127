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
    QVariantMap map{{QStringLiteral("function"), function},
                    {QStringLiteral("receivers"), receivers},
                    {QStringLiteral("style"), styleName(style)},
                    {QStringLiteral("serde"), serdeName(serde)},
                    {QStringLiteral("args"), args},
                    {QStringLiteral("kwargs"), kwargs},
                    {QStringLiteral("timeout"), timeout}};
    if (recordedData) {
        map.insert(QStringLiteral("payload"), QString::fromLatin1(recordedData->toBase64()));
        map.insert(QStringLiteral("payloadIsBytes"), recordedIsBytes);
    }
    return map;
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
    if (map.contains(QStringLiteral("payload"))) {
        s.recordedData = QByteArray::fromBase64(map.value(QStringLiteral("payload")).toString().toLatin1());
        s.recordedIsBytes = map.value(QStringLiteral("payloadIsBytes")).toBool();
    }
    return s;
}

} // namespace daffi::ui
