#pragma once

#include <core/protocol/handshake.h>

#include <optional>
#include <vector>

namespace daffi {

// A client's view of the network (PROTOCOL.md §7.1, §7.2): members in insertion order with
// swap-remove, and one round-robin cursor shared by all function names that advances before it
// picks (with two candidates the first call goes to the second) — the reference's exact choice.
class MemberRegistry
{
public:
    void clear() { m_members.clear(); }
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
    std::vector<Member> m_members;
    std::size_t m_cursor = 0;
};

} // namespace daffi
