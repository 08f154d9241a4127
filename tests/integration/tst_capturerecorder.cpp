// A recording router under load: real router, real clients, real files and FIFOs. Nothing is
// lost while the writer keeps up; when it cannot (a reader that drains a FIFO slowly), the file
// says how much was dropped, and what it holds plus what it dropped is everything the router saw.
#include "nodetestutil.h"

#include <core/capture/capture.h>
#include <core/capture/capturerecorder.h>
#include <core/monitor/monitor.h>
#include <core/node/routerhost.h>

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <atomic>
#include <csignal>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace daffi;
using namespace nodetest;

namespace {

// Reads a FIFO on a thread of its own, pausing between reads (a disk that cannot keep up), or
// closing it after `closeAfter` bytes (a reader that goes away). A held reader opens the FIFO but
// reads nothing until release(): a disk that stalls outright.
class FifoReader
{
public:
    enum Start { Reading, Held };
    FifoReader(const QString &path, int pauseUs, qint64 closeAfter = -1, Start start = Reading)
        : m_held(start == Held)
    {
        m_thread = std::thread([this, path, pauseUs, closeAfter] {
            const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
            if (fd < 0)
                return;
            while (m_held)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            char buffer[4096];
            for (;;) {
                const ssize_t n = ::read(fd, buffer, sizeof buffer);
                if (n <= 0)
                    break;
                m_bytes.append(buffer, qsizetype(n));
                if (closeAfter >= 0 && m_bytes.size() >= closeAfter)
                    break;
                if (pauseUs)
                    std::this_thread::sleep_for(std::chrono::microseconds(pauseUs));
            }
            ::close(fd);
            m_done = true;
        });
    }
    ~FifoReader() { join(); }
    void release() { m_held = false; }
    QByteArray join()
    {
        release();
        if (m_thread.joinable())
            m_thread.join();
        return m_bytes;
    }
    bool done() const { return m_done; }

private:
    std::thread m_thread;
    QByteArray m_bytes;
    std::atomic<bool> m_held;
    std::atomic<bool> m_done{false};
};

} // namespace

class TestCaptureRecorder : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RouterHost> m_host;
    std::unique_ptr<Monitor> m_monitor;
    std::unique_ptr<Client> m_worker;
    std::unique_ptr<Client> m_caller;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    CaptureRecorder::Options options(const QString &file) const
    {
        CaptureRecorder::Options o;
        o.path = file;
        o.info.source = QStringLiteral("tst_capturerecorder");
        o.info.listen = m_host->urls();
        return o;
    }

    std::unique_ptr<Client> client(const QByteArray &name, bool worker)
    {
        Client::Options o;
        o.name = name;
        o.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), m_host->listener()->port());
        auto c = std::make_unique<Client>(o);
        if (worker) {
            c->addCallback("add", adder());
            c->addCallback("sink", [](const Payload &p) { return p; });
        }
        const auto started = await(c->start());
        return started && started->ok() ? std::move(c) : nullptr;
    }

    // `nowait` rpc_nowait calls with a payload of `bytes`, then `rpcs` add calls (answered).
    enum class Fill { Repeated, Random };   // Random: what zstd cannot shrink
    void load(int nowait, int rpcs, int bytes = 16, Fill fill = Fill::Repeated)
    {
        QByteArray data(bytes, 'x');
        if (fill == Fill::Random)
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), bytes / 4);
        const Payload payload{Serde::Opaque, true, data};
        const quint64 before = m_monitor->totals().calls;
        for (int i = 0; i < nowait; ++i)
            m_caller->rpcNowait("sink", payload, {"w1", {}});
        QVERIFY(waitUntil([&] { return m_monitor->totals().calls >= before + quint64(nowait); }, 60000));
        std::vector<QFuture<CallResult>> answers;
        for (int i = 0; i < rpcs; ++i)
            answers.push_back(m_caller->rpc("add", args(Serde::Json, {i, 1}), {"w1", 10.0}));
        for (auto &f : answers) {
            const auto r = await(f);
            QVERIFY(r && r->ok());
        }
    }

