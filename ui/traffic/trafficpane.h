#pragma once

#include <core/monitor/monitor.h>

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSettings;
class QSplitter;
class QTableView;
class QToolButton;

namespace daffi::ui {

class Session;
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
    QString detailText() const;
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);
    void refreshStatus();
    void setSession(Session *session);

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

    TrafficModel *m_model;
    TrafficFilter *m_filter;
    QTableView *m_view;
    QPlainTextEdit *m_detail;
    QSplitter *m_splitter;
    QLineEdit *m_filterEdit;
    QCheckBox *m_problemsOnly;
    QToolButton *m_pause;
    QToolButton *m_follow;
    QLabel *m_status;
    quint64 m_shownSeq = 0;
    QPointer<Session> m_session;
    Fetch m_fetch;
};

} // namespace daffi::ui
