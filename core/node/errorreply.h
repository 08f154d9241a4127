#pragma once

#include <core/protocol/envelope.h>
#include <core/protocol/frame.h>

namespace daffi {

// The ERROR answer to `request` that reference callers decode: the JSON 4-tuple
// (type, module, message, None) with the request's uuid, addressed back to its transmitter.
inline Frame errorReply(const Frame &request, const QString &type, const QString &module, const QString &message)
{
    auto payload = envelope::encodeError(Serde::Json, RemoteError{type, module, message, QCborValue(nullptr)});
    return *Frame::make({request.uuid(), Flag::Error, payload->serde, payload->isBytes, false},
                        request.receiver(), request.transmitter(), request.function(), payload->data);
}

} // namespace daffi
