#pragma once

#include "executor.h"

#include <core/protocol/envelope.h>
#include <core/protocol/frame.h>

#include <QHash>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace daffi {

class CallbackHost;
class Connection;

class CallbackError : public std::runtime_error
{
public:
    explicit CallbackError(RemoteError error)
        : std::runtime_error(error.message.toStdString()), m_error(std::move(error)) {}
    const RemoteError &error() const { return m_error; }

private:
    RemoteError m_error;
};

// Answers one request, once, from any thread. Copies share the same request; the first answer
// wins and later ones are ignored. A request that wanted no answer (rpc_nowait) sends nothing.
class Responder
{
public:
    void reply(const Payload &result);
    void fail(const RemoteError &error);             // encoded by the request's convention
    void failEncoded(const Payload &errorPayload);   // an error the callee encoded itself
    bool wantsAnswer() const;
    QByteArray function() const;

private:
    friend class CallbackHost;
    struct State;
    void send(Flag flag, const Payload &payload);
    std::shared_ptr<State> m_state;
};

// A callback takes the request's payload (with its serde) and returns the result's payload,
// encoded by the same convention (envelope::encodeResult helps). To answer with an error the
// caller's language understands, throw CallbackError; any other exception becomes a RuntimeError.
using Callback = std::function<Payload(const Payload &args)>;
// The asynchronous form: answer through the responder whenever, from any thread.
using AsyncCallback = std::function<void(const Payload &args, Responder responder)>;

// Runs the callbacks of a worker or Service: each request goes to the executor (never the
// network thread), the answer is encoded there too, and only sending it happens back on the
// network thread, on the connection the request came from if it is still open.
class CallbackHost : public QObject
{
    Q_OBJECT

public:
    explicit CallbackHost(QObject *parent = nullptr);
    ~CallbackHost() override;

    // Not owned; must outlive the host. Default: one worker thread, FIFO.
    void setExecutor(Executor *executor);

    // False with a reason when the name is empty or has '|' or ','.
    bool add(const QByteArray &name, Callback callback, QString *error);
    bool addAsync(const QByteArray &name, AsyncCallback callback, QString *error);
    // The asynchronous form of a synchronous callback (answers when it returns or throws).
    static AsyncCallback wrap(Callback callback);
    bool remove(const QByteArray &name);
    bool has(QByteArrayView name) const;
    QByteArrayList names() const { return m_order; }

    void handle(const Frame &request, Connection *connection, const QByteArray &self);

    static QString validateName(const QByteArray &name);

private:
    // Answers leave executor threads through this outbox (a std::mutex, so ThreadSanitizer sees
    // the ordering) and one queued notification per batch wakes the network thread to send them.
    struct Gate
    {
        std::mutex mutex;
        CallbackHost *host = nullptr;
        std::vector<std::pair<QPointer<Connection>, Frame>> outbox;
        bool scheduled = false;
        void drain();
    };
    friend class Responder;
    void drainOutbox();

    QHash<QByteArray, AsyncCallback> m_callbacks;
    QByteArrayList m_order;
    Executor *m_executor = nullptr;
    std::unique_ptr<ThreadPoolExecutor> m_ownExecutor;
    std::shared_ptr<Gate> m_gate;
};

} // namespace daffi
