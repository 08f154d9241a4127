// Feeds arbitrary bytes to FrameReader in split patterns chosen by the input itself, and checks
// that every split yields the same frames (or the same error) as feeding it all at once.
#include <core/protocol/framereader.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using daffi::FrameReader;

static void check(bool condition)
{
    if (!condition)
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const unsigned step = data[0] % 17 + 1;
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    // A small limit keeps allocations bounded while still exercising FrameTooLarge.
    FrameReader whole(1 << 16);
    whole.feed(input);

    FrameReader split(1 << 16);
    for (qsizetype pos = 0; pos < input.size(); pos += step)
        split.feed(input.sliced(pos, std::min<qsizetype>(step, input.size() - pos)));

    check(whole.hasError() == split.hasError());
    if (whole.hasError())
        check(whole.error().code == split.error().code);
    check(whole.pendingFrames() == split.pendingFrames());
    while (whole.hasFrame()) {
        const daffi::Frame a = whole.takeFrame();
        const daffi::Frame b = split.takeFrame();
        check(a.bytes() == b.bytes());
        check(a.transmitter().size() + a.receiver().size() + a.function().size() + 2
              == a.metadata().size());
        // A frame the reader accepted is also accepted standalone (the WebSocket path).
        auto again = daffi::Frame::fromBytes(a.bytes());
        check(again.ok());
        check(again->data() == a.data());
    }
    return 0;
}
