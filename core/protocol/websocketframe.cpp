#include "websocketframe.h"

#include <QCryptographicHash>

namespace daffi::websocket {

QByteArray acceptKey(QByteArrayView secWebSocketKey)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(secWebSocketKey.trimmed());
    sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return sha1.result().toBase64();
}

QByteArray encodeBinaryFrame(QByteArrayView payload, const char *mask)
{
    QByteArray out;
    const auto len = quint64(payload.size());
    out.reserve(payload.size() + 14);
    out += char(0x82);
    const char maskBit = mask ? char(0x80) : char(0);
    if (len <= 125) {
        out += char(char(len) | maskBit);
    } else if (len < 65536) {
        out += char(126 | maskBit);
        out += char(len >> 8);
        out += char(len & 0xFF);
    } else {
        out += char(127 | maskBit);
        for (int shift = 56; shift >= 0; shift -= 8)
            out += char((len >> shift) & 0xFF);
    }
    if (!mask) {
        out += payload;
        return out;
    }
    out += QByteArrayView(mask, 4);
    const qsizetype start = out.size();
    out += payload;
    for (qsizetype i = 0; i < payload.size(); ++i)
        out[start + i] = char(out[start + i] ^ mask[i % 4]);
    return out;
}

Result<DecodedFrame> decodeFrame(QByteArrayView bytes, quint64 maxPayload)
{
    const Error incomplete{QStringLiteral("Incomplete"), QStringLiteral("incomplete frame")};
    if (bytes.size() < 2)
        return incomplete;
    const auto *b = reinterpret_cast<const unsigned char *>(bytes.data());
    DecodedFrame f;
    f.fin = (b[0] & 0x80) != 0;
    if (b[0] & 0x70)
        return Error{QStringLiteral("ProtocolError"), QStringLiteral("reserved bits set")};
    f.opcode = b[0] & 0x0F;
    f.masked = (b[1] & 0x80) != 0;
    quint64 len = b[1] & 0x7F;
    qsizetype pos = 2;
    if (len == 126 || len == 127) {
        const int n = len == 126 ? 2 : 8;
        if (bytes.size() < pos + n)
            return incomplete;
        len = 0;
        for (int i = 0; i < n; ++i)
            len = (len << 8) | b[pos + i];
        pos += n;
    }
    if (len > maxPayload)
        return Error{QStringLiteral("TooLarge"), QStringLiteral("frame payload of %1 bytes is too large").arg(len)};
    unsigned char mask[4] = {};
    if (f.masked) {
        if (bytes.size() < pos + 4)
            return incomplete;
        std::copy(b + pos, b + pos + 4, mask);
        pos += 4;
    }
    if (quint64(bytes.size() - pos) < len)
        return incomplete;
    f.payload = QByteArray(bytes.data() + pos, qsizetype(len));
    if (f.masked) {
        for (qsizetype i = 0; i < f.payload.size(); ++i)
            f.payload[i] = char(f.payload[i] ^ mask[i % 4]);
    }
    f.frameSize = pos + qsizetype(len);
    return f;
}

} // namespace daffi::websocket
