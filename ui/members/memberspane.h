#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSettings;
class QStackedWidget;
class QTableView;

namespace daffi::ui {

class MembersFilter;
class MembersModel;

class MembersPane : public QWidget
{
    Q_OBJECT

public:
    explicit MembersPane(MembersModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    MembersFilter *filter() const { return m_filter; }
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);
    // Shown instead of the table while no member but this console is listed; nullptr for none.
    // The pane owns it.
    void setEmptyPlaceholder(QWidget *placeholder);
    bool showsPlaceholder() const;

private:
    void refreshShown();
    void refreshPage();

    MembersModel *m_model;
    MembersFilter *m_filter;
    QTableView *m_view;
    QLineEdit *m_filterEdit;
    QCheckBox *m_showLeft;
    QLabel *m_shown;
    QStackedWidget *m_pages;
    QWidget *m_placeholderPage = nullptr;   // a scroll area around the placeholder
};

} // namespace daffi::ui
