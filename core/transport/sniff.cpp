#include "sniff.h"

#include <algorithm>

namespace daffi::sniff {

namespace {

bool isPrefixOfGet(QByteArrayView bytes)
{
    const qsizetype n = std::min<qsizetype>(bytes.size(), 3);
    return QByteArrayView(bytes.first(n)).compare(QByteArrayView("GET").first(n), Qt::CaseInsensitive) == 0;
}

bool isPrefixOfProbe(QByteArrayView bytes)
{
    const qsizetype n = std::min(bytes.size(), ProbeSize);
    return std::all_of(bytes.begin(), bytes.begin() + n, [](char c) { return c == ProbeByte; });
}

Decision refuse(QString reason, QByteArray reply = {})
{
    return Decision{Verdict::Refuse, 0, std::move(reason), std::move(reply)};
}

} // namespace

Decision classify(QByteArrayView bytes, bool webSocketAllowed)
{
    if (bytes.isEmpty())
        return {};
    if (isPrefixOfProbe(bytes))
        return bytes.size() >= ProbeSize ? Decision{Verdict::Probe, ProbeSize, {}, {}} : Decision{};
    if (!isPrefixOfGet(bytes)) {
        const QByteArrayView head = bytes.first(std::min(bytes.size(), ProbeSize));
        return refuse(QStringLiteral("expected the daffi probe (9 bytes 0x1f) or a WebSocket upgrade, got %1")
                          .arg(QString::fromLatin1(head.toByteArray().toHex(' '))));
    }
    if (bytes.size() < 3)
        return {};
    if (!webSocketAllowed)
        return refuse(QStringLiteral("WebSocket upgrades are served on the TCP port, not the Unix socket"));
    const QByteArrayView request = bytes.first(std::min(bytes.size(), MaxUpgradeRequest));
    if (request.contains(QByteArrayView("\r\n\r\n")))
        return Decision{Verdict::WebSocket, 0, {}, {}};
    if (request.size() >= MaxUpgradeRequest) {
        return refuse(QStringLiteral("WebSocket upgrade request larger than %1 bytes").arg(MaxUpgradeRequest),
                      QByteArrayLiteral("HTTP/1.1 400 Invalid\r\nerror: too large\r\ncontent-length: 0\r\n\r\n"));
    }
    return {};
}

} // namespace daffi::sniff
