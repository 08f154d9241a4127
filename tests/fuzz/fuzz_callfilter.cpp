// The traffic filter language (core/capture/callfilter.h) on arbitrary text: parsing either
// fails with a sentence or gives a filter that can be matched; completion works at every cursor.
#include <core/capture/callfilter.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace daffi;

static void check(bool condition)
{
    if (!condition)
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    static const Monitor::CallRecord records[] = {
        [] {
            Monitor::CallRecord r;
            r.seq = 1;
            r.caller = "web-1";
            r.receiver = "w1";
            r.function = "add";
            r.status = Monitor::Status::Ok;
            r.latencyUs = 5000;
            r.requestSize = 60;
            r.replySize = 40;
            r.request = *Frame::make({1, Flag::Request, Serde::Json, false, true}, "web-1", "w1", "add", "[1]");
            return r;
        }(),
        Monitor::CallRecord{},
    };
    auto filter = CallFilter::parse(text);
    if (filter) {
        for (const auto &r : records)
            (void)filter->matches(r);
    } else {
        check(!filter.error().message.isEmpty());
    }
    (void)CallFilter::looksLikeExpression(text);
    for (qsizetype cursor = 0; cursor <= text.size(); cursor += std::max<qsizetype>(1, text.size() / 8)) {
        const auto c = CallFilter::complete(text, cursor, [](const QString &) { return QStringList{QStringLiteral("a b")}; });
        check(c.start >= 0 && c.start <= cursor);
    }
    return 0;
}
