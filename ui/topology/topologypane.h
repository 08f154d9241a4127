#pragma once

#include <QWidget>

class QCheckBox;
class QSettings;
class QSplitter;
class QTreeWidget;

namespace daffi::ui {

class MembersModel;
class RateStore;
class TopologyGraph;

// Members and the functions each exposes: a graph and a tree ("who can answer what").
class TopologyPane : public QWidget
{
    Q_OBJECT

public:
    TopologyPane(MembersModel *members, RateStore *rates, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    TopologyGraph *graph() const { return m_graph; }
    void setCenterLabel(const QString &label);
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

private:
    void rebuildTree();

    MembersModel *m_members;
    TopologyGraph *m_graph;
    QTreeWidget *m_tree;
    QSplitter *m_splitter;
    QCheckBox *m_colourByLatency;
    QByteArray m_signature;
};

} // namespace daffi::ui
