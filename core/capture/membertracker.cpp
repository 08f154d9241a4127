#include "membertracker.h"

namespace daffi {

void MemberTracker::add(MemberInfo member)
{
    const auto it = m_where.constFind(member.name);
    if (it != m_where.cend()) {
        m_slots[*it] = std::move(member);
        return;
    }
    m_where.insert(member.name, m_slots.size());
    m_slots.emplace_back(std::move(member));
}

void MemberTracker::apply(const EventLog::Event &e)
{
    const auto it = m_where.constFind(e.member);
    std::optional<MemberInfo> *slot = it != m_where.cend() && m_slots[*it] ? &m_slots[*it] : nullptr;
    switch (e.kind) {
    case EventLog::Kind::Joined: {
        MemberInfo m;
        m.name = e.member;
        m.connectionId = e.connection;
        m.address = e.address;
        m.transport = e.transport.value_or(Connection::Transport::Tcp);
        m.methods = e.methods;
        m.hasMethodList = !e.methods.isEmpty();
        m.connectedAt = QDateTime::fromMSecsSinceEpoch(e.timeMs);
        add(std::move(m));
        break;
    }
    case EventLog::Kind::Updated:
        if (slot) {
            (*slot)->methods = e.methods;
            (*slot)->hasMethodList = true;
        }
        break;
    case EventLog::Kind::Left:
        // The leave of an older connection under a name a newer one has taken is not this member's.
        if (slot && (!e.connection || (*slot)->connectionId == e.connection))
            slot->reset();
        break;
    case EventLog::Kind::Dropped:
    case EventLog::Kind::Refused:
        break;
    }
}

std::vector<MemberInfo> MemberTracker::members() const
{
    std::vector<MemberInfo> out;
    for (const auto &m : m_slots) {
        if (m)
            out.push_back(*m);
    }
    return out;
}

} // namespace daffi
