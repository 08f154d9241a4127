#include "handshake.h"

#include "json.h"

#include <QCborArray>
#include <QCborMap>

namespace daffi {

namespace {

Error unexpected(const QString &what)
{
    return Error{QStringLiteral("UnexpectedToken"), what};
}

// Checks that `map` has only `allowed` keys and every `required` one.
std::optional<Error> checkKeys(const QCborMap &map, std::initializer_list<QLatin1StringView> allowed,
                               std::initializer_list<QLatin1StringView> required, const char *where)
{
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        const QString key = it.key().toString();
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            return Error{QStringLiteral("UnknownField"),
                         QStringLiteral("unknown field \"%1\" in %2").arg(key, QLatin1StringView(where))};
        }
    }
    for (QLatin1StringView key : required) {
        if (!map.contains(key)) {
            return Error{QStringLiteral("MissingField"),
                         QStringLiteral("missing field \"%1\" in %2").arg(key, QLatin1StringView(where))};
        }
    }
    return std::nullopt;
}

std::optional<Error> checkName(const QByteArray &name, bool isMethod)
{
    if (name.contains('|') || (isMethod && name.contains(','))) {
        return Error{QStringLiteral("InvalidName"),
                     QStringLiteral("%1 \"%2\" contains a reserved character ('|'%3)")
                         .arg(isMethod ? QStringLiteral("method") : QStringLiteral("member name"),
                              QString::fromUtf8(name),
                              isMethod ? QStringLiteral(" or ','") : QString())};
    }
    return std::nullopt;
}

Result<Member> parseMember(const QCborValue &v)
{
    if (!v.isMap())
        return unexpected(QStringLiteral("member must be an object"));
    const QCborMap m = v.toMap();
    if (auto err = checkKeys(m, {QLatin1StringView("name"), QLatin1StringView("methods")},
                             {QLatin1StringView("name"), QLatin1StringView("methods")}, "member"))
        return *err;
    const QCborValue name = m.value(QLatin1StringView("name"));
    if (!name.isString())
        return unexpected(QStringLiteral("member name must be a string"));
    Member member{name.toString().toUtf8(), std::nullopt};
    if (auto err = checkName(member.name, false))
        return *err;
    const QCborValue methods = m.value(QLatin1StringView("methods"));
    if (methods.isNull())
        return member;
    if (!methods.isArray())
        return unexpected(QStringLiteral("methods must be an array or null"));
    QByteArrayList list;
    for (const QCborValue &method : methods.toArray()) {
        if (!method.isString())
            return unexpected(QStringLiteral("method names must be strings"));
        list.append(method.toString().toUtf8());
        if (auto err = checkName(list.back(), true))
            return *err;
    }
    member.methods = std::move(list);
    return member;
}

void writeName(QByteArray &out, const QByteArray &name)
{
    json::writeString(out, QString::fromUtf8(name));
}

} // namespace

bool Member::hasMethod(QByteArrayView method) const
{
    return methods && methods->contains(method);
}

QByteArray Member::toJson() const
{
    QByteArray out;
    out.reserve(24 + name.size() + (methods ? methods->size() * 16 : 0));
    out += R"({"name":)";
    writeName(out, name);
    out += R"(,"methods":)";
    if (!methods) {
        out += "null";
    } else {
        out += '[';
        for (qsizetype j = 0; j < methods->size(); ++j) {
            if (j)
                out += ',';
            writeName(out, methods->at(j));
        }
        out += ']';
    }
    out += '}';
    return out;
}

QByteArray Handshake::toJson() const
{
    QByteArray list;
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (i)
            list += ',';
        list += members.at(i).toJson();
    }
    return toJson(type, error, list);
}

QByteArray Handshake::toJson(const QByteArray &type, const std::optional<QString> &error, QByteArrayView membersJson)
{
    QByteArray out;
    out.reserve(64 + membersJson.size());
    out += R"({"meta":{"type":)";
    writeName(out, type);
    out += R"(,"error":)";
    if (error)
        json::writeString(out, *error);
    else
        out += "null";
    out += R"(},"members":[)";
    out += membersJson;
    out += "]}";
    return out;
}

Result<Handshake> Handshake::parse(QByteArrayView text)
{
    auto doc = json::parse(text);
    if (!doc)
        return doc.error();
    if (!doc->isMap())
        return unexpected(QStringLiteral("handshake must be a JSON object"));
    const QCborMap root = doc->toMap();
    if (auto err = checkKeys(root, {QLatin1StringView("meta"), QLatin1StringView("members")},
                             {QLatin1StringView("meta"), QLatin1StringView("members")}, "handshake"))
        return *err;
    const QCborValue metaValue = root.value(QLatin1StringView("meta"));
    if (!metaValue.isMap())
        return unexpected(QStringLiteral("meta must be an object"));
    const QCborMap meta = metaValue.toMap();
    if (auto err = checkKeys(meta, {QLatin1StringView("type"), QLatin1StringView("error")},
                             {QLatin1StringView("type")}, "meta"))
        return *err;
    Handshake h;
    const QCborValue type = meta.value(QLatin1StringView("type"));
    if (!type.isString())
        return unexpected(QStringLiteral("meta.type must be a string"));
    h.type = type.toString().toUtf8();
    const QCborValue error = meta.value(QLatin1StringView("error"));
    if (error.isString())
        h.error = error.toString();
    else if (!error.isNull() && !error.isUndefined())
        return unexpected(QStringLiteral("meta.error must be a string or null"));

    const QCborValue members = root.value(QLatin1StringView("members"));
    if (!members.isArray())
        return unexpected(QStringLiteral("members must be an array"));
    for (const QCborValue &v : members.toArray()) {
        auto member = parseMember(v);
        if (!member)
            return member.error();
        h.members.append(std::move(member.value()));
    }
    return h;
}

QByteArray Event::typeName(Type type)
{
    switch (type) {
    case Type::Connected: return QByteArrayLiteral("connected");
    case Type::Disconnected: return QByteArrayLiteral("disconnected");
    case Type::Evicted: return QByteArrayLiteral("evicted");
    }
    return {};
}

QByteArray Event::toJson() const
{
    QByteArray out;
    out += R"({"type":")";
    out += typeName(type);
    out += R"(","member":)";
    writeName(out, member);
    out += '}';
    return out;
}

Result<Event> Event::parse(QByteArrayView text)
{
    auto doc = json::parse(text);
    if (!doc)
        return doc.error();
    if (!doc->isMap())
        return unexpected(QStringLiteral("event must be a JSON object"));
    const QCborMap m = doc->toMap();
    if (auto err = checkKeys(m, {QLatin1StringView("type"), QLatin1StringView("member")},
                             {QLatin1StringView("type"), QLatin1StringView("member")}, "event"))
        return *err;
    const QCborValue type = m.value(QLatin1StringView("type"));
    const QCborValue member = m.value(QLatin1StringView("member"));
    if (!type.isString() || !member.isString())
        return unexpected(QStringLiteral("event type and member must be strings"));
    Event e;
    const QByteArray t = type.toString().toUtf8();
    if (t == "connected")
        e.type = Type::Connected;
    else if (t == "disconnected")
        e.type = Type::Disconnected;
    else if (t == "evicted")
        e.type = Type::Evicted;
    else
        return Error{QStringLiteral("InvalidEnumTag"), QStringLiteral("unknown event type \"%1\"").arg(type.toString())};
    e.member = member.toString().toUtf8();
    return e;
}

} // namespace daffi
