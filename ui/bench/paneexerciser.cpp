#include "paneexerciser.h"

#include <ui/members/membersmodel.h>
#include <ui/members/memberspane.h>
#include <ui/topology/topologypane.h>
#include <ui/window/consolecontroller.h>
#include <ui/window/mainwindow.h>

#include <QElapsedTimer>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>

namespace daffi::ui::bench {

namespace {

const QStringList AllTabs{QStringLiteral("members"), QStringLiteral("traffic"), QStringLiteral("rates"),
                          QStringLiteral("topology")};

template <typename F>
double timed(F &&f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

PaneExerciser::PaneExerciser(ConsoleController *controller, QStringList tabs, int switchEvery)
    : m_controller(controller), m_tabs(std::move(tabs)), m_switchEvery(std::max(1, switchEvery))
{
    connect(&m_timer, &QTimer::timeout, this, &PaneExerciser::tick);
}

void PaneExerciser::tick()
{
    MainWindow *window = m_controller->window();
    if (m_tabs.size() > 1 && m_ticks++ % quint64(m_switchEvery) == 0) {
        m_current = (m_current + 1) % int(m_tabs.size());
        ++m_switches;
        window->tabs()->setCurrentIndex(int(AllTabs.indexOf(m_tabs[m_current])));
        act(m_tabs[m_current]);
        return;
    }
    const QString tab = m_current >= 0 ? m_tabs[m_current] : AllTabs.value(window->tabs()->currentIndex());
    const double ms = timed([window] { window->repaint(); });
    if (m_measuring) {
        repaint[tab].add(ms);
        allRepaints.add(ms);
    }
}

void PaneExerciser::act(const QString &tab)
{
    MainWindow *window = m_controller->window();
    if (tab == u"members") {
        MembersPane *pane = window->membersPane();
        if (m_actions++ % 2 == 0) {
            m_sortColumn = (m_sortColumn + 1) % MembersModel::ColumnCount;
            const auto order = m_sortColumn % 2 ? Qt::DescendingOrder : Qt::AscendingOrder;
            const double ms = timed([&] { pane->view()->sortByColumn(m_sortColumn, order); });
            if (m_measuring)
                sort.add(ms);
        } else {
            auto *edit = pane->findChild<QLineEdit *>(QStringLiteral("membersFilter"));
            const QString text = edit->text().isEmpty() ? QStringLiteral("pay") : QString();
            const double ms = timed([&] { edit->setText(text); });
            if (m_measuring)
                filter.add(ms);
        }
    } else if (tab == u"topology") {
        const MembersModel *members = m_controller->members();
        if (members->rowCount() == 0)
            return;
        m_seed = m_seed * 1664525u + 1013904223u;
        const QString name = QString::fromUtf8(members->row(int(m_seed % quint32(members->rowCount()))).member.name);
        const double ms = timed([&] { window->topologyPane()->searchField()->setText(name); });
        if (m_measuring)
            search.add(ms);
    }
}

} // namespace daffi::ui::bench
