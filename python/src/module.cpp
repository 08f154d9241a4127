// daffi._native: the C++ core for the Python package. Thin on purpose: nodes, queues and
// completions. Serialization, exceptions and the daffi 3.0 API live in Python (python/daffi).
//
// Threads: every node lives on the shared NetworkThread. Callbacks never run there: an async
// callback only pushes the request into a Channel that `workers` Python threads (or an asyncio
// loop, through the channel's eventfd) take from. Calls return a Completion that Python waits on
// with the GIL released, in short slices so Ctrl+C is seen.

#include <pybind11/pybind11.h>   // before any Qt header (Qt's "slots" macro)
#include <pybind11/stl.h>

#include "bundledqt.h"
#include "channel.h"

#include <core/monitor/routermonitor.h>
#include <core/node/client.h>
#include <core/node/networkthread.h>
#include <core/node/routerhost.h>
#include <core/node/service.h>
#include <core/transport/listenspec.h>
#include <core/transport/tlsconfig.h>

#include <QFuture>
#include <QLoggingCategory>
#include <QMetaEnum>

#include <cstring>
#include <variant>

namespace py = pybind11;
using namespace daffi;
using daffi::python::Channel;

namespace {

NetworkThread &net()
{
    return NetworkThread::instance();
}

// Payload bytes cross between Python and the core with one copy each way; a large one is
// copied with the GIL released (a bytes object is immutable, and the caller's reference keeps
// it alive; a new one is not visible to other threads before it is returned).
QByteArray toBytes(const py::bytes &b)
{
    char *data = nullptr;
    Py_ssize_t size = 0;
    PyBytes_AsStringAndSize(b.ptr(), &data, &size);
    if (size < Frame::SplitAt)
        return QByteArray(data, qsizetype(size));
    py::gil_scoped_release release;
    return QByteArray(data, qsizetype(size));
}

py::bytes toPy(const QByteArray &b)
{
    if (b.size() < Frame::SplitAt)
        return py::bytes(b.constData(), size_t(b.size()));
    PyObject *object = PyBytes_FromStringAndSize(nullptr, Py_ssize_t(b.size()));
    if (!object)
        throw py::error_already_set();
    {
        py::gil_scoped_release release;
        std::memcpy(PyBytes_AS_STRING(object), b.constData(), size_t(b.size()));
    }
    return py::reinterpret_steal<py::bytes>(object);
}

std::string str(const QString &s)
{
    return s.toStdString();
}

std::string str(const QByteArray &s)
{
    return s.toStdString();
}

[[noreturn]] void raise(const QString &message)
{
    throw std::runtime_error(message.toStdString());
}

// ---- requests and events handed to Python ----

struct Request
{
    Payload args;
    Responder responder;
};
using RequestChannel = Channel<std::shared_ptr<Request>>;

struct Event
{
    std::string kind;     // connected, disconnected, evicted, state
    std::string member;   // or the state name
};
using EventChannel = Channel<Event>;

// An async callback that hands each request to Python.
AsyncCallback enqueueTo(std::shared_ptr<RequestChannel> channel)
{
    return [channel](const Payload &args, Responder responder) {
        channel->push(std::make_shared<Request>(Request{args, std::move(responder)}));
    };
}

// ---- completions of calls ----

class Completion
{
public:
    using Value = std::variant<std::monostate, CallResult, CastResult, bool>;

    void complete(Value value)
    {
        std::shared_ptr<Channel<uint64_t>> notify;
        {
            std::lock_guard lock(m_mutex);
            if (m_done)
                return;
            m_value = std::move(value);
            m_done = true;
            notify = m_notify;
        }
        m_cv.notify_all();
        if (notify)
            notify->push(m_token);
    }

    // Returns true once done; waits at most `seconds` (the GIL is released meanwhile).
    bool wait(double seconds)
    {
        py::gil_scoped_release release;
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, std::chrono::duration<double>(std::max(0.0, seconds)), [this] { return m_done; });
    }

    bool done()
    {
        std::lock_guard lock(m_mutex);
        return m_done;
    }

    // For asyncio: push `token` to `channel` when done (at once if already done).
    void notifyVia(std::shared_ptr<Channel<uint64_t>> channel, uint64_t token)
    {
        bool already = false;
        {
            std::lock_guard lock(m_mutex);
            m_notify = channel;
            m_token = token;
            already = m_done;
        }
        if (already)
            channel->push(token);
    }