private Q_SLOTS:
    void initTestCase() { std::signal(SIGPIPE, SIG_IGN); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_host = std::make_unique<RouterHost>();
        QString error;
        QVERIFY2(m_host->listen(Listener::Options{}, &error), qPrintable(error));
        Monitor::Options mo;
        mo.payloadRetention = -1;   // the recorder takes frames from the sink, not the ring
        mo.sampleIntervalMs = 100;
        m_monitor = std::make_unique<Monitor>(m_host->router(), mo);
        m_worker = client("w1", true);
        QVERIFY(m_worker);
    }

    void cleanup()
    {
        m_caller.reset();
        m_worker.reset();
        m_monitor.reset();
        m_host.reset();
        m_dir.reset();
    }

    void keepingUpLosesNothing()
    {
        CaptureRecorder recorder(m_monitor.get(), options(path(QStringLiteral("all.dcap"))));
        QString error;
        QVERIFY2(recorder.start(&error), qPrintable(error));
        m_caller = client("caller", false);   // joins while recording: a joined event
        QVERIFY(m_caller);
        load(30000, 500);
        QVERIFY(waitUntil([&] { return m_monitor->totals().calls == 30500 && m_monitor->answers(0, 1).lastSeq == 500; }));
        const QString summary = recorder.finish();
        QVERIFY2(summary.contains(QStringLiteral("records were written")), qPrintable(summary));
        QCOMPARE(recorder.status().dropped.total(), 0u);

        auto c = Capture::load(path(QStringLiteral("all.dcap")));
        QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
        QVERIFY2(c->stopped.isEmpty(), qPrintable(c->stopped));
        QCOMPARE(c->calls.size(), size_t(30500));
        QCOMPARE(c->dropped.total(), 0u);
        for (size_t i = 0; i < c->calls.size(); ++i)
            QCOMPARE(c->calls[i].seq, quint64(i + 1));
        int answered = 0;
        for (const Monitor::CallRecord &r : c->calls) {
            QVERIFY(r.request.isValid());
            if (r.function == "add") {
                QCOMPARE(r.status, Monitor::Status::Ok);
                QVERIFY(r.reply.isValid() && r.latencyUs);
                ++answered;
            } else {
                QCOMPARE(r.status, Monitor::Status::Sent);
                QCOMPARE(r.request.dataBytes(), QByteArray(16, 'x'));
            }
        }
        QCOMPARE(answered, 500);
        QCOMPARE(c->members.size(), size_t(1));   // w1 was there when recording began
        QCOMPARE(c->members[0].name, QByteArray("w1"));
        QVERIFY(std::any_of(c->events.cbegin(), c->events.cend(), [](const EventLog::Event &e) {
            return e.kind == EventLog::Kind::Joined && e.member == "caller";
        }));
        QVERIFY(c->stats);
        QCOMPARE(c->stats->totals.calls, 30500u);   // the last counters, written at the end
        QVERIFY(std::any_of(c->stats->functions.cbegin(), c->stats->functions.cend(),
                            [](const Monitor::FunctionView &f) { return f.name == "add" && f.stats.calls == 500; }));
        QCOMPARE(c->info.source, QStringLiteral("tst_capturerecorder"));
    }

    void aSlowWriterDropsAndCountsButNeverStallsRouting()
    {
        const QString fifo = path(QStringLiteral("slow.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        // A reader that reads nothing while the calls are routed, then 4 KiB every 2 ms: whatever
        // the machine's speed, 40,000 records of incompressible data outgrow the pipe and the queue.
        FifoReader reader(fifo, 2000, -1, FifoReader::Held);
        CaptureRecorder::Options o = options(fifo);
        o.queueRecords = 1000;
        CaptureRecorder recorder(m_monitor.get(), o);
        QString error;
        QVERIFY2(recorder.start(&error), qPrintable(error));
        m_caller = client("caller", false);
        QVERIFY(m_caller);
        QElapsedTimer routing;
        routing.start();
        load(40000, 200, 200, Fill::Random);
        const qint64 routedMs = routing.elapsed();
        QVERIFY(recorder.status().dropped.calls > 0);
        reader.release();
        recorder.finish();
        const CaptureRecorder::Status status = recorder.status();
        const QByteArray bytes = reader.join();

        QFile out(path(QStringLiteral("slow.dcap")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        auto c = Capture::load(out.fileName());
        QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
        QVERIFY2(c->stopped.isEmpty(), qPrintable(c->stopped));
        // What the file holds plus what it says it dropped is every call the router forwarded.
        QCOMPARE(quint64(c->calls.size()) + c->dropped.calls, m_monitor->totals().calls);
        QCOMPARE(c->dropped.calls, status.dropped.calls);
        QVERIFY(c->end);
        QCOMPARE(c->end->dropped.calls, status.dropped.calls);
        qInfo("routed 40200 calls in %lld ms while recording to a slow reader: %llu kept, %llu dropped", routedMs,
              quint64(c->calls.size()), c->dropped.calls);
    }

    void aWriteThatFailsStopsTheRecordingNotTheRouter()
    {
        // A full disk from the first byte: the recording cannot start, and says why.
        CaptureRecorder full(m_monitor.get(), options(QStringLiteral("/dev/full")));
        QString error;
        QVERIFY(!full.start(&error));
        QVERIFY2(error.contains(QStringLiteral("No space left on device")), qPrintable(error));
        QCOMPARE(m_monitor->sink(), nullptr);

        // A reader that goes away in the middle: the writer's next write fails.
        const QString fifo = path(QStringLiteral("gone.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        FifoReader reader(fifo, 0, 8192);
        CaptureRecorder recorder(m_monitor.get(), options(fifo));
        QSignalSpy finished(&recorder, &CaptureRecorder::finished);
        QVERIFY2(recorder.start(&error), qPrintable(error));
        m_caller = client("caller", false);
        QVERIFY(m_caller);
        load(20000, 10, 100);
        QVERIFY(waitUntil([&] { return finished.count() == 1; }));
        const QString summary = finished.at(0).at(0).toString();
        QVERIFY2(summary.contains(QStringLiteral("cannot write")), qPrintable(summary));
        QVERIFY(!recorder.isRecording());
        QCOMPARE(m_monitor->sink(), nullptr);
        QVERIFY(!recorder.status().error.isEmpty());
        // Routing goes on.
        const auto r = await(m_caller->rpc("add", args(Serde::Json, {2, 3}), {"w1", 10.0}));
        QVERIFY(r && r->ok());
        QCOMPARE(value(*r).toInteger(), 5);
    }

    void aRingKeepsTheNewestFilesEachCompleteInItself()
    {
        const QString base = path(QStringLiteral("ring.dcap"));
        CaptureRecorder::Options o = options(base);
        o.maxBytes = 48 * 1024;
        o.rotate = 3;
        CaptureRecorder recorder(m_monitor.get(), o);
        QString error;
        QVERIFY2(recorder.start(&error), qPrintable(error));
        m_caller = client("caller", false);
        QVERIFY(m_caller);
        // Payloads that do not compress, so that the files fill; all at once, so that the writer
        // may well take them in one batch (800 kB against files of 48 kB).
        for (int i = 0; i < 200; ++i) {
            QByteArray noise(4000, Qt::Uninitialized);
            for (char &ch : noise)
                ch = char(QRandomGenerator::global()->bounded(256));
            m_caller->rpcNowait("sink", Payload{Serde::Opaque, true, noise}, {"w1", {}});
        }
        QVERIFY(waitUntil([&] { return m_monitor->totals().calls >= 200; }));
        recorder.finish();
        const int files = recorder.status().files;
        QVERIFY2(files > 3, qPrintable(QString::number(files)));
        QStringList present = QDir(m_dir->path()).entryList({QStringLiteral("ring-*.dcap")}, QDir::Files, QDir::Name);
        QCOMPARE(present, (QStringList{QFileInfo(CaptureRecorder::partPath(base, files - 2)).fileName(),
                                       QFileInfo(CaptureRecorder::partPath(base, files - 1)).fileName(),
                                       QFileInfo(CaptureRecorder::partPath(base, files)).fileName()}));
        quint64 previousLast = 0;
        for (int part = files - 2; part <= files; ++part) {
            auto c = Capture::load(CaptureRecorder::partPath(base, part));
            QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
            QVERIFY2(c->stopped.isEmpty(), qPrintable(c->stopped));
            QCOMPARE(c->info.part, part);
            // Each file knows who was there, though they joined in the first one.
            QStringList names;
            for (const MemberInfo &m : c->members)
                names << QString::fromUtf8(m.name);
            names.sort();
            QCOMPARE(names, (QStringList{QStringLiteral("caller"), QStringLiteral("w1")}));
            QVERIFY(c->stats);
            if (part < files) {
                QVERIFY(c->end->reason.contains(QFileInfo(CaptureRecorder::partPath(base, part + 1)).fileName()));
                // It ends with the record that takes it past its limit, whatever the batch.
                const qint64 size = QFileInfo(CaptureRecorder::partPath(base, part)).size();
                QVERIFY2(size >= o.maxBytes && size < o.maxBytes + 8 * 1024, qPrintable(QString::number(size)));
            }
            if (!c->calls.empty()) {
                if (previousLast)
                    QCOMPARE(c->calls.front().seq, previousLast + 1);   // the ring goes on without a gap
                previousLast = c->calls.back().seq;
            }
        }
        QCOMPARE(previousLast, m_monitor->totals().calls);
    }

    void aSizeLimitWithoutARingStopsTheRecording()
    {
        CaptureRecorder::Options o = options(path(QStringLiteral("limited.dcap")));
        o.maxBytes = 8 * 1024;
        CaptureRecorder recorder(m_monitor.get(), o);
        QSignalSpy finished(&recorder, &CaptureRecorder::finished);
        QString error;
        QVERIFY2(recorder.start(&error), qPrintable(error));
        m_caller = client("caller", false);
        QVERIFY(m_caller);
        // 600 kB that does not compress, against 8 kB, sent at once: the file ends with the call
        // that takes it past its limit, not with the batch that call came in.
        for (int i = 0; i < 3000; ++i) {
            QByteArray noise(200, Qt::Uninitialized);
            for (char &ch : noise)
                ch = char(QRandomGenerator::global()->bounded(256));
            m_caller->rpcNowait("sink", Payload{Serde::Opaque, true, noise}, {"w1", {}});
        }
        QVERIFY(waitUntil([&] { return finished.count() == 1; }));
        QVERIFY2(finished.at(0).at(0).toString().contains(QStringLiteral("size limit")), qPrintable(finished.at(0).at(0).toString()));
        QVERIFY(!recorder.isRecording());
        auto c = Capture::load(o.path);
        QVERIFY(c);
        QVERIFY(c->stopped.isEmpty());
        QVERIFY(c->end && c->end->reason.contains(QStringLiteral("size limit")));
        QVERIFY2(c->calls.size() < 60, qPrintable(QString::number(c->calls.size())));   // ~250 bytes each
        const qint64 size = QFileInfo(o.path).size();
        QVERIFY2(size >= o.maxBytes && size < o.maxBytes + 1024, qPrintable(QString::number(size)));
    }
};

QTEST_GUILESS_MAIN(TestCaptureRecorder)
#include "tst_capturerecorder.moc"
