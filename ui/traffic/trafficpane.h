#pragma once

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

class TrafficFilter;
class TrafficModel;

// One row per call, live; the selected row's payloads decoded below the table.
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

private:
    void showDetail();
    void rowsArrived();

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
};

} // namespace daffi::ui
