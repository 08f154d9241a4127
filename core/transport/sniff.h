#pragma once

#include <QByteArray>
#include <QString>

// The listener's admission decision on the first bytes of a stranger (PROTOCOL.md §2.2, §9.1),
// kept free of sockets so it can be unit-tested and fuzzed on arbitrary bytes.
namespace daffi::sniff {

constexpr qsizetype ProbeSize = 9;
constexpr char ProbeByte = 0x1f;
constexpr qsizetype MaxUpgradeRequest = 8192;   // the reference's HTTP buffer (§9.1)

enum class Verdict {
    NeedMore,    // undecided: wait for more bytes (under the admission deadline)
    Probe,       // a native peer: skip `consume` bytes, daffi frames follow
    WebSocket,   // a complete HTTP upgrade request is buffered: hand the socket to QtWebSockets
    Refuse,      // close the connection, after writing `reply` if it is not empty
};

struct Decision
{
    Verdict verdict = Verdict::NeedMore;
    qsizetype consume = 0;
    QString reason;     // for Refuse: a sentence for the log
    QByteArray reply;   // for Refuse: bytes to send before closing (may be empty)
};

// `bytes` are the peer's first bytes, at most MaxUpgradeRequest of them (the caller peeks).
// Decides as early as the bytes allow: a first byte that starts neither the probe nor "GET" is
// refused at once. The verdict is stable: once not NeedMore, more bytes never change it.
Decision classify(QByteArrayView bytes, bool webSocketAllowed);

} // namespace daffi::sniff
