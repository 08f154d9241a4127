// daffi-console-bench: how responsive the console stays while calls flow through its embedded
// router. Runs the real window (QT_QPA_PLATFORM=offscreen works), drives load from native clients
// on their own threads, and prints event-loop latency, full-window repaint time and batch apply
// time with the rate the router actually forwarded.
#include "loadgenerator.h"

#include <ui/composer/composerpane.h>
#include <ui/rates/ratestore.h>
#include <ui/traffic/trafficmodel.h>
#include <ui/traffic/trafficpane.h>
#include <ui/window/consolecontroller.h>
#include <ui/window/consolesettings.h>
#include <ui/window/mainwindow.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QUrl>

#include <sys/resource.h>

#include <cstdio>

using namespace daffi;
using namespace daffi::ui;

namespace {

struct Stats
{
    std::vector<double> values;
    void add(double v) { values.push_back(v); }
    double pct(double p)
    {
        if (values.empty())
            return 0;
        std::sort(values.begin(), values.end());
        return values[std::min(values.size() - 1, size_t(p / 100.0 * double(values.size())))];
    }
    double max() { return values.empty() ? 0 : *std::max_element(values.begin(), values.end()); }
};

void spin(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("daffi-console-bench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Offered calls/s in total (default 50000)."), QStringLiteral("n"), QStringLiteral("50000"));
    const QCommandLineOption callers(QStringLiteral("callers"), QStringLiteral("Caller clients, each on its own thread (default 4)."), QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Measured seconds after a 3 s warm-up (default 15)."), QStringLiteral("s"), QStringLiteral("15"));
    const QCommandLineOption rpc(QStringLiteral("rpc"), QStringLiteral("Callers use rpc (request + answer) instead of rpc_nowait."));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Varied, moderate traffic for screenshots instead of a flood."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save the window as PNG at the end."), QStringLiteral("file"));
    const QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Tab to show: members, traffic, rates, topology."), QStringLiteral("name"), QStringLiteral("traffic"));
    parser.addOptions({rate, callers, seconds, rpc, demo, screenshot, tab});
    parser.process(app);

    QTemporaryDir dir;
    ConsoleSettings::setFile(dir.filePath(QStringLiteral("bench.ini")));
    ConsoleController controller;
    StartOptions options;
    options.port = 0;
    options.language = QStringLiteral("en");
    controller.start(options);
    MainWindow *window = controller.window();
    window->resize(1440, 860);
    const QStringList tabs{QStringLiteral("members"), QStringLiteral("traffic"), QStringLiteral("rates"), QStringLiteral("topology")};
    window->tabs()->setCurrentIndex(std::max<int>(0, int(tabs.indexOf(parser.value(tab)))));
    window->show();
    for (int i = 0; i < 500 && !controller.session()->isUp(); ++i)
        spin(10);
    if (!controller.session()->isUp()) {
        std::fprintf(stderr, "the embedded router did not start\n");
        return 1;
    }
    const quint16 port = quint16(QUrl(controller.hostedSession()->urls().first()).port());

    bench::LoadGenerator load(port);
    const bool isDemo = parser.isSet(demo);
    if (isDemo) {
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
    bool ready = false;
    QTimer::singleShot(0, [&] { ready = load.waitReady(15000); });
    spin(100);
    for (int i = 0; i < 1500 && !ready; ++i)
        spin(10);
    if (!ready) {
        std::fprintf(stderr, "the load nodes did not join\n");
        return 1;
    }
    load.start();

    Stats loopLatency, repaint, apply;
    bool measuring = false;
    QElapsedTimer last;
    last.start();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double late = double(last.nsecsElapsed()) / 1e6 - 10.0;
        last.restart();
        if (measuring)
            loopLatency.add(std::max(0.0, late));
    });
    probe.start(10);
    QTimer painter;
    QObject::connect(&painter, &QTimer::timeout, [&] {
        QElapsedTimer t;
        t.start();
        controller.window()->repaint();
        if (measuring)
            repaint.add(double(t.nsecsElapsed()) / 1e6);
    });
    painter.start(200);
    QObject::connect(&controller, &ConsoleController::snapshotApplied, [&] {
        if (measuring)
            apply.add(double(controller.lastApplyMicroseconds()) / 1000.0);
    });

    const int measureSeconds = isDemo ? std::max(5, parser.value(seconds).toInt()) : parser.value(seconds).toInt();
    spin(3000);
    const quint64 sentBefore = load.sent();
    const quint64 appliedBefore = controller.snapshotsApplied();
    const double cpuBefore = cpuSeconds();
    const qint64 sampleFrom = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer wall;
    wall.start();
    measuring = true;
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
    const double elapsed = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;

    double frames = 0;
    int samples = 0;
    for (const RateStore::Point &p : controller.rates()->totals()) {
        if (p.timeMs > sampleFrom + 1000) {
            frames += double(p.messages);
            ++samples;
        }
    }
    if (!isDemo || !parser.isSet(screenshot)) {
        std::printf("daffi-console-bench: %s, %s callers, %.0f s measured after 3 s warm-up\n",
                    parser.isSet(rpc) ? "rpc" : "rpc_nowait", qPrintable(parser.value(callers)), elapsed);
        std::printf("  offered calls/s            %10.0f\n", parser.value(rate).toDouble());
        std::printf("  issued calls/s             %10.0f\n", double(load.sent() - sentBefore) / elapsed);
        std::printf("  routed frames/s (monitor)  %10.0f\n", samples ? frames / samples : 0.0);
        std::printf("  snapshots applied/s        %10.1f\n", double(controller.snapshotsApplied() - appliedBefore) / elapsed);
        std::printf("  process CPU (of 2 cores)   %9.0f%%\n", 100.0 * cpu / elapsed);
        std::printf("  %-26s %8s %8s %8s\n", "ms", "p50", "p99", "max");
        std::printf("  %-26s %8.2f %8.2f %8.2f\n", "event-loop latency", loopLatency.pct(50), loopLatency.pct(99), loopLatency.max());
        std::printf("  %-26s %8.2f %8.2f %8.2f\n", "full-window repaint", repaint.pct(50), repaint.pct(99), repaint.max());
        std::printf("  %-26s %8.2f %8.2f %8.2f\n", "snapshot apply (models)", apply.pct(50), apply.pct(99), apply.max());
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
        if (!window->grab().save(parser.value(screenshot), "PNG"))
            return 1;
    }
    return 0;
}
