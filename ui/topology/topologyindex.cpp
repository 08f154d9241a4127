#include "topologyindex.h"

#include <ui/members/membersmodel.h>

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace daffi::ui {

namespace {

bool isSeparator(char c)
{
    return c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '@';
}

} // namespace

QByteArray TopologyIndex::namePrefix(const QByteArray &name)
{
    // A last segment with a digit in it is an instance's number or id: "-17", "_3", "-5e1f".
    qsizetype sep = name.size() - 1;
    while (sep >= 0 && !isSeparator(name[sep]))
        --sep;
    if (sep > 0 && sep + 1 < name.size()
        && std::any_of(name.cbegin() + sep + 1, name.cend(), [](char c) { return c >= '0' && c <= '9'; }))
        return name.left(sep + 1);
    qsizetype end = name.size();
    while (end > 0 && name[end - 1] >= '0' && name[end - 1] <= '9')
        --end;
    return end > 0 ? name.left(end) : name;
}

TopologyIndex::TopologyIndex(const MembersModel &model, Grouping grouping, int maxGroups) : m_grouping(grouping)
{
    // Members alike (the same functions) within a group: functions are indexed per kind, not
    // per member, which saves a hash lookup per member and function.
    struct Kind
    {
        QByteArrayList methods;
        std::vector<int> members;
    };
    struct Draft
    {
        QByteArray key;
        QByteArray prefix;
        QHash<QByteArray, int> kindOf;      // function set -> kinds
        std::vector<Kind> kinds;
        std::vector<int> members;
    };
    std::vector<Draft> drafts;
    QHash<QByteArray, int> draftOf;
    m_members.reserve(size_t(model.liveCount()));
    m_byName.reserve(model.liveCount());
    for (int r = 0; r < model.rowCount(); ++r) {
        const MembersModel::Row &row = model.row(r);
        if (row.left)
            continue;
        const int m = int(m_members.size());
        m_members.push_back({row.member.name, row.member.methods, row.member.hasMethodList, -1, -1});
        m_byName.insert(row.member.name, m);
        const bool caller = row.member.methods.isEmpty();
        // By function set the row's own (shared) bytes are the key: nothing to build per member.
        const QByteArray prefix = grouping == Grouping::NamePrefix ? namePrefix(row.member.name) : QByteArray();
        const QByteArray &bucket = grouping == Grouping::NamePrefix ? prefix : row.functionSet;
        auto it = draftOf.constFind(bucket);
        if (it == draftOf.cend()) {
            it = draftOf.insert(bucket, int(drafts.size()));
            drafts.push_back({grouping == Grouping::NamePrefix ? "p:" + prefix : caller ? QByteArray("c:") : "f:" + bucket,
                              prefix, {}, {}, {}});
        }
        Draft &d = drafts[size_t(*it)];
        d.members.push_back(m);
        if (caller)
            continue;
        int kind = grouping == Grouping::FunctionSet && !d.kinds.empty() ? 0 : d.kindOf.value(row.functionSet, -1);
        if (kind < 0) {
            kind = int(d.kinds.size());
            d.kindOf.insert(row.functionSet, kind);
            d.kinds.push_back({row.member.methods, {}});
        }
        d.kinds[size_t(kind)].members.push_back(m);
    }
    QHash<QByteArray, int> functionOf;
    for (const Draft &d : drafts) {
        for (const Kind &k : d.kinds) {
            for (const QByteArray &f : k.methods) {
                auto fit = functionOf.constFind(f);
                if (fit == functionOf.cend()) {
                    fit = functionOf.insert(f, int(m_functions.size()));
                    m_functions.push_back({f, {}});
                }
                std::vector<int> &to = m_functions[size_t(*fit)].members;
                to.insert(to.end(), k.members.begin(), k.members.end());
            }
        }
    }
    for (Function &f : m_functions)
        std::sort(f.members.begin(), f.members.end());   // in the order they joined, as elsewhere

    std::sort(drafts.begin(), drafts.end(), [](const Draft &a, const Draft &b) {
        return a.members.size() != b.members.size() ? a.members.size() > b.members.size() : a.key < b.key;
    });
    const size_t kept = drafts.size() > size_t(std::max(1, maxGroups)) ? size_t(std::max(1, maxGroups)) - 1 : drafts.size();
    auto functionsOf = [](const std::vector<const Draft *> &from) {
        QSet<QByteArray> all;
        for (const Draft *d : from) {
            for (const Kind &k : d->kinds)
                all.unite(QSet<QByteArray>(k.methods.cbegin(), k.methods.cend()));
        }
        QByteArrayList out(all.cbegin(), all.cend());
        std::sort(out.begin(), out.end());
        return out;
    };
    for (size_t g = 0; g < kept; ++g) {
        const Draft &d = drafts[g];
        Group group;
        group.key = d.key;
        group.functions = functionsOf({&d});
        if (d.key == "c:")
            group.label = QCoreApplication::translate("daffi::ui::TopologyIndex", "callers (no functions)");
        else if (grouping == Grouping::FunctionSet)
            group.label = QString::fromUtf8(d.key.mid(2));
        else if (d.members.size() == 1 && m_members[size_t(d.members.front())].name == d.prefix)
            group.label = QString::fromUtf8(d.prefix);
        else
            group.label = QString::fromUtf8(d.prefix) + u'*';
        group.members = d.members;
        m_groups.push_back(std::move(group));
    }
    if (kept < drafts.size()) {
        Group other;
        other.key = "o:";
        other.other = true;
        std::vector<const Draft *> rest;
        for (size_t g = kept; g < drafts.size(); ++g) {
            rest.push_back(&drafts[g]);
            other.members.insert(other.members.end(), drafts[g].members.begin(), drafts[g].members.end());
        }
        std::sort(other.members.begin(), other.members.end());
        other.functions = functionsOf(rest);
        other.label = QCoreApplication::translate("daffi::ui::TopologyIndex", "%n smaller group(s)", nullptr, int(rest.size()));
        m_groups.push_back(std::move(other));
    }
    for (size_t g = 0; g < m_groups.size(); ++g) {
        const std::vector<int> &members = m_groups[g].members;
        for (size_t slot = 0; slot < members.size(); ++slot) {
            m_members[size_t(members[slot])].group = int(g);
            m_members[size_t(members[slot])].slot = int(slot);
        }
    }
    std::sort(m_functions.begin(), m_functions.end(), [](const Function &a, const Function &b) { return a.name < b.name; });
}

int TopologyIndex::findGroup(const QByteArray &key) const
{
    for (size_t g = 0; g < m_groups.size(); ++g) {
        if (m_groups[g].key == key)
            return int(g);
    }
    return -1;
}

int TopologyIndex::search(const QString &text, int after) const
{
    const QByteArray needle = text.trimmed().toUtf8().toLower();
    const int n = int(m_members.size());
    if (needle.isEmpty() || n == 0)
        return -1;
    // Cycling on (after >= 0) takes the next match of any kind; a fresh search the best kind.
    int best = -1;
    int bestRank = 0;
    for (int k = 0; k < n; ++k) {
        const int m = (after + 1 + k) % n;
        const QByteArray name = m_members[size_t(m)].name.toLower();
        const int rank = name == needle ? 3 : name.startsWith(needle) ? 2 : name.contains(needle) ? 1 : 0;
        if (rank == 0)
            continue;
        if (after >= 0 || rank == 3)
            return m;
        if (rank > bestRank) {
            best = m;
            bestRank = rank;
        }
    }
    return best;
}

} // namespace daffi::ui
