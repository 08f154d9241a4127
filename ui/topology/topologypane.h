#pragma once

#include "topologyindex.h"

#include <QElapsedTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSplitter;
class QTimer;
class QTreeView;

namespace daffi::ui {

class MembersModel;
class RateStore;
class TopologyGraph;
class TopologyTreeModel;

// Members and the functions each exposes: a graph and a tree ("who can answer what"), grouped
// by function set or by name prefix when there are many, with a search that finds a member and
// marks it in both. Both are rebuilt from a TopologyIndex only when membership or functions
// change, at most every RebuildMs (the tree every TreeMs), never per counter update.
class TopologyPane : public QWidget
{
    Q_OBJECT

public:
    static constexpr int RebuildMs = 500;
    static constexpr int TreeMs = 1000;

    TopologyPane(MembersModel *members, RateStore *rates, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    TopologyGraph *graph() const { return m_graph; }
    QLineEdit *searchField() const { return m_search; }
    void setGrouping(TopologyIndex::Grouping grouping);
    void setCenterLabel(const QString &label);
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

private:
    void membersChanged();
    void rebuild();
    void refreshTree();
    void find(bool next);

    MembersModel *m_members;
    TopologyGraph *m_graph;
    TopologyTreeModel *m_treeModel;
    QTreeView *m_tree;
    QComboBox *m_grouping;
    QLineEdit *m_search;
    QLabel *m_searchStatus;
    QSplitter *m_splitter;
    QCheckBox *m_colourByLatency;
    QTimer *m_rebuildTimer;
    QTimer *m_treeTimer;
    QElapsedTimer m_sinceRebuild;
    QElapsedTimer m_sinceTree;
    std::shared_ptr<const TopologyIndex> m_pendingTree;
    quint64 m_builtGeneration = 0;
    bool m_treeShown = false;
};

} // namespace daffi::ui
