#include "callfilter.h"

#include "capturerecord.h"
#include "quantity.h"

#include <QRegularExpression>

#include <variant>

namespace daffi {

namespace {

enum class Type { Text, Choice, Number, Duration, Size, Data };
enum class FieldId {
    Caller, Receiver, Member, Function, Detail, Status, Serde, Style, Seq, Uuid, Latency, Size, RequestSize,
    ReplySize, Payload
};
enum class Op { Eq, Ne, Lt, Le, Gt, Ge, Contains, Matches };

struct Field
{
    const char16_t *name;
    FieldId id;
    Type type;
};

constexpr Field fields[] = {
    {u"caller", FieldId::Caller, Type::Text},           {u"receiver", FieldId::Receiver, Type::Text},
    {u"member", FieldId::Member, Type::Text},           {u"function", FieldId::Function, Type::Text},
    {u"detail", FieldId::Detail, Type::Text},           {u"status", FieldId::Status, Type::Choice},
    {u"serde", FieldId::Serde, Type::Choice},           {u"style", FieldId::Style, Type::Choice},
    {u"seq", FieldId::Seq, Type::Number},               {u"uuid", FieldId::Uuid, Type::Number},
    {u"latency", FieldId::Latency, Type::Duration},     {u"size", FieldId::Size, Type::Size},
    {u"request_size", FieldId::RequestSize, Type::Size}, {u"reply_size", FieldId::ReplySize, Type::Size},
    {u"payload", FieldId::Payload, Type::Data},
};

QString nameOf(const Field &f)
{
    return QStringView(f.name).toString();
}

const Field *findField(QStringView name)
{
    for (const Field &f : fields) {
        if (name.compare(QStringView(f.name), Qt::CaseInsensitive) == 0)
            return &f;
    }
    return nullptr;
}

QStringList choicesOf(FieldId id)
{
    switch (id) {
    case FieldId::Status:
        return {QStringLiteral("pending"), QStringLiteral("ok"), QStringLiteral("error"), QStringLiteral("refused"),
                QStringLiteral("sent"), QStringLiteral("lost")};
    case FieldId::Serde:
        return {QStringLiteral("json"), QStringLiteral("pickle"), QStringLiteral("msgpack"), QStringLiteral("opaque")};
    case FieldId::Style:
        return {QStringLiteral("rpc"), QStringLiteral("nowait")};
    default:
        return {};
    }
}

// The value of a choice field as the index of its name in choicesOf().
int choiceOf(FieldId id, const Monitor::CallRecord &r)
{
    switch (id) {
    case FieldId::Status: return int(r.status);   // Status is declared in choicesOf()'s order
    case FieldId::Serde:
        switch (r.serde) {
        case Serde::Json: return 0;
        case Serde::Pickle: return 1;
        case Serde::Msgpack: return 2;
        case Serde::Opaque: return 3;
        }
        return 3;
    case FieldId::Style: {
        const bool waits = r.status == Monitor::Status::Refused && r.request.isValid() ? r.request.header().returnResult
                                                                                        : r.status != Monitor::Status::Sent;
        return waits ? 0 : 1;
    }
    default: return -1;
    }
}

QStringList operatorsFor(Type type)
{
    switch (type) {
    case Type::Text: return {QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("contains"), QStringLiteral("~")};
    case Type::Choice: return {QStringLiteral("=="), QStringLiteral("!=")};
    case Type::Data: return {QStringLiteral("contains"), QStringLiteral("~")};
    default:
        return {QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("<"), QStringLiteral("<="), QStringLiteral(">"),
                QStringLiteral(">=")};
    }
}

const char16_t *typeWords(Type type)
{
    switch (type) {
    case Type::Text: return u"text";
    case Type::Choice: return u"one of a few names";
    case Type::Number: return u"a number";
    case Type::Duration: return u"a duration";
    case Type::Size: return u"a size in bytes";
    case Type::Data: return u"payload bytes";
    }
    return u"";
}

// ---- tokens -------------------------------------------------------------------------------

struct Token
{
    enum Kind { End, Word, Number, String, Operator, LParen, RParen, And, Or, Not, Bad } kind = End;
    QString text;       // for String: the unquoted value
    qsizetype pos = 0;  // in the input
    qsizetype length = 0;
    Op op = Op::Eq;
};

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.' || c == u':' || c == u'/' || c == u'*'
        || c == u'@' || c == u'µ';
}

class Lexer
{
public:
    explicit Lexer(QStringView text) : m_text(text) {}

