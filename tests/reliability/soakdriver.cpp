// daffi-soak: N clients, each making calls through a router with a random style and serde,
// against workers running `daffi-call serve`. Every call carries a unique token; rpc and cast
// answers must echo it and come from the worker addressed (a pinned rpc from that one, a cast
// entry from its target), and every token sent fire-and-forget (or streamed) must be collected
// by the workers exactly as often as expected: none lost, none duplicated. Every call is tracked
// from start to end: it must end once, within its deadline. Prints one JSON line.
//
// --calls M makes M calls per client; --duration S makes calls for S seconds instead. --churn
// says workers and the router come and go meanwhile: failed calls and fire-and-forget tokens
// that never arrived are counted (and each failure written to --error-log with its times, for
// the caller to match against its outages) but are not failures of the run; a wrong answer, a
// call answered twice, a duplicate, a call that overran its deadline or never ended still are.
#include <core/node/client.h>
#include <core/protocol/json.h>

#include <QCborArray>
#include <QCborMap>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

#include <array>
#include <chrono>
#include <cstdio>
#include <memory>

using namespace daffi;

namespace {

constexpr int StreamChunks = 3;
constexpr int Slots = 8;                   // per call: stream chunks, or cast_nowait workers
constexpr qint64 DeadlineSlackMs = 1000;   // timers, scheduling and a busy 2-core machine
constexpr int RetryPauseMs = 20;           // after a failed call (churn): no spinning on a dead link

// CLOCK_MONOTONIC, the clock Python's time.monotonic() reads: error times compare with outages.
qint64 nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

struct Settings
{
    Endpoint endpoint;
    int clients = 20;
    qint64 calls = 2500;      // per client, when duration is 0
    double duration = 0;      // seconds of calls per client
    double deadline = 60;     // seconds, per call (per chunk for streams, per target for casts)
    int depth = 4;
    QByteArrayList workers;
    quint32 seed = 1;
    bool churn = false;
    QString errorLog;
    QStringList collectLogs;   // per worker: read these instead of asking the workers
};

struct Totals
{
    qint64 calls = 0;         // operations started
    qint64 answered = 0;      // rpc / cast / stream completions that were correct
    qint64 wrong = 0;         // answers that did not echo their token or came from another worker
    qint64 failed = 0;        // calls that ended in an error
    qint64 answeredTwice = 0; // completions for a call that had already ended
    qint64 late = 0;          // calls that ended after their deadline (plus slack)
    qint64 maxMs = 0;         // longest start-to-end time of any call
    qint64 unstarted = 0;     // clients that could not connect at first
    qint64 reconnects = 0;    // Ready again after the first time, over all clients
    QHash<QString, qint64> errors;   // "style Status/Reason" -> count
    qint64 wanted = 0;        // slots the workers must collect, over all records
    QStringList problems;
};

// What one call sent to `collect` and how often each part came back, by slot: slot 0 for
// rpc_nowait, the chunk of a stream, the worker (in --workers order) of a cast_nowait. A dozen
// bytes a call, so that a long churn of millions of calls stays small.
struct Record
{
    enum Kind : quint8 { Answered, RpcNowait, CastNowait, Stream, StreamNowait };   // Answered: nothing collected
    Kind kind = Answered;
    bool failed = false;          // the caller was told: each part arrives at most once
    bool acknowledged = false;    // a stream whose every chunk the worker acknowledged
    std::array<quint8, Slots> seen{};
};

// "c<client>-<call>" or "c<client>-<call>.<chunk>"; nullopt for anything else.
struct TokenParts
{
    qsizetype client;
    qsizetype call;
    int chunk;   // -1: none
};

std::optional<TokenParts> parseToken(const QString &token)
{
    static const QRegularExpression rx(QStringLiteral("^c(\\d+)-(\\d+)(?:\\.(\\d+))?$"));
    const auto m = rx.match(token);
    if (!m.hasMatch())
        return std::nullopt;
    return TokenParts{m.captured(1).toLongLong(), m.captured(2).toLongLong(), m.hasCaptured(3) ? m.captured(3).toInt() : -1};
}

struct OpenCall
{
    qint64 startMs;
    qint64 boundMs;
    const char *style;
    QString token;
    size_t client;
    qint64 call;
};

Payload encode(Serde serde, const QString &token)
{
    if (serde == Serde::Opaque)
        return Payload{Serde::Opaque, false, token.toUtf8()};
    return *envelope::encodeCall(serde, CallArgs{QCborArray{token}, {}});
}

bool echoes(const CallResult &r, const QString &token)
{
    if (!r.ok())
        return false;
    if (r.payload.serde == Serde::Opaque)
        return r.payload.data == token.toUtf8();
    auto v = envelope::decodeResult(r.payload.serde, r.payload.isBytes, r.payload.data);
    return v && v->toString() == token;
}

class Driver : public QObject
{
public:
    explicit Driver(Settings settings)
        : m_s(std::move(settings)), m_workers(m_s.workers.size()), m_rng(m_s.seed)
    {
        for (int i = 0; i < m_s.clients; ++i) {
            Client::Options o;
            o.name = QByteArray("soak-") + QByteArray::number(i);
            o.endpoint = m_s.endpoint;
            m_clients.push_back(std::make_unique<Client>(o));
            m_next.push_back(0);
            m_records.emplace_back();
            connect(m_clients.back().get(), &Client::stateChanged, this, [this, i](Client::State state) {
                if (state == Client::State::Ready && m_ready.contains(int(i)))
                    ++m_totals.reconnects;
                if (state == Client::State::Ready)
                    m_ready.insert(int(i));
            });
        }
        if (!m_s.errorLog.isEmpty()) {
            m_errorLog.setFileName(m_s.errorLog);
            if (!m_errorLog.open(QIODevice::WriteOnly | QIODevice::Truncate))
                problem(QStringLiteral("cannot write %1: %2").arg(m_s.errorLog, m_errorLog.errorString()));
        }
    }