    py::object result()
    {
        std::lock_guard lock(m_mutex);
        if (!m_done)
            throw std::runtime_error("the call has not finished");
        if (auto *r = std::get_if<CallResult>(&m_value))
            return py::cast(*r);
        if (auto *c = std::get_if<CastResult>(&m_value))
            return py::cast(*c);
        if (auto *b = std::get_if<bool>(&m_value))
            return py::bool_(*b);
        return py::none();
    }

    template <typename T>
    static std::shared_ptr<Completion> of(QFuture<T> future)
    {
        auto c = std::make_shared<Completion>();
        future.then(QtFuture::Launch::Sync, [c](T value) { c->complete(std::move(value)); })
            .onCanceled([c] { c->complete(abandoned<T>()); });
        return c;
    }

    // The outcome of an operation whose promise was dropped unanswered (its node went away):
    // a failure, never a default-constructed (Ok) result.
    template <typename T>
    static T abandoned()
    {
        const QString why = QStringLiteral("not connected: the client stopped before the call was sent");
        if constexpr (std::is_same_v<T, bool>) {
            return false;
        } else if constexpr (std::is_same_v<T, CallResult>) {
            return CallResult::failure(CallResult::Status::Disconnected, CallResult::Reason::ClientStopped, why);
        } else {
            T r;
            r.status = CallResult::Status::Disconnected;
            r.reason = CallResult::Reason::ClientStopped;
            r.message = why;
            return r;
        }
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
    Value m_value;
    std::shared_ptr<Channel<uint64_t>> m_notify;
    uint64_t m_token = 0;
};

// ---- results handed to Python: typed, so that Python decides from status and reason alone ----

// Every key of a Q_ENUM becomes a value of the Python enum: the names are written once, in C++.
template <typename Enum>
void bindEnum(py::module_ &m, const char *name)
{
    py::enum_<Enum> e(m, name);
    const QMetaEnum meta = QMetaEnum::fromType<Enum>();
    for (int i = 0; i < meta.keyCount(); ++i)
        e.value(meta.key(i), Enum(meta.value(i)));
}

std::string describe(const char *kind, CallResult::Status status, CallResult::Reason reason, const QString &message)
{
    return QStringLiteral("%1(%2, %3: %4)")
        .arg(QLatin1StringView(kind), CallResult::statusName(status), CallResult::reasonName(reason), message)
        .toStdString();
}

// The constructors are for tests (any status, reason and text); calls get their results from the core.
void bindResults(py::module_ &m)
{
    using Status = CallResult::Status;
    using Reason = CallResult::Reason;
    bindEnum<Status>(m, "Status");
    bindEnum<Reason>(m, "Reason");

    py::class_<CallResult>(m, "CallResult")
        .def(py::init([](Status status, Reason reason, const std::string &message, const std::string &receiver) {
                 return CallResult::failure(status, reason, QString::fromStdString(message),
                                            QByteArray::fromStdString(receiver));
             }),
             py::kw_only(), py::arg("status"), py::arg("reason") = Reason::Unspecified, py::arg("message") = "",
             py::arg("receiver") = "")
        .def_property_readonly("status", [](const CallResult &r) { return r.status; })
        .def_property_readonly("reason", [](const CallResult &r) { return r.reason; })
        .def_property_readonly("ok", &CallResult::ok)
        .def_property_readonly("receiver", [](const CallResult &r) { return str(r.receiver); })
        .def_property_readonly("serde", [](const CallResult &r) { return int(r.payload.serde); })
        .def_property_readonly("is_bytes", [](const CallResult &r) { return r.payload.isBytes; })
        .def_property_readonly("data", [](const CallResult &r) { return toPy(r.payload.data); })
        .def_property_readonly("remote_type", [](const CallResult &r) { return str(r.remote.type); })
        .def_property_readonly("remote_module", [](const CallResult &r) { return str(r.remote.module); })
        .def_property_readonly("remote_message", [](const CallResult &r) { return str(r.remote.message); })
        .def_property_readonly("message", [](const CallResult &r) { return str(r.message); })
        .def("__repr__", [](const CallResult &r) { return describe("CallResult", r.status, r.reason, r.message); });

    py::class_<CastResult>(m, "CastResult")
        .def(py::init([](Status status, Reason reason, const std::string &message, const py::dict &results) {
                 CastResult c;
                 c.status = status;
                 c.reason = reason;
                 c.message = QString::fromStdString(message);
                 for (const auto &[name, r] : results)
                     c.results.append({QByteArray::fromStdString(name.cast<std::string>()), r.cast<CallResult>()});
                 return c;
             }),
             py::kw_only(), py::arg("status") = Status::Ok, py::arg("reason") = Reason::Unspecified,
             py::arg("message") = "", py::arg("results") = py::dict())
        .def_property_readonly("status", [](const CastResult &c) { return c.status; })
        .def_property_readonly("reason", [](const CastResult &c) { return c.reason; })
        .def_property_readonly("message", [](const CastResult &c) { return str(c.message); })
        // {target: CallResult}, in the order the requests were sent
        .def_property_readonly("results", [](const CastResult &c) {
            py::dict out;
            for (const auto &[name, r] : c.results)
                out[py::str(str(name))] = py::cast(r);
            return out;
        })
        .def("__repr__", [](const CastResult &c) { return describe("CastResult", c.status, c.reason, c.message); });
}

// Completes a call's Completion with its result, or with a failure if the callback is dropped
// unanswered (the client went away): a Python caller never waits forever.
class Owed
{
public:
    explicit Owed(std::shared_ptr<Completion> c) : m_completion(std::move(c)) {}
    ~Owed()
    {
        if (m_completion)
            m_completion->complete(Completion::abandoned<CallResult>());
    }
    void pay(CallResult &&r)
    {
        if (auto c = std::exchange(m_completion, nullptr))
            c->complete(std::move(r));
    }

private:
    std::shared_ptr<Completion> m_completion;
};

// ---- nodes ----

struct EndpointSpec
{
    std::string host;
    int port = 0;
    std::string unixPath;
};

// daffi 3.0's rule: a server listens on host:port, or on unix_sock_path instead.
Listener::Options listenOptions(const EndpointSpec &spec, const std::string &cert, const std::string &key,
                                const std::string &ca)
{
    ListenSpec listen;
    if (spec.unixPath.empty())
        listen.tcp = ListenSpec::Tcp{QString::fromStdString(spec.host.empty() ? std::string("0.0.0.0") : spec.host),
                                     quint16(spec.port)};
    else
        listen.unixPath = QString::fromStdString(spec.unixPath);
    listen.tls = {QString::fromStdString(cert), QString::fromStdString(key), QString::fromStdString(ca)};
    auto options = listen.options();
    if (!options)
        raise(options.error().message);
    return *options;
}

class PyRouter
{
public:
    ~PyRouter() { stop(); }

