#pragma once

#include "header.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace daffi {

// One daffi message exactly as it travels: header + "transmitter|receiver|function" + data,
// held in one implicitly shared buffer. Copying a Frame never copies the payload, and a router
// forwards bytes() unchanged. Accessors return views into that buffer.
class Frame
{
public:
    Frame() = default;

    struct Fields
    {
        std::uint16_t uuid = 0;
        Flag flag = Flag::Request;
        Serde serde = Serde::Opaque;
        bool isBytes = false;
        bool returnResult = false;
    };

    // Builds a frame; fails when a name contains '|' or a length exceeds the wire's limits.
    static Result<Frame> make(const Fields &fields, QByteArrayView transmitter,
                              QByteArrayView receiver, QByteArrayView function,
                              QByteArrayView data);

    // Takes a buffer holding exactly one message (e.g. one WebSocket message) without copying it,
    // and validates it like FrameReader does.
    static Result<Frame> fromBytes(QByteArray bytes, std::uint32_t maxMsgLen = Header::MaxMsgLen);

    bool isValid() const { return !m_bytes.isEmpty(); }
    const Header &header() const { return m_header; }
    std::uint16_t uuid() const { return m_header.uuid; }
    Flag flag() const { return m_header.flag; }
    Serde serde() const { return m_header.serde; }

    QByteArrayView metadata() const;
    QByteArrayView transmitter() const;
    QByteArrayView receiver() const;
    QByteArrayView function() const;
    QByteArrayView data() const;

    const QByteArray &bytes() const { return m_bytes; }
    qsizetype size() const { return m_bytes.size(); }

    // Same message with another data part: used by servers that answer a hello by re-using the
    // received header and metadata (PROTOCOL.md §5.2 step 4, §5.3 step 4).
    Frame withData(QByteArrayView data, std::optional<Flag> flag = std::nullopt,
                   std::optional<Serde> serde = std::nullopt) const;

private:
    friend class FrameReader;
    // Splits the metadata; returns an error when it has not exactly two '|'.
    static std::optional<Error> locateSeparators(QByteArrayView metadata, int *first, int *second);

    QByteArray m_bytes;
    Header m_header;
    int m_sep1 = 0;   // offsets of the two '|' inside the metadata
    int m_sep2 = 0;
};

} // namespace daffi
