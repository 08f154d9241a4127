#pragma once

#include <core/monitor/monitor.h>
#include <core/protocol/result.h>

#include <QStringList>

#include <functional>
#include <memory>

namespace daffi {

// A filter over call records, as the console's traffic pane and `daffi-call replay --filter`
// take it (docs/capture-format.md, "Filters"): field comparisons joined by and, or, not and
// parentheses, e.g.
//
//     function == "add" and (latency > 5ms or status != ok) and not caller ~ "^web-"
//
// Fields: caller, receiver, member (either of them), function, detail (text: == != contains ~);
// status, serde, style (named values: == !=); seq, uuid (numbers), latency (a duration: 5ms,
// 250us, 1.5s), size, request_size, reply_size (bytes: 512, 64kB, 1MiB) with == != < <= > >=;
// payload (the request's and the answer's data: contains ~). `~` is a regular expression,
// matched anywhere and without regard to case; `contains` a plain substring. A comparison with a
// field the record has no value for (the latency of an unanswered call) is false.
//
// Parsing fails at the first thing that is wrong, with a sentence saying what and where.
// Matching allocates only for `~` on names and payloads (regular expressions work on text).
// Copies share the parsed expression.
class CallFilter
{
public:
    CallFilter() = default;   // matches everything

    static Result<CallFilter> parse(QStringView text);
    // Whether `text` is meant as an expression (it has an operator, a comparison word or a
    // parenthesis); other text is a plain word to search for.
    static bool looksLikeExpression(QStringView text);

    bool isEmpty() const { return !m_root; }
    bool matches(const Monitor::CallRecord &record) const;

    // What may come next at `cursor`: the words that fit there, and where the word being typed
    // begins (it is to be replaced by the chosen one).
    struct Completion
    {
        qsizetype start = 0;
        QStringList words;
    };
    // `valuesOf`, when given, offers values for a text field ("function" -> the known functions).
    using ValuesOf = std::function<QStringList(const QString &field)>;
    static Completion complete(QStringView text, qsizetype cursor, const ValuesOf &valuesOf = {});
    static QStringList fieldNames();

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
};

} // namespace daffi