    void start()
    {
        m_timer.start();
        m_running = int(m_clients.size());
        for (size_t i = 0; i < m_clients.size(); ++i) {
            m_clients[i]->start().then(this, [this, i](const CallResult &r) {
                if (!r.ok()) {
                    ++m_totals.unstarted;
                    m_totals.problems << QStringLiteral("client %1 could not start: %2").arg(i).arg(r.message);
                    return finishClient();
                }
                m_clients[i]->waitForMembers(m_s.workers, 10).then(this, [this, i](bool present) {
                    if (!present)
                        problem(QStringLiteral("client %1 does not see every worker").arg(i));
                    m_inflightSlots[i] = m_s.depth;   // each slot is a chain of calls that ends once
                    for (int k = 0; k < m_s.depth; ++k)
                        issue(i);
                });
            });
        }
        if (m_s.duration > 0) {
            // Every call ends within its bound after the last one starts; past that, what is still
            // open hangs: report it rather than wait for it.
            const qint64 watchdog = qint64(m_s.duration * 1000) + boundMs(StreamChunks) + 5 * DeadlineSlackMs + 10000;
            QTimer::singleShot(std::chrono::milliseconds(watchdog), this, [this] {
                if (!m_verifying) {
                    problem(QStringLiteral("%1 calls still open at the watchdog").arg(m_open.size()));
                    beginVerify();
                }
            });
        }
    }

private:
    qint64 boundMs(int sequential) const { return qint64(m_s.deadline * 1000) * sequential; }

    bool more(size_t i) const
    {
        if (m_s.duration > 0)
            return m_timer.elapsed() < qint64(m_s.duration * 1000);
        return m_next[i] < m_s.calls;
    }

    // The call `id` begins; end() must be reached exactly once for it.
    qint64 begin(const char *style, const QString &token, int sequential, size_t client, qint64 call)
    {
        const qint64 id = ++m_lastId;
        m_open.insert(id, OpenCall{nowMs(), boundMs(sequential), style, token, client, call});
        return id;
    }

