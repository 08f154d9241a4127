#pragma once

#include "topologyindex.h"

#include <QAbstractItemModel>

#include <memory>

namespace daffi::ui {

// The topology pane's tree over a TopologyIndex: Members (in their groups when the graph groups
// them) -> member -> its functions, and Functions -> function -> who exposes it. Rows exist only
// when a view asks for them: 10,000 members cost nothing until someone expands their group.
class TopologyTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    explicit TopologyTreeModel(QObject *parent = nullptr);

    // A reset: views keep what is expanded through keyOf() and indexOfKey().
    void setIndex(std::shared_ptr<const TopologyIndex> index, bool grouped);
    const TopologyIndex &topology() const { return *m_index; }

    QModelIndex indexOfMember(int member) const;
    // A name for the row that finds the same row in the next index ("m:worker-1", "g:f:add").
    QByteArray keyOf(const QModelIndex &index) const;
    QModelIndex indexOfKey(const QByteArray &key) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    enum class Kind { None, MembersRoot, FunctionsRoot, Group, Member, MemberFunction, Function, Exposer };
    // What a row is, packed into its internal id: a kind and up to three positions.
    struct Id
    {
        Kind kind = Kind::None;
        int a = 0;      // group (Member: NoGroup when not grouped) or function
        int b = 0;      // position in the group, or among a function's exposers
        int c = 0;      // a member's function
    };
    static constexpr int NoGroup = (1 << 20) - 1;
    static quintptr pack(const Id &id);
    static Id unpack(quintptr v);
    QModelIndex make(int row, int column, const Id &id) const { return createIndex(row, column, pack(id)); }
    int memberOf(const Id &id) const;    // Member, MemberFunction: its position in the index
    int childCount(const Id &id) const;
    Id childId(const Id &parent, int row) const;

    std::shared_ptr<const TopologyIndex> m_index;
    bool m_grouped = false;
};

} // namespace daffi::ui
