#include "membersmodel.h"

#include <ui/common/format.h>

#include <QBrush>
#include <QFont>
#include <QPalette>

#include <algorithm>

namespace daffi::ui {

namespace {

// More runs of changed rows than this go out as one range: cheaper for every view than many.
constexpr size_t MaxChangedRuns = 32;

bool sameStats(const std::optional<Monitor::MemberStats> &a, const std::optional<Monitor::MemberStats> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    return a->callsIn == b->callsIn && a->callsOut == b->callsOut && a->errors == b->errors
        && a->bytesIn == b->bytesIn && a->bytesOut == b->bytesOut && a->inFlight == b->inFlight
        && a->lastActivityMs == b->lastActivityMs;
}

bool sameIdentity(const MemberSnapshot &a, const MemberSnapshot &b)
{
    return a.methods == b.methods && a.hasMethodList == b.hasMethodList && a.transport == b.transport
        && a.address == b.address;
}

template <typename T>
int order(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

} // namespace

MembersModel::MembersModel(QObject *parent) : QAbstractTableModel(parent) {}

int MembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int MembersModel::findRow(const QByteArray &name) const
{
    const Row *row = m_index.value(name);
    return row ? row->position : -1;
}

QVariant MembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name");
    case State: return tr("State");
    case Transport: return tr("Transport");
    case Address: return tr("Address");
    case ConnectedSince: return tr("Connected since");
    case Functions: return tr("Functions");
    case CallsIn: return tr("Calls in");
    case CallsOut: return tr("Calls out");
    case Errors: return tr("Errors");
    case BytesIn: return tr("Bytes in");
    case BytesOut: return tr("Bytes out");
    case InFlight: return tr("In flight");
    case LastActivity: return tr("Last activity");
    }
    return {};
}

QVariant MembersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = *m_rows[size_t(index.row())];
    const MemberSnapshot &m = row.member;
    const Monitor::MemberStats stats = m.stats.value_or(Monitor::MemberStats{});
    const bool hasStats = m.stats.has_value();
    auto number = [&](quint64 v) -> QVariant { return hasStats ? QVariant(format::count(v)) : QVariant(); };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return QString(QString::fromUtf8(m.name) + (m.name == m_self ? tr(" (this console)") : QString()));
        case State:
            return row.left ? tr("left %1").arg(format::ago(row.leftAtMs, m_nowMs)) : tr("connected");
        case Transport: return m.transport;
        case Address: return m.address;
        case ConnectedSince:
            if (!m.connectedAt.isValid())
                return QString();
            return m.connectedAt.toLocalTime().date() == QDate::currentDate()
                ? m.connectedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))
                : m.connectedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Functions:
            return m.hasMethodList ? QString::fromUtf8(m.methods.join(", ")) : tr("(caller only)");
        case CallsIn: return number(stats.callsIn);
        case CallsOut: return number(stats.callsOut);
        case Errors: return number(stats.errors);
        case BytesIn: return hasStats ? QVariant(format::bytes(double(stats.bytesIn))) : QVariant();
        case BytesOut: return hasStats ? QVariant(format::bytes(double(stats.bytesOut))) : QVariant();
        case InFlight: return hasStats && !row.left ? QVariant(format::count(quint64(std::max<qint64>(0, stats.inFlight)))) : QVariant();
        case LastActivity: return hasStats ? format::ago(stats.lastActivityMs, m_nowMs) : QString();
        }
        break;
    case Qt::ForegroundRole:
        if (row.left)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        if (index.column() == Errors && stats.errors > 0)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        break;
    case Qt::FontRole:
        if (index.column() == Name && m.name == m_self) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() >= CallsIn && index.column() <= InFlight)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Functions && m.hasMethodList)
            return QString::fromUtf8(m.methods.join('\n'));
        break;
    case LeftRole:
        return row.left;
    case NameRole:
        return m.name;
    default:
        break;
    }
    return {};
}

