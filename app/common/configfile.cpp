#include "configfile.h"

#include <QFile>

#include <algorithm>
#include <optional>

namespace daffi {

namespace {

constexpr qint64 MaxFileBytes = 1 << 20;

// Edits (insert, delete, replace, swap two neighbours) from a to b: "prot" is one from "port".
qsizetype editDistance(QStringView a, QStringView b)
{
    QList<QList<qsizetype>> d(a.size() + 1, QList<qsizetype>(b.size() + 1));
    for (qsizetype i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (qsizetype j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

std::optional<bool> boolean(const QString &text)
{
    static const QStringList yes{QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("on"), QStringLiteral("1")};
    static const QStringList no{QStringLiteral("false"), QStringLiteral("no"), QStringLiteral("off"), QStringLiteral("0")};
    if (yes.contains(text, Qt::CaseInsensitive))
        return true;
    if (no.contains(text, Qt::CaseInsensitive))
        return false;
    return std::nullopt;
}

QStringList keysOf(const QCommandLineOption &option)
{
    QStringList keys;
    for (const QString &n : option.names()) {
        if (n.size() > 1)
            keys << n;
    }
    return keys;
}

// For an unknown key: the key that was meant, or nothing.
QString suggestion(const QString &key, const QList<QCommandLineOption> &options)
{
    QString bare = key;
    while (bare.startsWith(u'-'))
        bare.remove(0, 1);
    QString best;
    qsizetype bestDistance = bare.size() < 5 ? 2 : 3;
    for (const QCommandLineOption &o : options) {
        for (const QString &k : keysOf(o)) {
            const qsizetype d = editDistance(bare.toLower(), k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
    }
    return best;
}

// The value after "=", without its comment: unquoted up to a '#' behind white space, or quoted
// with \" and \\ for a quote and a backslash. An error is a sentence.
struct Value
{
    QString text;
    bool quoted = false;
    QString error;
};

Value readValue(QStringView rest)
{
    Value v;
    if (!rest.startsWith(u'"')) {
        qsizetype end = rest.size();
        for (qsizetype i = 0; i < rest.size(); ++i) {
            if (rest[i] == u'#' && (i == 0 || rest[i - 1].isSpace())) {
                end = i;
                break;
            }
        }
        v.text = rest.first(end).trimmed().toString();
        return v;
    }
    v.quoted = true;
    qsizetype i = 1;
    for (; i < rest.size() && rest[i] != u'"'; ++i) {
        if (rest[i] != u'\\') {
            v.text += rest[i];
            continue;
        }
        if (i + 1 < rest.size() && (rest[i + 1] == u'"' || rest[i + 1] == u'\\')) {
            v.text += rest[++i];
            continue;
        }
        v.error = QStringLiteral("a backslash in quotes comes before \" or \\ only; write \\\\ for a backslash");
        return v;
    }
    if (i == rest.size()) {
        v.error = QStringLiteral("the quoted value has no closing quote");
        return v;
    }
    const QStringView after = rest.sliced(i + 1).trimmed();
    if (!after.isEmpty() && !after.startsWith(u'#'))
        v.error = QStringLiteral("\"%1\" follows the closing quote; only a comment may").arg(after);
    return v;
}

} // namespace

QString ConfigFile::name(const QCommandLineOption &option)
{
    const QStringList keys = keysOf(option);
    return keys.isEmpty() ? option.names().constFirst() : keys.constFirst();
}

QString ConfigFile::quoted(const QString &value)
{
    const bool plain = !value.isEmpty() && value.trimmed() == value && !value.contains(u'#')
                       && !value.startsWith(u'"') && !value.contains(u'\\');
    if (plain)
        return value;
    QString out = value;
    out.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + out + u'"';
}

ConfigFile ConfigFile::read(const QString &path, const Rules &rules)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ConfigFile file;
        file.m_problems << QStringLiteral("cannot read the config file %1: %2").arg(path, f.errorString());
        return file;
    }
    if (f.size() > MaxFileBytes) {
        ConfigFile file;
        file.m_problems << QStringLiteral("the config file %1 is larger than 1 MiB; is it the right file?").arg(path);
        return file;
    }
    return parse(f.readAll(), path, rules);
}

ConfigFile ConfigFile::parse(QByteArrayView text, const QString &fileName, const Rules &rules)
{
    ConfigFile file;
    file.m_fileName = fileName;
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    const QString all = QString::fromUtf8(text);
    int line = 0;
    for (QStringView l : QStringView(all).split(u'\n'))
        file.parseLine(l, ++line, rules);
    return file;
}

void ConfigFile::parseLine(QStringView text, int line, const Rules &rules)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty() || s.startsWith(u'#'))
        return;
    const qsizetype eq = s.indexOf(u'=');
    if (eq < 0)
        return problem(line, QStringLiteral("expected \"key = value\", not \"%1\"").arg(s.left(60)));
    const QString key = s.first(eq).trimmed().toString();
    if (key.isEmpty())
        return problem(line, QStringLiteral("a key is missing before \"=\""));

    const auto option = std::find_if(rules.options.cbegin(), rules.options.cend(),
                                     [&key](const QCommandLineOption &o) { return keysOf(o).contains(key); });
    if (option == rules.options.cend()) {
        if (rules.commandLineOnly.contains(key))
            return problem(line, QStringLiteral("\"%1\" belongs on the command line (--%1), not in a config file").arg(key));
        const QString meant = suggestion(key, rules.options);
        if (!meant.isEmpty())
            return problem(line, QStringLiteral("unknown key \"%1\"; did you mean \"%2\"?").arg(key, meant));
        return problem(line, QStringLiteral("unknown key \"%1\"; the keys are the long options that --help lists").arg(key));
    }

    const Value value = readValue(s.sliced(eq + 1).trimmed());
    if (!value.error.isEmpty())
        return problem(line, QStringLiteral("\"%1\": %2").arg(key, value.error));

    Setting setting;
    setting.name = name(*option);
    if (m_lines.contains(setting.name) && !rules.repeatable.contains(setting.name)) {
        const int first = m_lines.value(setting.name);
        return problem(line, QStringLiteral("\"%1\" is set twice (also on line %2); give it once").arg(key).arg(first));
    }
    setting.flag = option->valueName().isEmpty();
    if (setting.flag) {
        const auto on = boolean(value.text);
        if (!on)
            return problem(line, QStringLiteral("\"%1\" is true or false, not \"%2\"").arg(key, value.text));
        setting.on = *on;
    } else if (value.text.isEmpty() && !value.quoted) {
        return problem(line, QStringLiteral("\"%1\" has no value; give one, or comment the line out for the default").arg(key));
    }
    setting.value = value.text;
    m_lines.insert(setting.name, m_lines.value(setting.name, line));
    m_settings.append(setting);
}

void ConfigFile::problem(int line, const QString &sentence)
{
    m_problems << QStringLiteral("%1:%2: %3").arg(m_fileName).arg(line).arg(sentence);
}

QStringList ConfigFile::arguments(const QSet<QString> &except) const
{
    QStringList out;
    for (const Setting &s : m_settings) {
        if (except.contains(s.name))
            continue;
        if (!s.flag)
            out << QStringLiteral("--%1=%2").arg(s.name, s.value);
        else if (s.on)
            out << QStringLiteral("--%1").arg(s.name);
    }
    return out;
}

} // namespace daffi
