#pragma once

// Helpers for tests that drive daffi::Client and daffi::Service on the test's event loop.

#include <core/node/client.h>
#include <core/protocol/envelope.h>

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QTimer>
#include <QTest>

#include <optional>

namespace nodetest {

// Runs the event loop until `done` holds or `ms` pass. Unlike QTest::qWaitFor it never sleeps
// between passes: router, workers and callers share this thread, and a 10 ms nap per hop would
// make every round trip look 40 ms slow.
template <typename Predicate>
bool waitUntil(Predicate done, int ms = 15000)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setInterval(1);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    check.start();
    loop.exec();
    return done();
}

// Runs the event loop until the future finishes (or `ms` pass).
template <typename T>
std::optional<T> await(QFuture<T> future, int ms = 15000)
{
    QFutureWatcher<T> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<T>::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    if (!future.isFinished() || future.isCanceled())
        return std::nullopt;
    return future.result();
}

// True when `client` sees `member` exposing `method`.
inline bool exposes(const daffi::Client *client, const QByteArray &member, const QByteArray &method)
{
    const auto members = client->members();
    return std::any_of(members.cbegin(), members.cend(),
                       [&](const daffi::Member &m) { return m.name == member && m.hasMethod(method); });
}

inline daffi::Payload args(daffi::Serde serde, const QCborArray &a, const QCborMap &kw = {})
{
    return *daffi::envelope::encodeCall(serde, {a, kw});
}

inline QCborValue value(const daffi::CallResult &r)
{
    auto v = daffi::envelope::decodeResult(r.payload.serde, r.payload.isBytes, r.payload.data);
    return v ? *v : QCborValue(QCborSimpleType::Undefined);
}

// add(a, b) in whatever serde the caller used.
inline daffi::Callback adder()
{
    return [](const daffi::Payload &p) {
        auto call = daffi::envelope::decodeCall(p.serde, p.data);
        if (!call)
            throw daffi::CallbackError({QStringLiteral("TypeError"), QStringLiteral("builtins"), call.error().message, QCborValue(nullptr)});
        return *daffi::envelope::encodeResult(p.serde, call->args.at(0).toInteger() + call->args.at(1).toInteger());
    };
}

inline daffi::Callback echo()
{
    return [](const daffi::Payload &p) { return p; };
}

} // namespace nodetest
