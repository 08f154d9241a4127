#include "callbackhost.h"

#include <core/transport/connection.h>

#include <QLoggingCategory>
#include <QPointer>

namespace daffi {

Q_LOGGING_CATEGORY(lcCallbacks, "daffi.callbacks", QtInfoMsg)

CallbackHost::CallbackHost(QObject *parent) : QObject(parent), m_gate(std::make_shared<Gate>())
{
    m_gate->host = this;
}

CallbackHost::~CallbackHost()
{
    // Answers still being computed are dropped from here on; posted ones die with us.
    QMutexLocker lock(&m_gate->mutex);
    m_gate->host = nullptr;
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
    const QByteArray function = request.function().toByteArray();
    Callback callback = m_callbacks.value(function);
    const Payload args{request.serde(), request.header().isBytes, request.data().toByteArray()};
    const Frame::Fields reply{request.uuid(), Flag::Response, request.serde(), false, false};
    const QByteArray caller = request.transmitter().toByteArray();
    const bool wantsAnswer = request.header().returnResult;

    m_executor->post([gate = m_gate, callback = std::move(callback), args, reply, caller, self, function,
                      wantsAnswer, connection = QPointer<Connection>(connection)]() mutable {
        Result<Payload> answer = Error{};
        bool failed = false;
        RemoteError remote;
        if (!callback) {
            failed = true;
            remote = {QStringLiteral("CallbackNotFound"), QStringLiteral("daffi"),
                      QStringLiteral("\"%1\" has no callback \"%2\"").arg(QString::fromUtf8(self), QString::fromUtf8(function)),
                      QCborValue(nullptr)};
        } else {
            try {
                answer = callback(args);
            } catch (const CallbackError &e) {
                failed = true;
                remote = e.error();
            } catch (const std::exception &e) {
                failed = true;
                remote = {QStringLiteral("RuntimeError"), QStringLiteral("builtins"), QString::fromUtf8(e.what()), QCborValue(nullptr)};
            } catch (...) {
                failed = true;
                remote = {QStringLiteral("RuntimeError"), QStringLiteral("builtins"),
                          QStringLiteral("the callback threw a non-standard exception"), QCborValue(nullptr)};
            }
        }
        if (failed)
            qCDebug(lcCallbacks).noquote() << "callback" << function << "failed:" << remote.type << remote.message;
        if (!wantsAnswer)
            return;
        Frame::Fields fields = reply;
        if (failed) {
            answer = envelope::encodeError(fields.serde, remote);
            fields.flag = Flag::Error;
        }
        auto frame = Frame::make({fields.uuid, fields.flag, answer->serde, answer->isBytes, false},
                                 self, caller, function, answer->data);
        if (!frame) {
            // The result could not go on the wire (too large): tell the caller instead of going silent.
            auto fallback = envelope::encodeError(Serde::Json, {QStringLiteral("TransmissionFailure"), QStringLiteral("daffi"),
                                                                 frame.error().message, QCborValue(nullptr)});
            frame = Frame::make({fields.uuid, Flag::Error, Serde::Json, false, false}, self, caller, function, fallback->data);
        }
        QMutexLocker lock(&gate->mutex);
        if (!gate->host)
            return;
        QMetaObject::invokeMethod(gate->host, [connection, frame = std::move(frame.value())] {
            if (connection && !connection->isClosing())
                connection->send(frame);
        }, Qt::QueuedConnection);
    });
}

} // namespace daffi
