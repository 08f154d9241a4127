// daffi-console-bench: how responsive the console stays while calls flow through its embedded
// router. Runs the real window (QT_QPA_PLATFORM=offscreen works), drives load from native clients
// on their own threads, and prints event-loop latency, full-window repaint time and batch apply
// time with the rate the router actually forwarded.
//
// With --members N the router also holds N members (raw sockets on one thread, MemberPool, in a
// second process of this program: MemberPoolProcess) and, with --churn R, R more join and R
// leave every second; the bench then turns through the Members, Topology and Rates tabs,
// sorting, filtering and searching as it goes, and reports those actions and the CPU seconds of
// the console's own threads too (the member pool's apart). --synthetic gives the console the
// same network without sockets (ChurnSession), for sizes the router cannot serve.
#include "churnsession.h"
#include "cputime.h"
#include "loadgenerator.h"
#include "memberpoolprocess.h"
#include "memberpoolserver.h"
#include "paneexerciser.h"

#include <ui/composer/composerpane.h>
#include <ui/rates/ratestore.h>
#include <ui/traffic/trafficmodel.h>
#include <ui/traffic/trafficpane.h>
#include <ui/window/consolecontroller.h>
#include <ui/window/consolesettings.h>
#include <ui/window/mainwindow.h>

#include <ui/members/membersmodel.h>
#include <ui/topology/topologypane.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QUrl>

#include <sys/resource.h>

#include <cmath>
#include <cstdio>
#include <cstring>

using namespace daffi;
using namespace daffi::ui;

namespace {

// Runs the event loop as the console's main() does, so that the GUI thread sleeps when idle and
// its CPU seconds are the console's work.
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// User + system CPU of one of this process's threads: the GUI thread (the process's own id) or
// the thread with that name.
double threadCpuSeconds(const QByteArray &name = {})
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        const bool wanted = name.isEmpty() ? tid.toLongLong() == QCoreApplication::applicationPid()
                                           : comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name;
        if (wanted)
            return bench::statCpuSeconds(tasks.filePath(tid + QStringLiteral("/stat")));
    }
    return 0;
}

// Raises this process's soft descriptor limit to `needed`; false if the hard limit is lower.
bool allowFiles(rlim_t needed)
{
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    if (files.rlim_cur >= needed)
        return true;
    if (files.rlim_max < needed)
        return false;
    files.rlim_cur = needed;
    return setrlimit(RLIMIT_NOFILE, &files) == 0;
}

// Members of a network worth grouping: fleets named after what they do, each with its functions.
std::vector<bench::MemberPool::Spec> fleet(int count)
{
    const std::pair<const char *, QByteArrayList> kinds[] = {
        {"inventory-", {"reserve", "release", "lookup"}}, {"payments-", {"charge", "refund"}},
        {"reports-", {"report"}},                         {"metrics-sink-", {"record"}},
        {"edge-cache-", {"get", "put", "purge"}},         {"billing-worker-", {"invoice", "charge"}},
        {"search-", {"query", "index"}},                  {"web-", {}},
    };
    std::vector<bench::MemberPool::Spec> out;
    out.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const auto &[prefix, functions] = kinds[size_t(i) % std::size(kinds)];
        out.push_back({prefix + QByteArray::number(i / int(std::size(kinds)) + 1), functions});
    }
    return out;
}

void printRow(const char *label, const bench::Samples &s)
{
    if (!s.empty())
        std::printf("  %-26s %8.2f %8.2f %8.2f\n", label, s.percentile(50), s.percentile(99), s.max());
}

} // namespace

