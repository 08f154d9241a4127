#pragma once

#include "capturerecord.h"

#include <QFile>

#include <memory>

namespace daffi {

// Writes one capture file (docs/capture-format.md): the header, then records compressed as one
// zstd stream. flush() makes everything appended so far readable from the file, so a writer that
// is killed leaves a file that opens up to its last flush. Not thread-safe; blocking file I/O,
// so a router runs it on a thread of its own (CaptureRecorder).
class CaptureWriter
{
public:
    CaptureWriter();
    ~CaptureWriter();   // closes without an end record if close() was not called
    CaptureWriter(const CaptureWriter &) = delete;
    CaptureWriter &operator=(const CaptureWriter &) = delete;

    // Creates (or empties) the file and writes its header; false and error() if it cannot.
    bool open(const QString &path);
    bool isOpen() const { return m_file.isOpen(); }
    bool append(const CaptureRecord &record);
    bool flush();
    // Appends the end record, finishes the stream and closes the file.
    bool close(CaptureEnd end);

    QString path() const { return m_file.fileName(); }
    qint64 bytesWritten() const { return m_written; }   // in the file, as of the last write
    quint64 records() const { return m_records; }
    qsizetype pendingBytes() const { return m_input.size(); }   // appended, not yet compressed
    QString error() const { return m_error; }

private:
    enum class Mode { Continue, Flush, End };
    bool compress(Mode mode);
    bool write(const char *data, qint64 size);
    bool fail(const QString &what);

    QFile m_file;
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    QByteArray m_input;                // framed records not yet given to the compressor
    QByteArray m_output;
    qint64 m_written = 0;
    quint64 m_records = 0;
    QString m_error;
};

} // namespace daffi
