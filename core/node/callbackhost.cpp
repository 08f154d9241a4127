#include "callbackhost.h"

#include "handoff.h"

#include <core/transport/connection.h>

#include <QLoggingCategory>
#include <QPointer>
#include <QThread>

namespace daffi {

Q_LOGGING_CATEGORY(lcCallbacks, "daffi.callbacks", QtInfoMsg)

struct Responder::State
{
    std::shared_ptr<CallbackHost::Gate> gate;
    QPointer<Connection> connection;
    quint16 uuid = 0;
    Serde serde = Serde::Opaque;
    QByteArray caller;
    QByteArray self;
    QByteArray function;
    bool wantsAnswer = false;
    std::atomic<bool> answered{false};
};

bool Responder::wantsAnswer() const
{
    return m_state->wantsAnswer;
}

QByteArray Responder::function() const
{
    return m_state->function;
}

void Responder::reply(const Payload &result)
{
    send(Flag::Response, result);
}

void Responder::fail(const RemoteError &error)
{
    qCDebug(lcCallbacks).noquote() << "callback" << m_state->function << "failed:" << error.type << error.message;
    send(Flag::Error, *envelope::encodeError(m_state->serde, error));
}

void Responder::failEncoded(const Payload &errorPayload)
{
    send(Flag::Error, errorPayload);
}

void Responder::send(Flag flag, const Payload &payload)
{
    State &s = *m_state;
    if (s.answered.exchange(true) || !s.wantsAnswer)
        return;
    auto frame = Frame::makeSharing({s.uuid, flag, payload.serde, payload.isBytes, false}, s.self, s.caller,
                                    s.function, payload.data);
    if (!frame) {
        // The answer cannot go on the wire (too large): tell the caller instead of going silent.
        auto fallback = envelope::encodeError(Serde::Json, {QStringLiteral("TransmissionFailure"), QStringLiteral("daffi"),
                                                             frame.error().message, QCborValue(nullptr)});
        frame = Frame::make({s.uuid, Flag::Error, Serde::Json, false, false}, s.self, s.caller, s.function, fallback->data);
    }
    std::unique_lock lock(s.gate->mutex);
    if (!s.gate->host)
        return;   // the host is gone; so is the connection
    if (s.gate->host->thread() == QThread::currentThread()) {
        // An inline callback (or one answering from the host's own loop): straight to the
        // connection, no hop through the event loop.
        lock.unlock();
        if (s.connection && !s.connection->isClosing())
            s.connection->send(frame.value());
        return;
    }
    s.gate->outbox.emplace_back(s.connection, std::move(frame.value()));
    if (!s.gate->scheduled) {
        s.gate->scheduled = true;
        // No captures: Qt builds the call object on this thread and runs it on the host's.
        QMetaObject::invokeMethod(s.gate->host, &CallbackHost::drainOutbox, Qt::QueuedConnection);
    }
}

void CallbackHost::Gate::drain()
{
    std::vector<std::pair<QPointer<Connection>, Frame>> ready;
    {
        std::lock_guard lock(mutex);
        ready.swap(outbox);
        scheduled = false;
    }
    const WriteBatch batch;
    for (const auto &[connection, frame] : ready) {
        if (connection && !connection->isClosing())
            connection->send(frame);
    }
}

CallbackHost::CallbackHost(QObject *parent) : QObject(parent), m_gate(std::make_shared<Gate>())
{
    m_gate->host = this;
}

CallbackHost::~CallbackHost()
{
    // Answers still being computed are dropped from here on; queued ones die with us.
    std::lock_guard lock(m_gate->mutex);
    m_gate->host = nullptr;
    m_gate->outbox.clear();
}

void CallbackHost::drainOutbox()
{
    m_gate->drain();
}

void CallbackHost::setExecutor(Executor *executor)
{
    m_executor = executor;
}

QString CallbackHost::validateName(const QByteArray &name)
{
    if (name.isEmpty())
        return QStringLiteral("a callback name must not be empty");
    if (name.contains('|') || name.contains(','))
        return QStringLiteral("callback name \"%1\" must not contain '|' or ','").arg(QString::fromUtf8(name));
    return {};
}

bool CallbackHost::add(const QByteArray &name, Callback callback, QString *error)
{
    return addAsync(name, wrap(std::move(callback)), error);
}

AsyncCallback CallbackHost::wrap(Callback callback)
{
    return [callback = std::move(callback)](const Payload &args, Responder responder) {
        try {
            responder.reply(callback(args));
        } catch (const CallbackError &e) {
            responder.fail(e.error());
        } catch (const std::exception &e) {
            responder.fail({QStringLiteral("RuntimeError"), QStringLiteral("builtins"), QString::fromUtf8(e.what()), QCborValue(nullptr)});
        } catch (...) {
            responder.fail({QStringLiteral("RuntimeError"), QStringLiteral("builtins"),
                            QStringLiteral("the callback threw a non-standard exception"), QCborValue(nullptr)});
        }
    };
}

bool CallbackHost::addAsync(const QByteArray &name, AsyncCallback callback, QString *error)
{
    const QString problem = validateName(name);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    if (!m_callbacks.contains(name))
        m_order.append(name);
    m_callbacks.insert(name, std::move(callback));
    return true;
}

bool CallbackHost::remove(const QByteArray &name)
{
    m_order.removeAll(name);
    return m_callbacks.remove(name) > 0;
}

bool CallbackHost::has(QByteArrayView name) const
{
    return m_callbacks.contains(QByteArray::fromRawData(name.data(), name.size()));
}

void CallbackHost::handle(const Frame &request, Connection *connection, const QByteArray &self)
{
    if (!m_executor) {
        m_ownExecutor = std::make_unique<ThreadPoolExecutor>(1);
        m_executor = m_ownExecutor.get();
    }
    Responder responder;
    responder.m_state = std::make_shared<Responder::State>();
    Responder::State &s = *responder.m_state;
    s.gate = m_gate;
    s.connection = connection;
    s.uuid = request.uuid();
    s.serde = request.serde();
    s.caller = request.transmitter().toByteArray();
    s.self = self;
    s.function = request.function().toByteArray();
    s.wantsAnswer = request.header().returnResult;

    const Payload args{request.serde(), request.header().isBytes, request.dataBytes()};
    AsyncCallback callback = m_callbacks.value(s.function);
    handoffRelease(responder.m_state.get());
    m_executor->post([callback = std::move(callback), args, responder]() mutable {
        handoffAcquire(responder.m_state.get());
        if (!callback) {
            responder.fail({QStringLiteral("CallbackNotFound"), QStringLiteral("daffi"),
                            QStringLiteral("\"%1\" has no callback \"%2\"")
                                .arg(QString::fromUtf8(responder.m_state->self), QString::fromUtf8(responder.function())),
                            QCborValue(nullptr)});
            return;
        }
        callback(args, responder);
    });
}

} // namespace daffi
