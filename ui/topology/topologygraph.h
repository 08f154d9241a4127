#pragma once

#include <QColor>
#include <QHash>
#include <QWidget>

namespace daffi::ui {

class MembersModel;
class RateStore;

// The router in the middle, live members around it with the functions they expose; a spoke's
// width follows the member's request rate, and its colour (when asked) the p99 latency of the
// calls it served. Drawn with QPainter from the models on each refresh.
class TopologyGraph : public QWidget
{
    Q_OBJECT

public:
    TopologyGraph(MembersModel *members, RateStore *rates, QWidget *parent = nullptr);
    void setCenterLabel(const QString &label);
    // Each provider's p99 over the last minute (µs); with colouring on, spokes show it.
    void setSpokeLatency(const QHash<QByteArray, qint64> &p99ByMember);
    const QHash<QByteArray, qint64> &spokeLatency() const { return m_p99; }
    void setColourByLatency(bool on);
    bool coloursByLatency() const { return m_colourByLatency; }
    // Green at 1 ms and below, through amber, to red at 100 ms and above (a log scale).
    static QColor latencyColour(qint64 us);

    QSize sizeHint() const override { return {600, 420}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    MembersModel *m_members;
    RateStore *m_rates;
    QString m_center;
    QHash<QByteArray, qint64> m_p99;
    bool m_colourByLatency = false;
};

} // namespace daffi::ui