    Token next()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
        Token t;
        t.pos = m_pos;
        if (m_pos >= m_text.size())
            return t;
        const QChar c = m_text[m_pos];
        auto take = [&](Token::Kind kind, qsizetype n, Op op = Op::Eq) {
            t.kind = kind;
            t.length = n;
            t.op = op;
            t.text = m_text.mid(m_pos, n).toString();
            m_pos += n;
            return t;
        };
        const QStringView two = m_text.mid(m_pos, 2);
        if (two == u"==") return take(Token::Operator, 2, Op::Eq);
        if (two == u"!=") return take(Token::Operator, 2, Op::Ne);
        if (two == u"<=") return take(Token::Operator, 2, Op::Le);
        if (two == u">=") return take(Token::Operator, 2, Op::Ge);
        if (two == u"&&") return take(Token::And, 2);
        if (two == u"||") return take(Token::Or, 2);
        if (c == u'=') return take(Token::Operator, 1, Op::Eq);
        if (c == u'<') return take(Token::Operator, 1, Op::Lt);
        if (c == u'>') return take(Token::Operator, 1, Op::Gt);
        if (c == u'~') return take(Token::Operator, 1, Op::Matches);
        if (c == u'!') return take(Token::Not, 1);
        if (c == u'(') return take(Token::LParen, 1);
        if (c == u')') return take(Token::RParen, 1);
        if (c == u'"' || c == u'\'')
            return quoted(c);
        if (isWordChar(c)) {
            qsizetype end = m_pos;
            while (end < m_text.size() && isWordChar(m_text[end]))
                ++end;
            take(c.isDigit() ? Token::Number : Token::Word, end - m_pos);
            const QString lower = t.text.toLower();
            if (lower == u"and")
                t.kind = Token::And;
            else if (lower == u"or")
                t.kind = Token::Or;
            else if (lower == u"not")
                t.kind = Token::Not;
            else if (lower == u"contains")
                t = Token{Token::Operator, t.text, t.pos, t.length, Op::Contains};
            else if (lower == u"matches")
                t = Token{Token::Operator, t.text, t.pos, t.length, Op::Matches};
            return t;
        }
        return take(Token::Bad, 1);
    }

    qsizetype position() const { return m_pos; }

private:
    Token quoted(QChar quote)
    {
        Token t;
        t.pos = m_pos;
        t.kind = Token::String;
        qsizetype i = m_pos + 1;
        for (; i < m_text.size() && m_text[i] != quote; ++i) {
            if (m_text[i] == u'\\' && i + 1 < m_text.size())
                ++i;
            t.text += m_text[i];
        }
        if (i >= m_text.size()) {
            t.kind = Token::Bad;
            t.text = QStringLiteral("unterminated");
        } else {
            ++i;
        }
        t.length = i - m_pos;
        m_pos = i;
        return t;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
};

// A value as the filter reads it back: bare when it lexes as one word, quoted otherwise.
QString quotedIfNeeded(const QString &value)
{
    const bool bare = !value.isEmpty() && std::all_of(value.cbegin(), value.cend(), isWordChar) && !value[0].isDigit();
    if (bare)
        return value;
    QString escaped = value;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + escaped + u'"';
}

} // namespace

// ---- the expression ---------------------------------------------------------------------------

struct CallFilter::Node
{
    struct Compare
    {
        FieldId field;
        Op op;
        QString text;                  // Text: the value; Data: its UTF-8 in `bytes`
        QByteArray bytes;
        QRegularExpression regex;
        qint64 number = 0;             // Number, Duration (us), Size (bytes), Choice (index)
    };
    struct Not
    {
        std::unique_ptr<Node> operand;
    };
    struct Binary
    {
        bool isAnd;
        std::unique_ptr<Node> left, right;
    };
    std::variant<Compare, Not, Binary> what;

    template <typename T>
    explicit Node(T &&w) : what(std::forward<T>(w))
    {
    }
    bool eval(const Monitor::CallRecord &r) const;
};

