#pragma once

#include <QByteArray>
#include <QStringView>

namespace daffi {

// Compact JSON written straight into a byte array, for the monitor API's records: the live feed
// writes thousands of them a second on the router's thread, where building a QJsonObject per
// record cost more than the routing. The output is byte for byte what QJsonDocument::Compact
// writes for the same document, provided the caller gives an object's keys in the order a
// QJsonObject keeps them (sorted); strings are escaped as Qt escapes them.
class JsonWriter
{
public:
    JsonWriter &beginObject() { return open('{'); }
    JsonWriter &endObject() { return close('}'); }
    JsonWriter &beginArray() { return open('['); }
    JsonWriter &endArray() { return close(']'); }
    // A key, followed by its value. Keys are the API's own names: ASCII, nothing to escape.
    JsonWriter &key(QLatin1StringView name);

    JsonWriter &value(qint64 v);
    JsonWriter &value(quint64 v) { return value(qint64(v)); }
    JsonWriter &value(int v) { return value(qint64(v)); }
    JsonWriter &value(bool v);
    JsonWriter &null();
    JsonWriter &string(QByteArrayView utf8);
    JsonWriter &string(QStringView text);
    // A value already written as compact JSON (e.g. QJsonDocument::toJson(Compact)).
    JsonWriter &raw(QByteArrayView json);

    const QByteArray &bytes() const { return m_out; }
    QByteArray take() { return std::exchange(m_out, {}); }
    void reserve(qsizetype bytes) { m_out.reserve(bytes); }

private:
    void separate();
    JsonWriter &open(char bracket);
    JsonWriter &close(char bracket);

    QByteArray m_out;
    bool m_needComma = false;
};

} // namespace daffi
