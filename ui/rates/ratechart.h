#pragma once

#include <QColor>
#include <QPointF>
#include <QWidget>

#include <vector>

namespace daffi::ui {

// A time-series line chart drawn with QPainter: time on x (the last windowSeconds, clock labels),
// value on y with round ticks in the chart's unit, a legend, and a readout under the cursor.
class RateChart : public QWidget
{
    Q_OBJECT

public:
    enum class Unit { Messages, Bytes };

    struct Line
    {
        QString label;
        QColor color;
        std::vector<QPointF> points;   // x: ms since the epoch, y: value; oldest first
        bool emphasized = false;
    };

    explicit RateChart(const QString &title, Unit unit, QWidget *parent = nullptr);

    void setLines(std::vector<Line> lines);
    void setWindowSeconds(int seconds);
    void setNow(qint64 ms) { m_nowMs = ms; }
    const std::vector<Line> &lines() const { return m_lines; }

    QSize sizeHint() const override { return {640, 220}; }
    QSize minimumSizeHint() const override { return {320, 140}; }

    static QColor palette(int i);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    QString formatValue(double v) const;

    QString m_title;
    Unit m_unit;
    std::vector<Line> m_lines;
    int m_windowSeconds = 600;
    qint64 m_nowMs = 0;
    int m_hoverX = -1;
};

} // namespace daffi::ui
