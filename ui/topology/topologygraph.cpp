#include "topologygraph.h"

#include <ui/common/format.h>
#include <ui/rates/ratestore.h>

#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace daffi::ui {

namespace {

constexpr int MaxFunctionsShown = 4;
constexpr int TitleWidth = 150;
constexpr int DetailWidth = 170;
constexpr int MaxRings = 2;

const QColor Ink(0x2c, 0x3e, 0x50);
const QColor Worker(0x2c, 0xa0, 0x2c);
const QColor Caller(0x88, 0x88, 0x88);
const QColor Busy(0x1f, 0x77, 0xb4, 170);
const QColor Highlight(0xff, 0x8c, 0x00);

QString functionSummary(const QByteArrayList &functions)
{
    QStringList shown;
    for (int f = 0; f < functions.size() && f < MaxFunctionsShown; ++f)
        shown << QString::fromUtf8(functions[f]);
    if (functions.size() > MaxFunctionsShown)
        shown << TopologyGraph::tr("+%1 more").arg(functions.size() - MaxFunctionsShown);
    return shown.join(QStringLiteral(", "));
}

} // namespace

TopologyGraph::TopologyGraph(RateStore *rates, QWidget *parent)
    : QWidget(parent), m_rates(rates), m_index(std::make_shared<TopologyIndex>())
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(rates, &RateStore::updated, this, &TopologyGraph::invalidate);
}

void TopologyGraph::setIndex(std::shared_ptr<const TopologyIndex> index)
{
    if (index->grouping() != m_index->grouping())
        m_expanded.clear();   // the keys of one grouping mean nothing in the other
    m_index = std::move(index);
    if (!m_highlighted.isEmpty())
        setHighlighted(m_highlighted);   // it may be in another group now
    invalidate();
}

void TopologyGraph::setCenterLabel(const QString &label)
{
    m_center = label;
    update();
}

void TopologyGraph::setSpokeLatency(const QHash<QByteArray, qint64> &p99ByMember)
{
    m_p99 = p99ByMember;
    if (m_colourByLatency)
        update();
}

void TopologyGraph::setColourByLatency(bool on)
{
    m_colourByLatency = on;
    update();
}

QColor TopologyGraph::latencyColour(qint64 us)
{
    const double t = std::clamp(std::log10(std::max<double>(1, double(us)) / 1000.0) / 2.0, 0.0, 1.0);
    return QColor::fromHsvF(float((1.0 - t) * 120.0 / 360.0), 0.85f, 0.8f, 0.85f);
}

std::optional<qint64> TopologyGraph::nodeLatency(const Node &node) const
{
    // A member's own p99; a group's is its slowest member's (the one to look at first).
    auto of = [this](int member) -> std::optional<qint64> {
        const auto it = m_p99.constFind(m_index->members()[size_t(member)].name);
        return it == m_p99.cend() ? std::nullopt : std::optional(*it);
    };
    switch (node.kind) {
    case Node::Kind::Member: return of(node.member);
    case Node::Kind::Group: {
        std::optional<qint64> worst;
        for (int m : m_index->groups()[size_t(node.group)].members) {
            if (const auto v = of(m); v && (!worst || *v > *worst))
                worst = v;
        }
        return worst;
    }
    case Node::Kind::More: return std::nullopt;
    }
    return std::nullopt;
}

void TopologyGraph::setExpanded(const QByteArray &groupKey, bool expanded)
{
    if (expanded == m_expanded.contains(groupKey))
        return;
    if (expanded)
        m_expanded.insert(groupKey);
    else
        m_expanded.remove(groupKey);
    invalidate();
    Q_EMIT expansionChanged();
}

void TopologyGraph::collapseAll()
{
    if (m_expanded.isEmpty())
        return;
    m_expanded.clear();
    invalidate();
    Q_EMIT expansionChanged();
}

void TopologyGraph::setHighlighted(const QByteArray &member)
{
    m_highlighted = member;
    const int m = m_index->findMember(member);
    if (m >= 0 && isGrouped())
        setExpanded(m_index->groups()[size_t(m_index->members()[size_t(m)].group)].key, true);
    invalidate();
}

void TopologyGraph::invalidate()
{
    m_laidOut = false;
    update();
}

void TopologyGraph::resizeEvent(QResizeEvent *)
{
    m_laidOut = false;
}

