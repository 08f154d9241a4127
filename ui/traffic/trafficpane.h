#pragma once

#include <core/monitor/monitor.h>

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

class FilterEdit;
class TrafficFilter;
class TrafficModel;

// One row per call, live; the selected row's payloads decoded below the table.
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

Q_SIGNALS:
    void sendAgainRequested(const daffi::Monitor::CallRecord &record, const QByteArray &receiver);

private:
    void showDetail();
    void rowsArrived();
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
};

} // namespace daffi::ui