namespace {

template <typename T>
bool ordered(Op op, T a, T b)
{
    switch (op) {
    case Op::Eq: return a == b;
    case Op::Ne: return a != b;
    case Op::Lt: return a < b;
    case Op::Le: return a <= b;
    case Op::Gt: return a > b;
    case Op::Ge: return a >= b;
    default: return false;
    }
}

bool compareString(const CallFilter::Node::Compare &c, const QString &value)
{
    switch (c.op) {
    case Op::Eq: return value == c.text;
    case Op::Ne: return value != c.text;
    case Op::Contains: return value.contains(c.text);
    case Op::Matches: return c.regex.match(value).hasMatch();
    default: return false;
    }
}

bool compareBytes(const CallFilter::Node::Compare &c, QByteArrayView value)
{
    switch (c.op) {
    case Op::Eq: return value == QByteArrayView(c.bytes);
    case Op::Ne: return value != QByteArrayView(c.bytes);
    case Op::Contains: return value.contains(QByteArrayView(c.bytes));
    case Op::Matches: return c.regex.match(QString::fromUtf8(value)).hasMatch();
    default: return false;
    }
}

} // namespace

bool CallFilter::Node::eval(const Monitor::CallRecord &r) const
{
    if (const auto *n = std::get_if<Not>(&what))
        return !n->operand->eval(r);
    if (const auto *b = std::get_if<Binary>(&what))
        return b->isAnd ? b->left->eval(r) && b->right->eval(r) : b->left->eval(r) || b->right->eval(r);
    const Compare &c = std::get<Compare>(what);
    switch (c.field) {
    case FieldId::Caller: return compareBytes(c, r.caller);
    case FieldId::Receiver: return compareBytes(c, r.receiver);
    case FieldId::Function: return compareBytes(c, r.function);
    case FieldId::Detail: return compareString(c, r.detail);
    case FieldId::Member:
        // "member != x": neither is x, the complement of "member == x".
        if (c.op == Op::Ne) {
            Compare eq = c;
            eq.op = Op::Eq;
            return !(compareBytes(eq, r.caller) || compareBytes(eq, r.receiver));
        }
        return compareBytes(c, r.caller) || compareBytes(c, r.receiver);
    case FieldId::Status:
    case FieldId::Serde:
    case FieldId::Style: return ordered<qint64>(c.op, choiceOf(c.field, r), c.number);
    case FieldId::Seq: return ordered<qint64>(c.op, qint64(r.seq), c.number);
    case FieldId::Uuid: return ordered<qint64>(c.op, r.uuid, c.number);
    case FieldId::Latency: return r.latencyUs && ordered<qint64>(c.op, *r.latencyUs, c.number);
    case FieldId::Size: return ordered<qint64>(c.op, r.requestSize + r.replySize, c.number);
    case FieldId::RequestSize: return ordered<qint64>(c.op, r.requestSize, c.number);
    case FieldId::ReplySize: return r.replySize > 0 && ordered<qint64>(c.op, r.replySize, c.number);
    case FieldId::Payload: {
        const QByteArrayView request = r.request.isValid() ? r.request.data() : QByteArrayView();
        const QByteArrayView reply = r.reply.isValid() ? r.reply.data() : QByteArrayView();
        return compareBytes(c, request) || (!reply.isEmpty() && compareBytes(c, reply));
    }
    }
    return false;
}

namespace {

class Parser
{
public:
    explicit Parser(QStringView text) : m_lexer(text) { advance(); }

    Result<std::unique_ptr<CallFilter::Node>> parse()
    {
        auto node = orExpr();
        if (node && m_token.kind != Token::End)
            fail(m_token, m_token.kind == Token::RParen ? QStringLiteral("this ) closes nothing")
                                                        : QStringLiteral("expected and, or or the end here"));
        if (!m_error.isEmpty())
            return Error{QStringLiteral("FilterSyntax"), m_error};
        return node;
    }

private:
    using NodePtr = std::unique_ptr<CallFilter::Node>;

    void advance() { m_token = m_lexer.next(); }

    void fail(const Token &at, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 (at column %2).").arg(what).arg(at.pos + 1);
    }

    NodePtr orExpr()
    {
        NodePtr left = andExpr();
        while (left && m_token.kind == Token::Or) {
            advance();
            NodePtr right = andExpr();
            if (!right)
                return nullptr;
            left = binary(false, std::move(left), std::move(right));
        }
        return left;
    }

    NodePtr andExpr()
    {
        NodePtr left = notExpr();
        while (left && m_token.kind == Token::And) {
            advance();
            NodePtr right = notExpr();
            if (!right)
                return nullptr;
            left = binary(true, std::move(left), std::move(right));
        }
        return left;
    }

    static NodePtr binary(bool isAnd, NodePtr left, NodePtr right)
    {
        return std::make_unique<CallFilter::Node>(CallFilter::Node::Binary{isAnd, std::move(left), std::move(right)});
    }

