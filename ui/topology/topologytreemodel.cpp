#include "topologytreemodel.h"

#include <algorithm>

namespace daffi::ui {

namespace {
constexpr int BitsA = 20;
constexpr int BitsB = 24;
constexpr int BitsC = 17;
constexpr int MaxB = (1 << BitsB) - 1;
constexpr int MaxC = (1 << BitsC) - 1;
constexpr int ExposersListed = 3;   // more than this and the row says how many instead
static_assert(sizeof(quintptr) * 8 >= 3 + BitsA + BitsB + BitsC, "a row's id must fit its internal pointer");
}

TopologyTreeModel::TopologyTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_index(std::make_shared<TopologyIndex>())
{
}

quintptr TopologyTreeModel::pack(const Id &id)
{
    return quintptr(id.kind) << (BitsA + BitsB + BitsC) | quintptr(id.a) << (BitsB + BitsC) | quintptr(id.b) << BitsC
        | quintptr(id.c);
}

TopologyTreeModel::Id TopologyTreeModel::unpack(quintptr v)
{
    return {Kind(v >> (BitsA + BitsB + BitsC)), int((v >> (BitsB + BitsC)) & ((1u << BitsA) - 1)),
            int((v >> BitsC) & MaxB), int(v & MaxC)};
}

void TopologyTreeModel::setIndex(std::shared_ptr<const TopologyIndex> index, bool grouped)
{
    beginResetModel();
    m_index = std::move(index);
    m_grouped = grouped;
    endResetModel();
}

int TopologyTreeModel::memberOf(const Id &id) const
{
    return id.a == NoGroup ? id.b : m_index->groups()[size_t(id.a)].members[size_t(id.b)];
}

int TopologyTreeModel::childCount(const Id &id) const
{
    switch (id.kind) {
    case Kind::None: return 2;
    case Kind::MembersRoot:
        return std::min(MaxB, int(m_grouped ? m_index->groups().size() : m_index->members().size()));
    case Kind::FunctionsRoot: return std::min(NoGroup, int(m_index->functions().size()));
    case Kind::Group: return std::min(MaxB, int(m_index->groups()[size_t(id.a)].members.size()));
    case Kind::Member: return std::min(MaxC, int(m_index->members()[size_t(memberOf(id))].methods.size()));
    case Kind::Function: return std::min(MaxB, int(m_index->functions()[size_t(id.a)].members.size()));
    case Kind::MemberFunction:
    case Kind::Exposer: return 0;
    }
    return 0;
}

TopologyTreeModel::Id TopologyTreeModel::childId(const Id &parent, int row) const
{
    switch (parent.kind) {
    case Kind::None: return {row == 0 ? Kind::MembersRoot : Kind::FunctionsRoot};
    case Kind::MembersRoot: return m_grouped ? Id{Kind::Group, row} : Id{Kind::Member, NoGroup, row};
    case Kind::FunctionsRoot: return {Kind::Function, row};
    case Kind::Group: return {Kind::Member, parent.a, row};
    case Kind::Member: return {Kind::MemberFunction, parent.a, parent.b, row};
    case Kind::Function: return {Kind::Exposer, parent.a, row};
    default: return {};
    }
}

QModelIndex TopologyTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Id p = parent.isValid() ? unpack(parent.internalId()) : Id{};
    if (row < 0 || column < 0 || column >= 2 || row >= childCount(p))
        return {};
    return make(row, column, childId(p, row));
}

QModelIndex TopologyTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Id id = unpack(child.internalId());
    switch (id.kind) {
    case Kind::Group: return make(0, 0, {Kind::MembersRoot});
    case Kind::Member:
        return id.a == NoGroup ? make(0, 0, {Kind::MembersRoot}) : make(id.a, 0, {Kind::Group, id.a});
    case Kind::MemberFunction: return make(id.b, 0, {Kind::Member, id.a, id.b});
    case Kind::Function: return make(1, 0, {Kind::FunctionsRoot});
    case Kind::Exposer: return make(id.a, 0, {Kind::Function, id.a});
    default: return {};
    }
}

int TopologyTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return childCount(parent.isValid() ? unpack(parent.internalId()) : Id{});
}

