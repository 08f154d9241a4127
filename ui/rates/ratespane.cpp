#include "ratespane.h"

#include "ratechart.h"
#include "ratesmodel.h"
#include "ratestore.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace daffi::ui {

namespace {

class KindFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    int kind = -1;
    void setKind(int k)
    {
        kind = k;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (kind >= 0 && sourceModel()->index(row, 0, parent).data(RatesModel::KindRole).toInt() != kind)
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }
};

constexpr int MaxLines = 5;

} // namespace

RatesPane::RatesPane(RateStore *store, QWidget *parent)
    : QWidget(parent), m_store(store), m_model(new RatesModel(store, this)), m_filter(new KindFilter(this)),
      m_messages(new RateChart(tr("Messages per second"), RateChart::Unit::Messages)),
      m_bytes(new RateChart(tr("Bytes per second"), RateChart::Unit::Bytes)), m_view(new QTableView),
      m_kind(new QComboBox), m_window(new QComboBox), m_filterEdit(new QLineEdit), m_splitter(new QSplitter(Qt::Vertical))
{
    setObjectName(QStringLiteral("ratesPane"));
    m_messages->setObjectName(QStringLiteral("messagesChart"));
    m_bytes->setObjectName(QStringLiteral("bytesChart"));
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(RatesModel::SortRole);
    m_filter->setFilterKeyColumn(RatesModel::Name);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setDynamicSortFilter(true);

    m_kind->addItem(tr("Functions"), int(RateHistory::Kind::Function));
    m_kind->addItem(tr("Members"), int(RateHistory::Kind::Member));
    m_kind->addItem(tr("Flows and streams"), int(RateHistory::Kind::Flow));
    m_kind->addItem(tr("All"), -1);
    m_kind->setToolTip(tr("A flow is one caller sending one function to one receiver; a stream shows as a flow."));
    for (int minutes : {1, 5, 10, 15})
        m_window->addItem(tr("%n minute(s)", nullptr, minutes), minutes * 60);
    m_window->setCurrentIndex(2);
    m_filterEdit->setPlaceholderText(tr("Filter by name"));
    m_filterEdit->setClearButtonEnabled(true);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(new QLabel(tr("Show")));
    bar->addWidget(m_kind);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(new QLabel(tr("History")));
    bar->addWidget(m_window);

    m_view->setObjectName(QStringLiteral("ratesView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RatesModel::Messages, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setItemDelegateForColumn(RatesModel::Trend, new SparklineDelegate(m_view));
    const int em = m_view->fontMetrics().horizontalAdvance(u'M');
    const int widths[] = {6, 26, 8, 8, 7, 12};
    for (int c = 0; c < RatesModel::ColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c] * em);

    auto *charts = new QWidget;
    auto *chartLayout = new QVBoxLayout(charts);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_messages);
    chartLayout->addWidget(m_bytes);
    m_splitter->addWidget(charts);
    m_splitter->addWidget(m_view);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        static_cast<KindFilter *>(m_filter)->setKind(m_kind->currentData().toInt());
        refreshCharts();
    });
    static_cast<KindFilter *>(m_filter)->setKind(m_kind->currentData().toInt());
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] {
        m_messages->setWindowSeconds(m_window->currentData().toInt());
        m_bytes->setWindowSeconds(m_window->currentData().toInt());
    });
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RatesPane::refreshCharts);
    connect(store, &RateStore::updated, this, &RatesPane::refreshCharts);
}

void RatesPane::refreshCharts()
{
    QList<QByteArray> ids;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        ids << i.data(RatesModel::IdRole).toByteArray();
    if (ids.isEmpty()) {
        // The busiest series of the kind on show (the table is sorted by rate by default).
        std::vector<std::pair<float, QByteArray>> busiest;
        const int kind = m_kind->currentData().toInt();
        for (const QByteArray &id : m_store->seriesIds()) {
            const RateStore::Series *s = m_store->series(id);
            if (s && (kind < 0 || int(s->kind) == kind) && !s->points.empty() && s->peakMessages > 0)
                busiest.emplace_back(s->points.back().messages, id);
        }
        std::sort(busiest.begin(), busiest.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        for (size_t i = 0; i < busiest.size() && i < 4; ++i)
            ids << busiest[i].second;
    }
    if (ids.size() > MaxLines)
        ids.resize(MaxLines);

    std::vector<RateChart::Line> messages, bytes;
    RateChart::Line totalM{tr("all frames"), QColor(0x55, 0x55, 0x55), {}, true};
    RateChart::Line totalB = totalM;
    for (const RateStore::Point &p : m_store->totals()) {
        totalM.points.emplace_back(double(p.timeMs), double(p.messages));
        totalB.points.emplace_back(double(p.timeMs), double(p.bytes));
    }
    totalM.label = tr("all frames");
    messages.push_back(std::move(totalM));
    bytes.push_back(std::move(totalB));
    int colour = 0;
    for (const QByteArray &id : ids) {
        const RateStore::Series *s = m_store->series(id);
        if (!s)
            continue;
        RateChart::Line m{s->label, RateChart::palette(colour++), {}, false};
        RateChart::Line b = m;
        for (const RateStore::Point &p : s->points) {
            m.points.emplace_back(double(p.timeMs), double(p.messages));
            b.points.emplace_back(double(p.timeMs), double(p.bytes));
        }
        messages.push_back(std::move(m));
        bytes.push_back(std::move(b));
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_messages->setNow(now);
    m_bytes->setNow(now);
    m_messages->setLines(std::move(messages));
    m_bytes->setLines(std::move(bytes));
}

void RatesPane::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("rates/header"), m_view->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("rates/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("rates/kind"), m_kind->currentIndex());
    settings.setValue(QStringLiteral("rates/window"), m_window->currentIndex());
}

void RatesPane::restoreState(const QSettings &settings)
{
    m_view->horizontalHeader()->restoreState(settings.value(QStringLiteral("rates/header")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("rates/splitter")).toByteArray());
    m_kind->setCurrentIndex(settings.value(QStringLiteral("rates/kind"), 0).toInt());
    m_window->setCurrentIndex(settings.value(QStringLiteral("rates/window"), 2).toInt());
}

} // namespace daffi::ui
