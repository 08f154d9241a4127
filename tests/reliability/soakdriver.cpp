// daffi-soak: N clients, each making M calls through a router with a random style and serde,
// against workers running `daffi-call serve`. Every call carries a unique token; rpc and cast
// answers must echo it, and every token sent fire-and-forget (or streamed) must be collected by
// the workers exactly as often as expected: none lost, none duplicated. Prints one JSON line.
#include <core/node/client.h>
#include <core/protocol/json.h>

#include <QCborArray>
#include <QCborMap>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace daffi;

namespace {

constexpr double CallTimeout = 60;
constexpr int StreamChunks = 3;

struct Totals
{
    qint64 calls = 0;       // operations started
    qint64 answered = 0;    // rpc / cast / stream completions that were correct
    qint64 wrong = 0;       // answers that did not echo their token
    qint64 failed = 0;      // calls that ended in an error
    QHash<QString, int> expected;   // token -> times the workers must have collected it
    QStringList problems;
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
    Driver(Endpoint endpoint, int clients, qint64 calls, int depth, QByteArrayList workers, quint32 seed)
        : m_workerNames(std::move(workers)), m_callsPerClient(calls), m_depth(depth),
          m_workers(m_workerNames.size()), m_rng(seed)
    {
        for (int i = 0; i < clients; ++i) {
            Client::Options o;
            o.name = QByteArray("soak-") + QByteArray::number(i);
            o.endpoint = endpoint;
            m_clients.push_back(std::make_unique<Client>(o));
            m_next.push_back(0);
        }
    }

    void start()
    {
        m_timer.start();
        m_running = int(m_clients.size());
        for (size_t i = 0; i < m_clients.size(); ++i) {
            m_clients[i]->start().then(this, [this, i](const CallResult &r) {
                if (!r.ok()) {
                    m_totals.problems << QStringLiteral("client %1 could not start: %2").arg(i).arg(r.message);
                    return finishClient();
                }
                m_clients[i]->waitForMembers(m_workerNames, 10).then(this, [this, i](bool present) {
                    if (!present)
                        problem(QStringLiteral("client %1 does not see every worker").arg(i));
                    m_inflightSlots[i] = m_depth;   // each slot is a chain of calls that ends once
                    for (int k = 0; k < m_depth; ++k)
                        issue(i);
                });
            });
        }
    }

private:
    void issue(size_t i)
    {
        if (m_next[i] >= m_callsPerClient) {
            if (--m_inflightSlots[i] == 0)
                finishClient();
            return;
        }
        const qint64 j = m_next[i]++;
        ++m_totals.calls;
        Client &c = *m_clients[i];
        const QString token = QStringLiteral("c%1-%2").arg(i).arg(j);
        const Serde serdes[] = {Serde::Json, Serde::Msgpack, Serde::Opaque};
        const Serde serde = serdes[m_rng.bounded(3)];
        const int style = int(m_rng.bounded(6));
        auto done = [this, i] { issue(i); };
        const Client::CallOptions options{{}, CallTimeout};
        switch (style) {
        case 0:
            c.rpc("echo", encode(serde, token), options).then(this, [=, this](const CallResult &r) {
                check(r, token, "rpc");
                done();
            });
            break;
        case 1:
            m_totals.expected[token] += 1;
            c.rpcNowait("collect", encode(serde, token), options).then(this, [=, this](const CallResult &r) {
                queued(r, token, "rpc_nowait");
                done();
            });
            break;
        case 2:
            c.cast("echo", encode(serde, token), {{}, CallTimeout}).then(this, [=, this](const CastResult &cast) {
                if (cast.results.size() != m_workers)
                    problem(QStringLiteral("cast %1 reached %2 workers, not %3").arg(token).arg(cast.results.size()).arg(m_workers));
                for (const auto &[target, r] : cast.results)
                    check(r, token, "cast");
                done();
            });
            break;
        case 3:
            m_totals.expected[token] += int(m_workers);
            c.castNowait("collect", encode(serde, token), {{}, CallTimeout}).then(this, [=, this](const CastResult &cast) {
                if (cast.status != CallResult::Status::Ok)
                    fail(QStringLiteral("cast_nowait %1: %2").arg(token, cast.message));
                done();
            });
            break;
        default: {
            const bool nowait = style == 5;
            auto index = std::make_shared<int>(0);
            for (int k = 0; k < StreamChunks; ++k)
                m_totals.expected[token + QStringLiteral(".%1").arg(k)] += 1;
            Client::Generator next = [index, token, serde]() -> std::optional<Payload> {
                if (*index >= StreamChunks)
                    return std::nullopt;
                return encode(serde, token + QStringLiteral(".%1").arg((*index)++));
            };
            auto future = nowait ? c.streamNowait("collect", next, options) : c.stream("collect", next, options);
            future.then(this, [=, this](const CallResult &r) {
                queued(r, token, nowait ? "stream_nowait" : "stream");
                done();
            });
            break;
        }
        }
    }

