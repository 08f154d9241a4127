#include "header.h"

namespace daffi {

QString flagName(Flag flag)
{
    switch (flag) {
    case Flag::Handshake: return QStringLiteral("HANDSHAKE");
    case Flag::Request: return QStringLiteral("REQUEST");
    case Flag::Response: return QStringLiteral("RESPONSE");
    case Flag::Error: return QStringLiteral("ERROR");
    case Flag::Events: return QStringLiteral("EVENTS");
    }
    return QStringLiteral("FLAG(%1)").arg(int(flag));
}

QString serdeName(Serde serde)
{
    switch (serde) {
    case Serde::Opaque: return QStringLiteral("OPAQUE");
    case Serde::Json: return QStringLiteral("JSON");
    case Serde::Pickle: return QStringLiteral("PICKLE");
    case Serde::Msgpack: return QStringLiteral("MSGPACK");
    }
    return QStringLiteral("SERDE(%1)").arg(int(serde));
}

std::optional<Serde> serdeFromName(QStringView name)
{
    const QString n = name.trimmed().toString().toLower();
    if (n == u"opaque" || n == u"raw" || n == u"0")
        return Serde::Opaque;
    if (n == u"json" || n == u"1")
        return Serde::Json;
    if (n == u"pickle" || n == u"2")
        return Serde::Pickle;
    if (n == u"msgpack" || n == u"3")
        return Serde::Msgpack;
    return std::nullopt;
}

void Header::encode(char *out) const
{
    auto *o = reinterpret_cast<unsigned char *>(out);
    o[0] = static_cast<unsigned char>(uuid & 0xFF);
    o[1] = static_cast<unsigned char>(uuid >> 8);
    o[2] = static_cast<unsigned char>((static_cast<unsigned>(flag) & 0x0F)
                                      | ((static_cast<unsigned>(serde) & 0x03) << 4)
                                      | (isBytes ? 0x40u : 0u) | (returnResult ? 0x80u : 0u));
    o[3] = static_cast<unsigned char>(msgLen & 0xFF);
    o[4] = static_cast<unsigned char>((msgLen >> 8) & 0xFF);
    o[5] = static_cast<unsigned char>((msgLen >> 16) & 0xFF);
    o[6] = static_cast<unsigned char>(((msgLen >> 24) & 0x01) | ((metadataLen & 0x7Fu) << 1));
    o[7] = static_cast<unsigned char>((metadataLen >> 7) & 0xFF);
    o[8] = TrailerByte;
}

Header Header::decode(const char *in, std::uint8_t *rawFlag)
{
    const auto *b = reinterpret_cast<const unsigned char *>(in);
    Header h;
    h.uuid = static_cast<std::uint16_t>(b[0] | (b[1] << 8));
    const std::uint8_t flagBits = b[2] & 0x0F;
    if (rawFlag)
        *rawFlag = flagBits;
    h.flag = static_cast<Flag>(flagBits <= MaxFlag ? flagBits : 0);
    h.serde = static_cast<Serde>((b[2] >> 4) & 0x03);
    h.isBytes = (b[2] & 0x40) != 0;
    h.returnResult = (b[2] & 0x80) != 0;
    h.msgLen = std::uint32_t(b[3]) | (std::uint32_t(b[4]) << 8) | (std::uint32_t(b[5]) << 16)
               | (std::uint32_t(b[6] & 0x01) << 24);
    h.metadataLen = static_cast<std::uint16_t>((b[6] >> 1) | (b[7] << 7));
    // Byte 8 (msg_parts, endian) is never read by the reference; we ignore it too.
    return h;
}

} // namespace daffi
