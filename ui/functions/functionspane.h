#pragma once

#include <QWidget>

class QLineEdit;
class QSettings;
class QSortFilterProxyModel;
class QTreeView;

namespace daffi::ui {

class FunctionsModel;

// Every function with its providers below it: calls/s, errors, timeouts and p50 / p99 latency
// over the last minute, the slowest provider of each function marked.
class FunctionsPane : public QWidget
{
    Q_OBJECT

public:
    explicit FunctionsPane(FunctionsModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

private:
    QSortFilterProxyModel *m_filter;
    QTreeView *m_view;
    QLineEdit *m_filterEdit;
};

} // namespace daffi::ui
