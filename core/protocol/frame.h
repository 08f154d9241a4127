#pragma once

#include "header.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace daffi {

// One daffi message exactly as it travels: header + "transmitter|receiver|function" + data,
// held in implicitly shared buffers. Copying a Frame never copies the payload, and a router
// forwards it unchanged. Accessors return views into those buffers.
//
// A frame is held in one buffer, or split in two when its data part is large (SplitAt or more):
// the header and metadata in head(), the data in body(), a byte array of its own. That way a
// large payload is not copied to build a frame (the body shares the payload's buffer) nor to take
// the payload out of a received one (FrameReader reads large data into a buffer of its own), and
// transports write the two pieces one after the other.
class Frame
{
public:
    static constexpr qsizetype SplitAt = 64 * 1024;

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
    // The same, but a data part of SplitAt bytes or more is shared, not copied.
    static Result<Frame> makeSharing(const Fields &fields, QByteArrayView transmitter,
                                     QByteArrayView receiver, QByteArrayView function,
                                     const QByteArray &data);

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

    // The data part as a byte array of its own: shared when the frame is split, a copy otherwise.
    QByteArray dataBytes() const;

    bool isSplit() const { return !m_body.isNull(); }
    const QByteArray &head() const { return m_bytes; }   // the whole frame, or header + metadata
    const QByteArray &body() const { return m_body; }    // the data of a split frame; else null
    // The whole message in one buffer (a split frame is joined: a copy).
    QByteArray bytes() const;
    qsizetype size() const { return m_bytes.size() + m_body.size(); }

    // Same message with another data part: used by servers that answer a hello by re-using the
    // received header and metadata (PROTOCOL.md §5.2 step 4, §5.3 step 4).
    Frame withData(QByteArrayView data, std::optional<Flag> flag = std::nullopt,
                   std::optional<Serde> serde = std::nullopt) const;

private:
    friend class FrameReader;
    // Splits the metadata; returns an error when it has not exactly two '|'.
    static std::optional<Error> locateSeparators(QByteArrayView metadata, int *first, int *second);

    static Result<Frame> build(const Fields &fields, QByteArrayView transmitter, QByteArrayView receiver,
                               QByteArrayView function, QByteArrayView data, const QByteArray *shared);

    QByteArray m_bytes;
    QByteArray m_body;   // null unless split
    Header m_header;
    int m_sep1 = 0;   // offsets of the two '|' inside the metadata
    int m_sep2 = 0;
};

} // namespace daffi
