#pragma once

#include "result.h"

#include <QByteArray>

// RFC 6455 pieces the daffi wire needs outside QtWebSockets: the accept key (PROTOCOL.md §9.1)
// and single-frame encoding/decoding, used by the listener's sniffing path and by test peers
// that must speak WebSocket byte for byte.
namespace daffi::websocket {

QByteArray acceptKey(QByteArrayView secWebSocketKey);

// One FIN frame with opcode 2 (binary); masked with `mask` when given (client to server).
QByteArray encodeBinaryFrame(QByteArrayView payload, const char *mask = nullptr);

struct DecodedFrame
{
    bool fin = false;
    int opcode = 0;
    bool masked = false;
    QByteArray payload;     // unmasked
    qsizetype frameSize = 0; // bytes the frame occupied in the input
};

// Decodes one frame from the start of `bytes`; an error with code "Incomplete" means more
// bytes are needed.
Result<DecodedFrame> decodeFrame(QByteArrayView bytes, quint64 maxPayload = (1u << 25) - 1);

} // namespace daffi::websocket