int MembersModel::compare(const Row &a, const Row &b, int column)
{
    static const Monitor::MemberStats none;
    const MemberSnapshot &x = a.member;
    const MemberSnapshot &y = b.member;
    const Monitor::MemberStats &sx = x.stats ? *x.stats : none;
    const Monitor::MemberStats &sy = y.stats ? *y.stats : none;
    int c = 0;
    switch (column) {
    case Transport: c = x.transport.compare(y.transport); break;
    case Address: c = x.address.compare(y.address); break;
    case ConnectedSince: c = order(a.connectedMs, b.connectedMs); break;
    case Functions:
        c = order(x.methods.size(), y.methods.size());
        if (c == 0)
            c = order(a.functionSet, b.functionSet);
        break;
    case CallsIn: c = order(sx.callsIn, sy.callsIn); break;
    case CallsOut: c = order(sx.callsOut, sy.callsOut); break;
    case Errors: c = order(sx.errors, sy.errors); break;
    case BytesIn: c = order(sx.bytesIn, sy.bytesIn); break;
    case BytesOut: c = order(sx.bytesOut, sy.bytesOut); break;
    case InFlight: c = order(sx.inFlight, sy.inFlight); break;
    case LastActivity: c = order(sx.lastActivityMs, sy.lastActivityMs); break;
    case State: c = order(a.left ? a.leftAtMs : 0, b.left ? b.leftAtMs : 0); break;
    default: break;
    }
    return c != 0 ? c : order(x.name, y.name);
}

namespace {

// The first bytes of a text, in the order its comparison gives.
quint64 leadingBytes(QByteArrayView bytes, int skipBits = 0)
{
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = v << 8 | (i < bytes.size() ? quint8(bytes[i]) : 0u);
    return v >> skipBits;
}

quint64 leadingChars(const QString &text)
{
    quint64 v = 0;
    for (int i = 0; i < 4; ++i)
        v = v << 16 | (i < text.size() ? text[i].unicode() : 0u);
    return v;
}

quint64 ordered(qint64 v)
{
    return quint64(v) ^ (quint64(1) << 63);
}

} // namespace

quint64 MembersModel::sortPrefix(const Row &row, int column)
{
    static const Monitor::MemberStats none;
    const Monitor::MemberStats &st = row.member.stats ? *row.member.stats : none;
    switch (column) {
    case Transport: return leadingChars(row.member.transport);
    case Address: return leadingChars(row.member.address);
    case ConnectedSince: return ordered(row.connectedMs);
    case Functions: return quint64(std::min<qsizetype>(row.member.methods.size(), 0xffff)) << 48 | leadingBytes(row.functionSet, 16);
    case CallsIn: return st.callsIn;
    case CallsOut: return st.callsOut;
    case Errors: return st.errors;
    case BytesIn: return st.bytesIn;
    case BytesOut: return st.bytesOut;
    case InFlight: return ordered(st.inFlight);
    case LastActivity: return ordered(st.lastActivityMs);
    case State: return ordered(row.left ? row.leftAtMs : 0);
    default: return leadingBytes(row.member.name);
    }
}

void MembersModel::setMember(Row &row, const MemberSnapshot &member)
{
    const bool identityChanged = row.searchText.isEmpty() || !sameIdentity(row.member, member);
    row.member = member;
    row.changed = m_generation;
    row.connectedMs = member.connectedAt.isValid() ? member.connectedAt.toMSecsSinceEpoch() : 0;
    if (!identityChanged)
        return;
    ++m_membership;
    QByteArrayList sorted = member.methods;
    std::sort(sorted.begin(), sorted.end());
    row.functionSet = sorted.join(", ");
    row.searchText = QString(QString::fromUtf8(member.name) + u' ' + member.transport + u' ' + member.address + u' '
                             + QString::fromUtf8(member.methods.join(' ')))
                         .toLower();
}

void MembersModel::countFunctions(const Row &row, int delta)
{
    if (row.member.name == m_self)
        return;
    for (const QByteArray &f : row.member.methods) {
        int &uses = m_functionUse[f];
        uses += delta;
        if (uses <= 0) {
            m_functionUse.remove(f);
            m_functionNamesDirty = true;
        } else if (uses == delta) {
            m_functionNamesDirty = true;   // a function nobody exposed before
        }
    }
}

