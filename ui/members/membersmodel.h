#pragma once

#include <ui/session/snapshot.h>

#include <QAbstractTableModel>
#include <QHash>

#include <memory>
#include <vector>

namespace daffi::ui {

// Members of the network, refreshed from each snapshot. Members that leave stay for a while,
// greyed, with the time they left; a rejoin under the same name revives the row.
//
// Built for networks of 10,000 members and more: apply() is O(N) per snapshot and tells its
// views in batches (dataChanged per run of changed rows, one insert for every newcomer, one
// remove per run of forgotten departures), then emits applied() once. Views that sort or filter
// should do it in applied(), not per signal (MembersFilter does).
class MembersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name, Transport, Address, ConnectedSince, Functions, CallsIn, CallsOut, Errors,
        BytesIn, BytesOut, InFlight, LastActivity, State, ColumnCount
    };
    enum Role { LeftRole = Qt::UserRole + 1, NameRole };

    struct Row
    {
        MemberSnapshot member;
        bool left = false;
        qint64 leftAtMs = 0;
        quint64 seen = 0;          // the apply() that last listed it
        quint64 changed = 0;       // the apply() that last changed anything in it (or added it)
        int position = -1;         // its row
        qint64 connectedMs = 0;    // member.connectedAt, for sorting
        QString searchText;        // lower case: name, transport, address and functions
        QByteArray functionSet;    // its functions sorted and joined: members alike share it
    };

    explicit MembersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void apply(const QList<MemberSnapshot> &members, qint64 nowMs);
    void clear();
    void setSelfName(const QByteArray &name);
    const QByteArray &selfName() const { return m_self; }
    void setRetention(qint64 ms, int maxLeft) { m_retentionMs = ms; m_maxLeft = maxLeft; }

    const Row &row(int i) const { return *m_rows[size_t(i)]; }
    int liveCount() const { return m_live; }
    // -1 when not listed. (While apply() removes rows, the rows after them are renumbered at the end.)
    int findRow(const QByteArray &name) const;
    // Counts apply() calls: with Row::changed, tells a view which rows changed since it looked.
    quint64 generation() const { return m_generation; }
    // The order of two rows by a column's values (not their text): < 0, 0 or > 0. Ties are
    // broken by name, so every column gives one stable order.
    static int compare(const Row &a, const Row &b, int column);
    // The start of that order in 64 bits, to sort without touching the rows: a smaller prefix
    // means compare() < 0; equal prefixes say nothing (ask compare()).
    static quint64 sortPrefix(const Row &row, int column);
    // True for the columns whose prefix is the whole value (numbers and times).
    static bool isPrefixExact(int column) { return column >= ConnectedSince && column != Functions; }
    qint64 nowMs() const { return m_nowMs; }
    // Grows whenever a member joins, leaves, comes back or changes its functions (not for
    // counters): views that show only who is there and what they expose redo their work then.
    quint64 membershipGeneration() const { return m_membership; }
    // Exposed by live members other than this console, sorted. Kept up to date as members come
    // and go, so asking costs nothing while nothing changed.
    QByteArrayList functionNames() const;
    QByteArrayList membersExposing(const QByteArray &function) const;

Q_SIGNALS:
    // The end of one apply(): everything it changed has been signalled.
    void applied();

private:
    void setMember(Row &row, const MemberSnapshot &member);
    void countFunctions(const Row &row, int delta);
    void forgetDepartures();
    void emitChanged(std::vector<int> &rows);
    void renumberFrom(int first);

    // Pointers: removing runs of rows then moves 8 bytes per row, not a whole Row, and the index
    // needs no update for the rows that only moved up (their position does).
    std::vector<std::unique_ptr<Row>> m_rows;
    QHash<QByteArray, Row *> m_index;
    QHash<QByteArray, int> m_functionUse;      // function -> live members exposing it
    mutable QByteArrayList m_functionNames;
    mutable bool m_functionNamesDirty = false;
    QByteArray m_self;
    quint64 m_generation = 0;
    quint64 m_membership = 0;
    qint64 m_nowMs = 0;
    qint64 m_retentionMs = 10 * 60 * 1000;
    int m_maxLeft = 200;
    int m_live = 0;
    int m_left = 0;
};

} // namespace daffi::ui
