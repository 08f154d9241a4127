#include "json.h"

#include <QCborArray>
#include <QCborMap>
#include <QStringDecoder>

#include <charconv>
#include <cmath>
#include <limits>

namespace daffi::json {

namespace {

class Parser
{
public:
    Parser(QByteArrayView text, const ParseOptions &options) : m_s(text), m_opt(options) {}

    Result<QCborValue> run()
    {
        skipSpace();
        QCborValue v = value(0);
        if (m_err)
            return *m_err;
        skipSpace();
        if (m_pos != m_s.size())
            return error(QStringLiteral("SyntaxError"), QStringLiteral("trailing characters"));
        return v;
    }

private:
    Error error(QString code, const QString &what)
    {
        if (!m_err)
            m_err = Error{code, QStringLiteral("%1 at offset %2").arg(what).arg(m_pos)};
        return *m_err;
    }
    QCborValue fail(const QString &code, const QString &what)
    {
        error(code, what);
        return {};
    }
    QCborValue eof() { return fail(QStringLiteral("UnexpectedEndOfInput"), QStringLiteral("unexpected end of input")); }

    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return m_s[m_pos]; }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    QCborValue value(int depth)
    {
        if (atEnd())
            return eof();
        switch (peek()) {
        case '{': return object(depth + 1);
        case '[': return array(depth + 1);
        case '"': {
            QString s;
            if (!string(&s))
                return {};
            return QCborValue(s);
        }
        case 't': return literal("true", QCborValue(true));
        case 'f': return literal("false", QCborValue(false));
        case 'n': return literal("null", QCborValue(nullptr));
        default: return number();
        }
    }

    QCborValue literal(const char *word, QCborValue v)
    {
        const QByteArrayView w(word);
        if (m_s.size() - m_pos < w.size()) {
            if (m_s.sliced(m_pos) == w.first(m_s.size() - m_pos))
                return eof();
            return fail(QStringLiteral("SyntaxError"), QStringLiteral("invalid literal"));
        }
        if (m_s.sliced(m_pos, w.size()) != w)
            return fail(QStringLiteral("SyntaxError"), QStringLiteral("invalid literal"));
        m_pos += w.size();
        return v;
    }

    QCborValue number()
    {
        const qsizetype start = m_pos;
        auto digits = [this] {
            const qsizetype s = m_pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9')
                ++m_pos;
            return m_pos - s;
        };
        bool isInteger = true;
        if (!atEnd() && peek() == '-')
            ++m_pos;
        if (atEnd())
            return eof();
        if (peek() == '0') {
            ++m_pos;
        } else if (digits() == 0) {
            return fail(QStringLiteral("SyntaxError"), QStringLiteral("unexpected character"));
        }
        if (!atEnd() && peek() == '.') {
            isInteger = false;
            ++m_pos;
            if (digits() == 0)
                return atEnd() ? eof() : fail(QStringLiteral("SyntaxError"), QStringLiteral("digit expected"));
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            isInteger = false;
            ++m_pos;
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                ++m_pos;
            if (digits() == 0)
                return atEnd() ? eof() : fail(QStringLiteral("SyntaxError"), QStringLiteral("digit expected"));
        }
        const char *b = m_s.data() + start;
        const char *e = m_s.data() + m_pos;
        if (isInteger) {
            qint64 i = 0;
            auto [ptr, ec] = std::from_chars(b, e, i);
            if (ec == std::errc() && ptr == e)
                return QCborValue(i);
            // Out of 64-bit range: fall through to a double, as Python's float() would lose it too.
        }
        const QByteArray copy(b, e - b);   // strtod needs a terminator
        bool ok = false;
        const double d = copy.toDouble(&ok);
        if (!ok && !std::isinf(d))
            return fail(QStringLiteral("SyntaxError"), QStringLiteral("invalid number"));
        return QCborValue(d);
    }

    bool hex4(char32_t *out)
    {
        if (m_s.size() - m_pos < 4) {
            eof();
            return false;
        }
        char32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_s[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= char32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= char32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= char32_t(c - 'A' + 10);
            else {
                error(QStringLiteral("SyntaxError"), QStringLiteral("invalid \\u escape"));
                return false;
            }
        }
        *out = v;
        return true;
    }

    bool string(QString *out)
    {
        ++m_pos; // opening quote
        QByteArray utf8;
        for (;;) {
            if (atEnd()) {
                eof();
                return false;
            }
            const char c = m_s[m_pos];
            if (c == '"') {
                ++m_pos;
                break;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                error(QStringLiteral("SyntaxError"), QStringLiteral("control character in string"));
                return false;
            }
            if (c != '\\') {
                utf8.append(c);
                ++m_pos;
                continue;
            }
            ++m_pos;
            if (atEnd()) {
                eof();
                return false;
            }
            const char esc = m_s[m_pos++];
            switch (esc) {
            case '"': utf8.append('"'); break;
            case '\\': utf8.append('\\'); break;
            case '/': utf8.append('/'); break;
            case 'b': utf8.append('\b'); break;
            case 'f': utf8.append('\f'); break;
            case 'n': utf8.append('\n'); break;
            case 'r': utf8.append('\r'); break;
            case 't': utf8.append('\t'); break;
            case 'u': {
                char32_t cp = 0;
                if (!hex4(&cp))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    char32_t low = 0;
                    if (m_s.size() - m_pos >= 2 && m_s[m_pos] == '\\' && m_s[m_pos + 1] == 'u') {
                        m_pos += 2;
                        if (!hex4(&low))
                            return false;
                    }
                    if (low < 0xDC00 || low > 0xDFFF) {
                        error(QStringLiteral("SyntaxError"), QStringLiteral("unpaired surrogate"));
                        return false;
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    error(QStringLiteral("SyntaxError"), QStringLiteral("unpaired surrogate"));
                    return false;
                }
                utf8.append(QString::fromUcs4(&cp, 1).toUtf8());
                break;
            }
            default:
                error(QStringLiteral("SyntaxError"), QStringLiteral("invalid escape"));
                return false;
            }
        }
        // Invalid UTF-8 is refused rather than silently replaced: names are routing identities.
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        *out = decoder.decode(utf8);
        if (decoder.hasError()) {
            error(QStringLiteral("SyntaxError"), QStringLiteral("invalid UTF-8 in string"));
            return false;
        }
        return true;
    }

