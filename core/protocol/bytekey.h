#pragma once

#include <QByteArray>
#include <QHashFunctions>

#include <cstring>

namespace daffi {

// Bytes hashed as Qt hashes them (its seeded AES or SipHash qHashBits), but never by Qt 6.4's
// own path for keys under 16 bytes: on the Intel Xeon benchmark machine that path costs
// ~270 ns a call where 16 bytes and more cost 17-20 ns (measured with qHashBits, lengths 8-40;
// the short path mixes SSE and AVX code, and the switches between them stall), and members' and
// functions' names are mostly that short. A short key is hashed as 16 bytes: itself, zeros, and
// its length in the last byte (so "a" and "a\0" differ), by the same seeded function, so it is no
// easier to make collide.
inline size_t hashBytes(QByteArrayView bytes, size_t seed) noexcept
{
    constexpr qsizetype Wide = 16;
    if (bytes.size() >= Wide)
        return qHashBits(bytes.data(), size_t(bytes.size()), seed);
    char padded[Wide] = {};
    if (!bytes.isEmpty())
        std::memcpy(padded, bytes.data(), size_t(bytes.size()));
    padded[Wide - 1] = char(bytes.size());
    return qHashBits(padded, Wide, seed);
}

// A QByteArray as the key of a QHash or QSet on a hot path (a lookup per forwarded frame), hashed
// by hashBytes. Look up without a copy with ByteKey::borrowed(view).
struct ByteKey
{
    QByteArray bytes;

    static ByteKey borrowed(QByteArrayView v) { return {QByteArray::fromRawData(v.data(), v.size())}; }
    friend bool operator==(const ByteKey &a, const ByteKey &b) noexcept { return a.bytes == b.bytes; }
    friend size_t qHash(const ByteKey &key, size_t seed = 0) noexcept { return hashBytes(key.bytes, seed); }
};

} // namespace daffi
