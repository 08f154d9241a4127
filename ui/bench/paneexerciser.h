#pragma once

#include "samples.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <map>

namespace daffi::ui {
class ConsoleController;
}

namespace daffi::ui::bench {

// Plays the operator while the bench measures. Every tick it repaints the whole window (timed);
// every switchEvery ticks it shows the next of its tabs and does there what a person does with
// many members, timing that too: on Members it sorts by the next column or sets or clears a
// filter, on Topology it searches for a member (which expands its group and selects it).
class PaneExerciser : public QObject
{
    Q_OBJECT

public:
    PaneExerciser(ConsoleController *controller, QStringList tabs, int switchEvery);

    void start(int tickMs) { m_timer.start(tickMs); }
    void setMeasuring(bool on) { m_measuring = on; }
    // Tab switches so far: the event loop's latency probe leaves out the tick of a switch (a
    // person clicking a tab waits for it; the loop in the background did not stall).
    quint64 switches() const { return m_switches; }

    std::map<QString, Samples> repaint;   // per tab
    Samples allRepaints;
    Samples sort;
    Samples filter;
    Samples search;

private:
    void tick();
    void act(const QString &tab);

    ConsoleController *m_controller;
    QStringList m_tabs;
    int m_switchEvery;
    QTimer m_timer;
    bool m_measuring = false;
    quint64 m_ticks = 0;
    quint64 m_switches = 0;
    int m_current = -1;
    int m_sortColumn = 0;
    int m_actions = 0;
    quint32 m_seed = 12345;
};

} // namespace daffi::ui::bench
