#pragma once

#include <QByteArrayList>
#include <QHash>
#include <QString>

#include <vector>

namespace daffi::ui {

class MembersModel;

// The live members as the topology pane shows them: each in one group (the members that expose
// the same functions, or that share a name prefix), and every function with who exposes it.
// Built from a MembersModel in O(N) and immutable afterwards: it holds its own (implicitly
// shared) copies, so the graph and the tree can keep one while the model moves on.
class TopologyIndex
{
public:
    enum class Grouping { FunctionSet, NamePrefix };

    struct Member
    {
        QByteArray name;
        QByteArrayList methods;
        bool hasMethodList = false;
        int group = -1;
        int slot = -1;                  // its position in the group's members
    };
    struct Group
    {
        QByteArray key;                 // stable across rebuilds: remembers what is expanded
        QString label;                  // "add, echo", "worker-*", "callers", "412 others"
        QByteArrayList functions;       // what its members expose, sorted
        std::vector<int> members;       // indices into members()
        bool other = false;             // the smaller groups beyond maxGroups, together
    };
    struct Function
    {
        QByteArray name;
        std::vector<int> members;
    };

    TopologyIndex() = default;
    // At most maxGroups groups: the largest, and the rest together as one "other" group.
    TopologyIndex(const MembersModel &model, Grouping grouping, int maxGroups);

    Grouping grouping() const { return m_grouping; }
    const std::vector<Member> &members() const { return m_members; }
    const std::vector<Group> &groups() const { return m_groups; }   // largest first, "other" last
    const std::vector<Function> &functions() const { return m_functions; }   // by name
    int findMember(const QByteArray &name) const { return m_byName.value(name, -1); }
    int findGroup(const QByteArray &key) const;
    // The first member matching `text` (case-insensitive) after position `after` (-1: from the
    // start), preferring an exact name over a prefix over a substring; -1 when none matches.
    int search(const QString &text, int after = -1) const;

    // "worker-17" -> "worker-", "inventory-worker-3" -> "inventory-worker-", "node7" -> "node".
    static QByteArray namePrefix(const QByteArray &name);

private:
    Grouping m_grouping = Grouping::FunctionSet;
    std::vector<Member> m_members;
    std::vector<Group> m_groups;
    std::vector<Function> m_functions;
    QHash<QByteArray, int> m_byName;
};

} // namespace daffi::ui