    void listen(const EndpointSpec &spec, const std::string &cert, const std::string &key, const std::string &ca)
    {
        const Listener::Options options = listenOptions(spec, cert, key, ca);
        py::gil_scoped_release release;
        QString error;
        const bool ok = net().invoke([&] {
            m_host = new RouterHost;
            if (m_host->listen(options, &error))
                return true;
            delete m_host;
            m_host = nullptr;
            return false;
        });
        if (!ok) {
            py::gil_scoped_acquire acquire;
            raise(error);
        }
    }

    void stop()
    {
        if (!m_host)
            return;
        py::gil_scoped_release release;
        if (m_monitor)
            net().destroy(std::exchange(m_monitor, nullptr));
        net().destroy(std::exchange(m_host, nullptr));   // closes every connection: peers see EOF
    }

    // The monitor API on host:port (loopback: open, payloads served); returns its URL.
    std::string startMonitor(const std::string &host, int port)
    {
        if (!m_host)
            raise(QStringLiteral("start the router before its monitor"));
        MonitorServer::Options options;
        options.host = QString::fromStdString(host);
        options.port = quint16(port);
        py::gil_scoped_release release;
        QString error;
        const QString url = net().invoke([&] {
            auto *monitor = new RouterMonitor(m_host, RouterMonitor::options(MonitorServer::isLoopback(options.host)));
            if (!monitor->listen(options, &error)) {
                delete monitor;
                return QString();
            }
            delete std::exchange(m_monitor, monitor);
            return monitor->url();
        });
        if (url.isEmpty()) {
            py::gil_scoped_acquire acquire;
            raise(error);
        }
        return url.toStdString();
    }

    int port() const { return m_host ? net().invoke([this] { return int(m_host->listener()->port()); }) : 0; }
    std::vector<std::string> urls() const
    {
        if (!m_host)
            return {};
        return net().invoke([this] {
            std::vector<std::string> out;
            for (const QString &u : m_host->urls())
                out.push_back(u.toStdString());
            return out;
        });
    }

private:
    RouterHost *m_host = nullptr;
    RouterMonitor *m_monitor = nullptr;   // destroyed before m_host, which it watches
};

// What Client and Service share: the queues Python reads and an executor that only enqueues.
struct Queues
{
    std::shared_ptr<RequestChannel> requests = std::make_shared<RequestChannel>();
    std::shared_ptr<EventChannel> events = std::make_shared<EventChannel>();
    InlineExecutor executor;

