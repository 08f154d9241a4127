#pragma once

#include <core/capture/callfilter.h>
#include <core/monitor/monitor.h>

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <deque>

namespace daffi::ui {

// The calls the monitor has seen, newest last, at most capacity() rows. Rows arrive in batches
// (one insert and at most one remove per batch); a row that was pending is updated in place when
// its answer arrives. Payloads are kept as the frames' shared buffers and decoded elsewhere, only
// for the selected row.
class TrafficModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Caller, Receiver, Function, Style, Serde, Size, Latency, Status, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, SeqRole };

    explicit TrafficModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setCapacity(int rows);
    int capacity() const { return m_capacity; }
    void appendBatch(std::vector<Monitor::CallRecord> &&records);
    void applyUpdates(const std::vector<Monitor::CallRecord> &records);
    // Frames fetched later for a row that arrived without them (a remote router's records).
    void setPayload(quint64 seq, const Frame &request, const Frame &reply);
    void clear();

    quint64 lastSeq() const { return m_lastSeq; }
    void setLastSeq(quint64 seq) { m_lastSeq = seq; }
    // The newest rows still pending (to ask the monitor about), at most max of them.
    std::vector<quint64> pendingSeqs(size_t max) const;
    const Monitor::CallRecord &record(int row) const
    {
        Q_ASSERT(row >= 0 && row < int(m_rows.size()));
        return m_rows[size_t(row)];
    }
    int rowForSeq(quint64 seq) const;

    // While paused the model takes no batches, so the rows stay put for inspection.
    void setPaused(bool paused) { m_paused = paused; }
    bool isPaused() const { return m_paused; }
    void addSkipped(quint64 n) { m_skipped += n; }
    quint64 skipped() const { return m_skipped; }

    static QString statusName(Monitor::Status status);
    static QString styleName(const Monitor::CallRecord &record);

private:
    std::deque<Monitor::CallRecord> m_rows;
    int m_capacity = 10000;
    quint64 m_lastSeq = 0;
    quint64 m_skipped = 0;
    bool m_paused = false;
};

// Text filter over caller, receiver, function and status, a filter expression, and "problems only".
class TrafficFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setText(const QString &text);
    void setExpression(const CallFilter &filter);
    void setProblemsOnly(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    CallFilter m_expression;
    bool m_problemsOnly = false;
};

} // namespace daffi::ui
