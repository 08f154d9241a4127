// The console with many members: grouping and search in the topology, storms folded in the
// events, the members pane's filter and sort, and refresh work that grows linearly with N.
#include "nodetestutil.h"

#include <ui/bench/memberpool.h>
#include <ui/events/eventsmodel.h>
#include <ui/members/membersfilter.h>
#include <ui/members/membersmodel.h>
#include <ui/members/memberspane.h>
#include <ui/rates/ratestore.h>
#include <ui/topology/topologygraph.h>
#include <ui/topology/topologyindex.h>
#include <ui/topology/topologypane.h>
#include <ui/topology/topologytreemodel.h>
#include <ui/window/consolecontroller.h>
#include <ui/window/consolesettings.h>
#include <ui/window/mainwindow.h>

#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QTreeView>
#include <QUrl>

using namespace daffi;
using namespace daffi::ui;
using namespace nodetest;

namespace {

std::vector<bench::MemberPool::Spec> fleet(const QByteArray &prefix, int count, const QByteArrayList &methods)
{
    std::vector<bench::MemberPool::Spec> out;
    for (int i = 1; i <= count; ++i)
        out.push_back({prefix + QByteArray::number(i), methods});
    return out;
}

MemberSnapshot member(const QByteArray &name, const QByteArrayList &methods, quint64 calls = 0)
{
    MemberSnapshot m;
    m.name = name;
    m.methods = methods;
    m.hasMethodList = !methods.isEmpty();
    m.transport = QStringLiteral("tcp");
    m.address = QStringLiteral("127.0.0.1:%1").arg(1024 + qHash(name) % 60000);
    m.connectedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + qint64(qHash(name) % 100000));
    m.stats = Monitor::MemberStats{calls, calls / 2, 0, calls * 100, calls * 80, 0, 0};
    return m;
}

// A network of n members in its `round`: 1% of them (scattered) have left for good each round
// so far, and 1% more have joined.
QList<MemberSnapshot> network(int n, int round)
{
    static const QByteArrayList functions[] = {{"reserve", "lookup"}, {"charge", "refund"}, {"report"}, {}};
    QList<MemberSnapshot> out;
    const int churn = std::max(1, n / 100);
    out.reserve(n + round * churn);
    for (int i = 0; i < n + round * churn; ++i) {
        if ((quint32(i) * 2654435761u) % 100 < quint32(round))
            continue;
        out.push_back(member("node-" + QByteArray::number(i), functions[i % 4], quint64(i % 97) * quint64(round + 1)));
    }
    return out;
}

SessionEvent sessionEvent(SessionEvent::Kind kind, qint64 ms, const QString &text)
{
    return {ms, kind, text};
}

int rowsWithText(const QAbstractItemModel *m, const QString &part)
{
    int n = 0;
    for (int r = 0; r < m->rowCount(); ++r)
        n += m->index(r, 0).data().toString().contains(part) ? 1 : 0;
    return n;
}

} // namespace

