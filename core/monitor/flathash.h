#pragma once

#include <QtGlobal>

#include <bit>
#include <utility>
#include <vector>

namespace daffi {

// The monitor's per-frame look-ups (members by connection id, calls in flight, routes): an
// open-addressing table with linear probing in one array, so a look-up is one multiply and,
// almost always, one cache line; nothing is allocated except when it grows. Deletion shifts the
// following entries back instead of leaving tombstones, so probes stay short however many
// entries come and go. Key 0 marks an empty slot and is never a key. A pointer returned by
// find() or insert() is valid until the next insert() or erase().
template <typename Value>
class FlatHash
{
public:
    size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    Value *find(quint64 key)
    {
        if (m_size == 0)
            return nullptr;
        for (size_t i = home(key);; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (s.key == key)
                return &s.value;
            if (s.key == 0)
                return nullptr;
        }
    }
    const Value *find(quint64 key) const { return const_cast<FlatHash *>(this)->find(key); }
    bool contains(quint64 key) const { return find(key) != nullptr; }

    // Inserts or replaces.
    Value &insert(quint64 key, Value value)
    {
        Q_ASSERT(key != 0);
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            rehash(std::max<size_t>(16, m_slots.size() * 2));
        size_t i = home(key);
        while (m_slots[i].key != 0 && m_slots[i].key != key)
            i = (i + 1) & m_mask;
        Slot &s = m_slots[i];
        if (s.key == 0)
            ++m_size;
        s.key = key;
        s.value = std::move(value);
        return s.value;
    }

    bool erase(quint64 key)
    {
        if (m_size == 0)
            return false;
        size_t i = home(key);
        while (m_slots[i].key != key) {
            if (m_slots[i].key == 0)
                return false;
            i = (i + 1) & m_mask;
        }
        // Move back every following entry whose home is not between the hole and itself.
        for (size_t j = (i + 1) & m_mask; m_slots[j].key != 0; j = (j + 1) & m_mask) {
            const size_t h = home(m_slots[j].key);
            const bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
            if (!stays) {
                m_slots[i] = std::move(m_slots[j]);
                i = j;
            }
        }
        m_slots[i] = Slot{};
        --m_size;
        return true;
    }

    template <typename F>   // f(quint64 key, Value &value)
    void forEach(F &&f)
    {
        for (Slot &s : m_slots) {
            if (s.key != 0)
                f(s.key, s.value);
        }
    }
    template <typename F>   // f(quint64 key, const Value &value)
    void forEach(F &&f) const
    {
        for (const Slot &s : m_slots) {
            if (s.key != 0)
                f(s.key, s.value);
        }
    }

    template <typename Pred>   // pred(quint64 key, const Value &value)
    void eraseIf(Pred &&pred)
    {
        std::vector<quint64> doomed;
        forEach([&](quint64 key, const Value &value) {
            if (pred(key, value))
                doomed.push_back(key);
        });
        for (quint64 key : doomed)
            erase(key);
    }

private:
    struct Slot
    {
        quint64 key = 0;
        Value value{};
    };

    // Fibonacci hashing: the top bits of key * 2^64/phi, so sequential ids spread out.
    size_t home(quint64 key) const { return size_t((key * 0x9E3779B97F4A7C15ull) >> m_shift); }

    void rehash(size_t capacity)
    {
        std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(capacity));
        m_mask = capacity - 1;
        m_shift = 64 - std::countr_zero(capacity);
        m_size = 0;
        for (Slot &s : old) {
            if (s.key != 0)
                insert(s.key, std::move(s.value));
        }
    }

    std::vector<Slot> m_slots;   // a power of two, at most 3/4 full
    size_t m_size = 0;
    size_t m_mask = 0;
    int m_shift = 64;
};

} // namespace daffi
