#pragma once

#include <core/protocol/handshake.h>

#include <QHash>

#include <optional>
#include <vector>

namespace daffi {

// A client's view of the network (PROTOCOL.md §7.1, §7.2): members in insertion order with
// swap-remove, and one round-robin cursor shared by all function names that advances before it
// picks (with two candidates the first call goes to the second) — the reference's exact choice.
//
// Indexed so that a network of 10,000 members costs no more than it must: a member is found by
// name, and the members exposing a function are listed per function (in registry order), so an
// announcement, a lookup and a round-robin pick never walk every member.
class MemberRegistry
{
public:
    void clear();
    // Replaces the whole view (own hello reply).
    void reset(const QList<Member> &members);
    // Adds or updates one member (mini-handshake, Service broadcast); never removes.
    void upsert(const Member &member);
    bool remove(QByteArrayView name);

    bool contains(QByteArrayView name) const { return find(name) != nullptr; }
    const Member *find(QByteArrayView name) const;
    const std::vector<Member> &members() const { return m_members; }

    // The receiver of one call, or nullopt with `why` filled in. `self` is never chosen.
    std::optional<QByteArray> resolve(QByteArrayView function, QByteArrayView explicitReceiver,
                                      QByteArrayView self, QString *why);
    // Every member but `self` exposing `function`, in registry order (cast targets).
    QByteArrayList exposing(QByteArrayView function, QByteArrayView self) const;
    // "Connected peers: ..." for error messages, like the reference's.
    QString describe(QByteArrayView self) const;

private:
    using Positions = std::vector<size_t>;   // ascending: registry order
    void index(size_t position);
    void unindex(size_t position);
    const Positions *exposers(QByteArrayView function) const;
    // Where `self` sits among `candidates`, if it is one of them.
    std::optional<size_t> rankOf(const Positions &candidates, QByteArrayView self) const;

    std::vector<Member> m_members;
    QHash<QByteArray, size_t> m_byName;
    QHash<QByteArray, Positions> m_byFunction;
    std::size_t m_cursor = 0;
};

} // namespace daffi
