// Payload envelopes (JSON, msgpack, error tuples) on arbitrary bytes: decoders must fail cleanly,
// and what decodes must encode and decode again.
#include <core/protocol/envelope.h>
#include <core/protocol/msgpackcodec.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

static void check(bool condition)
{
    if (!condition)
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto v = daffi::msgpack::decode(input)) {
        auto again = daffi::msgpack::decode(daffi::msgpack::encode(*v));
        check(again.ok());
    }
    for (auto serde : {daffi::Serde::Json, daffi::Serde::Msgpack}) {
        if (auto call = daffi::envelope::decodeCall(serde, input)) {
            auto encoded = daffi::envelope::encodeCall(serde, *call);
            check(encoded.ok());
            check(daffi::envelope::decodeCall(serde, encoded->data).ok());
        }
        (void)daffi::envelope::decodeError(serde, input);
    }
    return 0;
}