    void check(const CallResult &r, const QString &token, const char *style)
    {
        if (!r.ok())
            return fail(QStringLiteral("%1 %2: %3").arg(QLatin1String(style), token, r.message));
        if (echoes(r, token))
            ++m_totals.answered;
        else {
            ++m_totals.wrong;
            problem(QStringLiteral("%1 %2 answered something else").arg(QLatin1String(style), token));
        }
    }

    void queued(const CallResult &r, const QString &token, const char *style)
    {
        if (r.ok())
            ++m_totals.answered;
        else
            fail(QStringLiteral("%1 %2: %3").arg(QLatin1String(style), token, r.message));
    }

    void fail(const QString &what)
    {
        ++m_totals.failed;
        problem(what);
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
        m_callSeconds = double(m_timer.elapsed()) / 1000.0;
        m_deadline.start();
        verify();
    }

    // Fire-and-forget calls are done when queued: poll the workers until every token arrived
    // (or the deadline), then compare counts exactly.
    void verify()
    {
        Client &c = *m_clients.front();
        c.cast("collected", encode(Serde::Json, QString()), {{}, CallTimeout}).then(this, [this](const CastResult &cast) {
            QHash<QString, int> seen;
            qint64 total = 0;
            for (const auto &[target, r] : cast.results) {
                auto v = envelope::decodeResult(r.payload.serde, r.payload.isBytes, r.payload.data);
                if (!r.ok() || !v || !v->isArray()) {
                    problem(QStringLiteral("collected from %1 failed: %2").arg(QString::fromUtf8(target), r.message));
                    continue;
                }
                for (const QCborValue &item : v->toArray()) {
                    ++seen[item.toString()];
                    ++total;
                }
            }
            qint64 wanted = 0;
            for (int n : std::as_const(m_totals.expected))
                wanted += n;
            if (total < wanted && m_deadline.elapsed() < 60000) {
                QTimer::singleShot(500, this, [this] { verify(); });
                return;
            }
            report(seen);
        });
    }

    void report(const QHash<QString, int> &seen)
    {
        qint64 lost = 0, duplicated = 0, unexpected = 0;
        for (auto it = m_totals.expected.cbegin(); it != m_totals.expected.cend(); ++it) {
            const int got = seen.value(it.key());
            if (got < it.value()) {
                lost += it.value() - got;
                problem(QStringLiteral("%1 collected %2 times, expected %3").arg(it.key()).arg(got).arg(it.value()));
            } else if (got > it.value()) {
                duplicated += got - it.value();
                problem(QStringLiteral("%1 collected %2 times, expected %3").arg(it.key()).arg(got).arg(it.value()));
            }
        }
        for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
            if (!m_totals.expected.contains(it.key()))
                unexpected += it.value();
        }
        QCborMap out;
        out.insert(QStringLiteral("clients"), qint64(m_clients.size()));
        out.insert(QStringLiteral("calls"), m_totals.calls);
        out.insert(QStringLiteral("completed"), m_totals.answered);
        out.insert(QStringLiteral("failed"), m_totals.failed);
        out.insert(QStringLiteral("wrong"), m_totals.wrong);
        out.insert(QStringLiteral("collected_expected"), qint64(m_totals.expected.size()));
        out.insert(QStringLiteral("lost"), lost);
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
        const bool perfect = m_totals.failed == 0 && m_totals.wrong == 0 && lost == 0 && duplicated == 0
                             && unexpected == 0 && m_totals.problems.isEmpty();
        for (auto &client : m_clients)
            client->stop();
        QCoreApplication::exit(perfect ? 0 : 1);
    }

    std::vector<std::unique_ptr<Client>> m_clients;
    QByteArrayList m_workerNames;
    std::vector<qint64> m_next;
    QHash<size_t, int> m_inflightSlots;
    qint64 m_callsPerClient;
    int m_depth;
    qsizetype m_workers;
    QRandomGenerator m_rng;
    int m_running = 0;
    Totals m_totals;
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
    const QCommandLineOption depth(QStringLiteral("depth"), QStringLiteral("Calls in flight per client (default 4)."), QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption workers(QStringLiteral("workers"), QStringLiteral("Comma-separated names of the workers serving echo/collect."), QStringLiteral("names"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("n"), QStringLiteral("1"));
    parser.addOptions({connectTo, clients, calls, depth, workers, seed});
    parser.process(app);
    auto endpoint = Endpoint::parse(parser.value(connectTo));
    if (!endpoint) {
        std::fprintf(stderr, "daffi-soak: %s\n", qPrintable(endpoint.error().message));
        return 2;
    }
    Driver driver(*endpoint, parser.value(clients).toInt(), parser.value(calls).toLongLong(),
                  std::max(1, parser.value(depth).toInt()), parser.value(workers).toUtf8().split(','),
                  parser.value(seed).toUInt());
    QTimer::singleShot(0, &driver, &Driver::start);
    return app.exec();
}
