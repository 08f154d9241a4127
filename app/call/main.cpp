// daffi-call: calls daffi functions from a shell, or serves demo callbacks as a C++ worker.
#include "signalwatcher.h"

#include <core/capture/capturereader.h>
#include <core/capture/replayer.h>
#include <core/node/client.h>
#include <core/node/service.h>
#include <core/protocol/json.h>
#include <core/transport/listenspec.h>
#include <core/transport/tlsconfig.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QStringDecoder>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <cstdio>

using namespace daffi;

namespace {

int usage(const QString &message)
{
    std::fprintf(stderr, "daffi-call: %s\n", qPrintable(message));
    return 2;
}

void printLine(const QCborValue &v)
{
    std::printf("%s\n", json::write(v).constData());
    std::fflush(stdout);
}

// A result as JSON: text stays text; bytes that are not UTF-8 become {"$hex": "..."}.
QCborValue jsonable(const QCborValue &v)
{
    if (v.isByteArray()) {
        const QByteArray b = v.toByteArray();
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString s = utf8.decode(b);
        if (!utf8.hasError())
            return s;
        QCborMap m;
        m.insert(QStringLiteral("$hex"), QString::fromLatin1(b.toHex()));
        return m;
    }
    return v;
}

QCborMap describe(const CallResult &r)
{
    QCborMap m;
    m.insert(QStringLiteral("ok"), r.ok());
    m.insert(QStringLiteral("receiver"), QString::fromUtf8(r.receiver));
    if (r.ok()) {
        if (!r.payload.data.isNull() || r.payload.serde != Serde::Opaque) {
            auto value = envelope::decodeResult(r.payload.serde, r.payload.isBytes, r.payload.data);
            m.insert(QStringLiteral("result"), value ? jsonable(*value) : QCborValue(nullptr));
        }
        return m;
    }
    m.insert(QStringLiteral("status"), CallResult::statusName(r.status));
    if (r.status == CallResult::Status::RemoteError) {
        m.insert(QStringLiteral("type"), r.remote.type);
        m.insert(QStringLiteral("module"), r.remote.module);
    }
    m.insert(QStringLiteral("message"), r.status == CallResult::Status::RemoteError ? r.remote.message : r.message);
    return m;
}

Result<CallArgs> parseArgs(const QString &argsJson, const QString &kwargsJson)
{
    CallArgs call;
    if (!argsJson.isEmpty()) {
        auto a = json::parse(argsJson.toUtf8());
        if (!a || !a->isArray())
            return Error{QStringLiteral("BadArgs"), QStringLiteral("arguments must be a JSON array, e.g. '[3, 4]'")};
        call.args = a->toArray();
    }
    if (!kwargsJson.isEmpty()) {
        auto k = json::parse(kwargsJson.toUtf8());
        if (!k || !k->isMap())
            return Error{QStringLiteral("BadArgs"), QStringLiteral("keyword arguments must be a JSON object")};
        call.kwargs = k->toMap();
    }
    return call;
}

// The demo callbacks of `serve` and `service`: enough to exercise every call style from any language.
// `collectLog`, when open, gets each collected item as a JSON line before it is acknowledged: a
// record that outlives the process (a soak that SIGKILLs workers still counts what they took).
template <typename Host>
void addDemoCallbacks(Host &client, std::shared_ptr<QFile> collectLog)
{
    auto decode = [](const Payload &p) {
        if (p.serde == Serde::Pickle)
            throw CallbackError({QStringLiteral("TypeError"), QStringLiteral("builtins"),
                                 QStringLiteral("a C++ worker cannot read PICKLE; call it with JSON, MSGPACK or OPAQUE"),
                                 QCborValue(nullptr)});
        auto call = envelope::decodeCall(p.serde, p.data);
        if (!call)
            throw CallbackError({QStringLiteral("TypeError"), QStringLiteral("builtins"), call.error().message, QCborValue(nullptr)});
        return *call;
    };
    auto answer = [](const Payload &p, const QCborValue &v) {
        return *envelope::encodeResult(p.serde == Serde::Pickle ? Serde::Json : p.serde, v);
    };
    auto collected = std::make_shared<QCborArray>();
    auto mutex = std::make_shared<QMutex>();
    client.addCallback("add", [=](const Payload &p) {
        const CallArgs c = decode(p);
        double sum = 0;
        bool integral = true;
        for (const QCborValue &v : c.args) {
            integral = integral && v.isInteger();
            sum += v.toDouble();
        }
        return answer(p, integral ? QCborValue(qint64(sum)) : QCborValue(sum));
    });
    client.addCallback("echo", [=](const Payload &p) {
        if (p.serde == Serde::Opaque)
            return p;
        const CallArgs c = decode(p);
        return answer(p, c.args.isEmpty() ? QCborValue(nullptr) : c.args.first());
    });
    client.addCallback("fail", [](const Payload &) -> Payload {
        throw CallbackError({QStringLiteral("ValueError"), QStringLiteral("builtins"), QStringLiteral("boom"), QCborValue(nullptr)});
    });
    client.addCallback("sleep", [=](const Payload &p) {
        const CallArgs c = decode(p);
        const double seconds = c.args.isEmpty() ? 1.0 : c.args.first().toDouble();
        QThread::usleep(quint64(seconds * 1e6));
        return answer(p, seconds);
    });
    client.addCallback("collect", [=](const Payload &p) {
        QMutexLocker lock(mutex.get());
        const QCborValue item = p.serde != Serde::Opaque ? decode(p).args.first()
                                : p.isBytes ? QCborValue(p.data) : QCborValue(QString::fromUtf8(p.data));
        collected->append(item);
        if (collectLog->isOpen()) {
            collectLog->write(json::write(item) + '\n');
            collectLog->flush();
        }
        return answer(p, collected->size());
    });
    client.addCallback("collected", [=](const Payload &p) {
        QMutexLocker lock(mutex.get());
        return answer(p, *collected);
    });
}

// The command-line options besides the command and its operands.
struct Options
{
    QCommandLineOption connectTo{QStringLiteral("connect"),
                                 QStringLiteral("Router or Service: tcp://host:port, tls://host:port or unix:///path (default tcp://127.0.0.1:6000)."),
                                 QStringLiteral("url"), QStringLiteral("tcp://127.0.0.1:6000")};
    QCommandLineOption name{QStringLiteral("name"), QStringLiteral("Our app name (default <host>-0x<random>)."), QStringLiteral("name")};
    QCommandLineOption serde{QStringLiteral("serde"), QStringLiteral("json (default), msgpack or opaque."), QStringLiteral("serde"),
                             QStringLiteral("json")};
    QCommandLineOption bytes{QStringLiteral("bytes"), QStringLiteral("With --serde opaque: send the argument as bytes, not text.")};
    QCommandLineOption receiver{QStringLiteral("receiver"), QStringLiteral("Call this member (comma-separated list for cast)."),
                                QStringLiteral("name")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               QStringLiteral("Seconds to wait for each answer (fractions allowed; default 30)."),
                               QStringLiteral("seconds"), QStringLiteral("30")};
    QCommandLineOption tlsCa{QStringLiteral("tls-ca"), QStringLiteral("Verify the server against this PEM CA (tls:// URLs)."),
                             QStringLiteral("file")};
    QCommandLineOption tlsCert{QStringLiteral("tls-cert"), QStringLiteral("Client certificate for mutual TLS."), QStringLiteral("file")};
    QCommandLineOption tlsKey{QStringLiteral("tls-key"), QStringLiteral("Key of --tls-cert."), QStringLiteral("file")};
    QCommandLineOption listenOn{QStringLiteral("listen"),
                                QStringLiteral("For service: where to listen, tcp://host:port or unix:///path (port 0 picks a free one)."),
                                QStringLiteral("url"), QStringLiteral("tcp://127.0.0.1:0")};
    QCommandLineOption to{QStringLiteral("to"),
                          QStringLiteral("For replay: the router to send to (default: --connect if given, else where the capture's "
                                         "router listened)."),
                          QStringLiteral("url")};
    QCommandLineOption speed{QStringLiteral("speed"),
                             QStringLiteral("For replay: 1x (the recorded pace, the default), another factor such as 10x, or max "
                                            "(each call after the previous answer)."),
                             QStringLiteral("speed"), QStringLiteral("1x")};
    QCommandLineOption collectLog{QStringLiteral("collect-log"),
                                  QStringLiteral("For serve and service: also append each item collect receives to this file, "
                                                 "one JSON line, so the record survives the process."),
                                  QStringLiteral("file")};
    QCommandLineOption filter{QStringLiteral("filter"),
                              QStringLiteral("For replay: only the calls this filter matches, e.g. 'function == \"add\" and status == ok' "
                                             "(the console's traffic filter)."),
                              QStringLiteral("expression")};

