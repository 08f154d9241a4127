// daffi-call: calls daffi functions from a shell, or serves demo callbacks as a C++ worker.
#include "signalwatcher.h"

#include <core/node/client.h>
#include <core/node/service.h>
#include <core/protocol/json.h>
#include <core/transport/tlsconfig.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QStringDecoder>
#include <QThread>
#include <QTimer>
#include <QUrl>

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
template <typename Host>
void addDemoCallbacks(Host &client)
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
        return answer(p, collected->size());
    });
    client.addCallback("collected", [=](const Payload &p) {
        QMutexLocker lock(mutex.get());
        return answer(p, *collected);
    });
}

int runService(QCoreApplication &app, const QByteArray &name, const QString &listenUrl, double handshakeSeconds)
{
    QLoggingCategory::setFilterRules(QStringLiteral("daffi.*.info=true"));   // refusals are logged with their reason
    const QUrl where(listenUrl);
    if (where.scheme() != u"tcp" || where.host().isEmpty() || where.port() < 0)
        return usage(QStringLiteral("--listen must be tcp://host:port"));
    Service::Options options;
    options.name = name;
    options.listen.host = where.host();
    options.listen.port = quint16(where.port());
    options.handshakeTimeout = std::chrono::milliseconds(qint64(handshakeSeconds * 1000));
    options.listen.admissionTimeout = options.handshakeTimeout;
    Service service(options);
    ThreadPoolExecutor executor(4);   // sleep must not hold up the other callbacks
    service.setExecutor(&executor);
    addDemoCallbacks(service);
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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("daffi-call"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DAFFI_VERSION));
    QLoggingCategory::setFilterRules(QStringLiteral("daffi.*.info=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Calls daffi functions from a shell, or serves demo callbacks as a C++ worker.\n\n"
        "Commands:\n"
        "  rpc FUNCTION [ARGS] [KWARGS]       one call; ARGS a JSON array, KWARGS a JSON object\n"
        "  rpc_nowait FUNCTION [ARGS]         fire and forget\n"
        "  cast FUNCTION [ARGS]               every worker exposing FUNCTION (or --receiver list)\n"
        "  cast_nowait FUNCTION [ARGS]\n"
        "  stream FUNCTION CHUNKS             CHUNKS a JSON array; one acknowledged call per element\n"
        "  stream_nowait FUNCTION CHUNKS\n"
        "  members                            the members this client sees\n"
        "  wait NAME...                       until every NAME is a member (or --timeout)\n"
        "  serve                              expose add, echo, fail, sleep, collect, collected\n"
        "  service                            the same callbacks as a Service listening on --listen\n\n"
        "With --serde opaque, ARGS is the argument itself (text; --bytes sends it as bytes).\n"
        "Prints one JSON line per result; exits 0 when every call succeeded, 1 otherwise."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption connectTo(QStringLiteral("connect"), QStringLiteral("Router or Service: tcp://host:port, tls://host:port or unix:///path (default tcp://127.0.0.1:6000)."),
                                       QStringLiteral("url"), QStringLiteral("tcp://127.0.0.1:6000"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Our app name (default <host>-0x<random>)."), QStringLiteral("name"));
    const QCommandLineOption serde(QStringLiteral("serde"), QStringLiteral("json (default), msgpack or opaque."), QStringLiteral("serde"), QStringLiteral("json"));
    const QCommandLineOption bytes(QStringLiteral("bytes"), QStringLiteral("With --serde opaque: send the argument as bytes, not text."));
    const QCommandLineOption receiver(QStringLiteral("receiver"), QStringLiteral("Call this member (comma-separated list for cast)."), QStringLiteral("name"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Seconds to wait for each answer (fractions allowed; default 30)."),
                                     QStringLiteral("seconds"), QStringLiteral("30"));
    const QCommandLineOption tlsCa(QStringLiteral("tls-ca"), QStringLiteral("Verify the server against this PEM CA (tls:// URLs)."), QStringLiteral("file"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"), QStringLiteral("Client certificate for mutual TLS."), QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), QStringLiteral("Key of --tls-cert."), QStringLiteral("file"));
    const QCommandLineOption listenOn(QStringLiteral("listen"), QStringLiteral("For service: tcp://host:port to listen on (port 0 picks a free one)."),
                                      QStringLiteral("url"), QStringLiteral("tcp://127.0.0.1:0"));
    parser.addOptions({connectTo, name, serde, bytes, receiver, timeout, tlsCa, tlsCert, tlsKey, listenOn});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("See the list above."));
    parser.process(app);

    const QStringList pos = parser.positionalArguments();
    if (pos.isEmpty())
        return usage(QStringLiteral("give a command; see --help"));
    const QString command = pos.first();

    if (command == u"service") {
        // --timeout, when given, is the time a new connection has for its probe and hello.
        const double seconds = parser.isSet(timeout) ? parser.value(timeout).toDouble() : 10.0;
        if (seconds <= 0)
            return usage(QStringLiteral("--timeout must be a positive number of seconds"));
        return runService(app, parser.value(name).toUtf8(), parser.value(listenOn), seconds);
    }

    auto endpoint = Endpoint::parse(parser.value(connectTo));
    if (!endpoint)
        return usage(endpoint.error().message);
    if (endpoint->tls || parser.isSet(tlsCa)) {
        auto tls = clientTlsConfiguration({parser.value(tlsCa), parser.value(tlsCert), parser.value(tlsKey), false});
        if (!tls)
            return usage(tls.error().message);
        endpoint->tls = *tls;
    }
    const auto serdeValue = serdeFromName(parser.value(serde));
    if (!serdeValue || *serdeValue == Serde::Pickle)
        return usage(QStringLiteral("--serde must be json, msgpack or opaque"));
    bool ok = false;
    const double timeoutSeconds = parser.value(timeout).toDouble(&ok);
    if (!ok || timeoutSeconds < 0)
        return usage(QStringLiteral("--timeout must be a number of seconds"));

    Client::Options options;
    options.name = parser.value(name).toUtf8();
    options.endpoint = *endpoint;
    options.reconnect = command == u"serve";
    Client client(options);

    if (command == u"serve")
        addDemoCallbacks(client);

    const Client::CallOptions callOptions{parser.value(receiver).toUtf8(), timeoutSeconds};
    const bool isOpaque = *serdeValue == Serde::Opaque;
    auto payloadOf = [&](const QCborValue &element, Payload *out) -> bool {
        if (isOpaque) {
            *out = Payload{Serde::Opaque, parser.isSet(bytes),
                           element.isString() ? element.toString().toUtf8() : json::write(element)};
            return true;
        }
        if (!element.isArray())
            return false;
        *out = *envelope::encodeCall(*serdeValue, CallArgs{element.toArray(), {}});
        return true;
    };


    // Leave only once the connection has flushed: a nowait call is "done" when queued, and its
    // bytes must still reach the wire.
    int exitCode = 0;
    QObject::connect(&client, &Client::closed, &app, [&exitCode] { QCoreApplication::exit(exitCode); });
    auto exitWith = [&client, &exitCode](bool success) {
        exitCode = success ? 0 : 1;
        client.stop();
        QTimer::singleShot(5000, [&exitCode] { QCoreApplication::exit(exitCode); });   // a peer that never reads
    };
    auto run = [&]() -> std::optional<QString> {   // nullopt: running; otherwise a usage error
        const QByteArray function = pos.value(1).toUtf8();
        if (command == u"serve") {
            QCborMap m;
            m.insert(QStringLiteral("serving"), QString::fromUtf8(client.name()));
            printLine(m);
            return std::nullopt;
        }
        if (command == u"members") {
            QCborArray list;
            for (const Member &member : client.members()) {
                if (member.name == client.name())
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
            exitWith(true);
            return std::nullopt;
        }
        if (command == u"wait") {
            QByteArrayList names;
            for (const QString &n : pos.mid(1))
                names << n.toUtf8();
            client.waitForMembers(names, timeoutSeconds).then(&app, [exitWith](bool present) {
                QCborMap m;
                m.insert(QStringLiteral("ok"), present);
                printLine(m);
                exitWith(present);
            });
            return std::nullopt;
        }
        if (function.isEmpty())
            return QStringLiteral("%1 needs a FUNCTION").arg(command);
        if (command == u"rpc" || command == u"rpc_nowait" || command == u"cast" || command == u"cast_nowait") {
            Payload payload;
            if (isOpaque) {
                payload = Payload{Serde::Opaque, parser.isSet(bytes), pos.value(2).toUtf8()};
            } else {
                auto call = parseArgs(pos.value(2), pos.value(3));
                if (!call)
                    return call.error().message;
                payload = *envelope::encodeCall(*serdeValue, *call);
            }
            if (command.startsWith(u"rpc")) {
                auto future = command == u"rpc" ? client.rpc(function, payload, callOptions)
                                                : client.rpcNowait(function, payload, callOptions);
                future.then(&app, [exitWith](const CallResult &r) {
                    printLine(describe(r));
                    exitWith(r.ok());
                });
                return std::nullopt;
            }
            Client::CastOptions castOptions;
            castOptions.timeout = timeoutSeconds;
            if (parser.isSet(receiver)) {
                for (const QString &r : parser.value(receiver).split(u',', Qt::SkipEmptyParts))
                    castOptions.receivers << r.trimmed().toUtf8();
            }
            auto future = command == u"cast" ? client.cast(function, payload, castOptions)
                                             : client.castNowait(function, payload, castOptions);
            future.then(&app, [exitWith](const CastResult &cast) {
                QCborMap out;
                bool allOk = cast.status == CallResult::Status::Ok;
                if (!allOk) {
                    out.insert(QStringLiteral("ok"), false);
                    out.insert(QStringLiteral("status"), CallResult::statusName(cast.status));
                    out.insert(QStringLiteral("message"), cast.message);
                } else {
                    QCborMap results;
                    for (const auto &[target, r] : cast.results) {
                        results.insert(QString::fromUtf8(target), describe(r));
                        allOk = allOk && r.ok();
                    }
                    out.insert(QStringLiteral("ok"), allOk);
                    out.insert(QStringLiteral("results"), results);
                }
                printLine(out);
                exitWith(allOk);
            });
            return std::nullopt;
        }
        if (command == u"stream" || command == u"stream_nowait") {
            auto chunks = json::parse(pos.value(2).toUtf8());
            if (!chunks || !chunks->isArray())
                return QStringLiteral("CHUNKS must be a JSON array");
            auto items = std::make_shared<QCborArray>(chunks->toArray());
            auto index = std::make_shared<qsizetype>(0);
            std::vector<Payload> payloads;
            for (const QCborValue &element : *items) {
                Payload p;
                if (!payloadOf(element, &p))
                    return QStringLiteral("each chunk must be a JSON array of arguments");
                payloads.push_back(p);
            }
            auto all = std::make_shared<std::vector<Payload>>(std::move(payloads));
            Client::Generator next = [all, index]() -> std::optional<Payload> {
                if (*index >= qsizetype(all->size()))
                    return std::nullopt;
                return (*all)[size_t((*index)++)];
            };
            auto future = command == u"stream" ? client.stream(function, next, callOptions)
                                               : client.streamNowait(function, next, callOptions);
            future.then(&app, [exitWith](const CallResult &r) {
                QCborMap m = describe(r);
                m.insert(QStringLiteral("message"), r.message);
                printLine(m);
                exitWith(r.ok());
            });
            return std::nullopt;
        }
        return QStringLiteral("unknown command \"%1\"; see --help").arg(command);
    };

    SignalWatcher signals_({SIGINT, SIGTERM});
    QObject::connect(&signals_, &SignalWatcher::received, &app, [&exitWith] { exitWith(true); });
    std::signal(SIGPIPE, SIG_IGN);

    client.start().then(&app, [&](const CallResult &started) {
        if (!started.ok()) {
            printLine(describe(started));
            exitWith(false);
            return;
        }
        if (auto problem = run()) {
            std::fprintf(stderr, "daffi-call: %s\n", qPrintable(*problem));
            exitWith(false);
            exitCode = 2;
        }
    });
    return app.exec();
}