    bool enter(int depth)
    {
        if (depth > m_opt.maxDepth) {
            error(QStringLiteral("NestingTooDeep"),
                  QStringLiteral("nesting deeper than %1 levels").arg(m_opt.maxDepth));
            return false;
        }
        ++m_pos;
        skipSpace();
        return true;
    }

    QCborValue array(int depth)
    {
        if (!enter(depth))
            return {};
        QCborArray a;
        if (!atEnd() && peek() == ']') {
            ++m_pos;
            return a;
        }
        for (;;) {
            a.append(value(depth));
            if (m_err)
                return {};
            skipSpace();
            if (atEnd())
                return eof();
            if (peek() == ',') {
                ++m_pos;
                skipSpace();
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return a;
            }
            return fail(QStringLiteral("SyntaxError"), QStringLiteral("',' or ']' expected"));
        }
    }

    QCborValue object(int depth)
    {
        if (!enter(depth))
            return {};
        QCborMap m;
        if (!atEnd() && peek() == '}') {
            ++m_pos;
            return m;
        }
        for (;;) {
            if (atEnd())
                return eof();
            if (peek() != '"')
                return fail(QStringLiteral("SyntaxError"), QStringLiteral("object key expected"));
            QString key;
            if (!string(&key))
                return {};
            if (m.contains(key))
                return fail(QStringLiteral("DuplicateField"), QStringLiteral("duplicate key \"%1\"").arg(key));
            skipSpace();
            if (atEnd())
                return eof();
            if (peek() != ':')
                return fail(QStringLiteral("SyntaxError"), QStringLiteral("':' expected"));
            ++m_pos;
            skipSpace();
            QCborValue v = value(depth);
            if (m_err)
                return {};
            m.insert(key, v);
            skipSpace();
            if (atEnd())
                return eof();
            if (peek() == ',') {
                ++m_pos;
                skipSpace();
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return m;
            }
            return fail(QStringLiteral("SyntaxError"), QStringLiteral("',' or '}' expected"));
        }
    }

    QByteArrayView m_s;
    ParseOptions m_opt;
    qsizetype m_pos = 0;
    std::optional<Error> m_err;
};

void writeDouble(QByteArray &out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buf[32];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, d);
    QByteArrayView text(buf, ptr - buf);
    out += text;
    // Keep the value a float for Python peers: 2.0 must not come back as the int 2.
    if (!text.contains('.') && !text.contains('e') && !text.contains('n'))
        out += ".0";
}

} // namespace

Result<QCborValue> parse(QByteArrayView text, const ParseOptions &options)
{
    return Parser(text, options).run();
}

void writeString(QByteArray &out, QStringView s)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = s.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out += '"';
    for (char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void writeTo(QByteArray &out, const QCborValue &v, Style style)
{
    const char *comma = style == Style::Python ? ", " : ",";
    const char *colon = style == Style::Python ? ": " : ":";
    switch (v.type()) {
    case QCborValue::Integer: {
        char buf[24];
        auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v.toInteger());
        out += QByteArrayView(buf, ptr - buf);
        break;
    }
    case QCborValue::Double: writeDouble(out, v.toDouble()); break;
    case QCborValue::True: out += "true"; break;
    case QCborValue::False: out += "false"; break;
    case QCborValue::String: writeString(out, v.toString()); break;
    case QCborValue::ByteArray: writeString(out, QString::fromUtf8(v.toByteArray())); break;
    case QCborValue::Array: {
        out += '[';
        bool first = true;
        for (const QCborValue &e : v.toArray()) {
            if (!first)
                out += comma;
            first = false;
            writeTo(out, e, style);
        }
        out += ']';
        break;
    }
    case QCborValue::Map: {
        out += '{';
        bool first = true;
        const QCborMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            if (!first)
                out += comma;
            first = false;
            const QCborValue k = it.key();
            writeString(out, k.isString() ? k.toString() : QString::fromUtf8(write(k)));
            out += colon;
            writeTo(out, it.value(), style);
        }
        out += '}';
        break;
    }
    default:
        if (v.isTag()) {
            writeTo(out, v.taggedValue(), style);
            break;
        }
        out += "null";  // null, undefined, simple types
    }
}

QByteArray write(const QCborValue &value, Style style)
{
    QByteArray out;
    writeTo(out, value, style);
    return out;
}

} // namespace daffi::json
