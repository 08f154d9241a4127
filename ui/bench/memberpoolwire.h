#pragma once

#include "memberpool.h"

#include <QByteArrayView>
#include <QString>

#include <optional>
#include <variant>

// The lines between daffi-console-bench and the member pool it runs in a second process of
// itself (MemberPoolProcess, serveMemberPool). One command or answer a line, fields separated by
// one space; names and methods are printable ASCII without spaces. Both sides parse what the
// other sends as untrusted: the first bad field ends the exchange with a sentence naming it.
//
//   bench -> pool   member <name> [<method>...]                        (no methods: a caller)
//                   churn <perSecond> <lifetimeMs> <prefix> [<method>...]
//                   counts
//   pool -> bench   counts joined=<n> joins=<n> leaves=<n> dropped=<n> failed=<n> waiting=<n>
//                   (one for each `counts`, in order)
//
// End of input (the bench closed the pipe or died) stops the pool.
namespace daffi::ui::bench::poolwire {

constexpr qsizetype MaxLine = 4096;       // bytes, without the newline
constexpr qsizetype MaxName = 200;
constexpr double MaxChurn = 100000;       // joins a second
constexpr int MaxLifetimeMs = 86'400'000;

struct Churn
{
    double perSecond = 0;
    int lifetimeMs = 1000;
    QByteArray prefix;
    QByteArrayList methods;
};
struct CountsRequest
{
};
using Command = std::variant<MemberPool::Spec, Churn, CountsRequest>;

// Each with its newline. A name or method that the format cannot carry is the caller's error:
// check with validToken() first.
QByteArray line(const Command &command);
QByteArray line(const MemberPool::Counts &counts);

bool validToken(QByteArrayView token);
// Digits only (no sign, no spaces, no exponent), at most 19 of them.
std::optional<quint64> wholeNumber(QByteArrayView text);

// `line` without its newline; on failure *why says what is wrong with it.
std::optional<Command> parseCommand(QByteArrayView line, QString *why);
std::optional<MemberPool::Counts> parseCounts(QByteArrayView line, QString *why);

} // namespace daffi::ui::bench::poolwire