    QList<QCommandLineOption> all() const
    {
        return {connectTo, name, serde, bytes, receiver, timeout, tlsCa, tlsCert, tlsKey, listenOn, to, speed, filter, collectLog};
    }
};

// --collect-log, appended to (a restarted worker adds to its predecessor's record); closed when not given.
Result<std::shared_ptr<QFile>> openCollectLog(const QCommandLineParser &parser, const Options &o)
{
    auto file = std::make_shared<QFile>(parser.value(o.collectLog));
    if (parser.isSet(o.collectLog) && !file->open(QIODevice::WriteOnly | QIODevice::Append))
        return Error{{}, QStringLiteral("cannot append to %1: %2").arg(file->fileName(), file->errorString())};
    return file;
}

int runService(QCoreApplication &app, const QCommandLineParser &parser, const Options &o)
{
    // --timeout, when given, is the time a new connection has for its probe and hello.
    const double handshakeSeconds = parser.isSet(o.timeout) ? parser.value(o.timeout).toDouble() : 10.0;
    if (handshakeSeconds <= 0)
        return usage(QStringLiteral("--timeout must be a positive number of seconds"));
    QLoggingCategory::setFilterRules(QStringLiteral("daffi.*.info=true"));   // refusals are logged with their reason
    auto spec = ListenSpec::parse({parser.value(o.listenOn)});
    if (!spec)
        return usage(spec.error().message);
    auto listen = spec->options();
    if (!listen)
        return usage(listen.error().message);
    Service::Options options;
    options.name = parser.value(o.name).toUtf8();
    options.listen = *listen;
    options.handshakeTimeout = std::chrono::milliseconds(qint64(handshakeSeconds * 1000));
    options.listen.admissionTimeout = options.handshakeTimeout;
    Service service(options);
    ThreadPoolExecutor executor(4);   // sleep must not hold up the other callbacks
    service.setExecutor(&executor);
    auto collectLog = openCollectLog(parser, o);
    if (!collectLog)
        return usage(collectLog.error().message);
    addDemoCallbacks(service, *collectLog);
    QString error;
    if (!service.listen(&error))
        return usage(error);
    for (const QString &url : service.listener()->urls())
        std::printf("daffi-call service %s listening on %s\n", service.name().constData(), qPrintable(url));
    std::fflush(stdout);
    SignalWatcher signals_({SIGINT, SIGTERM});
    QObject::connect(&signals_, &SignalWatcher::received, &app, [] { QCoreApplication::exit(0); });
    std::signal(SIGPIPE, SIG_IGN);
    const int code = app.exec();
    service.stop();
    return code;
}

// What a command runs with once the client is connected.
struct Session
{
    QCoreApplication &app;
    const QCommandLineParser &parser;
    const Options &options;
    Client &client;
    QStringList operands;              // after the command: FUNCTION [ARGS] [KWARGS], CHUNKS or NAME...
    Serde serde;
    bool asBytes;                      // --bytes
    Client::CallOptions callOptions;   // --receiver, --timeout
    std::function<void(bool success)> exitWith;   // stops the client; the process exits 0 or 1

