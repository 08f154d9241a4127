#pragma once

#include "capturerecord.h"

#include <QIODevice>

#include <memory>

namespace daffi {

// Reads a capture file record by record (docs/capture-format.md), trusting nothing in it: every
// record's length is bounded and its checksum and fields are checked before it is handed out,
// and the decompressor's window is capped. A file that is cut off or damaged reads up to its
// last good record; stopped() then says where and why in a sentence. Records of kinds this
// version does not know are skipped (later versions may add kinds, never change them).
//
// Memory: one record and one decompressed block at a time.
class CaptureReader
{
public:
    explicit CaptureReader(QIODevice *device, QString name = {});   // device open for reading; not owned
    ~CaptureReader();
    CaptureReader(const CaptureReader &) = delete;
    CaptureReader &operator=(const CaptureReader &) = delete;

    // Reads the file header: false if the file is not a capture this program can read (error()).
    bool start();
    // The next record; nullopt at the end record, at the end of the data, or at damage.
    std::optional<CaptureRecord> next();

    QString error() const { return m_error; }
    // Empty while reading and after a proper end record; otherwise why the file ended early.
    QString stopped() const { return m_stopped; }
    bool ended() const { return m_ended; }
    quint64 recordsRead() const { return m_records; }

private:
    enum class Fill { Ok, EndOfData, Damaged };
    Fill fill(qsizetype bytes);
    void stop(const QString &why);

    QIODevice *m_device;
    QString m_name;
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    QByteArray m_input;                // compressed bytes read from the device
    qsizetype m_inputPos = 0;
    qint64 m_fileOffset = 0;           // of the end of m_input in the file
    QByteArray m_output;               // decompressed bytes not yet taken as records
    qsizetype m_outputPos = 0;
    bool m_frameOpen = false;          // the decompressor is inside a zstd frame
    QString m_damage;                  // from the decompressor
    QString m_error;
    QString m_stopped;
    bool m_started = false;
    bool m_ended = false;
    bool m_done = false;
    quint64 m_records = 0;
    qint64 m_lastTimeMs = 0;
};

} // namespace daffi
