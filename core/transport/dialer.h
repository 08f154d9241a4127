#pragma once

#include "connection.h"
#include "endpoint.h"

#include <functional>

namespace daffi {

// Opens an outgoing connection: TCP or Unix, TLS when configured, then the daffi probe
// (PROTOCOL.md §2.1). Everything within one deadline. `done` runs on the calling thread's event
// loop with either a started-but-unhandled Connection (parented to `context`) or an error.
class Dialer
{
public:
    using Done = std::function<void(Connection *connection, const QString &error)>;
    static void dial(const Endpoint &endpoint, std::chrono::milliseconds timeout,
                     const Connection::Limits &limits, QObject *context, Done done);
};

} // namespace daffi
