#include "memberregistry.h"

#include <algorithm>

namespace daffi {

namespace {

QByteArray borrowed(QByteArrayView v)
{
    return QByteArray::fromRawData(v.data(), v.size());
}

} // namespace

void MemberRegistry::clear()
{
    m_members.clear();
    m_byName.clear();
    m_byFunction.clear();
}

void MemberRegistry::reset(const QList<Member> &members)
{
    clear();
    m_members.reserve(size_t(members.size()));
    for (const Member &m : members)
        upsert(m);
}

void MemberRegistry::index(size_t position)
{
    Member &m = m_members[position];
    m_byName.insert(m.name, position);
    if (!m.methods)
        return;
    for (QByteArray &f : *m.methods) {
        auto it = m_byFunction.find(f);
        if (it == m_byFunction.end())
            it = m_byFunction.insert(f, {});
        f = it.key();   // one copy of each function name, however many members expose it
        Positions &p = *it;
        const auto at = std::lower_bound(p.begin(), p.end(), position);
        if (at == p.end() || *at != position)
            p.insert(at, position);
    }
}

void MemberRegistry::unindex(size_t position)
{
    const Member &m = m_members[position];
    m_byName.remove(m.name);
    for (const QByteArray &f : m.methods.value_or(QByteArrayList{})) {
        auto it = m_byFunction.find(f);
        if (it == m_byFunction.end())
            continue;
        Positions &p = *it;
        const auto at = std::lower_bound(p.begin(), p.end(), position);
        if (at != p.end() && *at == position)
            p.erase(at);
        if (p.empty())
            m_byFunction.erase(it);
    }
}

void MemberRegistry::upsert(const Member &member)
{
    if (auto it = m_byName.constFind(member.name); it != m_byName.cend()) {
        const size_t position = *it;
        unindex(position);
        m_members[position].methods = member.methods;
        index(position);
        return;
    }
    m_members.push_back(member);
    index(m_members.size() - 1);
}

bool MemberRegistry::remove(QByteArrayView name)
{
    const auto it = m_byName.constFind(borrowed(name));
    if (it == m_byName.cend())
        return false;
    const size_t position = *it;
    const size_t last = m_members.size() - 1;
    unindex(position);
    if (position != last) {
        // Swap-remove, the reference's order: the last member takes the freed place.
        unindex(last);
        m_members[position] = std::move(m_members[last]);
        m_members.pop_back();
        index(position);
    } else {
        m_members.pop_back();
    }
    return true;
}

const Member *MemberRegistry::find(QByteArrayView name) const
{
    const auto it = m_byName.constFind(borrowed(name));
    return it == m_byName.cend() ? nullptr : &m_members[*it];
}

const MemberRegistry::Positions *MemberRegistry::exposers(QByteArrayView function) const
{
    const auto it = m_byFunction.constFind(borrowed(function));
    return it == m_byFunction.cend() ? nullptr : &*it;
}

std::optional<size_t> MemberRegistry::rankOf(const Positions &candidates, QByteArrayView self) const
{
    const auto it = m_byName.constFind(borrowed(self));
    if (it == m_byName.cend())
        return std::nullopt;
    const auto at = std::lower_bound(candidates.begin(), candidates.end(), *it);
    if (at == candidates.end() || *at != *it)
        return std::nullopt;
    return size_t(at - candidates.begin());
}

std::optional<QByteArray> MemberRegistry::resolve(QByteArrayView function, QByteArrayView explicitReceiver,
                                                  QByteArrayView self, QString *why)
{
    if (!explicitReceiver.isEmpty()) {
        const Member *m = find(explicitReceiver);
        if (m && m->hasMethod(function) && explicitReceiver != self)
            return m->name;
        *why = m ? QStringLiteral("member \"%1\" does not expose \"%2\"")
                       .arg(QString::fromUtf8(explicitReceiver), QString::fromUtf8(function))
                 : QStringLiteral("no member named \"%1\" is connected").arg(QString::fromUtf8(explicitReceiver));
        return std::nullopt;
    }
    const Positions *candidates = exposers(function);
    const std::optional<size_t> selfRank = candidates ? rankOf(*candidates, self) : std::nullopt;
    const size_t count = candidates ? candidates->size() - (selfRank ? 1 : 0) : 0;
    if (count == 0) {
        *why = QStringLiteral("no connected member exposes \"%1\"").arg(QString::fromUtf8(function));
        return std::nullopt;
    }
    m_cursor = (m_cursor + 1) % count;
    const size_t pick = selfRank && m_cursor >= *selfRank ? m_cursor + 1 : m_cursor;
    return m_members[(*candidates)[pick]].name;
}

QByteArrayList MemberRegistry::exposing(QByteArrayView function, QByteArrayView self) const
{
    QByteArrayList out;
    if (const Positions *candidates = exposers(function)) {
        out.reserve(qsizetype(candidates->size()));
        for (size_t position : *candidates) {
            if (m_members[position].name != self)
                out.append(m_members[position].name);
        }
    }
    return out;
}

QString MemberRegistry::describe(QByteArrayView self) const
{
    QString out = QStringLiteral("Connected peers:");
    bool any = false;
    for (const Member &m : m_members) {
        if (m.name == self)
            continue;
        any = true;
        QStringList methods;
        for (const QByteArray &f : m.methods.value_or(QByteArrayList{}))
            methods << QString::fromUtf8(f);
        out += QStringLiteral("\n  - %1 (callbacks: %2)")
                   .arg(QString::fromUtf8(m.name),
                        methods.isEmpty() ? QStringLiteral("none") : methods.join(QStringLiteral(", ")));
    }
    if (!any)
        out += QStringLiteral(" none");
    return out;
}

} // namespace daffi
