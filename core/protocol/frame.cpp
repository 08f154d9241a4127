#include "frame.h"

#include <cstring>

namespace daffi {

namespace {
constexpr char Separator = '|';
}

std::optional<Error> Frame::locateSeparators(QByteArrayView metadata, int *first, int *second)
{
    int found = 0;
    for (qsizetype i = 0; i < metadata.size(); ++i) {
        if (metadata[i] != Separator)
            continue;
        if (found == 0)
            *first = int(i);
        else if (found == 1)
            *second = int(i);
        ++found;
    }
    if (found != 2) {
        return Error{QStringLiteral("BadMetadata"),
                     QStringLiteral("metadata must contain exactly two '|' separators, found %1")
                         .arg(found)};
    }
    return std::nullopt;
}

Result<Frame> Frame::make(const Fields &fields, QByteArrayView transmitter, QByteArrayView receiver,
                          QByteArrayView function, QByteArrayView data)
{
    return build(fields, transmitter, receiver, function, data, nullptr);
}

Result<Frame> Frame::makeSharing(const Fields &fields, QByteArrayView transmitter, QByteArrayView receiver,
                                 QByteArrayView function, const QByteArray &data)
{
    return build(fields, transmitter, receiver, function, data, data.size() >= SplitAt ? &data : nullptr);
}

Result<Frame> Frame::build(const Fields &fields, QByteArrayView transmitter, QByteArrayView receiver,
                           QByteArrayView function, QByteArrayView data, const QByteArray *shared)
{
    for (QByteArrayView part : {transmitter, receiver, function}) {
        if (part.contains(Separator)) {
            return Error{QStringLiteral("BadMetadata"),
                         QStringLiteral("names and function names must not contain '|': \"%1\"")
                             .arg(QString::fromUtf8(part))};
        }
    }
    const qsizetype metadataLen = transmitter.size() + receiver.size() + function.size() + 2;
    if (metadataLen > qsizetype(Header::MaxMetadataLen)) {
        return Error{QStringLiteral("MetadataTooLong"),
                     QStringLiteral("metadata of %1 bytes exceeds the limit of %2")
                         .arg(metadataLen).arg(Header::MaxMetadataLen)};
    }
    const qsizetype msgLen = metadataLen + data.size();
    if (msgLen > qsizetype(Header::MaxMsgLen)) {
        return Error{QStringLiteral("ExceedsMaxMessageSize"),
                     QStringLiteral("message of %1 bytes exceeds the limit of %2 bytes")
                         .arg(msgLen).arg(Header::MaxMsgLen)};
    }

    Frame f;
    f.m_header.uuid = fields.uuid;
    f.m_header.flag = fields.flag;
    f.m_header.serde = fields.serde;
    f.m_header.isBytes = fields.isBytes;
    f.m_header.returnResult = fields.returnResult;
    f.m_header.msgLen = std::uint32_t(msgLen);
    f.m_header.metadataLen = std::uint16_t(metadataLen);
    f.m_sep1 = int(transmitter.size());
    f.m_sep2 = int(transmitter.size() + 1 + receiver.size());

    if (shared)
        f.m_body = *shared;
    f.m_bytes = QByteArray(Header::Size + (shared ? metadataLen : msgLen), Qt::Uninitialized);
    char *p = f.m_bytes.data();
    f.m_header.encode(p);
    p += Header::Size;
    auto put = [&p](QByteArrayView v) {
        if (!v.isEmpty())
            std::memcpy(p, v.data(), size_t(v.size()));
        p += v.size();
    };
    put(transmitter);
    *p++ = Separator;
    put(receiver);
    *p++ = Separator;
    put(function);
    if (!shared)
        put(data);
    return f;
}

Result<Frame> Frame::fromBytes(QByteArray bytes, std::uint32_t maxMsgLen)
{
    if (bytes.size() < Header::Size) {
        return Error{QStringLiteral("Truncated"),
                     QStringLiteral("message of %1 bytes is shorter than the 9-byte header")
                         .arg(bytes.size())};
    }
    std::uint8_t rawFlag = 0;
    Frame f;
    f.m_header = Header::decode(bytes.constData(), &rawFlag);
    if (rawFlag > MaxFlag)
        return Error{QStringLiteral("InvalidFlag"), QStringLiteral("invalid flag %1").arg(rawFlag)};
    if (f.m_header.msgLen > maxMsgLen) {
        return Error{QStringLiteral("FrameTooLarge"),
                     QStringLiteral("msg_len %1 exceeds the limit of %2")
                         .arg(f.m_header.msgLen).arg(maxMsgLen)};
    }
    if (f.m_header.metadataLen > f.m_header.msgLen) {
        return Error{QStringLiteral("BadMetadataLength"),
                     QStringLiteral("metadata_len %1 exceeds msg_len %2")
                         .arg(f.m_header.metadataLen).arg(f.m_header.msgLen)};
    }
    const qsizetype expected = Header::Size + qsizetype(f.m_header.msgLen);
    if (bytes.size() != expected) {
        return Error{QStringLiteral("LengthMismatch"),
                     QStringLiteral("message carries %1 bytes but its header announces %2")
                         .arg(bytes.size()).arg(expected)};
    }
    const QByteArrayView md(bytes.constData() + Header::Size, f.m_header.metadataLen);
    if (auto err = locateSeparators(md, &f.m_sep1, &f.m_sep2))
        return *err;
    f.m_bytes = std::move(bytes);
    return f;
}

QByteArrayView Frame::metadata() const
{
    return QByteArrayView(m_bytes).sliced(Header::Size, m_header.metadataLen);
}

QByteArrayView Frame::transmitter() const
{
    return metadata().first(m_sep1);
}

QByteArrayView Frame::receiver() const
{
    return metadata().sliced(m_sep1 + 1, m_sep2 - m_sep1 - 1);
}

QByteArrayView Frame::function() const
{
    return metadata().sliced(m_sep2 + 1);
}

QByteArrayView Frame::data() const
{
    if (isSplit())
        return m_body;
    return QByteArrayView(m_bytes).sliced(Header::Size + m_header.metadataLen);
}

QByteArray Frame::dataBytes() const
{
    return isSplit() ? m_body : data().toByteArray();
}

QByteArray Frame::bytes() const
{
    if (!isSplit())
        return m_bytes;
    QByteArray whole(m_bytes.size() + m_body.size(), Qt::Uninitialized);
    std::memcpy(whole.data(), m_bytes.constData(), size_t(m_bytes.size()));
    std::memcpy(whole.data() + m_bytes.size(), m_body.constData(), size_t(m_body.size()));
    return whole;
}

Frame Frame::withData(QByteArrayView newData, std::optional<Flag> flag,
                      std::optional<Serde> serde) const
{
    Frame f;
    f.m_header = m_header;
    if (flag)
        f.m_header.flag = *flag;
    if (serde)
        f.m_header.serde = *serde;
    f.m_header.msgLen = std::uint32_t(m_header.metadataLen + newData.size());
    f.m_sep1 = m_sep1;
    f.m_sep2 = m_sep2;
    f.m_bytes = QByteArray(Header::Size + f.m_header.msgLen, Qt::Uninitialized);
    char *p = f.m_bytes.data();
    // Byte for byte the received header with the new length (and flag/serde where asked):
    // the reference echoes uuid, is_bytes, return_result and byte 8 as the client sent them.
    f.m_header.encode(p);
    p[8] = m_bytes.at(8);
    std::memcpy(p + Header::Size, m_bytes.constData() + Header::Size, m_header.metadataLen);
    if (!newData.isEmpty())
        std::memcpy(p + Header::Size + m_header.metadataLen, newData.data(), size_t(newData.size()));
    return f;
}

} // namespace daffi
