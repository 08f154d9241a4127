#include "topologypane.h"

#include "topologygraph.h"
#include "topologytreemodel.h"

#include <ui/members/membersmodel.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace daffi::ui {

TopologyPane::TopologyPane(MembersModel *members, RateStore *rates, QWidget *parent)
    : QWidget(parent), m_members(members), m_graph(new TopologyGraph(rates)), m_treeModel(new TopologyTreeModel(this)),
      m_tree(new QTreeView), m_grouping(new QComboBox), m_search(new QLineEdit), m_searchStatus(new QLabel),
      m_splitter(new QSplitter(Qt::Horizontal)), m_colourByLatency(new QCheckBox(tr("Colour spokes by p99 latency"))),
      m_rebuildTimer(new QTimer(this)), m_treeTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("topologyPane"));
    m_graph->setObjectName(QStringLiteral("topologyGraph"));
    m_grouping->setObjectName(QStringLiteral("topologyGrouping"));
    m_grouping->addItem(tr("Function set"), int(TopologyIndex::Grouping::FunctionSet));
    m_grouping->addItem(tr("Name prefix"), int(TopologyIndex::Grouping::NamePrefix));
    m_grouping->setToolTip(tr("How the graph groups members when there are more than %1 of them")
                               .arg(TopologyGraph::GroupAbove));
    m_search->setObjectName(QStringLiteral("topologySearch"));
    m_search->setPlaceholderText(tr("Find a member (Enter: next match)"));
    m_search->setClearButtonEnabled(true);
    m_searchStatus->setObjectName(QStringLiteral("topologySearchStatus"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(new QLabel(tr("Group by")));
    bar->addWidget(m_grouping);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_searchStatus);

    m_tree->setObjectName(QStringLiteral("topologyTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(0, 200);
    m_splitter->addWidget(m_graph);
    m_colourByLatency->setObjectName(QStringLiteral("colourByLatency"));
    m_colourByLatency->setToolTip(tr("Green at 1 ms and below, red at 100 ms and above: each provider's highest p99 "
                                     "over the last minute, from the Functions tab (a group: its slowest member)"));
    connect(m_colourByLatency, &QCheckBox::toggled, m_graph, &TopologyGraph::setColourByLatency);
    bar->addWidget(m_colourByLatency);
    m_splitter->addWidget(m_tree);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({620, 380});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);

    m_rebuildTimer->setSingleShot(true);
    m_treeTimer->setSingleShot(true);
    connect(m_rebuildTimer, &QTimer::timeout, this, &TopologyPane::rebuild);
    connect(m_treeTimer, &QTimer::timeout, this, &TopologyPane::refreshTree);
    connect(members, &MembersModel::applied, this, &TopologyPane::membersChanged);
    connect(m_grouping, &QComboBox::currentIndexChanged, this, &TopologyPane::rebuild);
    connect(m_search, &QLineEdit::textChanged, this, [this] { find(false); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { find(true); });
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QByteArray key = m_treeModel->keyOf(index.siblingAtColumn(0));
        if (key.startsWith("m:"))
            m_graph->setHighlighted(key.mid(2));
    });
    rebuild();
}

void TopologyPane::setCenterLabel(const QString &label)
{
    m_graph->setCenterLabel(label);
}

void TopologyPane::setGrouping(TopologyIndex::Grouping grouping)
{
    m_grouping->setCurrentIndex(m_grouping->findData(int(grouping)));
}

void TopologyPane::membersChanged()
{
    if (m_members->membershipGeneration() == m_builtGeneration || m_rebuildTimer->isActive())
        return;
    m_rebuildTimer->start(int(std::max<qint64>(0, RebuildMs - m_sinceRebuild.elapsed())));
}

void TopologyPane::rebuild()
{
    m_rebuildTimer->stop();
    m_builtGeneration = m_members->membershipGeneration();
    m_sinceRebuild.start();
    auto index = std::make_shared<const TopologyIndex>(
        *m_members, TopologyIndex::Grouping(m_grouping->currentData().toInt()), TopologyGraph::MaxGroups);
    m_graph->setIndex(index);
    m_pendingTree = std::move(index);
    const qint64 wait = m_sinceTree.isValid() ? TreeMs - m_sinceTree.elapsed() : 0;
    if (wait <= 0)
        refreshTree();
    else if (!m_treeTimer->isActive())
        m_treeTimer->start(int(wait));
}

void TopologyPane::refreshTree()
{
    if (!m_pendingTree)
        return;
    m_sinceTree.start();
    // What a person had open, by name: the rows of the next index are other rows.
    QByteArrayList expanded;
    std::function<void(const QModelIndex &)> collect = [&](const QModelIndex &parent) {
        for (int r = 0; r < m_treeModel->rowCount(parent); ++r) {
            const QModelIndex i = m_treeModel->index(r, 0, parent);
            if (m_tree->isExpanded(i)) {
                expanded << m_treeModel->keyOf(i);
                collect(i);
            }
        }
    };
    collect({});
    if (!m_treeShown)
        expanded = {"r:m", "r:f"};
    m_treeShown = true;
    const QByteArray current = m_treeModel->keyOf(m_tree->currentIndex().siblingAtColumn(0));
    const int scroll = m_tree->verticalScrollBar()->value();
    m_treeModel->setIndex(std::move(m_pendingTree), m_graph->isGrouped());
    for (const QByteArray &key : std::as_const(expanded)) {
        if (const QModelIndex i = m_treeModel->indexOfKey(key); i.isValid())
            m_tree->setExpanded(i, true);
    }
    QModelIndex restored = m_treeModel->indexOfKey(current);
    if (!restored.isValid() && !m_graph->highlighted().isEmpty())   // searched before the tree knew it
        restored = m_treeModel->indexOfMember(m_treeModel->topology().findMember(m_graph->highlighted()));
    if (restored.isValid())
        m_tree->setCurrentIndex(restored);
    m_tree->verticalScrollBar()->setValue(scroll);
}

void TopologyPane::find(bool next)
{
    const QString text = m_search->text().trimmed();
    if (text.isEmpty()) {
        m_graph->setHighlighted({});
        m_searchStatus->clear();
        return;
    }
    const TopologyIndex &index = m_graph->index();
    const int m = index.search(text, next ? index.findMember(m_graph->highlighted()) : -1);
    if (m < 0) {
        m_graph->setHighlighted({});
        m_searchStatus->setText(tr("No member matches “%1”").arg(text));
        return;
    }
    m_searchStatus->clear();
    const QByteArray name = index.members()[size_t(m)].name;
    m_graph->setHighlighted(name);
    if (const QModelIndex row = m_treeModel->indexOfMember(m_treeModel->topology().findMember(name)); row.isValid()) {
        m_tree->setCurrentIndex(row);
        m_tree->scrollTo(row);
    }
}

void TopologyPane::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("topology/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("topology/colourByLatency"), m_colourByLatency->isChecked());
    settings.setValue(QStringLiteral("topology/grouping"), m_grouping->currentData().toInt());
}

void TopologyPane::restoreState(const QSettings &settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("topology/splitter")).toByteArray());
    m_colourByLatency->setChecked(settings.value(QStringLiteral("topology/colourByLatency"), false).toBool());
    setGrouping(TopologyIndex::Grouping(settings.value(QStringLiteral("topology/grouping"), 0).toInt()));
}

} // namespace daffi::ui
