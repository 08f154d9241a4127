#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace daffi {

namespace {

// Printable ASCII other than '"' and '\\' is written as it is; so is every name a member chose
// in practice.
template <typename Char>
bool plain(Char c)
{
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

// Anything else is escaped by Qt itself, so that the output stays what QJsonDocument writes.
QByteArray escapedByQt(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(2, array.size() - 4);   // ["..."]
}

} // namespace

void JsonWriter::separate()
{
    if (m_needComma)
        m_out.append(',');
}

JsonWriter &JsonWriter::open(char bracket)
{
    separate();
    m_out.append(bracket);
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    m_out.append(bracket);
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::key(QLatin1StringView name)
{
    separate();
    m_out.append('"').append(name.data(), name.size()).append("\":");
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::value(qint64 v)
{
    separate();
    char digits[24];
    char *end = digits + sizeof digits;
    char *p = end;
    quint64 magnitude = v < 0 ? 0 - quint64(v) : quint64(v);
    do {
        *--p = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (v < 0)
        *--p = '-';
    m_out.append(p, end - p);
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::value(bool v)
{
    separate();
    m_out.append(v ? "true" : "false");
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::null()
{
    separate();
    m_out.append("null");
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::string(QByteArrayView utf8)
{
    separate();
    m_out.append('"');
    if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return plain(uchar(c)); }))
        m_out.append(utf8);
    else
        m_out.append(escapedByQt(QString::fromUtf8(utf8)));
    m_out.append('"');
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::string(QStringView text)
{
    separate();
    m_out.append('"');
    if (std::all_of(text.begin(), text.end(), [](QChar c) { return plain(c.unicode()); })) {
        const qsizetype at = m_out.size();
        m_out.resize(at + text.size());
        std::transform(text.begin(), text.end(), m_out.data() + at, [](QChar c) { return char(c.unicode()); });
    } else {
        m_out.append(escapedByQt(text.toString()));
    }
    m_out.append('"');
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::raw(QByteArrayView json)
{
    separate();
    m_out.append(json);
    m_needComma = true;
    return *this;
}

} // namespace daffi
