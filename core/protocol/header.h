#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>

namespace daffi {

// PROTOCOL.md §3.2. Values are the wire values.
enum class Flag : std::uint8_t { Handshake = 0, Request = 1, Response = 2, Error = 3, Events = 4 };
enum class Serde : std::uint8_t { Opaque = 0, Json = 1, Pickle = 2, Msgpack = 3 };

constexpr std::uint8_t MaxFlag = 4;

QString flagName(Flag flag);
QString serdeName(Serde serde);
std::optional<Serde> serdeFromName(QStringView name);   // "json", "MSGPACK", "raw", "opaque", ...

// The 9-byte header, PROTOCOL.md §3.1. Encoded and decoded by explicit byte arithmetic so the
// layout never depends on compiler bit-field packing or host endianness.
struct Header
{
    static constexpr int Size = 9;
    static constexpr std::uint32_t MaxMsgLen = (1u << 25) - 1;      // 33 554 431
    static constexpr std::uint32_t MaxMetadataLen = (1u << 15) - 1; // 32 767
    static constexpr std::uint8_t TrailerByte = 0x81;               // msg_parts=1, endian=little

    std::uint16_t uuid = 0;
    Flag flag = Flag::Handshake;
    Serde serde = Serde::Opaque;
    bool isBytes = false;
    bool returnResult = false;
    std::uint32_t msgLen = 0;       // metadata + data, 25 bits
    std::uint16_t metadataLen = 0;  // 15 bits

    // Writes exactly Size bytes. Fields wider than the wire allows are the caller's bug;
    // Frame::make() checks them before calling this.
    void encode(char *out) const;

    // Decodes any 9 bytes. `rawFlag` keeps the 4-bit value as sent so a reader can report an
    // invalid flag precisely instead of guessing; `flag` is only meaningful when rawFlag <= 4.
    static Header decode(const char *in, std::uint8_t *rawFlag = nullptr);

    std::uint32_t dataLen() const { return msgLen - metadataLen; }

    friend bool operator==(const Header &, const Header &) = default;
};

} // namespace daffi