const std::vector<TopologyGraph::Node> &TopologyGraph::nodes()
{
    if (!m_laidOut)
        layoutNodes();
    return m_nodes;
}

std::vector<float> TopologyGraph::memberRates() const
{
    // Only members with traffic have a series (the monitor keeps a bounded number of them).
    std::vector<float> rates(m_index->members().size(), 0.0f);
    for (const QByteArray &id : m_rates->seriesIds()) {
        const RateStore::Series *s = m_rates->series(id);
        if (!s || s->kind != RateHistory::Kind::Member || s->points.empty())
            continue;
        if (const int m = m_index->findMember(s->key); m >= 0)
            rates[size_t(m)] = s->points.back().messages;
    }
    return rates;
}

void TopologyGraph::layoutNodes()
{
    m_laidOut = true;
    m_nodes.clear();
    const auto &members = m_index->members();
    const std::vector<float> rates = memberRates();
    const int highlighted = m_index->findMember(m_highlighted);
    auto memberNode = [&](int m) {
        Node n;
        n.member = m;
        n.group = members[size_t(m)].group;
        n.rate = rates[size_t(m)];
        n.highlighted = m == highlighted;
        return n;
    };
    if (!isGrouped()) {
        for (int m = 0; m < int(members.size()); ++m)
            m_nodes.push_back(memberNode(m));
    } else {
        int budget = MaxMemberNodes;
        for (int g = 0; g < int(m_index->groups().size()); ++g) {
            const TopologyIndex::Group &group = m_index->groups()[size_t(g)];
            float total = 0;
            for (int m : group.members)
                total += rates[size_t(m)];
            if (!m_expanded.contains(group.key)) {
                Node n;
                n.kind = Node::Kind::Group;
                n.group = g;
                n.count = int(group.members.size());
                n.rate = total;
                m_nodes.push_back(n);
                continue;
            }
            // The marked member first, then the busiest, then in order of arrival.
            const bool hasHighlight = highlighted >= 0 && members[size_t(highlighted)].group == g;
            const int take = std::min<int>(int(group.members.size()), std::max(budget, hasHighlight ? 1 : 0));
            std::vector<int> order = group.members;
            std::partial_sort(order.begin(), order.begin() + take, order.end(), [&](int a, int b) {
                if ((a == highlighted) != (b == highlighted))
                    return a == highlighted;
                if (rates[size_t(a)] != rates[size_t(b)])
                    return rates[size_t(a)] > rates[size_t(b)];
                return a < b;
            });
            std::sort(order.begin(), order.begin() + take);
            float shown = 0;
            for (int k = 0; k < take; ++k) {
                m_nodes.push_back(memberNode(order[size_t(k)]));
                shown += rates[size_t(order[size_t(k)])];
            }
            budget -= take;
            if (take < int(group.members.size())) {
                Node more;
                more.kind = Node::Kind::More;
                more.group = g;
                more.count = int(group.members.size()) - take;
                more.rate = total - shown;
                m_nodes.push_back(more);
            }
        }
    }

    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(font());
    const QFontMetrics bm(bold);
    const QPointF c(width() / 2.0, height() / 2.0);
    const size_t n = m_nodes.size();
    std::vector<QSizeF> sizes;
    double widest = 0;
    for (const Node &node : m_nodes) {
        const QString title = bm.elidedText(nodeTitle(node), Qt::ElideMiddle, TitleWidth);
        const QString detail = fm.elidedText(nodeDetail(node), Qt::ElideRight, DetailWidth);
        sizes.emplace_back(std::max(bm.horizontalAdvance(title), fm.horizontalAdvance(detail)) + 18,
                           fm.height() * (detail.isEmpty() ? 1 : 2) + 10);
        widest = std::max(widest, sizes.back().width());
    }
    // An ellipse as large as the widget allows; each node gets the share of it that its box
    // needs along the curve where it sits (a wide box needs more at the top than at the side).
    // Past what one ellipse holds, neighbours alternate between up to MaxRings smaller ones.
    double tallest = 0;
    for (const QSizeF &size : sizes)
        tallest = std::max(tallest, size.height());
    const double rx = std::max(60.0, (width() - widest) / 2.0 - 8);
    const double ry = std::max(60.0, (height() - tallest) / 2.0 - 8 - fm.height());
    std::vector<double> angles(n);
    auto place = [&](const std::vector<double> &at) {
        std::vector<double> need(n);
        double total = 0;
        for (size_t k = 0; k < n; ++k) {
            need[k] = std::abs(sizes[k].width() * std::sin(at[k])) + std::abs(sizes[k].height() * std::cos(at[k])) + 8;
            total += need[k];
        }
        double before = 0;
        for (size_t k = 0; k < n; ++k) {
            angles[k] = -M_PI / 2 + 2 * M_PI * (before + need[k] / 2) / total;
            before += need[k];
        }
        return total;
    };
    for (size_t k = 0; k < n; ++k)
        angles[k] = -M_PI / 2 + 2 * M_PI * (double(k) + 0.5) / double(n);
    place(angles);
    const double needed = place(angles);
    const double perimeter = M_PI * (3 * (rx + ry) - std::sqrt((3 * rx + ry) * (rx + 3 * ry)));
    const int rings = std::clamp(int(std::ceil(needed / perimeter)), 1, MaxRings);
    const double shrink = rings == 1 ? 0 : 0.4 / (rings - 1);   // the inner one at 60%
    for (size_t k = 0; k < n; ++k) {
        const double f = 1.0 - shrink * double(k % size_t(rings));
        const QPointF at(c.x() + f * rx * std::cos(angles[k]), c.y() + f * ry * std::sin(angles[k]));
        QRectF box(at.x() - sizes[k].width() / 2.0, at.y() - sizes[k].height() / 2.0, sizes[k].width(), sizes[k].height());
        box.moveLeft(std::clamp(box.left(), 2.0, std::max(2.0, width() - box.width() - 8.0)));
        box.moveTop(std::clamp(box.top(), 2.0, std::max(2.0, height() - box.height() - 8.0)));
        m_nodes[k].rect = box;
    }
}

