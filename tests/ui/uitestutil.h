#pragma once

// Helpers for the console's widget tests: workers and model cells.

#include "nodetestutil.h"

#include <ui/traffic/trafficmodel.h>


#include <chrono>
#include <memory>
#include <thread>

namespace uitest {

// A worker exposing add, echo and fail (ValueError: boom), connected to 127.0.0.1:port; with a
// delay, also slow (echo after sleeping that long).
inline std::unique_ptr<daffi::Client> worker(quint16 port, const QByteArray &name,
                                             std::chrono::milliseconds slow = std::chrono::milliseconds(0))
{
    using namespace daffi;
    Client::Options o;
    o.name = name;
    o.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), port);
    auto c = std::make_unique<Client>(o);
    c->addCallback("add", nodetest::adder());
    const auto echoFirst = [](const Payload &p) {
        auto call = envelope::decodeCall(p.serde, p.data);
        return *envelope::encodeResult(p.serde, call && !call->args.isEmpty() ? call->args.first() : QCborValue());
    };
    c->addCallback("echo", echoFirst);
    c->addCallback("fail", [](const Payload &) -> Payload {
        throw CallbackError({QStringLiteral("ValueError"), QStringLiteral("builtins"), QStringLiteral("boom"), QCborValue(nullptr)});
    });
    if (slow.count() > 0) {
        c->addCallback("slow", [slow, echoFirst](const Payload &p) {
            std::this_thread::sleep_for(slow);
            return echoFirst(p);
        });
    }
    const auto started = nodetest::await(c->start());
    if (!started || !started->ok())
        return nullptr;
    return c;
}

inline QString cell(const QAbstractItemModel *m, int row, int column, const QModelIndex &parent = {})
{
    return m->index(row, column, parent).data().toString();
}

// The newest traffic row for `function`, or -1.
inline int newestRow(const daffi::ui::TrafficModel *t, const QByteArray &function)
{
    for (int r = t->rowCount() - 1; r >= 0; --r) {
        if (t->record(r).function == function)
            return r;
    }
    return -1;
}

} // namespace uitest
