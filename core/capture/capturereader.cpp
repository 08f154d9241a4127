#include "capturereader.h"

#include "captureformat.h"

#include <QDateTime>
#include <QtEndian>

#include <zlib.h>
#include <zstd.h>

namespace daffi {

namespace {

constexpr qint64 ReadChunk = 64 * 1024;
constexpr qsizetype CompactAt = 1024 * 1024;

qint64 recordTime(const CaptureRecord &r)
{
    return std::visit(
        [](const auto &d) -> qint64 {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, CaptureInfo>)
                return d.createdMs;
            else if constexpr (std::is_same_v<T, MemberInfo>)
                return 0;
            else if constexpr (std::is_same_v<T, CaptureAnswer>)
                return 0;
            else
                return d.timeMs;
        },
        r.data);
}

} // namespace

struct CaptureReader::Stream
{
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    ~Stream() { ZSTD_freeDCtx(dctx); }
};

CaptureReader::CaptureReader(QIODevice *device, QString name) : m_device(device), m_name(std::move(name))
{
    if (m_name.isEmpty())
        m_name = QStringLiteral("The capture");
}

CaptureReader::~CaptureReader() = default;

bool CaptureReader::start()
{
    const QByteArray header = m_device->read(captureformat::HeaderSize);
    m_fileOffset = header.size();
    if (header.isEmpty()) {
        m_error = QStringLiteral("%1 is empty: it is not a daffi capture.").arg(m_name);
        return false;
    }
    if (!header.startsWith(captureformat::Magic)) {
        m_error = QStringLiteral("%1 is not a daffi capture: it does not begin with \"DAFFICAP\".").arg(m_name);
        return false;
    }
    if (header.size() < captureformat::HeaderSize) {
        m_error = QStringLiteral("%1 is cut off inside its 16-byte header: it holds no records.").arg(m_name);
        return false;
    }
    const quint16 version = qFromLittleEndian<quint16>(header.constData() + 8);
    if (version != captureformat::Version) {
        m_error = QStringLiteral("%1 is a daffi capture of format version %2; this program reads version %3. "
                                 "Open it with the daffi that wrote it, or a newer one.")
                      .arg(m_name)
                      .arg(version)
                      .arg(captureformat::Version);
        return false;
    }
    if (quint8(header[10]) != captureformat::CompressionZstd) {
        m_error = QStringLiteral("%1 uses compression %2, which this program does not know.").arg(m_name).arg(quint8(header[10]));
        return false;
    }
    m_stream = std::make_unique<Stream>();
    if (!m_stream->dctx) {
        m_error = QStringLiteral("zstd could not make a decompression context.");
        return false;
    }
    ZSTD_DCtx_setParameter(m_stream->dctx, ZSTD_d_windowLogMax, captureformat::MaxWindowLog);
    m_started = true;
    return true;
}

CaptureReader::Fill CaptureReader::fill(qsizetype bytes)
{
    while (m_output.size() - m_outputPos < bytes) {
        if (!m_damage.isEmpty())
            return Fill::Damaged;
        if (m_inputPos == m_input.size()) {
            m_input = m_device->read(ReadChunk);
            m_inputPos = 0;
            m_fileOffset += m_input.size();
            if (m_input.isEmpty())
                return Fill::EndOfData;
        }
        if (m_outputPos >= CompactAt || (m_outputPos && m_outputPos == m_output.size())) {
            m_output.remove(0, m_outputPos);
            m_outputPos = 0;
        }
        const qsizetype old = m_output.size();
        const size_t room = ZSTD_DStreamOutSize();
        m_output.resize(old + qsizetype(room));
        ZSTD_inBuffer in{m_input.constData() + m_inputPos, size_t(m_input.size() - m_inputPos), 0};
        ZSTD_outBuffer out{m_output.data() + old, room, 0};
        const size_t hint = ZSTD_decompressStream(m_stream->dctx, &out, &in);
        m_inputPos += qsizetype(in.pos);
        m_output.resize(old + qsizetype(out.pos));
        if (ZSTD_isError(hint))
            m_damage = QString::fromLatin1(ZSTD_getErrorName(hint));
        else
            m_frameOpen = hint != 0;
    }
    return Fill::Ok;
}

void CaptureReader::stop(const QString &why)
{
    m_done = true;
    const qint64 near = m_fileOffset - (m_input.size() - m_inputPos);
    QString where = QStringLiteral("after record %1").arg(m_records);
    if (m_lastTimeMs > 0)
        where += QStringLiteral(" (%1)").arg(QDateTime::fromMSecsSinceEpoch(m_lastTimeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    m_stopped = QStringLiteral("%1 stops %2, near byte %3 of the file: %4. The %5 records before that point were read.")
                    .arg(m_name, where)
                    .arg(near)
                    .arg(why)
                    .arg(m_records);
}

std::optional<CaptureRecord> CaptureReader::next()
{
    if (!m_started || m_done)
        return std::nullopt;
    for (;;) {
        Fill f = fill(captureformat::RecordHeaderSize);
        const char *head = m_output.constData() + m_outputPos;
        quint32 length = 0;
        if (f == Fill::Ok) {
            length = qFromLittleEndian<quint32>(head + 1);
            if (length > captureformat::MaxRecordBody) {
                stop(QStringLiteral("record %1 claims a length of %2 bytes, more than any record has, so the data is "
                                    "damaged there").arg(m_records + 1).arg(length));
                return std::nullopt;
            }
            f = fill(captureformat::RecordHeaderSize + qsizetype(length));
            head = m_output.constData() + m_outputPos;
        }
        if (f == Fill::Damaged) {
            stop(QStringLiteral("the compressed data is damaged there (zstd: %1)").arg(m_damage));
            return std::nullopt;
        }
        if (f == Fill::EndOfData) {
            const bool partial = m_output.size() - m_outputPos > 0;
            if (!partial && m_records == 0)
                stop(QStringLiteral("it holds no records"));
            else
                stop(partial ? QStringLiteral("it ends in the middle of record %1, so the recording was cut off (for "
                                              "example, the program writing it was killed)").arg(m_records + 1)
                             : QStringLiteral("it has no end record, so the recording was cut off (for example, the "
                                              "program writing it was killed)"));
            return std::nullopt;
        }
        const quint8 kind = quint8(head[0]);
        const quint32 stored = qFromLittleEndian<quint32>(head + 5);
        const char *body = head + captureformat::RecordHeaderSize;
        uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(head), 1);
        crc = crc32(crc, reinterpret_cast<const Bytef *>(body), uInt(length));
        if (quint32(crc) != stored) {
            stop(QStringLiteral("record %1 fails its checksum, so the data is damaged there").arg(m_records + 1));
            return std::nullopt;
        }
        m_outputPos += captureformat::RecordHeaderSize + qsizetype(length);
        if (kind == 0 || kind > CaptureRecord::LastKind)
            continue;   // a kind added by a later version of the format
        auto record = CaptureRecord::decode(CaptureRecord::Kind(kind), QByteArrayView(body, length));
        if (!record) {
            stop(QStringLiteral("record %1 (%2) is malformed: %3")
                     .arg(m_records + 1)
                     .arg(CaptureRecord::kindName(CaptureRecord::Kind(kind)), record.error().message));
            return std::nullopt;
        }
        ++m_records;
        m_lastTimeMs = std::max(m_lastTimeMs, recordTime(*record));
        if (record->kind() == CaptureRecord::Kind::End) {
            m_ended = true;
            m_done = true;
        }
        return std::move(*record);
    }
}

} // namespace daffi