QString TopologyGraph::nodeTitle(const Node &node) const
{
    switch (node.kind) {
    case Node::Kind::Member: return QString::fromUtf8(m_index->members()[size_t(node.member)].name);
    case Node::Kind::Group: return m_index->groups()[size_t(node.group)].label;
    case Node::Kind::More: return tr("+%Ln more", nullptr, node.count);
    }
    return {};
}

QString TopologyGraph::nodeDetail(const Node &node) const
{
    const TopologyIndex::Group *group = node.group >= 0 ? &m_index->groups()[size_t(node.group)] : nullptr;
    switch (node.kind) {
    case Node::Kind::Member:
        // In a group of one function set the group says what they expose.
        if (isGrouped() && m_index->grouping() == TopologyIndex::Grouping::FunctionSet)
            return {};
        return functionSummary(m_index->members()[size_t(node.member)].methods);
    case Node::Kind::Group: {
        const QString count = tr("%Ln member(s)", nullptr, node.count);
        return group->functions.isEmpty() ? count : count + QStringLiteral(" · ") + functionSummary(group->functions);
    }
    case Node::Kind::More: return tr("in %1").arg(group->label);
    }
    return {};
}

int TopologyGraph::nodeAt(const QPointF &pos)
{
    const auto &all = nodes();
    for (int k = int(all.size()) - 1; k >= 0; --k) {
        if (all[size_t(k)].rect.contains(pos))
            return k;
    }
    return -1;
}

void TopologyGraph::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int k = nodeAt(event->position());
    if (k < 0 || !isGrouped())
        return QWidget::mouseDoubleClickEvent(event);
    const Node node = m_nodes[size_t(k)];
    setExpanded(m_index->groups()[size_t(node.group)].key, node.kind == Node::Kind::Group);
}

void TopologyGraph::contextMenuEvent(QContextMenuEvent *event)
{
    const int k = nodeAt(event->pos());
    QMenu menu(this);
    if (k >= 0 && isGrouped()) {
        const Node node = m_nodes[size_t(k)];
        const TopologyIndex::Group &group = m_index->groups()[size_t(node.group)];
        const QByteArray key = group.key;
        const bool expand = node.kind == Node::Kind::Group;
        menu.addAction(expand ? tr("Expand “%1”").arg(group.label) : tr("Collapse “%1”").arg(group.label), this,
                       [this, key, expand] { setExpanded(key, expand); });
    }
    if (!m_expanded.isEmpty())
        menu.addAction(tr("Collapse all groups"), this, &TopologyGraph::collapseAll);
    if (!menu.isEmpty())
        menu.exec(event->globalPos());
}

