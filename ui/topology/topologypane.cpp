#include "topologypane.h"

#include "topologygraph.h"

#include <ui/members/membersmodel.h>

#include <QCheckBox>
#include <QCryptographicHash>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace daffi::ui {

TopologyPane::TopologyPane(MembersModel *members, RateStore *rates, QWidget *parent)
    : QWidget(parent), m_members(members), m_graph(new TopologyGraph(members, rates)), m_tree(new QTreeWidget),
      m_splitter(new QSplitter(Qt::Horizontal)), m_colourByLatency(new QCheckBox(tr("Colour spokes by p99 latency")))
{
    setObjectName(QStringLiteral("topologyPane"));
    m_tree->setObjectName(QStringLiteral("topologyTree"));
    m_tree->setHeaderLabels({tr("Member / function"), tr("Exposed by")});
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(0, 170);
    m_colourByLatency->setObjectName(QStringLiteral("colourByLatency"));
    m_colourByLatency->setToolTip(tr("Green at 1 ms and below, red at 100 ms and above: each provider's highest p99 "
                                     "over the last minute, from the Functions tab"));
    connect(m_colourByLatency, &QCheckBox::toggled, m_graph, &TopologyGraph::setColourByLatency);
    auto *graphSide = new QWidget;
    auto *graphLayout = new QVBoxLayout(graphSide);
    graphLayout->setContentsMargins(0, 0, 0, 0);
    graphLayout->addWidget(m_colourByLatency);
    graphLayout->addWidget(m_graph, 1);
    m_splitter->addWidget(graphSide);
    m_splitter->addWidget(m_tree);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({620, 380});
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_splitter);
    connect(members, &QAbstractItemModel::dataChanged, this, &TopologyPane::rebuildTree);
    connect(members, &QAbstractItemModel::rowsInserted, this, &TopologyPane::rebuildTree);
    connect(members, &QAbstractItemModel::rowsRemoved, this, &TopologyPane::rebuildTree);
    connect(members, &QAbstractItemModel::modelReset, this, &TopologyPane::rebuildTree);
}

void TopologyPane::setCenterLabel(const QString &label)
{
    m_graph->setCenterLabel(label);
}

void TopologyPane::rebuildTree()
{
    // Rebuild only when membership or a method list changed, not on every counter update.
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (int i = 0; i < m_members->rowCount(); ++i) {
        const auto &row = m_members->row(i);
        if (row.left)
            continue;
        hash.addData(row.member.name);
        hash.addData("|");
        hash.addData(row.member.methods.join(','));
        hash.addData("\n");
    }
    const QByteArray signature = hash.result();
    if (signature == m_signature)
        return;
    m_signature = signature;
    m_graph->update();

    m_tree->clear();
    auto *byMember = new QTreeWidgetItem(m_tree, {tr("Members")});
    auto *byFunction = new QTreeWidgetItem(m_tree, {tr("Functions")});
    QMap<QByteArray, QByteArrayList> exposers;
    for (int i = 0; i < m_members->rowCount(); ++i) {
        const auto &row = m_members->row(i);
        if (row.left)
            continue;
        auto *item = new QTreeWidgetItem(byMember, {QString::fromUtf8(row.member.name),
                                                     row.member.hasMethodList ? tr("%n function(s)", nullptr, int(row.member.methods.size()))
                                                                              : tr("caller only")});
        for (const QByteArray &fn : row.member.methods) {
            new QTreeWidgetItem(item, {QString::fromUtf8(fn)});
            exposers[fn] << row.member.name;
        }
    }
    for (auto it = exposers.cbegin(); it != exposers.cend(); ++it)
        new QTreeWidgetItem(byFunction, {QString::fromUtf8(it.key()), QString::fromUtf8(it.value().join(", "))});
    byMember->setExpanded(true);
    byFunction->setExpanded(true);
}

void TopologyPane::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("topology/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("topology/colourByLatency"), m_colourByLatency->isChecked());
}

void TopologyPane::restoreState(const QSettings &settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("topology/splitter")).toByteArray());
    m_colourByLatency->setChecked(settings.value(QStringLiteral("topology/colourByLatency"), false).toBool());
}

} // namespace daffi::ui
