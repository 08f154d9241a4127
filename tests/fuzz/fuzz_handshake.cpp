// The handshake and event JSON parsers on arbitrary input. Whatever parses must re-emit as JSON
// that parses to the same value (the emitter and parser agree).
#include <core/protocol/handshake.h>
#include <core/protocol/json.h>

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

    if (auto h = daffi::Handshake::parse(input)) {
        auto again = daffi::Handshake::parse(h->toJson());
        check(again.ok());
        check(*again == *h);
    }
    if (auto e = daffi::Event::parse(input)) {
        auto again = daffi::Event::parse(e->toJson());
        check(again.ok());
        check(*again == *e);
    }
    if (auto v = daffi::json::parse(input)) {
        auto again = daffi::json::parse(daffi::json::write(*v));
        check(again.ok());
    }
    return 0;
}
