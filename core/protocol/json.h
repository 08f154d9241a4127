#pragma once

#include "result.h"

#include <QByteArray>
#include <QCborValue>

namespace daffi::json {

// A small strict JSON reader and a compact writer over QCborValue.
//
// Why not QJsonDocument: it sorts object keys (the reference peers need `meta` before `members`
// and `type` before `error`), it silently merges duplicate keys, and it cannot carry the byte
// strings that msgpack payloads have. QCborValue keeps insertion order and has every type JSON
// and msgpack need, so one value type serves both envelopes and the console's pretty-printer.
//
// Errors use the reference (Zig std.json) names where one exists: SyntaxError,
// UnexpectedEndOfInput, DuplicateField; plus NestingTooDeep for input deeper than maxDepth.
struct ParseOptions
{
    int maxDepth = 64;
};

Result<QCborValue> parse(QByteArrayView text, const ParseOptions &options = {});

enum class Style { Compact, Python };  // Python: json.dumps default separators ", " and ": "

// Byte strings are written as JSON strings of their UTF-8 (lossy) text; undefined as null;
// non-finite doubles as null (strict JSON has no NaN).
QByteArray write(const QCborValue &value, Style style = Style::Compact);
void writeTo(QByteArray &out, const QCborValue &value, Style style = Style::Compact);
void writeString(QByteArray &out, QStringView s);

} // namespace daffi::json
