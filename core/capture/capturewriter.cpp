#include "capturewriter.h"

#include "captureformat.h"

#include <QtEndian>

#include <zlib.h>
#include <zstd.h>

namespace daffi {

namespace {

// Records are compressed in pieces of about this much, so memory stays flat between flushes.
constexpr qsizetype CompressAt = 1024 * 1024;
constexpr int CompressionLevel = 3;

} // namespace

struct CaptureWriter::Stream
{
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ~Stream() { ZSTD_freeCCtx(cctx); }
};

CaptureWriter::CaptureWriter() = default;

CaptureWriter::~CaptureWriter()
{
    if (m_file.isOpen())
        flush();
}

bool CaptureWriter::fail(const QString &what)
{
    m_error = what;
    m_file.close();
    return false;
}

bool CaptureWriter::open(const QString &path)
{
    m_file.setFileName(path);
    m_written = 0;
    m_records = 0;
    m_error.clear();
    m_input.clear();
    // Unbuffered: a full disk shows at the write that fills it, not at some later close. A new
    // file is its owner's alone: it holds the calls' payloads.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(QStringLiteral("cannot create %1: %2").arg(path, m_file.errorString()));
    m_stream = std::make_unique<Stream>();
    if (!m_stream->cctx)
        return fail(QStringLiteral("zstd could not make a compression context"));
    ZSTD_CCtx_setParameter(m_stream->cctx, ZSTD_c_compressionLevel, CompressionLevel);
    ZSTD_CCtx_setParameter(m_stream->cctx, ZSTD_c_checksumFlag, 1);
    ZSTD_CCtx_setParameter(m_stream->cctx, ZSTD_c_windowLog, 21);
    char header[captureformat::HeaderSize] = {};
    std::copy(captureformat::Magic.begin(), captureformat::Magic.end(), header);
    qToLittleEndian<quint16>(captureformat::Version, header + 8);
    header[10] = char(captureformat::CompressionZstd);
    return write(header, sizeof header);
}

bool CaptureWriter::append(const CaptureRecord &record)
{
    if (!m_file.isOpen())
        return false;
    const QByteArray body = record.encode();
    const auto kind = char(record.kind());
    char head[captureformat::RecordHeaderSize];
    head[0] = kind;
    qToLittleEndian<quint32>(quint32(body.size()), head + 1);
    uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(&kind), 1);
    crc = crc32(crc, reinterpret_cast<const Bytef *>(body.constData()), uInt(body.size()));
    qToLittleEndian<quint32>(quint32(crc), head + 5);
    m_input.append(head, sizeof head).append(body);
    ++m_records;
    return m_input.size() < CompressAt || compress(Mode::Continue);
}

bool CaptureWriter::flush()
{
    return m_file.isOpen() && compress(Mode::Flush);
}

bool CaptureWriter::close(CaptureEnd end)
{
    if (!m_file.isOpen())
        return false;
    end.records = m_records;
    if (!append(CaptureRecord{std::move(end)}) || !compress(Mode::End))
        return false;
    m_file.close();
    m_stream.reset();
    return true;
}

bool CaptureWriter::compress(Mode mode)
{
    const ZSTD_EndDirective directive = mode == Mode::Continue ? ZSTD_e_continue
        : mode == Mode::Flush                                  ? ZSTD_e_flush
                                                               : ZSTD_e_end;
    ZSTD_inBuffer in{m_input.constData(), size_t(m_input.size()), 0};
    m_output.resize(qsizetype(ZSTD_CStreamOutSize()));
    for (;;) {
        ZSTD_outBuffer out{m_output.data(), size_t(m_output.size()), 0};
        const size_t left = ZSTD_compressStream2(m_stream->cctx, &out, &in, directive);
        if (ZSTD_isError(left))
            return fail(QStringLiteral("zstd cannot compress: %1").arg(QString::fromLatin1(ZSTD_getErrorName(left))));
        if (out.pos && !write(m_output.constData(), qint64(out.pos)))
            return false;
        const bool done = directive == ZSTD_e_continue ? in.pos == in.size : left == 0;
        if (done)
            break;
    }
    m_input.clear();
    return true;
}

bool CaptureWriter::write(const char *data, qint64 size)
{
    while (size > 0) {
        const qint64 n = m_file.write(data, size);
        if (n <= 0)
            return fail(QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString()));
        data += n;
        size -= n;
        m_written += n;
    }
    return true;
}

} // namespace daffi
