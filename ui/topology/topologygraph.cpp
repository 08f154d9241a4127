#include "topologygraph.h"

#include <ui/common/format.h>
#include <ui/members/membersmodel.h>
#include <ui/rates/ratestore.h>

#include <QPainter>

#include <cmath>

namespace daffi::ui {

namespace {
constexpr int MaxDrawn = 40;
constexpr int MaxFunctionsShown = 4;
}

TopologyGraph::TopologyGraph(MembersModel *members, RateStore *rates, QWidget *parent)
    : QWidget(parent), m_members(members), m_rates(rates)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(rates, &RateStore::updated, this, qOverload<>(&QWidget::update));
    connect(members, &QAbstractItemModel::rowsInserted, this, qOverload<>(&QWidget::update));
    connect(members, &QAbstractItemModel::rowsRemoved, this, qOverload<>(&QWidget::update));
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

void TopologyGraph::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = QWidget::palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QFontMetrics fm(font());

    std::vector<int> rows;
    for (int i = 0; i < m_members->rowCount() && int(rows.size()) < MaxDrawn; ++i) {
        if (!m_members->row(i).left)
            rows.push_back(i);
    }
    const int hidden = m_members->liveCount() - int(rows.size());
    const QPointF c(width() / 2.0, height() / 2.0);
    const double radius = std::max(60.0, std::min(width(), height()) / 2.0 - 3.2 * fm.height() - 10);

    float maxRate = 1;
    std::vector<float> rates(rows.size(), 0);
    for (size_t k = 0; k < rows.size(); ++k) {
        const auto *s = m_rates->series(RateStore::seriesId(RateHistory::Kind::Member, m_members->row(rows[k]).member.name));
        rates[k] = s && !s->points.empty() ? s->points.back().messages : 0;
        maxRate = std::max(maxRate, rates[k]);
    }

    QColor spoke = pal.color(QPalette::Text);
    spoke.setAlpha(90);
    std::vector<QPointF> positions;
    for (size_t k = 0; k < rows.size(); ++k) {
        const double angle = -M_PI / 2 + 2 * M_PI * double(k) / double(rows.size());
        positions.emplace_back(c.x() + radius * std::cos(angle), c.y() + radius * std::sin(angle));
        const double w = 1.0 + 7.0 * double(rates[k] / maxRate);
        const auto p99 = m_colourByLatency ? m_p99.constFind(m_members->row(rows[k]).member.name) : m_p99.cend();
        const bool byLatency = p99 != m_p99.cend();
        p.setPen(QPen(byLatency ? latencyColour(*p99) : rates[k] > 0 ? QColor(0x1f, 0x77, 0xb4, 170) : spoke,
                      byLatency ? std::max(w, 3.0) : w));
        p.drawLine(c, positions.back());
        if (rates[k] > 0 || byLatency) {
            const QPointF mid = (c + positions.back()) / 2;
            QString label = rates[k] > 0 ? format::rate(double(rates[k])) : QString();
            if (byLatency)
                label += (label.isEmpty() ? QString() : QStringLiteral(" · ")) + tr("p99 %1").arg(format::latency(*p99));
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(mid.x() - 80, mid.y() - fm.height(), 160, fm.height()), Qt::AlignCenter, label);
        }
    }

    // The router.
    const QString center = m_center.isEmpty() ? tr("router") : m_center;
    const double cr = std::max(34.0, fm.horizontalAdvance(center) / 2.0 + 12);
    p.setPen(QPen(QColor(0x2c, 0x3e, 0x50), 2));
    p.setBrush(QColor(0xe8, 0xf1, 0xfa));
    p.drawEllipse(c, cr, 26);
    p.setPen(QColor(0x2c, 0x3e, 0x50));
    p.drawText(QRectF(c.x() - cr, c.y() - 13, 2 * cr, 26), Qt::AlignCenter, center);

    for (size_t k = 0; k < rows.size(); ++k) {
        const MemberSnapshot &m = m_members->row(rows[k]).member;
        const bool worker = m.hasMethodList && !m.methods.isEmpty();
        QFont bold = font();
        bold.setBold(true);
        const QFontMetrics boldMetrics(bold);
        const QString name = boldMetrics.elidedText(QString::fromUtf8(m.name), Qt::ElideMiddle, 180);
        QStringList functions;
        for (int f = 0; f < m.methods.size() && f < MaxFunctionsShown; ++f)
            functions << QString::fromUtf8(m.methods[f]);
        if (m.methods.size() > MaxFunctionsShown)
            functions << tr("+%1 more").arg(m.methods.size() - MaxFunctionsShown);
        const QString fnText = functions.join(QStringLiteral(", "));
        const int w = std::max(boldMetrics.horizontalAdvance(name), std::min(220, fm.horizontalAdvance(fnText))) + 18;
        const int h = fm.height() * (fnText.isEmpty() ? 1 : 2) + 10;
        QRectF box(positions[k].x() - w / 2.0, positions[k].y() - h / 2.0, w, h);
        box.moveLeft(std::clamp(box.left(), 2.0, width() - box.width() - 2.0));
        box.moveTop(std::clamp(box.top(), 2.0, height() - box.height() - 2.0));
        p.setPen(QPen(worker ? QColor(0x2c, 0xa0, 0x2c) : QColor(0x88, 0x88, 0x88), 1.5));
        p.setBrush(pal.color(QPalette::AlternateBase));
        p.drawRoundedRect(box, 6, 6);
        p.setFont(bold);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(box.adjusted(6, 4, -6, 0), Qt::AlignTop | Qt::AlignHCenter, name);
        p.setFont(font());
        if (!fnText.isEmpty()) {
            QColor fc = pal.color(QPalette::Text);
            fc.setAlpha(170);
            p.setPen(fc);
            p.drawText(box.adjusted(6, 4 + fm.height(), -6, 0), Qt::AlignTop | Qt::AlignHCenter,
                       fm.elidedText(fnText, Qt::ElideRight, 220));
        }
    }
    if (hidden > 0) {
        p.setPen(pal.color(QPalette::Text));
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignBottom | Qt::AlignRight,
                   tr("%n more member(s) not drawn; see the tree", nullptr, hidden));
    }
    if (rows.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(0, 80, 0, 0), Qt::AlignCenter, tr("No members yet"));
    }
}

} // namespace daffi::ui
