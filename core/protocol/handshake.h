#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayList>

#include <optional>

namespace daffi {

// HANDSHAKE body, PROTOCOL.md §5:
//   {"meta":{"type":T,"error":E|null},"members":[{"name":N,"methods":[...]|null},...]}
// Names are UTF-8 bytes: they are routing identities compared against frame metadata.
struct Member
{
    QByteArray name;
    std::optional<QByteArrayList> methods;   // nullopt = JSON null (no callbacks)

    bool hasMethod(QByteArrayView method) const;
    // This member as a hello lists it: {"name":N,"methods":[...]|null}.
    QByteArray toJson() const;
    friend bool operator==(const Member &, const Member &) = default;
};

struct Handshake
{
    QByteArray type;                 // "client", "router", "service" (or "" for a local view)
    std::optional<QString> error;    // meta.error; non-null means "rejected"
    QList<Member> members;

    // Compact JSON with exactly the reference's keys and order; never any extra key.
    QByteArray toJson() const;
    // The same bytes from members already written with Member::toJson and joined by ',' (a
    // router keeps its members' JSON and assembles every hello reply from it).
    static QByteArray toJson(const QByteArray &type, const std::optional<QString> &error, QByteArrayView membersJson);

    // Strict like the reference (Zig std.json): unknown keys -> UnknownField, missing required
    // keys -> MissingField (meta.error may be absent), wrong types -> UnexpectedToken,
    // duplicates -> DuplicateField. Names must not contain '|' and methods not '|' or ','
    // (InvalidName): such a member could never be routed and would corrupt metadata.
    static Result<Handshake> parse(QByteArrayView json);

    friend bool operator==(const Handshake &, const Handshake &) = default;
};

// EVENTS body, PROTOCOL.md §6.2: {"type":T,"member":N}, T in connected|disconnected|evicted.
struct Event
{
    enum class Type { Connected, Disconnected, Evicted };
    Type type = Type::Connected;
    QByteArray member;

    QByteArray toJson() const;
    static Result<Event> parse(QByteArrayView json);
    static QByteArray typeName(Type type);

    friend bool operator==(const Event &, const Event &) = default;
};

} // namespace daffi
