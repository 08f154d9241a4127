#pragma once

#include <core/monitor/eventlog.h>
#include <core/node/memberinfo.h>

#include <QHash>

#include <optional>
#include <vector>

namespace daffi {

// Who is a member, followed through joins, function updates and leaves: what a capture knows
// of the members at any point (the start of the next file of a ring, the end of a capture).
class MemberTracker
{
public:
    void add(MemberInfo member);
    void apply(const EventLog::Event &event);
    // In the order they first appeared; a name that rejoins keeps its place.
    std::vector<MemberInfo> members() const;

private:
    std::vector<std::optional<MemberInfo>> m_slots;
    QHash<QByteArray, size_t> m_where;
};

} // namespace daffi
