#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSettings;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace daffi::ui {

class RateChart;
class RatesModel;
class RateStore;

// Overall msgs/s and bytes/s with up to five chosen series (members, functions or flows; a
// stream shows as a flow) over the last minutes, and a table of every series' current rate.
// With nothing selected the charts show the busiest series of the chosen kind.
class RatesPane : public QWidget
{
    Q_OBJECT

public:
    explicit RatesPane(RateStore *store, QWidget *parent = nullptr);

    RateChart *messagesChart() const { return m_messages; }
    RateChart *bytesChart() const { return m_bytes; }
    QTableView *view() const { return m_view; }
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

private:
    void refreshCharts();

    RateStore *m_store;
    RatesModel *m_model;
    QSortFilterProxyModel *m_filter;
    RateChart *m_messages;
    RateChart *m_bytes;
    QTableView *m_view;
    QComboBox *m_kind;
    QComboBox *m_window;
    QLineEdit *m_filterEdit;
    QSplitter *m_splitter;
};

} // namespace daffi::ui
