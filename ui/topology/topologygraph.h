#pragma once

#include "topologyindex.h"

#include <QColor>
#include <QHash>
#include <QSet>
#include <QWidget>

#include <memory>
#include <optional>

namespace daffi::ui {

class RateStore;

// The router in the middle, members around it with the functions they expose; a spoke's width
// follows the request rate and its colour (when asked) the p99 latency of
// the calls the member served. Up to GroupAbove live members each get a node. Beyond that members
// are drawn as groups (the TopologyIndex's), which expand on a double-click or from the context
// menu into at most MaxMemberNodes members of their own plus a "+N more" node, so a paint costs
// the same whatever the size of the network.
class TopologyGraph : public QWidget
{
    Q_OBJECT

public:
    static constexpr int GroupAbove = 40;
    static constexpr int MaxMemberNodes = 10;
    static constexpr int MaxGroups = 10;

    struct Node
    {
        enum class Kind { Member, Group, More };
        Kind kind = Kind::Member;
        int group = -1;                 // in the index
        int member = -1;                // Kind::Member: in the index
        int count = 1;                  // members it stands for (More: those not drawn)
        float rate = 0;                 // requests per second
        bool highlighted = false;
        QRectF rect;
    };

    explicit TopologyGraph(RateStore *rates, QWidget *parent = nullptr);

    void setIndex(std::shared_ptr<const TopologyIndex> index);
    const TopologyIndex &index() const { return *m_index; }
    void setCenterLabel(const QString &label);
    // Each provider's p99 over the last minute (µs); with colouring on, spokes show it.
    void setSpokeLatency(const QHash<QByteArray, qint64> &p99ByMember);
    const QHash<QByteArray, qint64> &spokeLatency() const { return m_p99; }
    void setColourByLatency(bool on);
    bool coloursByLatency() const { return m_colourByLatency; }
    // Green at 1 ms and below, through amber, to red at 100 ms and above (a log scale).
    static QColor latencyColour(qint64 us);

    bool isGrouped() const { return int(m_index->members().size()) > GroupAbove; }
    void setExpanded(const QByteArray &groupKey, bool expanded);
    bool isExpanded(const QByteArray &groupKey) const { return m_expanded.contains(groupKey); }
    void collapseAll();
    // Draws this member marked, its group expanded to show it; empty: none.
    void setHighlighted(const QByteArray &member);
    QByteArray highlighted() const { return m_highlighted; }

    // The nodes as they are drawn at the widget's current size.
    const std::vector<Node> &nodes();
    int nodeAt(const QPointF &pos);

    QSize sizeHint() const override { return {600, 420}; }

Q_SIGNALS:
    void expansionChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void invalidate();
    void layoutNodes();
    std::vector<float> memberRates() const;
    QString nodeTitle(const Node &node) const;
    QString nodeDetail(const Node &node) const;
    std::optional<qint64> nodeLatency(const Node &node) const;

    RateStore *m_rates;
    std::shared_ptr<const TopologyIndex> m_index;
    QSet<QByteArray> m_expanded;
    QByteArray m_highlighted;
    std::vector<Node> m_nodes;
    bool m_laidOut = false;
    QString m_center;
    QHash<QByteArray, qint64> m_p99;
    bool m_colourByLatency = false;
};

} // namespace daffi::ui