    void close()
    {
        requests->close();
        events->close();
    }
};

class PyService
{
public:
    PyService(const std::string &name) : m_name(name) {}
    ~PyService() { stop(); }

    void addCallback(const std::string &name)
    {
        m_callbacks.push_back(name);
        if (!m_service)
            return;
        py::gil_scoped_release release;
        net().invoke([&] { m_service->addAsyncCallback(QByteArray::fromStdString(name), enqueueTo(m_queues.requests)); });
    }

    void listen(const EndpointSpec &spec, const std::string &cert, const std::string &key, const std::string &ca)
    {
        Service::Options o;
        o.name = QByteArray::fromStdString(m_name);
        o.listen = listenOptions(spec, cert, key, ca);
        py::gil_scoped_release release;
        QString error;
        const bool ok = net().invoke([&] {
            m_service = new Service(o);
            m_service->setExecutor(&m_queues.executor);
            for (const std::string &cb : m_callbacks)
                m_service->addAsyncCallback(QByteArray::fromStdString(cb), enqueueTo(m_queues.requests));
            auto events = m_queues.events;
            QObject::connect(m_service, &Service::clientJoined, [events](const QByteArray &n) { events->push({"connected", n.toStdString()}); });
            QObject::connect(m_service, &Service::clientLeft, [events](const QByteArray &n) { events->push({"disconnected", n.toStdString()}); });
            QObject::connect(m_service, &Service::clientEvicted, [events](const QByteArray &n) { events->push({"evicted", n.toStdString()}); });
            if (m_service->listen(&error))
                return true;
            delete m_service;
            m_service = nullptr;
            return false;
        });
        if (!ok) {
            py::gil_scoped_acquire acquire;
            raise(error);
        }
    }

    void stop()
    {
        if (!m_service)
            return;
        py::gil_scoped_release release;
        net().invoke([this] { m_service->stop(); });
        net().destroy(std::exchange(m_service, nullptr));
    }

    int port() const { return m_service ? net().invoke([this] { return int(m_service->listener()->port()); }) : 0; }
    std::vector<std::string> clients() const
    {
        std::vector<std::string> out;
        if (m_service) {
            for (const QByteArray &c : m_service->clients())
                out.push_back(c.toStdString());
        }
        return out;
    }
    Queues &queues() { return m_queues; }
    std::string name() const { return m_name; }

private:
    std::string m_name;
    std::vector<std::string> m_callbacks;
    Service *m_service = nullptr;
    Queues m_queues;
};

class PyClient
{
public:
    PyClient(const std::string &name, const EndpointSpec &spec, bool tls, const std::string &ca,
             const std::string &cert, const std::string &key, int reconnectAttempts)
    {
        Client::Options o;
        o.name = QByteArray::fromStdString(name);
        o.endpoint = spec.unixPath.empty()
                         ? Endpoint::tcp(QString::fromStdString(spec.host.empty() ? std::string("127.0.0.1") : spec.host), quint16(spec.port))
                         : Endpoint::unix(QString::fromStdString(spec.unixPath));
        if (tls) {
            auto config = clientTlsConfiguration({QString::fromStdString(ca), QString::fromStdString(cert), QString::fromStdString(key), false});
            if (!config)
                raise(config.error().message);
            o.endpoint.tls = *config;
        }
        o.reconnect = reconnectAttempts != 0;
        o.reconnectAttempts = std::max(0, reconnectAttempts);
        py::gil_scoped_release release;
        m_client = net().invoke([&] {
            auto *c = new Client(o);
            c->setExecutor(&m_queues.executor);
            auto events = m_queues.events;
            QObject::connect(c, &Client::memberJoined, [events](const QByteArray &n) { events->push({"connected", n.toStdString()}); });
            QObject::connect(c, &Client::memberLeft, [events](const QByteArray &n, bool evicted) {
                events->push({evicted ? "evicted" : "disconnected", n.toStdString()});
            });
            QObject::connect(c, &Client::stateChanged, [events](Client::State s) {
                events->push({"state", QMetaEnum::fromType<Client::State>().valueToKey(int(s))});
            });
            return c;
        });
    }

