#pragma once

#include <QByteArrayView>
#include <QtGlobal>

// The layout of a capture file (docs/capture-format.md), shared by the writer and the reader.
namespace daffi::captureformat {

// The file header, uncompressed: magic, format version (little-endian), compression, 5 zeros.
inline constexpr QByteArrayView Magic{"DAFFICAP", 8};
inline constexpr quint16 Version = 1;
inline constexpr quint8 CompressionZstd = 1;
inline constexpr qsizetype HeaderSize = 16;

// Each record in the decompressed stream: kind (1 byte), body length (4, little-endian), CRC-32
// of the kind byte and the body (4, little-endian, zlib's crc32), body.
inline constexpr qsizetype RecordHeaderSize = 9;
// A body holds at most a request or an answer frame (32 MiB on the wire) and its fields.
inline constexpr quint32 MaxRecordBody = 40 * 1024 * 1024;
// Readers refuse zstd windows above 2^24 bytes, so a crafted file cannot ask for more memory.
inline constexpr int MaxWindowLog = 24;

inline constexpr const char *Suffix = ".dcap";

} // namespace daffi::captureformat
