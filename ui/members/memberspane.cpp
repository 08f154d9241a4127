#include "memberspane.h"

#include "membersfilter.h"
#include "membersmodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace daffi::ui {

MembersPane::MembersPane(MembersModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_filter(new MembersFilter(model, this)), m_view(new QTableView),
      m_filterEdit(new QLineEdit), m_showLeft(new QCheckBox(tr("Show recently disconnected"))), m_shown(new QLabel),
      m_pages(new QStackedWidget)
{
    setObjectName(QStringLiteral("membersPane"));
    m_filterEdit->setObjectName(QStringLiteral("membersFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter members by name, address or function"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &MembersFilter::setFilterText);
    m_showLeft->setChecked(true);
    connect(m_showLeft, &QCheckBox::toggled, m_filter, &MembersFilter::setShowLeft);
    m_shown->setObjectName(QStringLiteral("membersShown"));
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MembersPane::refreshShown);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MembersPane::refreshShown);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_shown);
    bar->addWidget(m_showLeft);

    m_view->setObjectName(QStringLiteral("membersView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(MembersModel::Name, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setTextElideMode(Qt::ElideMiddle);
    // Wide enough for typical content and the header, whatever the font and language.
    const QFontMetrics fm = m_view->fontMetrics();
    const char *const samples[] = {"inventory-worker-1", "tcp", "127.0.0.1:65535", "07:34:21", "reserve, add, lookup",
                                   "12,345", "12,345", "123", "123.4 MB", "123.4 MB", "1,234", "59 s ago", "left 10 min ago"};
    for (int c = 0; c < MembersModel::ColumnCount; ++c) {
        const int header = fm.horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 26;
        m_view->setColumnWidth(c, std::max(header, fm.horizontalAdvance(QLatin1String(samples[c])) + 16));
    }

    auto *table = new QWidget;
    auto *tableLayout = new QVBoxLayout(table);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(bar);
    tableLayout->addWidget(m_view, 1);
    m_pages->addWidget(table);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    connect(model, &MembersModel::applied, this, &MembersPane::refreshPage);
    connect(model, &QAbstractItemModel::modelReset, this, &MembersPane::refreshPage);
    connect(model, &QAbstractItemModel::rowsInserted, this, &MembersPane::refreshPage);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &MembersPane::refreshPage);
    connect(model, &QAbstractItemModel::dataChanged, this, &MembersPane::refreshPage);   // this console named
}

void MembersPane::setEmptyPlaceholder(QWidget *placeholder)
{
    if (m_placeholderPage) {
        m_pages->removeWidget(m_placeholderPage);
        m_placeholderPage->deleteLater();
        m_placeholderPage = nullptr;
    }
    if (placeholder) {
        auto *scroll = new QScrollArea;
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(placeholder);
        m_placeholderPage = scroll;
        m_pages->addWidget(scroll);
    }
    refreshPage();
}

bool MembersPane::showsPlaceholder() const
{
    return m_placeholderPage && m_pages->currentWidget() == m_placeholderPage;
}

void MembersPane::refreshPage()
{
    const int others = m_model->rowCount() - (m_model->findRow(m_model->selfName()) >= 0 ? 1 : 0);
    m_pages->setCurrentIndex(m_placeholderPage && others == 0 ? 1 : 0);
}

void MembersPane::refreshShown()
{
    const int shown = m_filter->rowCount();
    m_shown->setText(shown == m_model->rowCount() ? QString()
                                                  : tr("%L1 of %Ln shown", nullptr, m_model->rowCount()).arg(shown));
}

void MembersPane::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("members/header"), m_view->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("members/showLeft"), m_showLeft->isChecked());
}

void MembersPane::restoreState(const QSettings &settings)
{
    m_view->horizontalHeader()->restoreState(settings.value(QStringLiteral("members/header")).toByteArray());
    m_showLeft->setChecked(settings.value(QStringLiteral("members/showLeft"), true).toBool());
}

} // namespace daffi::ui