int TopologyTreeModel::columnCount(const QModelIndex &) const
{
    return 2;
}

QVariant TopologyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Member / function") : tr("Details");
}

QVariant TopologyTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || role != Qt::DisplayRole)
        return {};
    const Id id = unpack(index.internalId());
    const bool first = index.column() == 0;
    const auto &members = m_index->members();
    switch (id.kind) {
    case Kind::MembersRoot:
        return first ? tr("Members") : tr("%Ln member(s)", nullptr, int(members.size()));
    case Kind::FunctionsRoot:
        return first ? tr("Functions") : tr("%Ln function(s)", nullptr, int(m_index->functions().size()));
    case Kind::Group: {
        const TopologyIndex::Group &g = m_index->groups()[size_t(id.a)];
        return first ? g.label : tr("%Ln member(s)", nullptr, int(g.members.size()));
    }
    case Kind::Member: {
        const TopologyIndex::Member &m = members[size_t(memberOf(id))];
        if (first)
            return QString::fromUtf8(m.name);
        return m.hasMethodList ? tr("%n function(s)", nullptr, int(m.methods.size())) : tr("caller only");
    }
    case Kind::MemberFunction:
        return first ? QVariant(QString::fromUtf8(members[size_t(memberOf(id))].methods[id.c])) : QVariant();
    case Kind::Function: {
        const TopologyIndex::Function &f = m_index->functions()[size_t(id.a)];
        if (first)
            return QString::fromUtf8(f.name);
        if (f.members.size() > size_t(ExposersListed))
            return tr("exposed by %Ln member(s)", nullptr, int(f.members.size()));
        QStringList names;
        for (int m : f.members)
            names << QString::fromUtf8(members[size_t(m)].name);
        return names.join(QStringLiteral(", "));
    }
    case Kind::Exposer:
        return first ? QVariant(QString::fromUtf8(members[size_t(m_index->functions()[size_t(id.a)].members[size_t(id.b)])].name))
                     : QVariant();
    case Kind::None: break;
    }
    return {};
}

QModelIndex TopologyTreeModel::indexOfMember(int member) const
{
    if (member < 0 || member >= int(m_index->members().size()))
        return {};
    if (!m_grouped)
        return make(member, 0, {Kind::Member, NoGroup, member});
    const TopologyIndex::Member &m = m_index->members()[size_t(member)];
    return m.slot <= MaxB ? make(m.slot, 0, {Kind::Member, m.group, m.slot}) : QModelIndex();
}

QByteArray TopologyTreeModel::keyOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    const Id id = unpack(index.internalId());
    switch (id.kind) {
    case Kind::MembersRoot: return "r:m";
    case Kind::FunctionsRoot: return "r:f";
    case Kind::Group: return "g:" + m_index->groups()[size_t(id.a)].key;
    case Kind::Member: return "m:" + m_index->members()[size_t(memberOf(id))].name;
    case Kind::Function: return "f:" + m_index->functions()[size_t(id.a)].name;
    default: return {};   // leaves: nothing to expand
    }
}

QModelIndex TopologyTreeModel::indexOfKey(const QByteArray &key) const
{
    const QByteArray rest = key.mid(2);
    if (key == "r:m")
        return make(0, 0, {Kind::MembersRoot});
    if (key == "r:f")
        return make(1, 0, {Kind::FunctionsRoot});
    if (key.startsWith("g:") && m_grouped) {
        const int g = m_index->findGroup(rest);
        return g >= 0 ? make(g, 0, {Kind::Group, g}) : QModelIndex();
    }
    if (key.startsWith("m:"))
        return indexOfMember(m_index->findMember(rest));
    if (key.startsWith("f:")) {
        const auto &functions = m_index->functions();
        const auto it = std::lower_bound(functions.cbegin(), functions.cend(), rest,
                                         [](const TopologyIndex::Function &f, const QByteArray &n) { return f.name < n; });
        if (it != functions.cend() && it->name == rest && it - functions.cbegin() < NoGroup) {
            const int f = int(it - functions.cbegin());
            return make(f, 0, {Kind::Function, f});
        }
    }
    return {};
}

} // namespace daffi::ui