    ~PyClient()
    {
        py::gil_scoped_release release;
        m_client->stop();
        net().destroy(m_client);
    }

    std::string name() const { return m_client->name().toStdString(); }
    std::string state() const { return QMetaEnum::fromType<Client::State>().valueToKey(int(m_client->state())); }
    std::string serverType() const { return m_client->serverType().toStdString(); }

    void addCallback(const std::string &name)
    {
        QString error;
        if (!m_client->addAsyncCallback(QByteArray::fromStdString(name), enqueueTo(m_queues.requests), &error))
            raise(error);
    }

    std::shared_ptr<Completion> start() { return Completion::of(m_client->start()); }
    void stop()
    {
        py::gil_scoped_release release;
        m_client->stop();
    }

    py::list members() const
    {
        py::list out;
        for (const Member &m : m_client->members()) {
            py::object methods = py::none();
            if (m.methods) {
                py::list l;
                for (const QByteArray &f : *m.methods)
                    l.append(str(f));
                methods = l;
            }
            out.append(py::make_tuple(str(m.name), methods));
        }
        return out;
    }

    std::shared_ptr<Completion> rpc(const std::string &function, int serde, bool isBytes, const py::bytes &data,
                                    const std::string &receiver, std::optional<double> timeout, bool returnResult)
    {
        const Payload p{Serde(serde & 3), isBytes, toBytes(data)};
        py::gil_scoped_release release;
        const Client::CallOptions o{QByteArray::fromStdString(receiver), timeout};
        auto c = std::make_shared<Completion>();
        m_client->call(QByteArray::fromStdString(function), p, o, returnResult,
                       [owed = std::make_shared<Owed>(c)](CallResult &&r) { owed->pay(std::move(r)); });
        return c;
    }

    std::shared_ptr<Completion> cast(const std::string &function, int serde, bool isBytes, const py::bytes &data,
                                     const std::vector<std::string> &receivers, std::optional<double> timeout,
                                     bool returnResult)
    {
        const Payload p{Serde(serde & 3), isBytes, toBytes(data)};
        py::gil_scoped_release release;
        Client::CastOptions o;
        for (const std::string &r : receivers)
            o.receivers << QByteArray::fromStdString(r);
        o.timeout = timeout;
        const QByteArray fn = QByteArray::fromStdString(function);
        return Completion::of(returnResult ? m_client->cast(fn, p, o) : m_client->castNowait(fn, p, o));
    }

    std::shared_ptr<Completion> waitForMembers(const std::vector<std::string> &names, std::optional<double> timeout)
    {
        QByteArrayList list;
        for (const std::string &n : names)
            list << QByteArray::fromStdString(n);
        return Completion::of(m_client->waitForMembers(list, timeout));
    }

    Queues &queues() { return m_queues; }

private:
    Client *m_client = nullptr;
    Queues m_queues;   // outlives m_client's use of its executor: destroyed after the client
};

template <typename Node>
void bindQueues(py::class_<Node> &cls)
{
    cls.def("next_request", [](Node &n, double timeout) -> std::shared_ptr<Request> {
            std::optional<std::shared_ptr<Request>> r;
            {
                py::gil_scoped_release release;
                r = n.queues().requests->pop(std::chrono::milliseconds(qint64(timeout * 1000)));
            }
            return r ? *r : nullptr;
        }, py::arg("timeout"))
        .def("drain_requests", [](Node &n) {
            auto all = n.queues().requests->drain();
            return std::vector<std::shared_ptr<Request>>(all.begin(), all.end());
        })
        .def("requests_fd", [](Node &n) { return n.queues().requests->fd(); })
        .def("next_event", [](Node &n, double timeout) -> py::object {
            std::optional<Event> e;
            {
                py::gil_scoped_release release;
                e = n.queues().events->pop(std::chrono::milliseconds(qint64(timeout * 1000)));
            }
            if (!e)
                return py::none();
            return py::make_tuple(e->kind, e->member);
        }, py::arg("timeout"))
        .def("drain_events", [](Node &n) {
            py::list out;
            for (const Event &e : n.queues().events->drain())
                out.append(py::make_tuple(e.kind, e.member));
            return out;
        })
        .def("events_fd", [](Node &n) { return n.queues().events->fd(); })
        .def("close_queues", [](Node &n) { n.queues().close(); });
}

} // namespace