    NodePtr notExpr()
    {
        if (m_token.kind != Token::Not)
            return primary();
        advance();
        NodePtr operand = notExpr();
        if (!operand)
            return nullptr;
        return std::make_unique<CallFilter::Node>(CallFilter::Node::Not{std::move(operand)});
    }

    NodePtr primary()
    {
        if (m_token.kind == Token::LParen) {
            const Token open = m_token;
            advance();
            NodePtr inner = orExpr();
            if (!inner)
                return nullptr;
            if (m_token.kind != Token::RParen) {
                fail(open, QStringLiteral("this ( is not closed"));
                return nullptr;
            }
            advance();
            return inner;
        }
        return comparison();
    }

    NodePtr comparison()
    {
        const Token name = m_token;
        if (name.kind == Token::End) {
            fail(name, QStringLiteral("a comparison is missing at the end, such as status == ok"));
            return nullptr;
        }
        if (name.kind == Token::Bad && name.text == u"unterminated") {
            fail(name, QStringLiteral("this quoted text has no closing quote"));
            return nullptr;
        }
        const Field *field = name.kind == Token::Word ? findField(name.text) : nullptr;
        if (!field) {
            fail(name, QStringLiteral("expected a field here (%1), not \"%2\"")
                           .arg(CallFilter::fieldNames().join(QStringLiteral(", ")), name.text));
            return nullptr;
        }
        advance();
        const Token op = m_token;
        const QString fieldName = nameOf(*field);
        if (op.kind != Token::Operator) {
            fail(op, QStringLiteral("%1 needs a comparison: %2 followed by a value")
                         .arg(fieldName, operatorsFor(field->type).join(QStringLiteral(", "))));
            return nullptr;
        }
        if (!operatorsFor(field->type).contains(op.op == Op::Matches ? QStringLiteral("~")
                                                : op.op == Op::Contains ? QStringLiteral("contains")
                                                : op.text == u"=" ? QStringLiteral("==") : op.text)) {
            fail(op, QStringLiteral("%1 is %2: compare it with %3").arg(fieldName, QStringView(typeWords(field->type)).toString(),
                                                                       operatorsFor(field->type).join(QStringLiteral(", "))));
            return nullptr;
        }
        advance();
        const Token value = m_token;
        if (value.kind == Token::Bad && value.text == u"unterminated") {
            fail(value, QStringLiteral("this quoted text has no closing quote"));
            return nullptr;
        }
        if (value.kind == Token::Bad) {
            fail(value, QStringLiteral("put the value of %1 in quotes, as in \"%2\"").arg(fieldName, value.text));
            return nullptr;
        }
        if (value.kind != Token::Word && value.kind != Token::Number && value.kind != Token::String) {
            fail(value, QStringLiteral("%1 %2 needs a value after it").arg(fieldName, op.text));
            return nullptr;
        }
        advance();
        CallFilter::Node::Compare c{field->id, op.op, value.text, value.text.toUtf8(), {}, 0};
        if (!typedValue(*field, value, c))
            return nullptr;
        return std::make_unique<CallFilter::Node>(std::move(c));
    }

    bool typedValue(const Field &field, const Token &value, CallFilter::Node::Compare &c)
    {
        const QString fieldName = nameOf(field);
        if (c.op == Op::Matches) {
            c.regex = QRegularExpression(value.text, QRegularExpression::CaseInsensitiveOption);
            if (!c.regex.isValid()) {
                fail(value, QStringLiteral("\"%1\" is not a regular expression: %2").arg(value.text, c.regex.errorString()));
                return false;
            }
            return true;
        }
        switch (field.type) {
        case Type::Text:
        case Type::Data:
            return true;
        case Type::Choice: {
            const QStringList names = choicesOf(field.id);
            c.number = names.indexOf(value.text.toLower());
            if (c.number < 0)
                fail(value, QStringLiteral("%1 is one of %2, not \"%3\"").arg(fieldName, names.join(QStringLiteral(", ")), value.text));
            return c.number >= 0;
        }
        case Type::Number: {
            bool ok = false;
            c.number = value.text.toLongLong(&ok);
            if (!ok || value.kind == Token::String)
                fail(value, QStringLiteral("%1 is a whole number, not \"%2\"").arg(fieldName, value.text));
            return ok && value.kind != Token::String;
        }
        case Type::Duration: {
            const auto us = quantity::microseconds(value.text);
            if (!us || value.kind == Token::String)
                fail(value, QStringLiteral("%1 is a duration: write a number and a unit, as in 5ms, 250us or 1.5s, not \"%2\"")
                                .arg(fieldName, value.text));
            c.number = us.value_or(0);
            return us && value.kind != Token::String;
        }
        case Type::Size: {
            const auto b = quantity::bytes(value.text);
            if (!b || value.kind == Token::String)
                fail(value, QStringLiteral("%1 is a size: write bytes, or a number and a unit, as in 512, 64kB or 1MiB, not \"%2\"")
                                .arg(fieldName, value.text));
            c.number = b.value_or(0);
            return b && value.kind != Token::String;
        }
        }
        return false;
    }

