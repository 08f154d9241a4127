#include "functionspane.h"

#include "functionsmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace daffi::ui {

FunctionsPane::FunctionsPane(FunctionsModel *model, QWidget *parent)
    : QWidget(parent), m_filter(new QSortFilterProxyModel(this)), m_view(new QTreeView), m_filterEdit(new QLineEdit)
{
    setObjectName(QStringLiteral("functionsPane"));
    m_filter->setSourceModel(model);
    m_filter->setSortRole(FunctionsModel::SortRole);
    m_filter->setFilterKeyColumn(FunctionsModel::Name);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setDynamicSortFilter(true);
    m_filterEdit->setPlaceholderText(tr("Filter by function or provider"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("functionsView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FunctionsModel::Name, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    // Wide enough for typical content (the slowest provider in bold, indented) and the header.
    QFont bold = m_view->font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const char *const samples[] = {"inventory-worker-2 (slowest)", "12", "12.3k/s", "1,234,567", "12,345", "12,345",
                                   "1,234", "123.4 ms", "123.4 ms"};
    for (int c = 0; c < FunctionsModel::ColumnCount; ++c) {
        const int header = fm.horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) + 26;
        const int indent = c == FunctionsModel::Name ? 2 * m_view->indentation() : 0;
        m_view->setColumnWidth(c, std::max(header, fm.horizontalAdvance(QLatin1String(samples[c])) + 16 + indent));
    }
    // A function's providers are what a person comes here for: show them as they appear.
    connect(m_filter, &QAbstractItemModel::rowsInserted, m_view, [this](const QModelIndex &under, int first, int last) {
        if (under.isValid())
            return;
        for (int r = first; r <= last; ++r)
            m_view->expand(m_filter->index(r, 0));
    });

    auto *note = new QLabel(tr("Latency is request to answer as the router sees it, over the last minute. Of a "
                               "function that several providers served, the one with the highest p99 is marked "
                               "slowest."));
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_view, 1);
    layout->addWidget(note);
}

void FunctionsPane::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("functions/header"), m_view->header()->saveState());
}

void FunctionsPane::restoreState(const QSettings &settings)
{
    m_view->header()->restoreState(settings.value(QStringLiteral("functions/header")).toByteArray());
}

} // namespace daffi::ui
