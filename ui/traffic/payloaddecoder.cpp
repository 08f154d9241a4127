#include "payloaddecoder.h"

#include "pickledisassembler.h"

#include <core/protocol/envelope.h>
#include <core/protocol/json.h>
#include <core/protocol/msgpackcodec.h>

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>

namespace daffi::ui {

namespace {

constexpr int MaxDepth = 64;
constexpr qsizetype MaxText = 512 * 1024;

void quote(QString &out, QStringView s)
{
    QByteArray b;
    json::writeString(b, s);
    out += QString::fromUtf8(b);
}

void prettyTo(QString &out, const QCborValue &v, int indent, int depth)
{
    if (out.size() > MaxText)
        return;
    const QString pad(indent + 2, u' ');
    if (depth > MaxDepth) {
        out += QStringLiteral("…");
        return;
    }
    if (v.isArray()) {
        const QCborArray a = v.toArray();
        if (a.isEmpty()) {
            out += QStringLiteral("[]");
            return;
        }
        out += QStringLiteral("[\n");
        for (qsizetype i = 0; i < a.size(); ++i) {
            out += pad;
            prettyTo(out, a.at(i), indent + 2, depth + 1);
            out += i + 1 < a.size() ? QStringLiteral(",\n") : QStringLiteral("\n");
        }
        out += QString(indent, u' ') + u']';
    } else if (v.isMap()) {
        const QCborMap m = v.toMap();
        if (m.isEmpty()) {
            out += QStringLiteral("{}");
            return;
        }
        out += QStringLiteral("{\n");
        qsizetype i = 0;
        for (auto it = m.cbegin(); it != m.cend(); ++it, ++i) {
            out += pad;
            if (it.key().isString())
                quote(out, it.key().toString());
            else
                prettyTo(out, it.key(), indent + 2, depth + 1);
            out += QStringLiteral(": ");
            prettyTo(out, it.value(), indent + 2, depth + 1);
            out += i + 1 < m.size() ? QStringLiteral(",\n") : QStringLiteral("\n");
        }
        out += QString(indent, u' ') + u'}';
    } else if (v.isByteArray()) {
        const QByteArray b = v.toByteArray();
        out += QStringLiteral("<%1 bytes: %2%3>")
                   .arg(b.size())
                   .arg(QString::fromLatin1(b.left(48).toHex(' ')))
                   .arg(b.size() > 48 ? QStringLiteral(" …") : QString());
    } else if (v.isString()) {
        quote(out, v.toString());
    } else if (v.isUndefined()) {
        out += QStringLiteral("undefined");
    } else {
        out += QString::fromUtf8(json::write(v));
    }
}

QString describeError(const RemoteError &e)
{
    QString out = e.module.isEmpty() ? e.type : e.module + u'.' + e.type;
    out += QStringLiteral(": ") + e.message + u'\n';
    if (e.traceback.isString())
        out += u'\n' + e.traceback.toString();
    return out;
}

} // namespace

QString PayloadDecoder::pretty(const QCborValue &value, int indent)
{
    QString out;
    prettyTo(out, value, indent, 0);
    return out;
}

QString PayloadDecoder::hexDump(QByteArrayView data, qsizetype maxBytes)
{
    QString out;
    const qsizetype n = std::min(data.size(), maxBytes);
    for (qsizetype off = 0; off < n; off += 16) {
        out += QStringLiteral("%1  ").arg(off, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (off + i < n) {
                const auto c = static_cast<unsigned char>(data[off + i]);
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += (c >= 0x20 && c < 0x7f) ? QChar(char16_t(c)) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == 7)
                out += u' ';
        }
        out += u' ' + ascii + u'\n';
    }
    if (data.size() > n)
        out += QStringLiteral("… %1 more bytes\n").arg(data.size() - n);
    return out;
}

QString PayloadDecoder::decode(const Frame &frame)
{
    if (!frame.isValid())
        return tr("(not kept: frames larger than 64 kB are counted but not retained)");
    const QByteArrayView data = frame.data();
    if (data.isEmpty())
        return tr("(empty payload)");
    const Serde serde = frame.serde();

    if (frame.flag() == Flag::Error && serde != Serde::Pickle) {
        if (auto e = envelope::decodeError(serde, data))
            return describeError(*e);
    }
    switch (serde) {
    case Serde::Json: {
        auto v = json::parse(data);
        if (!v)
            return tr("Not valid JSON (%1):\n").arg(v.error().message) + QString::fromUtf8(data.first(std::min(data.size(), MaxText)));
        return pretty(*v);
    }
    case Serde::Msgpack: {
        auto v = msgpack::decode(data);
        if (!v)
            return tr("Not valid msgpack (%1):\n").arg(v.error().message) + hexDump(data);
        return pretty(*v);
    }
    case Serde::Pickle:
        return tr("Pickle opcodes (listed, never executed):\n") + disassemblePickle(data);
    case Serde::Opaque: {
        QString out;
        const QString text = QString::fromUtf8(data.first(std::min(data.size(), MaxText)));
        const bool printable = !text.contains(QChar::ReplacementCharacter)
            && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isPrint() || c.isSpace(); });
        if (printable)
            out += tr("Text:\n") + text + QStringLiteral("\n\n");
        return out + tr("Bytes (%1):\n").arg(data.size()) + hexDump(data);
    }
    }
    return hexDump(data);
}

} // namespace daffi::ui
