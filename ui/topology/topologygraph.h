#pragma once

#include <QWidget>

namespace daffi::ui {

class MembersModel;
class RateStore;

// The router in the middle, live members around it with the functions they expose; a spoke's
// width follows the member's request rate. Drawn with QPainter from the models on each refresh.
class TopologyGraph : public QWidget
{
    Q_OBJECT

public:
    TopologyGraph(MembersModel *members, RateStore *rates, QWidget *parent = nullptr);
    void setCenterLabel(const QString &label);

    QSize sizeHint() const override { return {600, 420}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    MembersModel *m_members;
    RateStore *m_rates;
    QString m_center;
};

} // namespace daffi::ui