    // False when the call had already ended: it was answered twice.
    bool end(qint64 id)
    {
        auto it = m_open.find(id);
        if (it == m_open.end()) {
            ++m_totals.answeredTwice;
            problem(QStringLiteral("call %1 ended a second time").arg(id));
            return false;
        }
        const qint64 took = nowMs() - it->startMs;
        m_totals.maxMs = std::max(m_totals.maxMs, took);
        if (took > it->boundMs + DeadlineSlackMs) {
            ++m_totals.late;
            problem(QStringLiteral("%1 %2 took %3 ms (deadline %4 ms)").arg(QLatin1String(it->style), it->token).arg(took).arg(it->boundMs));
        }
        m_ended = *it;
        m_endedFailed = false;
        m_open.erase(it);
        return true;
    }

    void issue(size_t i)
    {
        if (!more(i)) {
            if (--m_inflightSlots[i] == 0)
                finishClient();
            return;
        }
        const qint64 j = m_next[i]++;
        ++m_totals.calls;
        Client &c = *m_clients[i];
        const QString token = QStringLiteral("c%1-%2").arg(i).arg(j);
        Record &record = m_records[i].emplace_back();
        const Serde serdes[] = {Serde::Json, Serde::Msgpack, Serde::Opaque};
        const Serde serde = serdes[m_rng.bounded(3)];
        const int style = int(m_rng.bounded(6));
        auto done = [this, i] {
            if (m_s.churn && m_endedFailed)
                QTimer::singleShot(RetryPauseMs, this, [this, i] { issue(i); });
            else
                issue(i);
        };
        const Client::CallOptions options{{}, m_s.deadline};
        switch (style) {
        case 0: {
            // Half the rpcs name their worker: the answer must come from that one.
            const QByteArray pinned = m_rng.bounded(2) ? m_s.workers[m_rng.bounded(int(m_workers))] : QByteArray();
            const char *name = pinned.isEmpty() ? "rpc" : "rpc_pinned";
            const qint64 id = begin(name, token, 1, i, j);
            c.rpc("echo", encode(serde, token), {pinned, m_s.deadline}).then(this, [=, this](const CallResult &r) {
                if (!end(id))
                    return;
                if (check(r, token, name) && !answeredBy(r, pinned)) {
                    --m_totals.answered;
                    wrongAnswer(QStringLiteral("%1 %2 to %3 answered by %4").arg(QLatin1String(name), token,
                                    QString::fromUtf8(pinned), QString::fromUtf8(r.receiver)));
                }
                done();
            });
            break;
        }
        case 1: {
            record.kind = Record::RpcNowait;
            m_totals.wanted += 1;
            const qint64 id = begin("rpc_nowait", token, 1, i, j);
            c.rpcNowait("collect", encode(serde, token), options).then(this, [=, this](const CallResult &r) {
                if (!end(id))
                    return;
                queued(r, "rpc_nowait");
                done();
            });
            break;
        }
        case 2: {
            const qint64 id = begin("cast", token, 1, i, j);
            c.cast("echo", encode(serde, token), {{}, m_s.deadline}).then(this, [=, this](const CastResult &cast) {
                if (!end(id))
                    return;
                if (!m_s.churn && cast.results.size() != m_workers)
                    problem(QStringLiteral("cast %1 reached %2 workers, not %3").arg(token).arg(cast.results.size()).arg(m_workers));
                if (cast.status != CallResult::Status::Ok)
                    fail("cast", CallResult::failure(cast.status, cast.reason, cast.message));
                for (const auto &[target, r] : cast.results) {
                    if (check(r, token, "cast") && r.receiver != target) {
                        --m_totals.answered;
                        wrongAnswer(QStringLiteral("cast %1 to %2 answered by %3").arg(token, QString::fromUtf8(target),
                                                                                       QString::fromUtf8(r.receiver)));
                    }
                }
                done();
            });
            break;
        }
        case 3: {
            record.kind = Record::CastNowait;
            m_totals.wanted += m_workers;
            const qint64 id = begin("cast_nowait", token, 1, i, j);
            c.castNowait("collect", encode(serde, token), {{}, m_s.deadline}).then(this, [=, this](const CastResult &cast) {
                if (!end(id))
                    return;
                if (cast.status != CallResult::Status::Ok)
                    fail("cast_nowait", CallResult::failure(cast.status, cast.reason, cast.message));
                for (const auto &[target, r] : cast.results) {
                    if (!r.ok())
                        fail("cast_nowait", r);
                }
                done();
            });
            break;
        }
        default: {
            const bool nowait = style == 5;
            const char *name = nowait ? "stream_nowait" : "stream";
            auto index = std::make_shared<int>(0);
            record.kind = nowait ? Record::StreamNowait : Record::Stream;
            m_totals.wanted += StreamChunks;
            Client::Generator next = [index, token, serde]() -> std::optional<Payload> {
                if (*index >= StreamChunks)
                    return std::nullopt;
                return encode(serde, token + QStringLiteral(".%1").arg((*index)++));
            };
            const qint64 id = begin(name, token, StreamChunks, i, j);
            auto future = nowait ? c.streamNowait("collect", next, options) : c.stream("collect", next, options);
            future.then(this, [=, this](const CallResult &r) {
                if (!end(id))
                    return;
                queued(r, name);
                if (r.ok() && !nowait)
                    m_records[i][j].acknowledged = true;
                done();
            });
            break;
        }
        }
    }

