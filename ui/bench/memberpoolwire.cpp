#include "memberpoolwire.h"

#include <limits>

namespace daffi::ui::bench::poolwire {

namespace {

// Digits with an optional fraction: "1000", "0.5".
std::optional<double> decimalNumber(QByteArrayView text)
{
    const qsizetype dot = text.indexOf('.');
    const QByteArrayView whole = dot < 0 ? text : text.first(dot);
    const QByteArrayView fraction = dot < 0 ? QByteArrayView() : text.sliced(dot + 1);
    if (!wholeNumber(whole) || (dot >= 0 && !wholeNumber(fraction)))
        return std::nullopt;
    bool ok = false;
    const double v = text.toByteArray().toDouble(&ok);
    return ok ? std::optional(v) : std::nullopt;
}

QByteArray joined(const QByteArray &head, const QByteArrayList &tokens)
{
    QByteArray out = head;
    for (const QByteArray &t : tokens)
        out += ' ' + t;
    return out + '\n';
}

bool methodsFrom(const QByteArrayList &fields, qsizetype first, QByteArrayList *methods, QString *why)
{
    for (qsizetype i = first; i < fields.size(); ++i) {
        if (!validToken(fields[i])) {
            *why = QStringLiteral("method %1 is not 1 to %2 printable ASCII characters").arg(i - first + 1).arg(MaxName);
            return false;
        }
        methods->append(fields[i]);
    }
    return true;
}

} // namespace

std::optional<quint64> wholeNumber(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 19)   // fits in quint64
        return std::nullopt;
    quint64 v = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + quint64(c - '0');
    }
    return v;
}

bool validToken(QByteArrayView token)
{
    if (token.isEmpty() || token.size() > MaxName)
        return false;
    for (const char c : token) {
        if (c <= ' ' || c > '~')
            return false;
    }
    return true;
}

QByteArray line(const Command &command)
{
    if (const auto *spec = std::get_if<MemberPool::Spec>(&command))
        return joined("member " + spec->name, spec->methods);
    if (const auto *churn = std::get_if<Churn>(&command)) {
        return joined("churn " + QByteArray::number(churn->perSecond, 'f', 6) + ' ' + QByteArray::number(churn->lifetimeMs) + ' '
                          + churn->prefix,
                      churn->methods);
    }
    return QByteArrayLiteral("counts\n");
}

QByteArray line(const MemberPool::Counts &c)
{
    return "counts joined=" + QByteArray::number(c.joined) + " joins=" + QByteArray::number(c.joins)
           + " leaves=" + QByteArray::number(c.leaves) + " dropped=" + QByteArray::number(c.dropped)
           + " failed=" + QByteArray::number(c.failed) + " waiting=" + QByteArray::number(c.waiting) + '\n';
}

std::optional<Command> parseCommand(QByteArrayView text, QString *why)
{
    if (text.size() > MaxLine) {
        *why = QStringLiteral("the line is longer than %1 bytes").arg(MaxLine);
        return std::nullopt;
    }
    const QByteArrayList fields = text.toByteArray().split(' ');
    const QByteArray &verb = fields.first();
    if (verb == "member") {
        if (fields.size() < 2 || !validToken(fields[1])) {
            *why = QStringLiteral("`member` needs a name of 1 to %1 printable ASCII characters").arg(MaxName);
            return std::nullopt;
        }
        MemberPool::Spec spec{fields[1], {}};
        if (!methodsFrom(fields, 2, &spec.methods, why))
            return std::nullopt;
        return spec;
    }
    if (verb == "churn") {
        if (fields.size() < 4) {
            *why = QStringLiteral("`churn` needs joins a second, a lifetime in ms and a name prefix");
            return std::nullopt;
        }
        const auto perSecond = decimalNumber(fields[1]);
        if (!perSecond || *perSecond > MaxChurn) {
            *why = QStringLiteral("`churn` joins a second must be a number from 0 to %1").arg(MaxChurn);
            return std::nullopt;
        }
        const auto lifetime = wholeNumber(fields[2]);
        if (!lifetime || *lifetime < 1 || *lifetime > quint64(MaxLifetimeMs)) {
            *why = QStringLiteral("`churn` lifetime must be a whole number of ms from 1 to %1").arg(MaxLifetimeMs);
            return std::nullopt;
        }
        if (!validToken(fields[3])) {
            *why = QStringLiteral("`churn` prefix must be 1 to %1 printable ASCII characters").arg(MaxName);
            return std::nullopt;
        }
        Churn churn{*perSecond, int(*lifetime), fields[3], {}};
        if (!methodsFrom(fields, 4, &churn.methods, why))
            return std::nullopt;
        return churn;
    }
    if (verb == "counts" && fields.size() == 1)
        return CountsRequest{};
    *why = QStringLiteral("expected `member`, `churn` or `counts`");
    return std::nullopt;
}

std::optional<MemberPool::Counts> parseCounts(QByteArrayView text, QString *why)
{
    static const char *const keys[] = {"joined", "joins", "leaves", "dropped", "failed", "waiting"};
    const QByteArrayList fields = text.toByteArray().split(' ');
    if (text.size() > MaxLine || fields.size() != 1 + qsizetype(std::size(keys)) || fields.first() != "counts") {
        *why = QStringLiteral("expected `counts` and six key=number fields");
        return std::nullopt;
    }
    quint64 values[std::size(keys)];
    for (size_t i = 0; i < std::size(keys); ++i) {
        const QByteArray &field = fields[qsizetype(i) + 1];
        const QByteArray key = QByteArray(keys[i]) + '=';
        const auto v = field.startsWith(key) ? wholeNumber(QByteArrayView(field).sliced(key.size())) : std::nullopt;
        // joined and waiting are ints on both sides.
        if (!v || ((i == 0 || i == 5) && *v > quint64(std::numeric_limits<int>::max()))) {
            *why = QStringLiteral("field %1 must be %2=<a whole number>").arg(i + 2).arg(QLatin1String(keys[i]));
            return std::nullopt;
        }
        values[i] = *v;
    }
    return MemberPool::Counts{int(values[0]), values[1], values[2], values[3], values[4], int(values[5])};
}

} // namespace daffi::ui::bench::poolwire