class TestManyMembers : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleController> m_console;

    quint16 startConsole()
    {
        StartOptions options;
        options.port = 0;
        options.language = QStringLiteral("en");
        options.refreshIntervalMs = 50;
        m_console = std::make_unique<ConsoleController>();
        m_console->start(options);
        m_console->window()->show();
        if (!waitUntil([&] { return m_console->session()->isUp(); }))
            return 0;
        return quint16(QUrl(m_console->hostedSession()->urls().value(0)).port());
    }

    TopologyGraph *graph() const { return m_console->window()->topologyPane()->graph(); }

    const TopologyGraph::Node *nodeNamed(const QByteArray &member)
    {
        for (const TopologyGraph::Node &n : graph()->nodes()) {
            if (n.kind == TopologyGraph::Node::Kind::Member && graph()->index().members()[size_t(n.member)].name == member)
                return &n;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        ConsoleSettings::setFile(m_dir.filePath(QStringLiteral("console.ini")));
    }

    void cleanup() { m_console.reset(); }

    void topologyGroupsAboveTheThresholdAndExpands()
    {
        const quint16 port = startConsole();
        QVERIFY(port);
        m_console->window()->tabs()->setCurrentWidget(m_console->window()->topologyPane());
        bench::MemberPool pool(port);
        pool.add(fleet("inventory-", 10, {"reserve", "lookup"}));
        QVERIFY(waitUntil([&] { return graph()->index().members().size() == 11; }));   // and the console
        QVERIFY(!graph()->isGrouped());
        QCOMPARE(int(graph()->nodes().size()), 11);

        const int inventory = TopologyGraph::GroupAbove;
        pool.add(fleet("inventory-", inventory, {"reserve", "lookup"}));   // 10 of them rejoin: already there
        pool.add(fleet("web-", 30, {}));
        const size_t total = size_t(inventory + 30 + 1);
        QVERIFY(waitUntil([&] { return graph()->index().members().size() == total; }, 30000));
        QVERIFY(graph()->isGrouped());
        // By function set: the inventory fleet, the callers (web and the console).
        const auto &nodes = graph()->nodes();
        QCOMPARE(int(nodes.size()), 2);
        QVERIFY(std::all_of(nodes.cbegin(), nodes.cend(), [](const auto &n) { return n.kind == TopologyGraph::Node::Kind::Group; }));
        const TopologyIndex::Group &first = graph()->index().groups()[size_t(nodes[0].group)];
        QCOMPARE(first.label, QStringLiteral("lookup, reserve"));
        QCOMPARE(nodes[0].count, inventory);
        QCOMPARE(nodes[1].count, 31);

        // A double-click expands a group into members, at most MaxMemberNodes and a "+N more".
        const QByteArray key = first.key;
        QTest::mouseDClick(graph(), Qt::LeftButton, {}, graph()->nodes()[0].rect.center().toPoint());
        QVERIFY(graph()->isExpanded(key));
        int members = 0, more = 0;
        for (const auto &n : graph()->nodes()) {
            members += n.kind == TopologyGraph::Node::Kind::Member ? 1 : 0;
            if (n.kind == TopologyGraph::Node::Kind::More) {
                ++more;
                QCOMPARE(n.count, inventory - TopologyGraph::MaxMemberNodes);
            }
        }
        QCOMPARE(members, TopologyGraph::MaxMemberNodes);
        QCOMPARE(more, 1);
        QVERIFY(graph()->nodes().size() <= size_t(TopologyGraph::MaxMemberNodes + TopologyGraph::MaxGroups + 1));
        // A double-click on one of its members folds it up again.
        QTest::mouseDClick(graph(), Qt::LeftButton, {}, graph()->nodes()[0].rect.center().toPoint());
        QVERIFY(!graph()->isExpanded(key));

        // By name prefix, as the user chooses; the tree follows with the same groups.
        m_console->window()->topologyPane()->setGrouping(TopologyIndex::Grouping::NamePrefix);
        QCOMPARE(graph()->index().grouping(), TopologyIndex::Grouping::NamePrefix);
        QStringList labels;
        for (const auto &g : graph()->index().groups())
            labels << g.label;
        QVERIFY2(labels.contains(u"inventory-*") && labels.contains(u"web-*"), qPrintable(labels.join(u'|')));
        QAbstractItemModel *tree = m_console->window()->topologyPane()->tree()->model();
        QVERIFY(waitUntil([&] {
            return !tree->match(tree->index(0, 0), Qt::DisplayRole, QStringLiteral("web-*"), 1,
                                Qt::MatchExactly | Qt::MatchRecursive).isEmpty();
        }, 5000));
        const QModelIndex web = tree->match(tree->index(0, 0), Qt::DisplayRole, QStringLiteral("web-*"), 1,
                                            Qt::MatchExactly | Qt::MatchRecursive).value(0);
        QCOMPARE(tree->rowCount(web), 30);
    }

    void searchFindsAndMarksAMember()
    {
        const quint16 port = startConsole();
        QVERIFY(port);
        m_console->window()->tabs()->setCurrentWidget(m_console->window()->topologyPane());
        bench::MemberPool pool(port);
        pool.add(fleet("payments-", TopologyGraph::GroupAbove + 10, {"charge"}));
        QVERIFY(waitUntil([&] { return graph()->index().members().size() == size_t(TopologyGraph::GroupAbove + 11); }, 30000));
        QVERIFY(graph()->isGrouped());
        QVERIFY(!nodeNamed("payments-37"));

        QLineEdit *search = m_console->window()->topologyPane()->searchField();
        QTest::keyClicks(search, QStringLiteral("PAYMENTS-37"));
        QCOMPARE(graph()->highlighted(), QByteArray("payments-37"));
        const TopologyGraph::Node *node = nodeNamed("payments-37");
        QVERIFY(node);
        QVERIFY(node->highlighted);
        const int g = graph()->index().members()[size_t(node->member)].group;
        QVERIFY(graph()->isExpanded(graph()->index().groups()[size_t(g)].key));
        // The tree shows it too.
        QTreeView *tree = m_console->window()->topologyPane()->tree();
        QVERIFY(waitUntil([&] { return tree->currentIndex().data().toString() == u"payments-37"; }, 5000));

        // A part of a name finds the first that has it; Enter the next one.
        search->clear();
        QTest::keyClicks(search, QStringLiteral("ments-4"));
        const QByteArray first = graph()->highlighted();
        QVERIFY(first.startsWith("payments-4"));
        QTest::keyClick(search, Qt::Key_Return);
        QVERIFY(graph()->highlighted().contains("ments-4"));
        QVERIFY(graph()->highlighted() != first);

        search->setText(QStringLiteral("nobody-here"));
        QVERIFY(graph()->highlighted().isEmpty());
        auto *status = m_console->window()->topologyPane()->findChild<QLabel *>(QStringLiteral("topologySearchStatus"));
        QVERIFY2(status->text().contains(u"No member matches"), qPrintable(status->text()));
    }

    void joinStormFoldsIntoOneEventRow()
    {
        const quint16 port = startConsole();
        QVERIFY(port);
        EventsModel *events = m_console->events();
        QVERIFY(waitUntil([&] { return rowsWithText(events, QStringLiteral("joined")) >= 1; }));   // the console itself
        QTest::qWait(int(EventsModel::BurstGapMs) + 200);
        const int before = events->rowCount();
        constexpr int Storm = 30;
        {
            bench::MemberPool pool(port);
            pool.add(fleet("fleet-", Storm, {"work"}));
            QVERIFY(waitUntil([&] { return m_console->members()->liveCount() == Storm + 1; }, 30000));
            QVERIFY(waitUntil([&] { return rowsWithText(events, QStringLiteral("%1 members joined in").arg(Storm)) == 1; }));
            QCOMPARE(events->rowCount(), before + 1);
            const QModelIndex fold = events->index(before, 0);
            QCOMPARE(events->data(fold, EventsModel::CountRole).toInt(), Storm);
            QCOMPARE(events->rowCount(fold), Storm);
            QVERIFY(events->index(Storm - 1, 0, fold).data().toString().contains(u"joined from 127.0.0.1"));
            QCOMPARE(events->parent(events->index(3, 0, fold)), fold);
        }
        // All of them leaving at once is a storm too.
        QVERIFY(waitUntil([&] { return rowsWithText(events, QStringLiteral("%1 members left in").arg(Storm)) == 1; }));
    }

    void foldingRules()
    {
        QTranslator english;   // the English catalogue holds the plural forms
        QVERIFY(english.load(QStringLiteral(":/i18n/daffi-console_en.qm")));
        QCoreApplication::installTranslator(&english);
        EventsModel m;
        auto joins = [](qint64 from, int n, qint64 step) {
            std::vector<SessionEvent> out;
            for (int i = 0; i < n; ++i)
                out.push_back(sessionEvent(SessionEvent::Kind::Joined, from + i * step, QStringLiteral("j%1 joined").arg(from + i)));
            return out;
        };
        m.append(joins(1000, EventsModel::FoldAfter - 1, 10));   // not a storm yet
        QCOMPARE(m.rowCount(), EventsModel::FoldAfter - 1);
        m.append(joins(1100, 1, 0));                             // now it is: one row
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.data(m.index(0, 0), EventsModel::CountRole).toInt(), EventsModel::FoldAfter);
        m.append({sessionEvent(SessionEvent::Kind::Problem, 1150, QStringLiteral("a problem"))});
        m.append(joins(1200, 100, 5));                           // the storm goes on under its row
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.rowCount(m.index(0, 0)), EventsModel::FoldAfter + 100);
        QVERIFY2(m.index(0, 0).data().toString().contains(u"105 members joined in 0.7 s"), qPrintable(m.index(0, 0).data().toString()));
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/daffi-console_de.qm")));
        QCoreApplication::installTranslator(&german);
        QVERIFY2(m.index(0, 0).data().toString().contains(u"105 Mitglieder sind in 0.7 s beigetreten"),
                 qPrintable(m.index(0, 0).data().toString()));
        QCoreApplication::removeTranslator(&german);
        // Leaves interleaved with joins fold on their own.
        std::vector<SessionEvent> mixed;
        for (int i = 0; i < 10; ++i) {
            mixed.push_back(sessionEvent(SessionEvent::Kind::Left, 1800 + i, QStringLiteral("l%1 left").arg(i)));
            mixed.push_back(sessionEvent(SessionEvent::Kind::Joined, 1800 + i, QStringLiteral("k%1 joined").arg(i)));
        }
        m.append(std::move(mixed));
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.data(m.index(2, 0), EventsModel::CountRole).toInt(), 10);
        QVERIFY(m.index(2, 0).data().toString().contains(u"10 members left in"));
        QCOMPARE(m.rowCount(m.index(0, 0)), EventsModel::FoldAfter + 110);
        // After a pause a join is news again.
        m.append(joins(1809 + EventsModel::BurstGapMs + 1, 1, 0));
        QCOMPARE(m.rowCount(), 4);
        QCOMPARE(m.rowCount(m.index(3, 0)), 0);
    }

    void membersPaneFiltersAndSortsAtScale()
    {
        MembersModel model;
        MembersPane pane(&model);
        pane.resize(1000, 600);
        pane.show();
        model.apply(network(3000, 0), 1'800'000'000'000);
        QTableView *view = pane.view();
        QCOMPARE(view->model()->rowCount(), 3000);
        view->sortByColumn(MembersModel::CallsIn, Qt::DescendingOrder);
        const QAbstractItemModel *shown = view->model();
        QVERIFY(shown->index(0, MembersModel::CallsIn).data().toString() == u"96");
        for (int r = 1; r < shown->rowCount(); ++r) {
            QVERIFY(MembersModel::compare(model.row(model.findRow(shown->index(r - 1, 0).data(MembersModel::NameRole).toByteArray())),
                                          model.row(model.findRow(shown->index(r, 0).data(MembersModel::NameRole).toByteArray())),
                                          MembersModel::CallsIn) >= 0);
        }
        // The selection follows its member through the next batch (joins, leaves, new counters).
        const QByteArray chosen = shown->index(10, 0).data(MembersModel::NameRole).toByteArray();
        view->selectionModel()->setCurrentIndex(shown->index(10, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        model.apply(network(3000, 3), 1'800'000'001'000);
        QCOMPARE(view->currentIndex().data(MembersModel::NameRole).toByteArray(), chosen);
        // Filtering by a function name; leavers can be hidden.
        int refunds = 0, liveRefunds = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            const bool refund = model.row(r).member.methods.contains("refund");
            refunds += refund ? 1 : 0;
            liveRefunds += refund && !model.row(r).left ? 1 : 0;
        }
        QVERIFY(liveRefunds < refunds);   // some of them are away this round
        pane.findChild<QLineEdit *>(QStringLiteral("membersFilter"))->setText(QStringLiteral("REFUND"));
        QCOMPARE(shown->rowCount(), refunds);
        const QString label = pane.findChild<QLabel *>(QStringLiteral("membersShown"))->text();
        QVERIFY2(label.contains(QLocale().toString(refunds)) && label.contains(QLocale().toString(model.rowCount())), qPrintable(label));
        pane.filter()->setShowLeft(false);
        QCOMPARE(shown->rowCount(), liveRefunds);
        const MembersModel::Row &was = model.row(model.findRow(chosen));
        const bool stillShown = was.member.methods.contains("refund") && !was.left;
        QCOMPARE(view->currentIndex().data(MembersModel::NameRole).toByteArray(), stillShown ? chosen : QByteArray());
    }

    // Not an absolute time: the work of a refresh at 10,000 members against 1,000, with 1% of
    // them joining and 1% leaving for good each round. Linear work is at most 10x (fixed costs
    // such as painting bring it to about 5x here); work per signal that costs O(N) (a re-sort
    // per removed run of rows, say) is 25x and more.
    void refreshWorkGrowsLinearly()
    {
        auto measure = [](int n) {
            MembersModel model;
            model.setRetention(10 * 60 * 1000, n / 50);   // departures are forgotten at both sizes
            RateStore rates;
            MembersPane pane(&model);
            pane.resize(1000, 600);
            pane.show();
            pane.view()->sortByColumn(MembersModel::CallsIn, Qt::DescendingOrder);
            EventsModel events;
            QTreeView eventsView;
            eventsView.setModel(&events);
            eventsView.show();
            TopologyGraph graph(&rates);
            graph.resize(800, 600);
            graph.show();
            model.apply(network(n, 0), 1'800'000'000'000);
            QCoreApplication::processEvents();
            QElapsedTimer t;
            t.start();
            constexpr int Rounds = 10;
            for (int round = 1; round <= Rounds; ++round) {
                const qint64 now = 1'800'000'000'000 + round * 100;
                model.apply(network(n, round), now);
                std::vector<SessionEvent> batch;
                for (int i = 0; i < std::max(1, n / 100); ++i) {
                    batch.push_back(sessionEvent(SessionEvent::Kind::Joined, now + i, QStringLiteral("a member joined")));
                    batch.push_back(sessionEvent(SessionEvent::Kind::Left, now + i, QStringLiteral("a member left")));
                }
                events.append(std::move(batch));
                graph.setIndex(std::make_shared<const TopologyIndex>(model, TopologyIndex::Grouping::FunctionSet,
                                                                     TopologyGraph::MaxGroups));
                graph.repaint();
                pane.repaint();
                QCoreApplication::processEvents();
            }
            return double(t.nsecsElapsed()) / Rounds;
        };
        measure(1000);   // warm caches and allocators
        const double small = measure(1000);
        const double large = measure(10000);
        qInfo("refresh: %.2f ms at 1,000 members, %.2f ms at 10,000 (%.1fx)", small / 1e6, large / 1e6, large / small);
        QVERIFY2(large / small < 15, qPrintable(QStringLiteral("%1x").arg(large / small)));
    }
};

QTEST_MAIN(TestManyMembers)
#include "tst_manymembers.moc"
