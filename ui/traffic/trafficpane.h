#pragma once

#include <core/monitor/monitor.h>

#include <QPointer>
#include <QWidget>

#include <functional>

class QAction;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QSettings;
class QSplitter;
class QTableView;
class QToolButton;

namespace daffi::ui {

class Session;
class FilterEdit;
class TrafficFilter;
class TrafficModel;

// One row per call, live; the selected row's payloads decoded below the table (fetched first,
// for a session whose records come without them).
class TrafficPane : public QWidget
{
    Q_OBJECT

public:
    explicit TrafficPane(TrafficModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    FilterEdit *filterEdit() const { return m_filterEdit; }
    QString detailText() const;
    // The calls the table shows now (the filter and "problems only" applied), oldest first.
    std::vector<Monitor::CallRecord> shownRecords() const;
    // A description of what chooses the shown rows ("filter: ..."), empty when all are shown.
    QString shownBy() const;
    // Members exposing a function, for "Send again to".
    void setProviders(std::function<QByteArrayList(const QByteArray &function)> providers);
    // The current row into the composer, to its recorded receiver or to `receiver`.
    void sendAgain(const QByteArray &receiver = {});
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);
    void refreshStatus();
    void setSession(Session *session);

Q_SIGNALS:
    void sendAgainRequested(const daffi::Monitor::CallRecord &record, const QByteArray &receiver);

private:
    // The payload fetched (or being fetched) for one row in one state.
    struct Fetch
    {
        quint64 seq = 0;
        Monitor::Status status = Monitor::Status::Pending;
        bool pending = false;
        QString problem;
    };

    void showDetail();
    void rowsArrived();
    QString payloadText(const Monitor::CallRecord &r, const Frame &frame);
    void fetch(const Monitor::CallRecord &r);
    void applyFilter();
    void showRowMenu(const QPoint &at);
    const Monitor::CallRecord *currentRecord() const;

    TrafficModel *m_model;
    TrafficFilter *m_filter;
    QTableView *m_view;
    QPlainTextEdit *m_detail;
    QSplitter *m_splitter;
    FilterEdit *m_filterEdit;
    QAction *m_sendAgain;
    std::function<QByteArrayList(const QByteArray &)> m_providers;
    QCheckBox *m_problemsOnly;
    QToolButton *m_pause;
    QToolButton *m_follow;
    QLabel *m_status;
    quint64 m_shownSeq = 0;
    QPointer<Session> m_session;
    Fetch m_fetch;
};

} // namespace daffi::ui
