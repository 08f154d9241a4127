// The capture reader (docs/capture-format.md) on arbitrary input, at three depths: the first byte
// picks whether the rest is a whole file, the decompressed record stream (compressed here, so the
// framing and checksums are reached), or records (framed here with fitting checksums, so the
// CBOR bodies are reached: 1 byte kind, 2 bytes length, body, repeated). Every record the reader
// hands out must encode and decode again.
#include <core/capture/captureformat.h>
#include <core/capture/capturereader.h>

#include <QBuffer>
#include <QtEndian>

#include <zlib.h>
#include <zstd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace daffi;

static void check(bool condition)
{
    if (!condition)
        std::abort();
}

static QByteArray header()
{
    QByteArray out(captureformat::HeaderSize, '\0');
    std::copy(captureformat::Magic.begin(), captureformat::Magic.end(), out.data());
    qToLittleEndian<quint16>(captureformat::Version, out.data() + 8);
    out[10] = char(captureformat::CompressionZstd);
    return out;
}

static QByteArray compressed(QByteArrayView stream)
{
    QByteArray z(qsizetype(ZSTD_compressBound(size_t(stream.size()))), '\0');
    const size_t n = ZSTD_compress(z.data(), size_t(z.size()), stream.data(), size_t(stream.size()), 1);
    check(!ZSTD_isError(n));
    return z.left(qsizetype(n));
}

static QByteArray framedRecords(QByteArrayView in)
{
    QByteArray stream;
    while (in.size() >= 3) {
        const quint8 kind = quint8(in[0]);
        const qsizetype length = std::min<qsizetype>(qFromLittleEndian<quint16>(in.data() + 1), in.size() - 3);
        const QByteArrayView body = in.sliced(3, length);
        char head[captureformat::RecordHeaderSize];
        head[0] = char(kind);
        qToLittleEndian<quint32>(quint32(body.size()), head + 1);
        uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(head), 1);
        crc = crc32(crc, reinterpret_cast<const Bytef *>(body.data()), uInt(body.size()));
        qToLittleEndian<quint32>(quint32(crc), head + 5);
        stream.append(head, sizeof head).append(body);
        in = in.sliced(3 + length);
    }
    return stream;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView rest(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    QByteArray file;
    switch (data[0] % 3) {
    case 0: file = rest.toByteArray(); break;
    case 1: file = header() + compressed(rest); break;
    default: file = header() + compressed(framedRecords(rest)); break;
    }
    QBuffer buffer(&file);
    buffer.open(QIODevice::ReadOnly);
    CaptureReader reader(&buffer);
    if (!reader.start()) {
        check(!reader.error().isEmpty());
        return 0;
    }
    while (auto record = reader.next()) {
        auto again = CaptureRecord::decode(record->kind(), record->encode());
        check(again.ok());
        check(again->kind() == record->kind());
    }
    check(reader.ended() == reader.stopped().isEmpty());
    return 0;
}
