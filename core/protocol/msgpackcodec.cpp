#include "msgpackcodec.h"

#include <QCborArray>
#include <QCborMap>
#include <QStringDecoder>

#include <msgpack.hpp>

#include <limits>
#include <vector>

namespace daffi::msgpack {

namespace {

struct Buffer
{
    QByteArray *out;
    void write(const char *data, size_t size) { out->append(data, qsizetype(size)); }
};

void packValue(::msgpack::packer<Buffer> &pk, const QCborValue &v)
{
    switch (v.type()) {
    case QCborValue::Integer: pk.pack_int64(v.toInteger()); break;
    case QCborValue::Double: pk.pack_double(v.toDouble()); break;
    case QCborValue::True: pk.pack_true(); break;
    case QCborValue::False: pk.pack_false(); break;
    case QCborValue::String: {
        const QByteArray s = v.toString().toUtf8();
        pk.pack_str(uint32_t(s.size()));
        pk.pack_str_body(s.constData(), uint32_t(s.size()));
        break;
    }
    case QCborValue::ByteArray: {
        const QByteArray b = v.toByteArray();
        pk.pack_bin(uint32_t(b.size()));
        pk.pack_bin_body(b.constData(), uint32_t(b.size()));
        break;
    }
    case QCborValue::Array: {
        const QCborArray a = v.toArray();
        pk.pack_array(uint32_t(a.size()));
        for (const QCborValue &e : a)
            packValue(pk, e);
        break;
    }
    case QCborValue::Map: {
        const QCborMap m = v.toMap();
        pk.pack_map(uint32_t(m.size()));
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            packValue(pk, it.key());
            packValue(pk, it.value());
        }
        break;
    }
    default:
        if (v.isTag()) {
            packValue(pk, v.taggedValue());
            break;
        }
        pk.pack_nil();
    }
}

// Builds the value while msgpack-cxx's SAX-style parser walks the bytes. Unlike
// msgpack::unpack, nothing is allocated for an array or map before its elements really arrive,
// so a 5-byte header that claims 2^32 elements costs nothing.
class Builder : public ::msgpack::null_visitor
{
public:
    explicit Builder(int maxDepth) : m_maxDepth(maxDepth) {}

    // Not std::optional<Error>: GCC 12 warns falsely (maybe-uninitialized) on it under ASan.
    bool failed = false;
    Error error;
    QCborValue root;

    bool visit_nil() { return put(QCborValue(nullptr)); }
    bool visit_boolean(bool v) { return put(QCborValue(v)); }
    bool visit_positive_integer(uint64_t v)
    {
        // Above qint64 (Python packs 2**64-1 as uint64): keep the magnitude as a double.
        return put(v > uint64_t(std::numeric_limits<qint64>::max()) ? QCborValue(double(v))
                                                                     : QCborValue(qint64(v)));
    }
    bool visit_negative_integer(int64_t v) { return put(QCborValue(qint64(v))); }
    bool visit_float32(float v) { return put(QCborValue(double(v))); }
    bool visit_float64(double v) { return put(QCborValue(v)); }
    bool visit_str(const char *v, uint32_t size)
    {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString s = decoder.decode(QByteArrayView(v, qsizetype(size)));
        if (decoder.hasError())
            return fail(QStringLiteral("InvalidUtf8"), QStringLiteral("msgpack str is not valid UTF-8"));
        return put(QCborValue(s));
    }
    bool visit_bin(const char *v, uint32_t size) { return put(QCborValue(QByteArray(v, qsizetype(size)))); }
    bool visit_ext(const char *v, uint32_t)
    {
        return fail(QStringLiteral("UnsupportedType"),
                    QStringLiteral("msgpack extension type %1 is not supported").arg(int(v[0])));
    }
    bool start_array(uint32_t) { return push(false); }
    bool end_array() { return pop(); }
    bool start_map(uint32_t) { return push(true); }
    bool end_map() { return pop(); }
    void parse_error(size_t, size_t error_offset)
    {
        fail(QStringLiteral("InvalidMsgpack"), QStringLiteral("invalid msgpack byte at offset %1").arg(error_offset));
    }
    void insufficient_bytes(size_t, size_t)
    {
        fail(QStringLiteral("UnexpectedEndOfInput"), QStringLiteral("truncated msgpack data"));
    }

private:
    struct Level
    {
        bool isMap = false;
        QCborArray array;
        QCborMap map;
        QCborValue key;
        bool haveKey = false;
    };

    bool fail(QString code, QString message)
    {
        if (!failed)
            error = Error{std::move(code), std::move(message)};
        failed = true;
        return false;
    }
    bool put(QCborValue v)
    {
        if (m_stack.empty()) {
            root = std::move(v);
            return true;
        }
        Level &top = m_stack.back();
        if (!top.isMap) {
            top.array.append(std::move(v));
        } else if (!top.haveKey) {
            top.key = std::move(v);
            top.haveKey = true;
        } else {
            top.map.insert(top.key, std::move(v));
            top.haveKey = false;
        }
        return true;
    }
    bool push(bool isMap)
    {
        if (int(m_stack.size()) >= m_maxDepth)
            return fail(QStringLiteral("NestingTooDeep"), QStringLiteral("msgpack nesting deeper than %1").arg(m_maxDepth));
        m_stack.push_back(Level{isMap, {}, {}, {}, false});
        return true;
    }
    bool pop()
    {
        Level level = std::move(m_stack.back());
        m_stack.pop_back();
        return put(level.isMap ? QCborValue(std::move(level.map)) : QCborValue(std::move(level.array)));
    }

    int m_maxDepth;
    std::vector<Level> m_stack;
};

} // namespace

QByteArray encode(const QCborValue &value)
{
    QByteArray out;
    Buffer buf{&out};
    ::msgpack::packer<Buffer> pk(buf);
    packValue(pk, value);
    return out;
}

Result<QCborValue> decode(QByteArrayView bytes, const DecodeLimits &limits)
{
    Builder builder(limits.maxDepth);
    std::size_t offset = 0;
    bool ok = false;
    try {
        ok = ::msgpack::parse(bytes.data(), size_t(bytes.size()), offset, builder);
    } catch (const std::exception &e) {
        return Error{QStringLiteral("InvalidMsgpack"), QStringLiteral("invalid msgpack data: %1").arg(QString::fromUtf8(e.what()))};
    }
    if (builder.failed)
        return builder.error;
    if (!ok)
        return Error{QStringLiteral("InvalidMsgpack"), QStringLiteral("invalid msgpack data")};
    if (offset != size_t(bytes.size())) {
        return Error{QStringLiteral("TrailingBytes"),
                     QStringLiteral("%1 bytes after the msgpack object").arg(size_t(bytes.size()) - offset)};
    }
    return builder.root;
}

} // namespace daffi::msgpack