PYBIND11_MODULE(_native, m)
{
    m.doc() = "daffi-qt's C++ core (Qt event loop on its own thread).";
    // Start the network thread before anything else touches Qt: Qt takes the first thread that
    // does for its main thread, and that must be the one running the QCoreApplication.
    net();
    daffi::python::useBundledQt();

    py::class_<EndpointSpec>(m, "Endpoint")
        .def(py::init([](const std::string &host, int port, const std::string &unixPath) {
                 return EndpointSpec{host, port, unixPath};
             }), py::arg("host") = "", py::arg("port") = 0, py::arg("unix_path") = "");

    py::class_<Request, std::shared_ptr<Request>>(m, "Request")
        .def_property_readonly("function", [](const Request &r) { return str(r.responder.function()); })
        .def_property_readonly("serde", [](const Request &r) { return int(r.args.serde); })
        .def_property_readonly("is_bytes", [](const Request &r) { return r.args.isBytes; })
        .def_property_readonly("data", [](const Request &r) { return toPy(r.args.data); })
        .def_property_readonly("wants_answer", [](const Request &r) { return r.responder.wantsAnswer(); })
        .def("reply", [](Request &r, int serde, bool isBytes, const py::bytes &data) {
            r.responder.reply(Payload{Serde(serde & 3), isBytes, toBytes(data)});
        })
        .def("fail_encoded", [](Request &r, int serde, bool isBytes, const py::bytes &data) {
            r.responder.failEncoded(Payload{Serde(serde & 3), isBytes, toBytes(data)});
        })
        .def("fail", [](Request &r, const std::string &type, const std::string &module, const std::string &message) {
            r.responder.fail({QString::fromStdString(type), QString::fromStdString(module), QString::fromStdString(message), QCborValue(nullptr)});
        });

    bindResults(m);

    py::class_<Completion, std::shared_ptr<Completion>>(m, "Completion")
        .def("wait", &Completion::wait, py::arg("seconds"))
        .def("done", &Completion::done)
        .def("result", &Completion::result)
        .def("notify_via", [](Completion &c, std::shared_ptr<Channel<uint64_t>> channel, uint64_t token) {
            c.notifyVia(std::move(channel), token);
        });

    py::class_<Channel<uint64_t>, std::shared_ptr<Channel<uint64_t>>>(m, "Notifier")
        .def(py::init<>())
        .def("fd", &Channel<uint64_t>::fd)
        .def("drain", [](Channel<uint64_t> &c) {
            auto all = c.drain();
            return std::vector<uint64_t>(all.begin(), all.end());
        });

    py::class_<PyRouter>(m, "Router")
        .def(py::init<>())
        .def("listen", &PyRouter::listen)
        .def("stop", &PyRouter::stop)
        .def("start_monitor", &PyRouter::startMonitor)
        .def("port", &PyRouter::port)
        .def("urls", &PyRouter::urls);

    py::class_<PyService> service(m, "Service");
    service.def(py::init<const std::string &>())
        .def("name", &PyService::name)
        .def("add_callback", &PyService::addCallback)
        .def("listen", &PyService::listen)
        .def("stop", &PyService::stop)
        .def("port", &PyService::port)
        .def("clients", &PyService::clients);
    bindQueues(service);

    py::class_<PyClient> client(m, "Client");
    client.def(py::init<const std::string &, const EndpointSpec &, bool, const std::string &, const std::string &,
                        const std::string &, int>())
        .def("name", &PyClient::name)
        .def("state", &PyClient::state)
        .def("server_type", &PyClient::serverType)
        .def("add_callback", &PyClient::addCallback)
        .def("start", &PyClient::start)
        .def("stop", &PyClient::stop)
        .def("members", &PyClient::members)
        .def("rpc", &PyClient::rpc)
        .def("cast", &PyClient::cast)
        .def("wait_for_members", &PyClient::waitForMembers);
    bindQueues(client);

    // Python's logging levels (DEBUG 10, INFO 20, WARNING 30, ERROR 40) onto the core's categories.
    m.def("set_log_level", [](int level) {
        py::gil_scoped_release release;
        net().invoke([level] {
            QLoggingCategory::setFilterRules(QStringLiteral("daffi.*.debug=%1\ndaffi.*.info=%2\ndaffi.*.warning=%3")
                                                 .arg(level <= 10 ? u"true" : u"false", level <= 20 ? u"true" : u"false",
                                                      level <= 30 ? u"true" : u"false"));
        });
    });

    m.def("shutdown", [] {
        py::gil_scoped_release release;
        net().shutdown();
    });
}