    Lexer m_lexer;
    Token m_token;
    QString m_error;
};

} // namespace

Result<CallFilter> CallFilter::parse(QStringView text)
{
    CallFilter filter;
    if (text.trimmed().isEmpty())
        return filter;
    auto root = Parser(text).parse();
    if (!root)
        return root.error();
    filter.m_root = std::shared_ptr<const Node>(std::move(*root));
    return filter;
}

bool CallFilter::looksLikeExpression(QStringView text)
{
    Lexer lexer(text);
    for (Token t = lexer.next(); t.kind != Token::End; t = lexer.next()) {
        if (t.kind == Token::Operator || t.kind == Token::LParen || t.kind == Token::RParen || t.kind == Token::String)
            return true;
        if (t.kind == Token::Bad && t.text == u"unterminated")
            return true;
    }
    return false;
}

bool CallFilter::matches(const Monitor::CallRecord &record) const
{
    return !m_root || m_root->eval(record);
}

QStringList CallFilter::fieldNames()
{
    QStringList out;
    for (const Field &f : fields)
        out << nameOf(f);
    return out;
}

CallFilter::Completion CallFilter::complete(QStringView text, qsizetype cursor, const ValuesOf &valuesOf)
{
    cursor = std::clamp<qsizetype>(cursor, 0, text.size());
    const QStringView before = text.left(cursor);
    Lexer lexer(before);
    std::vector<Token> tokens;
    for (Token t = lexer.next(); t.kind != Token::End; t = lexer.next())
        tokens.push_back(t);
    // The word being typed is the last token when it touches the cursor.
    Completion c;
    c.start = cursor;
    QString partial;
    if (!tokens.empty() && tokens.back().pos + tokens.back().length == cursor
        && (tokens.back().kind == Token::Word || tokens.back().kind == Token::Number || tokens.back().kind == Token::And
            || tokens.back().kind == Token::Or || tokens.back().kind == Token::Not
            || (tokens.back().kind == Token::Operator && tokens.back().op == Op::Contains))) {
        partial = tokens.back().text;
        c.start = tokens.back().pos;
        tokens.pop_back();
    }
    QStringList candidates;
    const Token *prev = tokens.empty() ? nullptr : &tokens.back();
    const Field *prevField = prev && prev->kind == Token::Word ? findField(prev->text) : nullptr;
    const Token *prev2 = tokens.size() >= 2 ? &tokens[tokens.size() - 2] : nullptr;
    const Field *fieldBeforeOp = prev && prev->kind == Token::Operator && prev2 && prev2->kind == Token::Word
        ? findField(prev2->text) : nullptr;
    if (!prev || prev->kind == Token::LParen || prev->kind == Token::And || prev->kind == Token::Or
        || prev->kind == Token::Not) {
        candidates = fieldNames();
        candidates << QStringLiteral("not");
    } else if (prevField) {
        candidates = operatorsFor(prevField->type);
    } else if (fieldBeforeOp) {
        candidates = choicesOf(fieldBeforeOp->id);
        if (candidates.isEmpty() && valuesOf && fieldBeforeOp->type == Type::Text) {
            for (const QString &v : valuesOf(nameOf(*fieldBeforeOp)))
                candidates << quotedIfNeeded(v);
        }
    } else if (prev->kind == Token::Word || prev->kind == Token::Number || prev->kind == Token::String
               || prev->kind == Token::RParen) {
        candidates = {QStringLiteral("and"), QStringLiteral("or")};
    }
    for (const QString &w : std::as_const(candidates)) {
        if (w.startsWith(partial, Qt::CaseInsensitive) && w != partial)
            c.words << w;
    }
    return c;
}

} // namespace daffi
