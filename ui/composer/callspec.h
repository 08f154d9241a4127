#pragma once

#include <core/protocol/header.h>

#include <QString>

#include <optional>
#include <QVariantMap>

namespace daffi::ui {

// One call as a person composed it: what the composer sends, what the history keeps and what
// the code snippets are made from.
struct CallSpec
{
    enum class Style { Rpc, RpcNowait, Cast, CastNowait };

    QString function;
    QString receivers;          // comma-separated; empty: round-robin (rpc) or every exposer (cast)
    Style style = Style::Rpc;
    Serde serde = Serde::Json;
    QString args = QStringLiteral("[]");      // JSON array
    QString kwargs;                           // JSON object, or empty
    double timeout = 10;                      // seconds; 0: wait forever
    // A recorded call the console cannot re-encode (PICKLE, OPAQUE bytes) is sent again as these
    // bytes; args then only shows them.
    std::optional<QByteArray> recordedData;
    bool recordedIsBytes = false;

    QStringList receiverList() const;
    QVariantMap toVariant() const;
    static CallSpec fromVariant(const QVariantMap &map);
    static QString styleName(Style style);    // "rpc", "rpc_nowait", "cast", "cast_nowait"
    friend bool operator==(const CallSpec &, const CallSpec &) = default;
};

} // namespace daffi::ui
