#include "memberregistry.h"

namespace daffi {

void MemberRegistry::reset(const QList<Member> &members)
{
    m_members.assign(members.cbegin(), members.cend());
}

void MemberRegistry::upsert(const Member &member)
{
    for (Member &m : m_members) {
        if (m.name == member.name) {
            m.methods = member.methods;
            return;
        }
    }
    m_members.push_back(member);
}

bool MemberRegistry::remove(QByteArrayView name)
{
    for (auto it = m_members.begin(); it != m_members.end(); ++it) {
        if (it->name == name) {
            *it = std::move(m_members.back());
            m_members.pop_back();
            return true;
        }
    }
    return false;
}

const Member *MemberRegistry::find(QByteArrayView name) const
{
    for (const Member &m : m_members) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
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
    std::vector<const Member *> candidates;
    for (const Member &m : m_members) {
        if (m.name != self && m.hasMethod(function))
            candidates.push_back(&m);
    }
    if (candidates.empty()) {
        *why = QStringLiteral("no connected member exposes \"%1\"").arg(QString::fromUtf8(function));
        return std::nullopt;
    }
    m_cursor = (m_cursor + 1) % candidates.size();
    return candidates[m_cursor]->name;
}

QByteArrayList MemberRegistry::exposing(QByteArrayView function, QByteArrayView self) const
{
    QByteArrayList out;
    for (const Member &m : m_members) {
        if (m.name != self && m.hasMethod(function))
            out.append(m.name);
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
