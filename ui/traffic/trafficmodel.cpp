#include "trafficmodel.h"

#include <ui/common/format.h>

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPalette>

namespace daffi::ui {

TrafficModel::TrafficModel(QObject *parent) : QAbstractTableModel(parent) {}

int TrafficModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TrafficModel::statusName(Monitor::Status status)
{
    switch (status) {
    case Monitor::Status::Pending: return tr("pending");
    case Monitor::Status::Ok: return tr("ok");
    case Monitor::Status::Error: return tr("error");
    case Monitor::Status::Refused: return tr("refused");
    case Monitor::Status::Sent: return tr("sent");
    case Monitor::Status::Lost: return tr("lost");
    }
    return {};
}

QString TrafficModel::styleName(const Monitor::CallRecord &r)
{
    // A router sees requests, not API calls: a cast is one request per target, a stream one per
    // chunk. What it can tell is whether the caller waits for the answer.
    if (r.status == Monitor::Status::Refused)
        return r.request.isValid() && !r.request.header().returnResult ? tr("nowait") : tr("rpc");
    return r.status == Monitor::Status::Sent ? tr("nowait") : tr("rpc");
}

QVariant TrafficModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Monitor::CallRecord &r = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return format::clockTime(r.timeMs);
        case Caller: return QString::fromUtf8(r.caller);
        case Receiver: return QString::fromUtf8(r.receiver);
        case Function: return QString::fromUtf8(r.function);
        case Style: return styleName(r);
        case Serde: return serdeName(r.serde);
        case Size:
            return r.replySize ? format::bytes(double(r.requestSize)) + QStringLiteral(" → ") + format::bytes(double(r.replySize))
                               : format::bytes(double(r.requestSize));
        case Latency: return format::latency(r.latencyUs);
        case Status: return statusName(r.status);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Time: return r.seq;
        case Size: return r.requestSize + r.replySize;
        case Latency: return r.latencyUs.value_or(-1);
        default: return data(index, Qt::DisplayRole);
        }
    case SeqRole:
        return r.seq;
    case Qt::ForegroundRole:
        if (index.column() == Status) {
            switch (r.status) {
            case Monitor::Status::Ok: return QBrush(QColor(0x2e, 0x7d, 0x32));
            case Monitor::Status::Error: return QBrush(QColor(0xc6, 0x28, 0x28));
            case Monitor::Status::Refused: return QBrush(QColor(0xd8, 0x43, 0x15));
            case Monitor::Status::Pending: return QBrush(QColor(0x15, 0x65, 0xc0));
            default: return QBrush(QPalette().color(QPalette::PlaceholderText));
            }
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Size || index.column() == Latency)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Status && !r.detail.isEmpty())
            return r.detail;
        if (index.column() == Style)
            return tr("rpc: the caller waits for the answer (rpc, cast, stream). nowait: it does not "
                      "(rpc_nowait, cast_nowait, stream_nowait). A cast is one row per target.");
        break;
    default:
        break;
    }
    return {};
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case Caller: return tr("Caller");
    case Receiver: return tr("Receiver");
    case Function: return tr("Function");
    case Style: return tr("Style");
    case Serde: return tr("Serde");
    case Size: return tr("Size");
    case Latency: return tr("Latency");
    case Status: return tr("Status");
    }
    return {};
}

void TrafficModel::setCapacity(int rows)
{
    m_capacity = std::max(100, rows);
    if (int(m_rows.size()) > m_capacity) {
        const int excess = int(m_rows.size()) - m_capacity;
        beginRemoveRows({}, 0, excess - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        endRemoveRows();
    }
}

void TrafficModel::appendBatch(std::vector<Monitor::CallRecord> &&records)
{
    if (records.empty())
        return;
    m_lastSeq = std::max(m_lastSeq, records.back().seq);
    if (records.size() > size_t(m_capacity))
        records.erase(records.begin(), records.end() - m_capacity);
    const int incoming = int(records.size());
    const int excess = int(m_rows.size()) + incoming - m_capacity;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        endRemoveRows();
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (auto &r : records)
        m_rows.push_back(std::move(r));
    endInsertRows();
}

int TrafficModel::rowForSeq(quint64 seq) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq,
                                     [](const Monitor::CallRecord &r, quint64 s) { return r.seq < s; });
    return it != m_rows.cend() && it->seq == seq ? int(it - m_rows.cbegin()) : -1;
}

void TrafficModel::applyUpdates(const std::vector<Monitor::CallRecord> &records)
{
    int lo = INT_MAX, hi = -1;
    for (const Monitor::CallRecord &r : records) {
        const int row = rowForSeq(r.seq);
        if (row < 0)
            continue;
        m_rows[size_t(row)] = r;
        lo = std::min(lo, row);
        hi = std::max(hi, row);
    }
    if (hi >= 0)
        Q_EMIT dataChanged(index(lo, 0), index(hi, ColumnCount - 1));
}

void TrafficModel::setPayload(quint64 seq, const Frame &request, const Frame &reply)
{
    const int row = rowForSeq(seq);
    if (row < 0)
        return;
    m_rows[size_t(row)].request = request;
    m_rows[size_t(row)].reply = reply;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TrafficModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

std::vector<quint64> TrafficModel::pendingSeqs(size_t max) const
{
    std::vector<quint64> out;
    // Answers come quickly or not at all; looking at the newest rows is enough.
    size_t scanned = 0;
    for (auto it = m_rows.crbegin(); it != m_rows.crend() && out.size() < max && scanned < 4 * max; ++it, ++scanned) {
        if (it->status == Monitor::Status::Pending)
            out.push_back(it->seq);
    }
    return out;
}

void TrafficFilter::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

void TrafficFilter::setExpression(const CallFilter &filter)
{
    m_expression = filter;
    invalidateRowsFilter();
}

void TrafficFilter::setProblemsOnly(bool on)
{
    m_problemsOnly = on;
    invalidateRowsFilter();
}

bool TrafficFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *model = static_cast<const TrafficModel *>(sourceModel());
    const Monitor::CallRecord &r = model->record(sourceRow);
    if (m_problemsOnly && r.status != Monitor::Status::Error && r.status != Monitor::Status::Refused
        && r.status != Monitor::Status::Lost)
        return false;
    if (!m_expression.matches(r))
        return false;
    if (m_text.isEmpty())
        return true;
    const auto has = [this](const QByteArray &b) { return QString::fromUtf8(b).contains(m_text, Qt::CaseInsensitive); };
    return has(r.caller) || has(r.receiver) || has(r.function)
        || TrafficModel::statusName(r.status).contains(m_text, Qt::CaseInsensitive);
}

} // namespace daffi::ui
