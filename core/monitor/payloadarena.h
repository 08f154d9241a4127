#pragma once

#include <QByteArray>

#include <memory>

namespace daffi {

class Frame;

// Where the monitor keeps the bytes of recent calls: one circular byte buffer that frames are
// copied into, each at the next position (positions only grow; a frame is at position % capacity).
// Keeping a frame costs a memcpy into memory that is already there, instead of holding a
// reference to its buffer, whose release when the ring moves on would free a cold heap block for
// every frame. Old frames are not freed, they are overwritten; an extent whose bytes were
// overwritten reads back as nothing.
//
// The buffer starts small and doubles, up to maxBytes, when the bytes still wanted (from the
// oldest position a reader may ask for) would not fit otherwise: it grows to what the ring of
// records needs, not to its budget.
class PayloadArena
{
public:
    struct Extent
    {
        quint64 pos = 0;
        qint64 size = 0;                   // 0: nothing kept
    };

    explicit PayloadArena(qint64 maxBytes);
    ~PayloadArena();

    // Copies the frame in; `oldestWanted` is the lowest position a kept record still refers to.
    // A frame larger than maxBytes is not kept (an empty extent).
    Extent append(const Frame &frame, quint64 oldestWanted);
    bool holds(Extent e) const;
    // The bytes, or a null array when they were overwritten or never kept.
    QByteArray read(Extent e) const;
    // The position the next frame goes to.
    quint64 end() const { return m_end; }
    qint64 capacity() const { return m_capacity; }

private:
    void reserve(qint64 needed);
    void write(quint64 pos, const char *data, qint64 size);

    qint64 m_maxBytes;
    qint64 m_capacity = 0;                 // a power of two, or 0
    std::unique_ptr<char[]> m_buffer;
    quint64 m_end = 0;
    quint64 m_validFrom = 0;               // positions below this were lost when the buffer grew
};

} // namespace daffi