    // Who answered must be a worker we run, and the one named when the call named one.
    bool answeredBy(const CallResult &r, const QByteArray &pinned) const
    {
        return pinned.isEmpty() ? m_s.workers.contains(r.receiver) : r.receiver == pinned;
    }

    // True when the answer echoed the token.
    bool check(const CallResult &r, const QString &token, const char *style)
    {
        if (!r.ok()) {
            fail(style, r);
            return false;
        }
        if (!echoes(r, token)) {
            wrongAnswer(QStringLiteral("%1 %2 answered something else").arg(QLatin1String(style), token));
            return false;
        }
        ++m_totals.answered;
        return true;
    }

    void queued(const CallResult &r, const char *style)
    {
        if (r.ok())
            ++m_totals.answered;
        else
            fail(style, r);
    }

    void wrongAnswer(const QString &what)
    {
        ++m_totals.wrong;
        problem(what);
    }

    // Called right after end(): m_ended is the call that failed.
    void fail(const char *style, const CallResult &r)
    {
        ++m_totals.failed;
        m_endedFailed = true;
        m_records[m_ended.client][m_ended.call].failed = true;
        const QString kind = CallResult::statusName(r.status) + QLatin1Char('/') + CallResult::reasonName(r.reason);
        ++m_totals.errors[QLatin1String(style) + QLatin1Char(' ') + kind];
        problem(QStringLiteral("%1 %2: %3").arg(QLatin1String(style), m_ended.token, r.message));
        if (m_errorLog.isOpen()) {
            QCborMap line;
            line.insert(QStringLiteral("start_ms"), m_ended.startMs);
            line.insert(QStringLiteral("end_ms"), nowMs());
            line.insert(QStringLiteral("style"), QLatin1String(style));
            line.insert(QStringLiteral("kind"), kind);
            line.insert(QStringLiteral("receiver"), QString::fromUtf8(r.receiver));
            m_errorLog.write(json::write(line) + '\n');
        }
    }

    void problem(const QString &what)
    {
        if (m_totals.problems.size() < 20)
            m_totals.problems << what;
    }

    void finishClient()
    {
        if (--m_running > 0)
            return;
        beginVerify();
    }

