// The listener's admission path on arbitrary first bytes: sniff::classify decides probe /
// WebSocket / refuse / need-more. Checks that the verdict is the same however the bytes trickle
// in, and that it never changes once made. What follows an accepted WebSocket upgrade request is
// then decoded as WebSocket frames carrying daffi frames, as a WebSocket connection would.
#include <core/protocol/frame.h>
#include <core/protocol/framereader.h>
#include <core/protocol/websocketframe.h>
#include <core/transport/sniff.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace sniff = daffi::sniff;

static void check(bool condition)
{
    if (!condition)
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const bool webSocketAllowed = (data[0] & 0x80) == 0;
    const qsizetype step = data[0] % 23 + 1;
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    // The listener peeks at most MaxUpgradeRequest bytes.
    const QByteArrayView peeked = input.first(std::min(input.size(), sniff::MaxUpgradeRequest));

    const sniff::Decision whole = sniff::classify(peeked, webSocketAllowed);
    if (peeked.size() >= sniff::MaxUpgradeRequest)
        check(whole.verdict != sniff::Verdict::NeedMore);

    // Trickled in `step` bytes at a time: the first decision made is the final one.
    sniff::Decision first;
    for (qsizetype n = 0;; n = std::min(n + step, peeked.size())) {
        const sniff::Decision d = sniff::classify(peeked.first(n), webSocketAllowed);
        if (first.verdict == sniff::Verdict::NeedMore)
            first = d;
        else
            check(d.verdict == first.verdict && d.consume == first.consume && d.reply == first.reply);
        if (n == peeked.size())
            break;
    }
    check(first.verdict == whole.verdict);
    check(first.consume == whole.consume);

    switch (whole.verdict) {
    case sniff::Verdict::NeedMore:
        break;
    case sniff::Verdict::Refuse:
        check(!whole.reason.isEmpty());
        break;
    case sniff::Verdict::Probe: {
        check(whole.consume == sniff::ProbeSize);
        daffi::FrameReader reader(1 << 16);
        reader.feed(input.sliced(whole.consume));
        while (reader.hasFrame())
            check(daffi::Frame::fromBytes(reader.takeFrame().bytes()).ok());
        break;
    }
    case sniff::Verdict::WebSocket: {
        check(webSocketAllowed);
        const qsizetype end = peeked.indexOf(QByteArrayView("\r\n\r\n"));
        check(end >= 3);
        QByteArrayView rest = input.sliced(end + 4);
        while (!rest.isEmpty()) {
            auto frame = daffi::websocket::decodeFrame(rest, 1 << 16);
            if (!frame)
                break;
            check(frame->frameSize > 0 && frame->frameSize <= rest.size());
            if (auto f = daffi::Frame::fromBytes(frame->payload, 1 << 16)) {
                check(f->metadata().size() == f->transmitter().size() + f->receiver().size()
                                                  + f->function().size() + 2);
            }
            rest = rest.sliced(frame->frameSize);
        }
        break;
    }
    }
    return 0;
}
