#include "framereader.h"

#include <QIODevice>

#include <algorithm>
#include <cstring>
#include <utility>

namespace daffi {

FrameReader::FrameReader(std::uint32_t maxMsgLen)
{
    setMaxMsgLen(maxMsgLen);
}

void FrameReader::setMaxMsgLen(std::uint32_t maxMsgLen)
{
    m_maxMsgLen = std::min(maxMsgLen, Header::MaxMsgLen);
}

char *FrameReader::writePointer()
{
    if (m_filled < Header::Size)
        return m_headerBuf + m_filled;
    if (m_filled < m_current.size())
        return m_current.data() + m_filled;
    return m_body.data() + (m_filled - m_current.size());   // the data of a split frame
}

qsizetype FrameReader::frameSize() const
{
    return Header::Size + qsizetype(m_header.msgLen);
}

qsizetype FrameReader::bytesWanted() const
{
    if (m_filled < Header::Size)
        return Header::Size - m_filled;
    // Stop at the end of the metadata first so it is validated before the data is awaited.
    const qsizetype metadataEnd = Header::Size + m_header.metadataLen;
    if (!m_metadataChecked && m_filled < metadataEnd)
        return metadataEnd - m_filled;
    return frameSize() - m_filled;
}

void FrameReader::fail(QString code, QString message)
{
    m_error = Error{std::move(code), std::move(message)};
    m_current.clear();
    m_body.clear();
}

std::optional<Error> FrameReader::headerError(const Header &header, std::uint8_t rawFlag) const
{
    if (rawFlag > MaxFlag)
        return Error{QStringLiteral("InvalidFlag"), QStringLiteral("invalid flag %1 (valid flags are 0 to 4)").arg(rawFlag)};
    if (header.msgLen > m_maxMsgLen)
        return Error{QStringLiteral("FrameTooLarge"),
                     QStringLiteral("msg_len %1 exceeds the limit of %2 bytes").arg(header.msgLen).arg(m_maxMsgLen)};
    if (header.metadataLen > header.msgLen)
        return Error{QStringLiteral("BadMetadataLength"),
                     QStringLiteral("metadata_len %1 exceeds msg_len %2").arg(header.metadataLen).arg(header.msgLen)};
    return std::nullopt;
}

bool FrameReader::headerComplete()
{
    std::uint8_t rawFlag = 0;
    m_header = Header::decode(m_headerBuf, &rawFlag);
    if (auto err = headerError(m_header, rawFlag)) {
        fail(std::move(err->code), std::move(err->message));
        return false;
    }
    // Large data goes into a buffer of its own, which becomes the payload without a copy.
    const qsizetype headSize = Header::Size + m_header.metadataLen;
    const qsizetype dataSize = qsizetype(m_header.msgLen) - m_header.metadataLen;
    const bool split = dataSize >= Frame::SplitAt;
    m_current = QByteArray(split ? headSize : frameSize(), Qt::Uninitialized);
    if (split)
        m_body = QByteArray(dataSize, Qt::Uninitialized);
    std::memcpy(m_current.data(), m_headerBuf, Header::Size);
    m_metadataChecked = false;
    return true;
}

bool FrameReader::metadataComplete()
{
    const QByteArrayView md(m_current.constData() + Header::Size, m_header.metadataLen);
    if (auto err = Frame::locateSeparators(md, &m_sep1, &m_sep2)) {
        fail(err->code, err->message);
        return false;
    }
    m_metadataChecked = true;
    return true;
}

void FrameReader::advance(qsizetype n)
{
    m_filled += n;
    if (m_filled == Header::Size && !headerComplete())
        return;
    if (m_filled < Header::Size)
        return;
    if (!m_metadataChecked && m_filled == Header::Size + m_header.metadataLen && !metadataComplete())
        return;
    if (m_filled == frameSize() && m_metadataChecked) {
        Frame f;
        f.m_bytes = std::move(m_current);
        f.m_body = std::exchange(m_body, QByteArray());
        f.m_header = m_header;
        f.m_sep1 = m_sep1;
        f.m_sep2 = m_sep2;
        m_ready.push_back(std::move(f));
        m_current = QByteArray();
        m_filled = 0;
        m_metadataChecked = false;
    }
}

qsizetype FrameReader::takeWhole(QByteArrayView bytes)
{
    if (bytes.size() < Header::Size)
        return 0;
    std::uint8_t rawFlag = 0;
    const Header header = Header::decode(bytes.data(), &rawFlag);
    if (headerError(header, rawFlag))
        return 0;
    const qsizetype size = Header::Size + qsizetype(header.msgLen);
    if (size > bytes.size() || qsizetype(header.msgLen) - header.metadataLen >= Frame::SplitAt)
        return 0;
    Frame f;
    if (Frame::locateSeparators(QByteArrayView(bytes.data() + Header::Size, header.metadataLen), &f.m_sep1, &f.m_sep2))
        return 0;
    f.m_bytes = QByteArray(bytes.data(), size);
    f.m_header = header;
    m_ready.push_back(std::move(f));
    return size;
}

qsizetype FrameReader::feed(QByteArrayView chunk)
{
    qsizetype consumed = 0;
    while (!m_error && consumed < chunk.size()) {
        if (m_filled == 0) {
            if (const qsizetype whole = takeWhole(chunk.sliced(consumed))) {
                consumed += whole;
                continue;
            }
        }
        const qsizetype n = std::min(bytesWanted(), chunk.size() - consumed);
        std::memcpy(writePointer(), chunk.data() + consumed, size_t(n));
        consumed += n;
        advance(n);
    }
    return consumed;
}

void FrameReader::readFrom(QIODevice *device)
{
    while (!m_error && device->bytesAvailable() > 0) {
        const qint64 n = device->read(writePointer(), bytesWanted());
        if (n <= 0)
            return;
        advance(qsizetype(n));
    }
}

qint64 FrameReader::readOnceFrom(QIODevice *device, char *scratch, qsizetype scratchSize, bool *drained)
{
    if (m_error)
        return 0;
    const qsizetype wanted = bytesWanted();
    if (wanted >= scratchSize) {
        const qint64 n = device->read(writePointer(), wanted);
        *drained = n < wanted;
        if (n > 0)
            advance(qsizetype(n));
        return n;
    }
    const qint64 n = device->read(scratch, scratchSize);
    *drained = n < scratchSize;
    if (n > 0)
        feed(QByteArrayView(scratch, qsizetype(n)));
    return n;
}

Frame FrameReader::takeFrame()
{
    Frame f = std::move(m_ready.front());
    m_ready.pop_front();
    return f;
}

} // namespace daffi