int main(int argc, char *argv[])
{
    // The member pool's own process: no window, no QApplication.
    if (argc > 1 && std::strcmp(argv[1], "--member-pool") == 0)
        return bench::serveMemberPool(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("daffi-console-bench"));
    QLoggingCategory::setFilterRules(QStringLiteral("daffi.*.info=false"));   // a line per join otherwise
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Offered calls/s in total (default 50000)."), QStringLiteral("n"), QStringLiteral("50000"));
    const QCommandLineOption callers(QStringLiteral("callers"), QStringLiteral("Caller clients, each on its own thread (default 4)."), QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Measured seconds after a 3 s warm-up (default 15)."), QStringLiteral("s"), QStringLiteral("15"));
    const QCommandLineOption rpc(QStringLiteral("rpc"), QStringLiteral("Callers use rpc (request + answer) instead of rpc_nowait."));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Varied, moderate traffic for screenshots instead of a flood."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save the window as PNG at the end."), QStringLiteral("file"));
    const QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Tab to show: members, traffic, rates, topology; with --members the bench turns through members, topology and rates unless this is given."), QStringLiteral("name"));
    const QCommandLineOption members(QStringLiteral("members"), QStringLiteral("Members joined besides the load's workers and callers (raw sockets on one thread of a second process; default 0)."), QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption churn(QStringLiteral("churn"), QStringLiteral("Members that join, and members that leave, per second on top of --members (default 0)."), QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption lifetime(QStringLiteral("lifetime"), QStringLiteral("Milliseconds a churning member stays (default 1000)."), QStringLiteral("ms"), QStringLiteral("1000"));
    const QCommandLineOption joinTimeout(QStringLiteral("join-timeout"), QStringLiteral("Seconds the --members may take to join (default 900)."), QStringLiteral("s"), QStringLiteral("900"));
    const QCommandLineOption synthetic(QStringLiteral("synthetic"), QStringLiteral("The --members and --churn network generated in snapshots instead of joined to the router, with --rate calls/s among its members: the UI's side only."));
    const QCommandLineOption active(QStringLiteral("active"), QStringLiteral("With --synthetic: callers, and as many workers, the calls are spread over (default 256)."), QStringLiteral("n"), QStringLiteral("256"));
    const QCommandLineOption find(QStringLiteral("find"), QStringLiteral("Before --screenshot, search the topology for this member."), QStringLiteral("name"));
    parser.addOptions({rate, callers, seconds, rpc, demo, screenshot, tab, members, churn, lifetime, joinTimeout, synthetic, active, find});
    parser.process(app);
    const int memberCount = std::max(0, parser.value(members).toInt());
    const double churnRate = std::max(0.0, parser.value(churn).toDouble());
    const int lifetimeMs = std::max(1, parser.value(lifetime).toInt());
    rlim_t poolFiles = 0;
    if (memberCount > 0 && !parser.isSet(synthetic)) {
        // Each joined member holds a descriptor here (the router's side) and one in the member
        // pool's process (its own): the steady ones, the churning ones alive at a time, and those
        // still connecting.
        const rlim_t held = rlim_t(memberCount) + rlim_t(std::ceil(churnRate * lifetimeMs / 1000.0))
                            + rlim_t(bench::MemberPool::MaxPending);
        poolFiles = held + 64;              // the pool raises its own limit to this
        const rlim_t needed = held + 256;   // and this one: the load's nodes, the monitor, Qt
        if (!allowFiles(needed)) {
            rlimit files{};
            getrlimit(RLIMIT_NOFILE, &files);
            std::fprintf(stderr, "daffi-console-bench: %d members need about %llu file descriptors in the console's "
                                 "process and as many in the member pool's, and each process may open at most %llu "
                                 "(ulimit -Hn). Use fewer --members, raise the limit, or --synthetic.\n",
                         memberCount, static_cast<unsigned long long>(needed), static_cast<unsigned long long>(files.rlim_max));
            return 2;
        }
    }

    QTemporaryDir dir;
    ConsoleSettings::setFile(dir.filePath(QStringLiteral("bench.ini")));
    ConsoleController controller;
    StartOptions options;
    options.port = 0;
    options.language = QStringLiteral("en");
    controller.start(options);
    MainWindow *window = controller.window();
    window->resize(1440, 860);
    const QStringList allTabs{QStringLiteral("members"), QStringLiteral("traffic"), QStringLiteral("rates"), QStringLiteral("topology")};
    QStringList tabs{parser.isSet(tab) ? parser.value(tab) : QStringLiteral("traffic")};
    if (memberCount > 0 && !parser.isSet(tab) && !parser.isSet(screenshot))
        tabs = {QStringLiteral("members"), QStringLiteral("topology"), QStringLiteral("rates")};
    window->tabs()->setCurrentIndex(std::max<int>(0, int(allTabs.indexOf(tabs.first()))));
    window->show();
    for (int i = 0; i < 500 && !controller.session()->isUp(); ++i)
        spin(10);
    if (!controller.session()->isUp()) {
        std::fprintf(stderr, "the embedded router did not start\n");
        return 1;
    }
    const quint16 port = quint16(QUrl(controller.hostedSession()->urls().first()).port());

    // The join storm first: the load's nodes must see the workers among everyone else.
    std::unique_ptr<bench::MemberPoolProcess> pool;
    const auto poolFailed = [&pool] {
        std::fprintf(stderr, "daffi-console-bench: %s\n", qPrintable(pool->error()));
        return 1;
    };
    bench::ChurnSession *generated = nullptr;
    double setupSeconds = 0;
    if (parser.isSet(synthetic)) {
        QElapsedTimer setup;
        setup.start();
        generated = new bench::ChurnSession(fleet(memberCount), {churnRate, parser.value(lifetime).toInt(),
                                                                 parser.value(rate).toDouble(), parser.value(active).toInt()});
        controller.showSession(generated);
        while (controller.members()->liveCount() < memberCount && setup.elapsed() < 60000)
            spin(50);
        setupSeconds = double(setup.elapsed()) / 1000.0;
    } else if (memberCount > 0) {
        QElapsedTimer setup;
        setup.start();
        pool = std::make_unique<bench::MemberPoolProcess>();
        if (!pool->start(port, poolFiles))
            return poolFailed();
        pool->add(fleet(memberCount));
        const qint64 deadline = parser.value(joinTimeout).toLongLong() * 1000;
        do {
            spin(50);
            if (!pool->refresh())
                return poolFailed();
        } while (pool->counts().joined + int(pool->counts().failed + pool->counts().dropped) < memberCount
                 && setup.elapsed() < deadline);
        // Until the console lists them all: the UI's side of the storm.
        while (controller.members()->liveCount() < pool->counts().joined && setup.elapsed() < deadline)
            spin(50);
        setupSeconds = double(setup.elapsed()) / 1000.0;
        if (!pool->refresh())
            return poolFailed();
        const auto c = pool->counts();
        std::fprintf(stderr, "%d members joined in %.1f s (%llu failed, %llu dropped)\n", c.joined, setupSeconds,
                     static_cast<unsigned long long>(c.failed), static_cast<unsigned long long>(c.dropped));
        if (c.joined < memberCount) {
            std::fprintf(stderr, "not every member joined within --join-timeout\n");
            return 1;
        }
    }

    bench::LoadGenerator load(port);
    const bool isDemo = parser.isSet(demo);
    if (generated) {
        // The calls flow inside the generated network.
    } else if (isDemo) {
        load.addWorker("inventory-1", {"reserve", "add"});
        load.addWorker("inventory-2", {"reserve", "add"});
        load.addWorker("payments", {"charge", "refund"});
        load.addWorker("reports", {"report"});
        load.addWorker("metrics-sink", {"record"});
        QCborMap order{{QStringLiteral("order"), 10427}, {QStringLiteral("sku"), QStringLiteral("KB-87-DE")}, {QStringLiteral("qty"), 2}};
        QCborMap charge{{QStringLiteral("order"), 10427}, {QStringLiteral("amount"), 59.9}, {QStringLiteral("currency"), QStringLiteral("EUR")}};
        load.addCaller({"web-frontend", "reserve", {}, 60, false, Serde::Json, {order}});
        load.addCaller({"checkout", "charge", "payments", 25, false, Serde::Msgpack, {charge}});
        load.addCaller({"support-desk", "refund", "payments", 1.5, false, Serde::Json, {QCborMap{{QStringLiteral("order"), 9911}}}});
        load.addCaller({"telemetry", "record", {}, 140, true, Serde::Opaque, {QByteArray("cpu=0.42 mem=512M disk=71%")}});
        load.addCaller({"backoffice", "report", {}, 2, false, Serde::Json, {QStringLiteral("daily-sales")}});
        load.addCaller({"stock-sync", "add", {}, 30, false, Serde::Msgpack, {5, 7}});
    } else {
        load.addWorker("worker-1", {"echo"});
        load.addWorker("worker-2", {"echo"});
        const int n = std::max(1, parser.value(callers).toInt());
        for (int i = 0; i < n; ++i) {
            load.addCaller({"caller-" + QByteArray::number(i + 1), "echo", {}, parser.value(rate).toDouble() / n,
                            !parser.isSet(rpc), Serde::Json, {QStringLiteral("payload-%1").arg(i)}});
        }
    }
    bool ready = generated != nullptr;
    if (!ready)
        QTimer::singleShot(0, [&] { ready = load.waitReady(15000 + memberCount * 10); });
    spin(100);
    for (int i = 0; i < 1500 + memberCount && !ready; ++i)
        spin(10);
    if (!ready) {
        std::fprintf(stderr, "the load nodes did not join\n");
        return 1;
    }
    load.start();
    if (pool && churnRate > 0)
        pool->setChurn(churnRate, std::chrono::milliseconds(lifetimeMs), "session-");

    bench::Samples loopLatency, apply;
    bench::PaneExerciser exerciser(&controller, tabs, 5);
    bool measuring = false;
    quint64 switchesSeen = 0;
    QElapsedTimer last;
    last.start();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double late = double(last.nsecsElapsed()) / 1e6 - 10.0;
        last.restart();
        const bool switched = exerciser.switches() != std::exchange(switchesSeen, exerciser.switches());
        if (measuring && !switched)
            loopLatency.add(std::max(0.0, late));
    });
    probe.start(10);
    exerciser.start(200);
    QObject::connect(&controller, &ConsoleController::snapshotApplied, [&] {
        if (measuring)
            apply.add(double(controller.lastApplyMicroseconds()) / 1000.0);
    });

    const int measureSeconds = isDemo ? std::max(5, parser.value(seconds).toInt()) : parser.value(seconds).toInt();
    spin(3000);
    const quint64 sentBefore = load.sent();
    const quint64 appliedBefore = controller.snapshotsApplied();
    const double cpuBefore = cpuSeconds();
    const double guiBefore = threadCpuSeconds();
    const QByteArray source = generated ? QByteArray("churn-session") : QByteArray("daffi-router");
    const double routerBefore = threadCpuSeconds(source);
    const quint64 generatedJoins = generated ? generated->joins() : 0;
    const quint64 generatedLeaves = generated ? generated->leaves() : 0;
    if (pool && !pool->refresh())
        return poolFailed();
    const bench::MemberPool::Counts poolBefore = pool ? pool->counts() : bench::MemberPool::Counts{};
    const double poolCpuBefore = pool ? pool->cpuSeconds() : 0.0;
    const qint64 sampleFrom = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer wall;
    wall.start();
    measuring = true;
    exerciser.setMeasuring(true);
    if (isDemo) {
        // Let the charts gather history, then show a decoded msgpack call.
        spin(measureSeconds * 1000 - 1500);
        // Show the composer with an answered call, as an operator would have it.
        CallSpec spec;
        spec.function = QStringLiteral("reserve");
        spec.args = QStringLiteral("[{\"order\": 10431, \"sku\": \"MS-204\", \"qty\": 1}]");
        spec.timeout = 5;
        window->composerPane()->setSpec(spec);
        window->composerPane()->send();
        spin(1500);
        window->trafficPane()->view()->setFocus();
    } else {
        spin(measureSeconds * 1000);
    }
    measuring = false;
    exerciser.setMeasuring(false);
    const double elapsed = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    const double guiCpu = threadCpuSeconds() - guiBefore;
    const double routerCpu = threadCpuSeconds(source) - routerBefore;
    // The pool's figures are of the measured window too: a pool that died in it leaves no table.
    const double poolCpu = pool ? pool->cpuSeconds() - poolCpuBefore : 0.0;
    if (pool && !pool->refresh())
        return poolFailed();

    double frames = 0;
    int samples = 0;
    for (const RateStore::Point &p : controller.rates()->totals()) {
        if (p.timeMs > sampleFrom + 1000) {
            frames += double(p.messages);
            ++samples;
        }
    }
    if (!isDemo || !parser.isSet(screenshot)) {
        if (generated) {
            std::printf("daffi-console-bench: a generated network (no router, no sockets), %.0f s measured after 3 s warm-up\n",
                        elapsed);
        } else {
            std::printf("daffi-console-bench: %s, %s callers, %.0f s measured after 3 s warm-up\n",
                        parser.isSet(rpc) ? "rpc" : "rpc_nowait", qPrintable(parser.value(callers)), elapsed);
        }
        std::printf("  offered calls/s            %10.0f\n", parser.value(rate).toDouble());
        if (!generated)
            std::printf("  issued calls/s             %10.0f\n", double(load.sent() - sentBefore) / elapsed);
        std::printf("  routed frames/s (monitor)  %10.0f\n", samples ? frames / samples : 0.0);
        std::printf("  snapshots applied/s        %10.1f\n", double(controller.snapshotsApplied() - appliedBefore) / elapsed);
        std::printf("  process CPU (of 2 cores)   %9.0f%%\n", 100.0 * cpu / elapsed);
        if (pool || generated) {
            const bench::MemberPool::Counts c = pool ? pool->counts() : bench::MemberPool::Counts{};
            const quint64 joins = pool ? c.joins - poolBefore.joins : generated->joins() - generatedJoins;
            const quint64 leaves = pool ? c.leaves - poolBefore.leaves : generated->leaves() - generatedLeaves;
            std::printf("  members (steady)           %10d%s\n", memberCount, generated ? " (generated, no sockets)" : "");
            std::printf("  join storm s               %10.1f\n", setupSeconds);
            std::printf("  members listed (console)   %10d\n", controller.members()->liveCount());
            std::printf("  churn offered joins/s      %10.0f\n", churnRate);
            std::printf("  churn joins/s (achieved)   %10.1f\n", double(joins) / elapsed);
            std::printf("  churn leaves/s (achieved)  %10.1f\n", double(leaves) / elapsed);
            if (pool)
                std::printf("  members dropped by router  %10llu\n", static_cast<unsigned long long>(c.dropped));
            std::printf("  CPU s GUI thread           %10.2f\n", guiCpu);
            std::printf("  CPU s %-20s %10.2f\n", generated ? "snapshot thread" : "router thread", routerCpu);
            std::printf("  CPU s whole process        %10.2f\n", cpu);
            if (pool)
                std::printf("  CPU s member pool          %10.2f  (other process)\n", poolCpu);
        }
        std::printf("  %-26s %8s %8s %8s\n", "ms", "p50", "p99", "max");
        printRow("event-loop latency", loopLatency);
        printRow("full-window repaint", exerciser.allRepaints);
        if (exerciser.repaint.size() > 1) {
            for (const auto &[name, times] : exerciser.repaint)
                printRow(qPrintable(QStringLiteral("  repaint on %1").arg(name)), times);
        }
        printRow("snapshot apply (models)", apply);
        printRow("members sort (a column)", exerciser.sort);
        printRow("members filter", exerciser.filter);
        printRow("topology search", exerciser.search);
    }
    if (parser.isSet(screenshot)) {
        if (isDemo && window->tabs()->currentIndex() == 1) {
            // Select the newest msgpack call so the payload pane shows a decoded example.
            if (auto *follow = window->trafficPane()->findChild<QToolButton *>(QStringLiteral("followTraffic")))
                follow->setChecked(false);
            window->trafficPane()->view()->selectionModel()->clear();
            auto *model = window->trafficPane()->view()->model();
            for (int row = model->rowCount() - 1; row >= 0; --row) {
                const QModelIndex i = model->index(row, TrafficModel::Function);
                if (i.data().toString() == u"charge" && model->index(row, TrafficModel::Status).data().toString() == u"ok") {
                    window->trafficPane()->view()->selectionModel()->setCurrentIndex(
                        i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                    window->trafficPane()->view()->scrollTo(i);
                    break;
                }
            }
            spin(50);
        }
        if (parser.isSet(find)) {
            window->topologyPane()->searchField()->setText(parser.value(find));
            spin(300);
        }
        if (!window->grab().save(parser.value(screenshot), "PNG"))
            return 1;
    }
    return 0;
}