    void beginVerify()
    {
        if (m_verifying)
            return;
        m_verifying = true;
        m_callSeconds = double(m_timer.elapsed()) / 1000.0;
        m_deadline.start();
        verify();
    }

    // Fire-and-forget calls are done when queued: poll the workers until every token arrived
    // (or, under churn, until no more arrive; or the deadline), then compare counts exactly.
    void verify()
    {
        if (!m_s.collectLogs.isEmpty())
            return readCollectLogs();
        Client &c = *m_clients.front();
        c.cast("collected", encode(Serde::Json, QString()), {{}, 60}).then(this, [this](const CastResult &cast) {
            Tally tally(*this);
            for (const auto &[target, r] : cast.results) {
                auto v = envelope::decodeResult(r.payload.serde, r.payload.isBytes, r.payload.data);
                if (!r.ok() || !v || !v->isArray()) {
                    problem(QStringLiteral("collected from %1 failed: %2").arg(QString::fromUtf8(target), r.message));
                    continue;
                }
                const qsizetype worker = m_s.workers.indexOf(target);
                for (const QCborValue &item : v->toArray())
                    tally.add(worker, item.toString());
            }
            counted(tally);
        });
    }

    // What `daffi-call serve --collect-log` wrote, one file per worker in --workers order: unlike
    // a worker's memory, it survives the worker being killed and restarted. Read a line at a time:
    // a long churn collects tens of millions of tokens.
    void readCollectLogs()
    {
        Tally tally(*this);
        for (qsizetype w = 0; w < m_s.collectLogs.size() && w < m_workers; ++w) {
            QFile file(m_s.collectLogs[w]);
            if (!file.open(QIODevice::ReadOnly)) {
                problem(QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
                continue;
            }
            while (!file.atEnd()) {
                if (auto item = json::parse(file.readLine().trimmed()); item)
                    tally.add(w, item->toString());
            }
        }
        counted(tally);
    }

    int expectedSlots(Record::Kind kind) const
    {
        switch (kind) {
        case Record::Answered: return 0;
        case Record::RpcNowait: return 1;
        case Record::CastNowait: return int(m_workers);
        case Record::Stream:
        case Record::StreamNowait: return StreamChunks;
        }
        return 0;
    }

    // One pass over everything the workers collected, into the records' seen counts.
    struct Tally
    {
        explicit Tally(Driver &d) : driver(d)
        {
            for (auto &records : driver.m_records) {
                for (Record &r : records)
                    r.seen.fill(0);
            }
        }

        void add(qsizetype worker, const QString &token)
        {
            const auto t = parseToken(token);
            auto &all = driver.m_records;
            Record *r = t && t->client < qsizetype(all.size()) && t->call < qsizetype(all[t->client].size())
                        ? &all[t->client][t->call] : nullptr;
            int slot = -1;
            if (r && (r->kind == Record::Stream || r->kind == Record::StreamNowait))
                slot = t->chunk;
            else if (r && r->kind == Record::RpcNowait && t->chunk < 0)
                slot = 0;
            else if (r && r->kind == Record::CastNowait && t->chunk < 0)
                slot = int(worker);
            if (slot < 0 || slot >= driver.expectedSlots(r->kind)) {
                ++unexpected;
                driver.problem(QStringLiteral("worker %1 collected %2, which was never sent").arg(worker).arg(token));
                return;
            }
            if (r->seen[slot] < 255)
                ++r->seen[slot];
            ++total;
        }

        Driver &driver;
        qint64 total = 0;
        qint64 unexpected = 0;
    };

    void counted(const Tally &tally)
    {
        const qint64 total = tally.total;
        const bool growing = total != m_collectedBefore || m_deadline.elapsed() < 1000;
        m_collectedBefore = total;
        if (total < m_totals.wanted && m_deadline.elapsed() < 60000 && (!m_s.churn || growing)) {
            QTimer::singleShot(500, this, [this] { verify(); });
            return;
        }
        report(tally.unexpected);
    }

    void report(qint64 unexpected)
    {
        // Missing parts: of a failed call, the caller was told (not lost); of a stream the worker
        // acknowledged, lost for real; of a fire-and-forget call, lost by design when a router or
        // worker went down with it queued (and for real when nothing did: the caller decides).
        qint64 lost = 0, lostAcknowledged = 0, notDelivered = 0, duplicated = 0;
        for (size_t i = 0; i < m_records.size(); ++i) {
            for (size_t j = 0; j < m_records[i].size(); ++j) {
                const Record &r = m_records[i][j];
                for (int slot = 0; slot < expectedSlots(r.kind); ++slot) {
                    const int got = r.seen[slot];
                    const QString part = QStringLiteral("c%1-%2 part %3").arg(i).arg(j).arg(slot);
                    if (got > 1) {
                        duplicated += got - 1;
                        problem(QStringLiteral("%1 collected %2 times").arg(part).arg(got));
                    } else if (got == 0 && r.failed) {
                        ++notDelivered;
                    } else if (got == 0 && r.acknowledged) {
                        ++lostAcknowledged;
                        problem(QStringLiteral("%1 was acknowledged but never collected").arg(part));
                    } else if (got == 0) {
                        ++lost;
                        if (!m_s.churn)
                            problem(QStringLiteral("%1 never collected").arg(part));
                    }
                }
            }
        }
        QCborMap out;
        out.insert(QStringLiteral("clients"), qint64(m_clients.size()));
        out.insert(QStringLiteral("calls"), m_totals.calls);
        out.insert(QStringLiteral("completed"), m_totals.answered);
        out.insert(QStringLiteral("failed"), m_totals.failed);
        out.insert(QStringLiteral("wrong"), m_totals.wrong);
        out.insert(QStringLiteral("answered_twice"), m_totals.answeredTwice);
        out.insert(QStringLiteral("late"), m_totals.late);
        out.insert(QStringLiteral("open"), qint64(m_open.size()));
        out.insert(QStringLiteral("max_call_seconds"), double(m_totals.maxMs) / 1000.0);
        out.insert(QStringLiteral("deadline_seconds"), m_s.deadline);
        out.insert(QStringLiteral("unstarted"), m_totals.unstarted);
        out.insert(QStringLiteral("reconnects"), m_totals.reconnects);
        QCborMap errors;
        for (auto it = m_totals.errors.cbegin(); it != m_totals.errors.cend(); ++it)
            errors.insert(it.key(), it.value());
        out.insert(QStringLiteral("errors"), errors);
        out.insert(QStringLiteral("collected_expected"), m_totals.wanted);
        out.insert(QStringLiteral("lost"), lost);
        out.insert(QStringLiteral("lost_acknowledged"), lostAcknowledged);
        out.insert(QStringLiteral("not_delivered_failed"), notDelivered);
        out.insert(QStringLiteral("duplicated"), duplicated);
        out.insert(QStringLiteral("unexpected"), unexpected);
        out.insert(QStringLiteral("seconds"), m_callSeconds);
        out.insert(QStringLiteral("calls_per_second"), m_callSeconds > 0 ? double(m_totals.calls) / m_callSeconds : 0.0);
        QCborArray problems;
        for (const QString &p : std::as_const(m_totals.problems))
            problems.append(p);
        out.insert(QStringLiteral("problems"), problems);
        std::printf("%s\n", json::write(out).constData());
        std::fflush(stdout);
        m_errorLog.close();
        const bool sound = m_totals.wrong == 0 && m_totals.answeredTwice == 0 && m_totals.late == 0 && m_open.isEmpty()
                           && duplicated == 0 && unexpected == 0 && lostAcknowledged == 0 && m_totals.unstarted == 0;
        const bool perfect = sound && m_totals.failed == 0 && lost == 0 && m_totals.problems.isEmpty();
        for (auto &client : m_clients)
            client->stop();
        QCoreApplication::exit((m_s.churn ? sound : perfect) ? 0 : 1);
    }

    Settings m_s;
    std::vector<std::unique_ptr<Client>> m_clients;
    std::vector<qint64> m_next;
    std::vector<std::vector<Record>> m_records;   // per client, by call
    QHash<size_t, int> m_inflightSlots;
    QSet<int> m_ready;
    qsizetype m_workers;
    QRandomGenerator m_rng;
    int m_running = 0;
    bool m_verifying = false;
    qint64 m_collectedBefore = -1;
    Totals m_totals;
    QHash<qint64, OpenCall> m_open;
    OpenCall m_ended{};   // the call end() last closed, and whether it failed
    bool m_endedFailed = false;
    qint64 m_lastId = 0;
    QFile m_errorLog;
    QElapsedTimer m_timer;
    QElapsedTimer m_deadline;
    double m_callSeconds = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("daffi.*.info=false"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Soak test client: many clients, random call styles and serdes."));
    parser.addHelpOption();
    const QCommandLineOption connectTo(QStringLiteral("connect"), QStringLiteral("Router URL."), QStringLiteral("url"));
    const QCommandLineOption clients(QStringLiteral("clients"), QStringLiteral("Clients (default 20)."), QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption calls(QStringLiteral("calls"), QStringLiteral("Calls per client (default 2500)."), QStringLiteral("n"), QStringLiteral("2500"));
    const QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("Make calls for this many seconds instead of --calls."), QStringLiteral("s"), QStringLiteral("0"));
    const QCommandLineOption deadline(QStringLiteral("deadline"), QStringLiteral("Seconds each call may take (default 60; per chunk for streams)."), QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption depth(QStringLiteral("depth"), QStringLiteral("Calls in flight per client (default 4)."), QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption workers(QStringLiteral("workers"), QStringLiteral("Comma-separated names of the workers serving echo/collect."), QStringLiteral("names"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption churn(QStringLiteral("churn"), QStringLiteral("Workers and the router come and go: failures and losses are counted, not fatal."));
    const QCommandLineOption errorLog(QStringLiteral("error-log"), QStringLiteral("Write each failed call as a JSON line (monotonic ms) to this file."), QStringLiteral("file"));
    const QCommandLineOption collectLogs(QStringLiteral("collect-logs"), QStringLiteral("Comma-separated --collect-log files of the workers, in --workers order: count from them."), QStringLiteral("files"));
    parser.addOptions({connectTo, clients, calls, duration, deadline, depth, workers, seed, churn, errorLog, collectLogs});
    parser.process(app);
    auto endpoint = Endpoint::parse(parser.value(connectTo));
    if (!endpoint) {
        std::fprintf(stderr, "daffi-soak: %s\n", qPrintable(endpoint.error().message));
        return 2;
    }
    Settings s;
    s.endpoint = *endpoint;
    s.clients = parser.value(clients).toInt();
    s.calls = parser.value(calls).toLongLong();
    s.duration = parser.value(duration).toDouble();
    s.deadline = parser.value(deadline).toDouble();
    s.depth = std::max(1, parser.value(depth).toInt());
    s.workers = parser.value(workers).toUtf8().split(',');
    s.seed = parser.value(seed).toUInt();
    s.churn = parser.isSet(churn);
    s.errorLog = parser.value(errorLog);
    if (parser.isSet(collectLogs))
        s.collectLogs = parser.value(collectLogs).split(QLatin1Char(','));
    if (s.workers.size() > Slots) {
        std::fprintf(stderr, "daffi-soak: at most %d workers\n", Slots);
        return 2;
    }
    if (s.churn && s.collectLogs.size() != s.workers.size()) {
        // A killed worker's memory dies with it: only its log can say what it took.
        std::fprintf(stderr, "daffi-soak: --churn needs --collect-logs, one per worker\n");
        return 2;
    }
    Driver driver(std::move(s));
    QTimer::singleShot(0, &driver, &Driver::start);
    return app.exec();
}