    QByteArray function() const { return operands.value(0).toUtf8(); }
};

// Starts the command: nullopt once it runs (it ends with exitWith), otherwise a usage error.
using Start = std::optional<QString> (*)(Session &);

Result<Payload> callPayload(const Session &s)
{
    if (s.serde == Serde::Opaque)
        return Payload{Serde::Opaque, s.asBytes, s.operands.value(1).toUtf8()};
    auto call = parseArgs(s.operands.value(1), s.operands.value(2));
    if (!call)
        return call.error();
    return *envelope::encodeCall(s.serde, *call);
}

std::optional<Payload> chunkPayload(const Session &s, const QCborValue &element)
{
    if (s.serde == Serde::Opaque)
        return Payload{Serde::Opaque, s.asBytes, element.isString() ? element.toString().toUtf8() : json::write(element)};
    if (!element.isArray())
        return std::nullopt;
    return *envelope::encodeCall(s.serde, CallArgs{element.toArray(), {}});
}

QCborMap describe(const CastResult &cast)
{
    QCborMap out;
    if (cast.status != CallResult::Status::Ok) {
        out.insert(QStringLiteral("ok"), false);
        out.insert(QStringLiteral("status"), CallResult::statusName(cast.status));
        out.insert(QStringLiteral("message"), cast.message);
        return out;
    }
    bool allOk = true;
    QCborMap results;
    for (const auto &[target, r] : cast.results) {
        results.insert(QString::fromUtf8(target), describe(r));
        allOk = allOk && r.ok();
    }
    out.insert(QStringLiteral("ok"), allOk);
    out.insert(QStringLiteral("results"), results);
    return out;
}

using CallStyle = QFuture<CallResult> (Client::*)(const QByteArray &, const Payload &, const Client::CallOptions &);
using CastStyle = QFuture<CastResult> (Client::*)(const QByteArray &, const Payload &, const Client::CastOptions &);
using StreamStyle = QFuture<CallResult> (Client::*)(const QByteArray &, Client::Generator, const Client::CallOptions &);

std::optional<QString> call(Session &s, CallStyle style)
{
    auto payload = callPayload(s);
    if (!payload)
        return payload.error().message;
    (s.client.*style)(s.function(), *payload, s.callOptions).then(&s.app, [exitWith = s.exitWith](const CallResult &r) {
        printLine(describe(r));
        exitWith(r.ok());
    });
    return std::nullopt;
}

std::optional<QString> cast(Session &s, CastStyle style)
{
    auto payload = callPayload(s);
    if (!payload)
        return payload.error().message;
    Client::CastOptions options;
    options.timeout = s.callOptions.timeout;
    for (const QString &r : QString::fromUtf8(s.callOptions.receiver).split(u',')) {
        if (const QString name = r.trimmed(); !name.isEmpty())
            options.receivers << name.toUtf8();
    }
    (s.client.*style)(s.function(), *payload, options).then(&s.app, [exitWith = s.exitWith](const CastResult &r) {
        const QCborMap out = describe(r);
        printLine(out);
        exitWith(out.value(QStringLiteral("ok")).toBool());
    });
    return std::nullopt;
}

std::optional<QString> stream(Session &s, StreamStyle style)
{
    auto chunks = json::parse(s.operands.value(1).toUtf8());
    if (!chunks || !chunks->isArray())
        return QStringLiteral("CHUNKS must be a JSON array");
    auto payloads = std::make_shared<std::vector<Payload>>();
    for (const QCborValue &element : chunks->toArray()) {
        auto p = chunkPayload(s, element);
        if (!p)
            return QStringLiteral("each chunk must be a JSON array of arguments");
        payloads->push_back(*p);
    }
    auto index = std::make_shared<std::size_t>(0);
    Client::Generator next = [payloads, index]() -> std::optional<Payload> {
        if (*index >= payloads->size())
            return std::nullopt;
        return (*payloads)[(*index)++];
    };
    (s.client.*style)(s.function(), next, s.callOptions).then(&s.app, [exitWith = s.exitWith](const CallResult &r) {
        QCborMap m = describe(r);
        m.insert(QStringLiteral("message"), r.message);
        printLine(m);
        exitWith(r.ok());
    });
    return std::nullopt;
}

std::optional<QString> members(Session &s)
{
    QCborArray list;
    for (const Member &member : s.client.members()) {
        if (member.name == s.client.name())
            continue;
        QCborMap m;
        m.insert(QStringLiteral("name"), QString::fromUtf8(member.name));
        QCborArray methods;
        for (const QByteArray &f : member.methods.value_or(QByteArrayList{}))
            methods.append(QString::fromUtf8(f));
        m.insert(QStringLiteral("methods"), methods);
        list.append(m);
    }
    printLine(list);
    s.exitWith(true);
    return std::nullopt;
}

std::optional<QString> wait(Session &s)
{
    QByteArrayList names;
    for (const QString &n : std::as_const(s.operands))
        names << n.toUtf8();
    s.client.waitForMembers(names, s.callOptions.timeout).then(&s.app, [exitWith = s.exitWith](bool present) {
        QCborMap m;
        m.insert(QStringLiteral("ok"), present);
        printLine(m);
        exitWith(present);
    });
    return std::nullopt;
}

// The router a capture was recorded on: its first TCP (or TLS) URL, else its first URL.
std::optional<QString> recordedRouter(const QStringList &operands)
{
    QFile file(operands.value(0));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    CaptureReader reader(&file);
    if (!reader.start())
        return std::nullopt;
    const auto first = reader.next();
    const auto *info = first ? std::get_if<CaptureInfo>(&first->data) : nullptr;
    if (!info || info->listen.isEmpty())
        return std::nullopt;
    for (const QString &url : info->listen) {
        if (!url.startsWith(u"unix:"))
            return url;
    }
    return info->listen.first();
}

QCborValue answerValue(const CallResult &r)
{
    if (r.status == CallResult::Status::RemoteError)
        return QStringLiteral("%1: %2").arg(r.remote.type, r.remote.message);
    if (!r.ok())
        return r.message;
    auto v = envelope::decodeResult(r.payload.serde, r.payload.isBytes, r.payload.data);
    return v ? jsonable(*v) : QCborValue(QStringLiteral("%1 bytes of %2").arg(r.payload.data.size()).arg(serdeName(r.payload.serde)));
}

std::optional<QString> replay(Session &s)
{
    const QString path = s.operands.value(0);
    if (path.isEmpty())
        return QStringLiteral("replay needs a capture FILE");
    auto capture = Capture::load(path);
    if (!capture)
        return capture.error().message;
    if (!capture->stopped.isEmpty())
        std::fprintf(stderr, "daffi-call: %s\n", qPrintable(capture->stopped));
    Replayer::Options options;
    const QString speed = s.parser.value(s.options.speed).trimmed().toLower();
    bool ok = speed == u"max";
    if (!ok && speed.endsWith(u'x'))
        options.speed = speed.chopped(1).toDouble(&ok);
    if (!ok || (speed != u"max" && options.speed <= 0))
        return QStringLiteral("--speed must be max or a positive factor such as 1x or 10x, not \"%1\"").arg(speed);
    if (speed == u"max")
        options.speed = 0;
    auto filter = CallFilter::parse(s.parser.value(s.options.filter));
    if (!filter)
        return QStringLiteral("--filter: %1").arg(filter.error().message);
    options.filter = *filter;
    options.receiver = s.callOptions.receiver;
    options.timeout = s.callOptions.timeout;
    auto *replayer = new Replayer(&s.client, std::move(capture->calls), options, &s.app);
    QObject::connect(replayer, &Replayer::replayed, &s.app, [](const Replayer::Outcome &o) {
        static const char *const verdicts[] = {"equal", "different", "not compared", "skipped"};
        QCborMap m;
        m.insert(QStringLiteral("seq"), qint64(o.recorded.seq));
        m.insert(QStringLiteral("function"), QString::fromUtf8(o.recorded.function));
        m.insert(QStringLiteral("receiver"), QString::fromUtf8(o.result.receiver.isEmpty() ? o.recorded.receiver : o.result.receiver));
        m.insert(QStringLiteral("recorded"), CaptureRecord::statusName(o.recorded.status));
        if (o.verdict != Replayer::Verdict::Skipped) {
            m.insert(QStringLiteral("replayed"), CaptureRecord::statusName(o.replayedStatus));
            if (o.replayedStatus != Monitor::Status::Sent)
                m.insert(QStringLiteral("answer"), answerValue(o.result));
        }
        m.insert(QStringLiteral("equal"), o.verdict == Replayer::Verdict::Equal ? QCborValue(true)
                                          : o.verdict == Replayer::Verdict::Different ? QCborValue(false)
                                                                                      : QCborValue(nullptr));
        m.insert(QStringLiteral("verdict"), QString::fromLatin1(verdicts[int(o.verdict)]));
        if (!o.why.isEmpty())
            m.insert(QStringLiteral("why"), o.why);
        if (o.latencyUs)
            m.insert(QStringLiteral("latency_us"), *o.latencyUs);
        if (o.recorded.latencyUs)
            m.insert(QStringLiteral("recorded_latency_us"), *o.recorded.latencyUs);
        printLine(m);
    });
    QObject::connect(replayer, &Replayer::finished, &s.app, [exitWith = s.exitWith](const Replayer::Summary &sum) {
        QCborMap m;
        m.insert(QStringLiteral("replayed"), sum.replayed);
        m.insert(QStringLiteral("equal"), sum.equal);
        m.insert(QStringLiteral("different"), sum.different);
        m.insert(QStringLiteral("not_compared"), sum.notCompared);
        m.insert(QStringLiteral("skipped"), sum.skipped);
        m.insert(QStringLiteral("ok"), sum.different == 0);
        printLine(m);
        exitWith(sum.different == 0);
    });
    replayer->start();
    return std::nullopt;
}

std::optional<QString> serve(Session &s)
{
    QCborMap m;
    m.insert(QStringLiteral("serving"), QString::fromUtf8(s.client.name()));
    printLine(m);
    return std::nullopt;   // until SIGINT or SIGTERM
}

struct Command
{
    enum Role {
        Caller,   // makes its calls, then exits
        Worker,   // exposes the demo callbacks and reconnects
        Server,   // a Service: no client
    };
    const char *name;
    const char *operands;   // in --help after the name; "FUNCTION ..." ones need a FUNCTION
    const char *help;
    Start start;            // nullptr for the Server
    Role role = Caller;
    // Where to connect when neither --to nor --connect is given (else --connect's default).
    std::optional<QString> (*target)(const QStringList &operands) = nullptr;