void TopologyGraph::paintEvent(QPaintEvent *)
{
    const auto &all = nodes();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = QWidget::palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QFontMetrics fm(font());
    QFont bold = font();
    bold.setBold(true);
    const QPointF c(width() / 2.0, height() / 2.0);

    float maxRate = 1;
    for (const Node &node : all)
        maxRate = std::max(maxRate, node.rate);
    QColor spoke = pal.color(QPalette::Text);
    spoke.setAlpha(90);
    for (const Node &node : all) {
        const QPointF end = node.rect.center();
        const double w = 1.0 + 7.0 * double(node.rate / maxRate);
        const std::optional<qint64> p99 = m_colourByLatency ? nodeLatency(node) : std::nullopt;
        p.setPen(QPen(p99 ? latencyColour(*p99) : node.rate > 0 ? Busy : spoke, p99 ? std::max(w, 3.0) : w));
        p.drawLine(c, end);
        if (node.rate > 0 || p99) {
            const QPointF mid = (c + end) / 2;
            QString label = node.rate > 0 ? format::rate(double(node.rate)) : QString();
            if (p99)
                label += (label.isEmpty() ? QString() : QStringLiteral(" · ")) + tr("p99 %1").arg(format::latency(*p99));
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(mid.x() - 80, mid.y() - fm.height(), 160, fm.height()), Qt::AlignCenter, label);
        }
    }

    const QString center = m_center.isEmpty() ? tr("router") : m_center;
    const double cr = std::max(34.0, fm.horizontalAdvance(center) / 2.0 + 12);
    p.setPen(QPen(Ink, 2));
    p.setBrush(QColor(0xe8, 0xf1, 0xfa));
    p.drawEllipse(c, cr, 26);
    p.setPen(Ink);
    p.drawText(QRectF(c.x() - cr, c.y() - 13, 2 * cr, 26), Qt::AlignCenter, center);

    QColor detailInk = pal.color(QPalette::Text);
    detailInk.setAlpha(170);
    for (const Node &node : all) {
        const QRectF &box = node.rect;
        QColor border = Ink;
        if (node.kind == Node::Kind::Member) {
            const auto &m = m_index->members()[size_t(node.member)];
            border = m.hasMethodList && !m.methods.isEmpty() ? Worker : Caller;
        }
        if (node.kind == Node::Kind::Group) {
            // A stack of cards: this node stands for many.
            p.setPen(QPen(border, 1));
            p.setBrush(pal.color(QPalette::Base));
            p.drawRoundedRect(box.translated(6, 6), 6, 6);
            p.drawRoundedRect(box.translated(3, 3), 6, 6);
        }
        QPen pen(node.highlighted ? Highlight : border, node.highlighted ? 3.0 : 1.5);
        if (node.kind == Node::Kind::More)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.setBrush(node.highlighted ? QColor(0xff, 0xf1, 0xdc) : pal.color(QPalette::AlternateBase));
        p.drawRoundedRect(box, 6, 6);
        p.setFont(bold);
        p.setPen(pal.color(QPalette::Text));
        const QFontMetrics bm(bold);
        p.drawText(box.adjusted(6, 4, -6, 0), Qt::AlignTop | Qt::AlignHCenter,
                   bm.elidedText(nodeTitle(node), Qt::ElideMiddle, TitleWidth));
        p.setFont(font());
        const QString detail = nodeDetail(node);
        if (!detail.isEmpty()) {
            p.setPen(detailInk);
            p.drawText(box.adjusted(6, 4 + fm.height(), -6, 0), Qt::AlignTop | Qt::AlignHCenter,
                       fm.elidedText(detail, Qt::ElideRight, DetailWidth));
        }
    }

    p.setPen(pal.color(QPalette::Text));
    if (isGrouped()) {
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignBottom | Qt::AlignLeft,
                   tr("%Ln member(s) in groups: double-click one to expand it", nullptr,
                      int(m_index->members().size())));
    }
    if (all.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(0, 80, 0, 0), Qt::AlignCenter, tr("No members yet"));
    }
}

} // namespace daffi::ui
