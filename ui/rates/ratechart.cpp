#include "ratechart.h"

#include <ui/common/format.h>

#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace daffi::ui {

namespace {

// 1, 2, 5 x 10^n steps giving about `ticks` intervals up to max.
double niceStep(double max, int ticks)
{
    const double raw = max / ticks;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * mag >= raw)
            return m * mag;
    }
    return 10 * mag;
}

} // namespace

RateChart::RateChart(const QString &title, Unit unit, QWidget *parent)
    : QWidget(parent), m_title(title), m_unit(unit)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QColor RateChart::palette(int i)
{
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                    QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                    QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf)};
    return colors[i % 8];
}

void RateChart::setLines(std::vector<Line> lines)
{
    m_lines = std::move(lines);
    update();
}

void RateChart::setWindowSeconds(int seconds)
{
    m_windowSeconds = std::max(30, seconds);
    update();
}

QString RateChart::formatValue(double v) const
{
    return m_unit == Unit::Bytes ? format::byteRate(v) : format::rate(v);
}

void RateChart::mouseMoveEvent(QMouseEvent *event)
{
    m_hoverX = int(event->position().x());
    update();
}

void RateChart::leaveEvent(QEvent *)
{
    m_hoverX = -1;
    update();
}

void RateChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = QWidget::palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QFontMetrics fm(font());
    const qint64 now = m_nowMs ? m_nowMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - qint64(m_windowSeconds) * 1000;

    double maxValue = 0;
    for (const Line &line : m_lines) {
        for (const QPointF &pt : line.points) {
            if (pt.x() >= double(from))
                maxValue = std::max(maxValue, pt.y());
        }
    }
    // An idle chart still gets a readable scale: whole messages, or bytes up to a kilobyte.
    maxValue = std::max(maxValue, m_unit == Unit::Bytes ? 1000.0 : 4.0);
    const double step = niceStep(maxValue * 1.1, 4);
    const double top = std::ceil(maxValue * 1.05 / step) * step;

    int labelWidth = 0;
    for (double v = 0; v <= top + step / 2; v += step)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(formatValue(v)));
    const int titleH = fm.height() + 6;
    const QRect plot(labelWidth + 14, titleH + 4, width() - labelWidth - 24, height() - titleH - fm.height() - 14);
    if (plot.width() < 40 || plot.height() < 30)
        return;

    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(plot.left(), 2, plot.width(), titleH), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    p.setFont(font());

    // Legend, right-aligned on the title line.
    int lx = plot.right();
    for (auto it = m_lines.rbegin(); it != m_lines.rend(); ++it) {
        const QString label = fm.elidedText(it->label, Qt::ElideMiddle, 220);
        const int w = fm.horizontalAdvance(label);
        lx -= w;
        if (lx < plot.left() + fm.horizontalAdvance(m_title) + 30)
            break;
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(lx, 2, w, titleH), Qt::AlignVCenter, label);
        lx -= 16;
        p.fillRect(QRect(lx, 2 + titleH / 2 - 2, 12, 4), it->color);
        lx -= 12;
    }

    auto xOf = [&](double t) { return plot.left() + (t - double(from)) / double(now - from) * plot.width(); };
    auto yOf = [&](double v) { return plot.bottom() - v / top * plot.height(); };

    QColor grid = pal.color(QPalette::Text);
    grid.setAlpha(40);
    QColor axisText = pal.color(QPalette::Text);
    axisText.setAlpha(170);
    for (double v = 0; v <= top + step / 2; v += step) {
        const int y = int(std::lround(yOf(v)));
        p.setPen(grid);
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(axisText);
        p.drawText(QRect(0, y - fm.height() / 2, labelWidth + 8, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   formatValue(v));
    }
    // Time ticks on whole minutes (or 10 s marks for short windows), labelled with the clock.
    const qint64 tick = m_windowSeconds <= 120 ? 10000 : m_windowSeconds <= 600 ? 60000 : 120000;
    for (qint64 t = (from / tick + 1) * tick; t <= now; t += tick) {
        const int x = int(std::lround(xOf(double(t))));
        p.setPen(grid);
        p.drawLine(x, plot.top(), x, plot.bottom());
        const QString label = QDateTime::fromMSecsSinceEpoch(t).toString(tick < 60000 ? QStringLiteral("HH:mm:ss")
                                                                                        : QStringLiteral("HH:mm"));
        const int w = fm.horizontalAdvance(label);
        if (x - w / 2 > plot.left() - 4 && x + w / 2 < width()) {
            p.setPen(axisText);
            p.drawText(QRect(x - w / 2, plot.bottom() + 4, w, fm.height()), Qt::AlignCenter, label);
        }
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(plot.adjusted(0, 0, -1, -1));

    p.setClipRect(plot.adjusted(1, 1, -1, -1));
    for (const Line &line : m_lines) {
        QPainterPath path;
        bool started = false;
        for (const QPointF &pt : line.points) {
            if (pt.x() < double(from) - 2000)
                continue;
            const QPointF q(xOf(pt.x()), yOf(pt.y()));
            if (!started) {
                path.moveTo(q);
                started = true;
            } else {
                path.lineTo(q);
            }
        }
        p.setPen(QPen(line.color, line.emphasized ? 2.2 : 1.5));
        p.drawPath(path);
    }
    p.setClipping(false);

    if (m_hoverX >= plot.left() && m_hoverX <= plot.right()) {
        const double t = double(from) + double(m_hoverX - plot.left()) / plot.width() * double(now - from);
        QStringList rows{QDateTime::fromMSecsSinceEpoch(qint64(t)).toString(QStringLiteral("HH:mm:ss"))};
        for (const Line &line : m_lines) {
            const QPointF *best = nullptr;
            for (const QPointF &pt : line.points) {
                if (!best || std::abs(pt.x() - t) < std::abs(best->x() - t))
                    best = &pt;
            }
            if (best && std::abs(best->x() - t) < 3000)
                rows << line.label + QStringLiteral(": ") + formatValue(best->y());
        }
        p.setPen(QPen(axisText, 1, Qt::DashLine));
        p.drawLine(m_hoverX, plot.top(), m_hoverX, plot.bottom());
        int w = 0;
        for (const QString &r : rows)
            w = std::max(w, fm.horizontalAdvance(r));
        QRect box(m_hoverX + 8, plot.top() + 6, w + 12, int(rows.size()) * fm.height() + 8);
        if (box.right() > plot.right())
            box.moveRight(m_hoverX - 8);
        p.setPen(pal.color(QPalette::Mid));
        p.setBrush(pal.color(QPalette::ToolTipBase));
        p.drawRect(box);
        p.setPen(pal.color(QPalette::ToolTipText));
        for (int i = 0; i < rows.size(); ++i)
            p.drawText(box.left() + 6, box.top() + 4 + fm.ascent() + i * fm.height(), rows[i]);
    }
}

} // namespace daffi::ui
