#pragma once

#include "frame.h"

#include <QByteArray>

#include <deque>

class QIODevice;

namespace daffi {

// Incremental, validating reader for the raw daffi stream (PROTOCOL.md §3.5).
//
// Accepts any split of the input: one byte at a time, many frames in one chunk, a frame across
// many reads. Each frame's buffer is allocated once when its header is complete (two for large
// data: see Frame::SplitAt) and bytes are copied into it exactly once (from the caller's chunk,
// or straight from a QIODevice). The allocation is uninitialised, so a peer that announces
// 32 MiB and sends little costs little resident memory.
//
// On the first invalid field the reader stops and reports the error; it never guesses where the
// next frame might begin (there is no sync marker), so the connection must be closed.
class FrameReader
{
public:
    explicit FrameReader(std::uint32_t maxMsgLen = Header::MaxMsgLen);

    void setMaxMsgLen(std::uint32_t maxMsgLen);
    std::uint32_t maxMsgLen() const { return m_maxMsgLen; }

    // Consumes all of `chunk` unless an error occurs. Returns the number of bytes consumed.
    qsizetype feed(QByteArrayView chunk);

    // Reads from the device only as much as the current frame still needs, straight into the
    // frame buffer, until the device has no more bytes or an error occurs.
    void readFrom(QIODevice *device);

    // One read from an unbuffered device: a frame body still wanting at least `scratchSize`
    // bytes is read straight into the frame's buffer; anything smaller (headers, small frames,
    // several frames at once) is read into `scratch` and fed. Returns what read() returned:
    // bytes, 0 when the device has nothing now, < 0 at the end of the stream. *drained is set
    // when the read returned less than asked for (the device had nothing more at that moment).
    qint64 readOnceFrom(QIODevice *device, char *scratch, qsizetype scratchSize, bool *drained);

    bool hasFrame() const { return !m_ready.empty(); }
    qsizetype pendingFrames() const { return qsizetype(m_ready.size()); }
    Frame takeFrame();

    bool hasError() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }

    // Bytes received towards the frame in progress (0 between frames).
    qsizetype partialBytes() const { return m_filled; }

private:
    // A whole frame at the start of `bytes`, small enough for one buffer, taken in one step (a
    // busy connection's frames mostly arrive whole within one read). Returns its size, or 0 to
    // leave it to the incremental path: incomplete, split, or invalid (that path says why).
    qsizetype takeWhole(QByteArrayView bytes);
    // Where the next bytes go and how many are wanted there.
    char *writePointer();
    qsizetype bytesWanted() const;
    void advance(qsizetype n);
    // Why a frame cannot have this header (its flag, the size limit, the metadata length), if so.
    std::optional<Error> headerError(const Header &header, std::uint8_t rawFlag) const;
    bool headerComplete();
    bool metadataComplete();
    void fail(QString code, QString message);

    std::uint32_t m_maxMsgLen;
    char m_headerBuf[Header::Size] = {};
    qsizetype frameSize() const;   // of the current frame, header included

    QByteArray m_current;   // allocated once the header is known (header + metadata when split)
    QByteArray m_body;      // the data of a split frame (see Frame::SplitAt)
    Header m_header;
    qsizetype m_filled = 0; // bytes of the current frame received, header included
    bool m_metadataChecked = false;
    int m_sep1 = 0;
    int m_sep2 = 0;
    std::deque<Frame> m_ready;
    std::optional<Error> m_error;
};

} // namespace daffi