void MembersModel::apply(const QList<MemberSnapshot> &members, qint64 nowMs)
{
    m_nowMs = nowMs;
    const quint64 generation = ++m_generation;
    std::vector<int> changed;
    std::vector<std::unique_ptr<Row>> added;
    for (const MemberSnapshot &m : members) {
        Row *row = m_index.value(m.name);
        if (!row) {
            auto fresh = std::make_unique<Row>();
            setMember(*fresh, m);
            fresh->seen = generation;
            countFunctions(*fresh, +1);
            m_index.insert(m.name, fresh.get());
            added.push_back(std::move(fresh));
            continue;
        }
        row->seen = generation;
        const bool revived = row->left;
        if (!revived && sameStats(row->member.stats, m.stats) && row->member.connectedAt == m.connectedAt
            && sameIdentity(row->member, m))
            continue;
        if (revived) {
            row->left = false;
            row->leftAtMs = 0;
            --m_left;
            ++m_live;
            ++m_membership;
        } else {
            countFunctions(*row, -1);
        }
        setMember(*row, m);
        countFunctions(*row, +1);
        if (row->position >= 0)
            changed.push_back(row->position);
    }
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &row = *m_rows[i];
        if (row.left || row.seen == generation)
            continue;
        row.left = true;
        row.leftAtMs = nowMs;
        row.changed = generation;
        --m_live;
        ++m_left;
        ++m_membership;
        countFunctions(row, -1);
        changed.push_back(int(i));
    }
    emitChanged(changed);
    forgetDepartures();
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (auto &row : added) {
            row->position = int(m_rows.size());
            m_rows.push_back(std::move(row));
        }
        m_live += int(added.size());
        endInsertRows();
    }
    Q_EMIT applied();
}

void MembersModel::emitChanged(std::vector<int> &rows)
{
    if (rows.empty())
        return;
    std::sort(rows.begin(), rows.end());
    std::vector<std::pair<int, int>> runs;
    for (int r : rows) {
        if (!runs.empty() && runs.back().second + 1 >= r)
            runs.back().second = r;
        else
            runs.emplace_back(r, r);
    }
    if (runs.size() > MaxChangedRuns)
        runs = {{runs.front().first, runs.back().second}};
    for (const auto &[first, last] : runs)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void MembersModel::forgetDepartures()
{
    if (m_left == 0)
        return;
    // Members that left long ago, and the oldest departures beyond the cap.
    qint64 cutoff = m_nowMs - m_retentionMs;
    if (m_left > m_maxLeft) {
        std::vector<qint64> times;
        times.reserve(size_t(m_left));
        for (const auto &row : m_rows) {
            if (row->left)
                times.push_back(row->leftAtMs);
        }
        const auto nth = times.begin() + (m_left - m_maxLeft - 1);
        std::nth_element(times.begin(), nth, times.end());
        cutoff = std::max(cutoff, *nth);
    }
    auto forget = [&](int i) { return m_rows[size_t(i)]->left && m_rows[size_t(i)]->leftAtMs <= cutoff; };
    // From the end, one signal per run of rows: earlier rows keep their numbers meanwhile.
    int lowest = -1;
    for (int last = int(m_rows.size()) - 1; last >= 0; --last) {
        if (!forget(last))
            continue;
        int first = last;
        while (first > 0 && forget(first - 1))
            --first;
        beginRemoveRows({}, first, last);
        for (int i = first; i <= last; ++i)
            m_index.remove(m_rows[size_t(i)]->member.name);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        m_left -= last - first + 1;
        endRemoveRows();
        lowest = first;
        last = first;
    }
    if (lowest >= 0)
        renumberFrom(lowest);   // once, not per run: findRow() is right again from here on
}

void MembersModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_functionUse.clear();
    m_functionNamesDirty = true;
    m_index.clear();
    m_live = 0;
    m_left = 0;
    ++m_membership;
    endResetModel();
    Q_EMIT applied();
}

void MembersModel::setSelfName(const QByteArray &name)
{
    if (name == m_self)
        return;
    const int before = findRow(m_self);
    for (const auto &row : m_rows) {
        if (!row->left)
            countFunctions(*row, -1);
    }
    m_self = name;
    for (const auto &row : m_rows) {
        if (!row->left)
            countFunctions(*row, +1);
    }
    m_functionNamesDirty = true;
    for (int r : {before, findRow(m_self)}) {
        if (r >= 0)
            Q_EMIT dataChanged(index(r, Name), index(r, Name));
    }
}

void MembersModel::renumberFrom(int first)
{
    for (size_t i = size_t(first); i < m_rows.size(); ++i)
        m_rows[i]->position = int(i);
}

QByteArrayList MembersModel::functionNames() const
{
    if (m_functionNamesDirty) {
        m_functionNames = m_functionUse.keys();
        std::sort(m_functionNames.begin(), m_functionNames.end());
        m_functionNamesDirty = false;
    }
    return m_functionNames;
}

QByteArrayList MembersModel::membersExposing(const QByteArray &function) const
{
    QByteArrayList out;
    for (const auto &row : m_rows) {
        if (!row->left && row->member.name != m_self && row->member.methods.contains(function))
            out << row->member.name;
    }
    return out;
}

} // namespace daffi::ui