    bool needsFunction() const { return qstrncmp(operands, "FUNCTION", 8) == 0; }
};

const Command commands[] = {
    {"rpc", "FUNCTION [ARGS] [KWARGS]", "one call; ARGS a JSON array, KWARGS a JSON object",
     [](Session &s) { return call(s, &Client::rpc); }},
    {"rpc_nowait", "FUNCTION [ARGS]", "fire and forget", [](Session &s) { return call(s, &Client::rpcNowait); }},
    {"cast", "FUNCTION [ARGS]", "every worker exposing FUNCTION (or --receiver list)",
     [](Session &s) { return cast(s, &Client::cast); }},
    {"cast_nowait", "FUNCTION [ARGS]", "", [](Session &s) { return cast(s, &Client::castNowait); }},
    {"stream", "FUNCTION CHUNKS", "CHUNKS a JSON array; one acknowledged call per element",
     [](Session &s) { return stream(s, &Client::stream); }},
    {"stream_nowait", "FUNCTION CHUNKS", "", [](Session &s) { return stream(s, &Client::streamNowait); }},
    {"members", "", "the members this client sees", members},
    {"wait", "NAME...", "until every NAME is a member (or --timeout)", wait},
    {"replay", "FILE", "send a capture's calls again; one line per call says whether the answer equals the recorded one",
     replay, Command::Caller, recordedRouter},
    {"serve", "", "expose add, echo, fail, sleep, collect, collected", serve, Command::Worker},
    {"service", "", "the same callbacks as a Service listening on --listen", nullptr, Command::Server},
};

const Command *findCommand(const QString &name)
{
    for (const Command &c : commands) {
        if (name == QLatin1StringView(c.name))
            return &c;
    }
    return nullptr;
}

QString description()
{
    QString text = QStringLiteral("Calls daffi functions from a shell, or serves demo callbacks as a C++ worker.\n\n"
                                  "Commands:\n");
    for (const Command &c : commands) {
        QString line = QStringLiteral("  ") + QLatin1StringView(c.name);
        if (*c.operands)
            line += u' ' + QLatin1StringView(c.operands);
        if (*c.help)
            line = line.leftJustified(37) + QLatin1StringView(c.help);
        text += line + u'\n';
    }
    return text + QStringLiteral("\nWith --serde opaque, ARGS is the argument itself (text; --bytes sends it as bytes).\n"
                                 "Prints one JSON line per result; exits 0 when every call succeeded, 1 otherwise.");
}

std::optional<QString> start(const Command &command, Session &session)
{
    if (command.needsFunction() && session.function().isEmpty())
        return QStringLiteral("%1 needs a FUNCTION").arg(QLatin1StringView(command.name));
    return command.start(session);
}

int runClient(QCoreApplication &app, const QCommandLineParser &parser, const Options &o, const Command &command)
{
    const QStringList operands = parser.positionalArguments().mid(1);
    QString url = parser.value(parser.isSet(o.to) ? o.to : o.connectTo);
    if (!parser.isSet(o.to) && !parser.isSet(o.connectTo) && command.target)
        url = command.target(operands).value_or(url);
    auto endpoint = Endpoint::parse(url);
    if (!endpoint)
        return usage(endpoint.error().message);
    if (endpoint->tls || parser.isSet(o.tlsCa)) {
        auto tls = clientTlsConfiguration({parser.value(o.tlsCa), parser.value(o.tlsCert), parser.value(o.tlsKey), false});
        if (!tls)
            return usage(tls.error().message);
        endpoint->tls = *tls;
    }
    const auto serde = serdeFromName(parser.value(o.serde));
    if (!serde || *serde == Serde::Pickle)
        return usage(QStringLiteral("--serde must be json, msgpack or opaque"));
    bool ok = false;
    const double timeoutSeconds = parser.value(o.timeout).toDouble(&ok);
    if (!ok || timeoutSeconds < 0)
        return usage(QStringLiteral("--timeout must be a number of seconds"));

    Client::Options options;
    options.name = parser.value(o.name).toUtf8();
    options.endpoint = *endpoint;
    options.reconnect = command.role == Command::Worker;
    Client client(options);
    if (command.role == Command::Worker) {
        auto collectLog = openCollectLog(parser, o);
        if (!collectLog)
            return usage(collectLog.error().message);
        addDemoCallbacks(client, *collectLog);
    }

    // Leave only once the connection has flushed: a nowait call is "done" when queued, and its
    // bytes must still reach the wire.
    int exitCode = 0;
    QObject::connect(&client, &Client::closed, &app, [&exitCode] { QCoreApplication::exit(exitCode); });
    auto exitWith = [&client, &exitCode](bool success) {
        exitCode = success ? 0 : 1;
        client.stop();
        QTimer::singleShot(5000, [&exitCode] { QCoreApplication::exit(exitCode); });   // a peer that never reads
    };
    Session session{app, parser, o, client, operands, *serde, parser.isSet(o.bytes),
                    {parser.value(o.receiver).toUtf8(), timeoutSeconds}, exitWith};

    SignalWatcher signals_({SIGINT, SIGTERM});
    QObject::connect(&signals_, &SignalWatcher::received, &app, [&exitWith] { exitWith(true); });
    std::signal(SIGPIPE, SIG_IGN);

    client.start().then(&app, [&](const CallResult &started) {
        if (!started.ok()) {
            printLine(describe(started));
            exitWith(false);
            return;
        }
        if (auto problem = start(command, session)) {
            std::fprintf(stderr, "daffi-call: %s\n", qPrintable(*problem));
            exitWith(false);
            exitCode = 2;
        }
    });
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("daffi-call"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DAFFI_VERSION));
    QLoggingCategory::setFilterRules(QStringLiteral("daffi.*.info=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.addHelpOption();
    parser.addVersionOption();
    const Options options;
    parser.addOptions(options.all());
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("See the list above."));
    parser.process(app);

    const QStringList pos = parser.positionalArguments();
    if (pos.isEmpty())
        return usage(QStringLiteral("give a command; see --help"));
    const Command *command = findCommand(pos.first());
    if (!command)
        return usage(QStringLiteral("unknown command \"%1\"; see --help").arg(pos.first()));
    if (command->role == Command::Server)
        return runService(app, parser, options);
    return runClient(app, parser, options, *command);
}
