#include "logging.h"

#include <QLoggingCategory>
#include <QStringList>

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace daffi {

namespace {

const QStringList &levels()
{
    static const QStringList names{QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                                   QStringLiteral("error")};
    return names;
}

std::optional<Logging::Format> &chosenFormat()
{
    static std::optional<Logging::Format> format;
    return format;
}

// Each line of the message with the priority prefix, so that a message of several lines is one
// level in the journal, not one line at the level and the rest at the default.
void writeForJournal(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray prefix = Logging::prefix(type);
    const QString text = qFormatLogMessage(type, context, message);
    QByteArray out;
    for (QStringView line : QStringView(text).split(u'\n'))
        out += prefix + line.toUtf8() + '\n';
    std::fwrite(out.constData(), 1, size_t(out.size()), stderr);
}

} // namespace

QCommandLineOption Logging::formatOption()
{
    return {QStringLiteral("log-format"),
            QStringLiteral("text (with times), journal (syslog priority prefixes, no times: for systemd) or auto "
                           "(journal when stderr is the journal; the default)."),
            QStringLiteral("format"), QStringLiteral("auto")};
}

std::optional<Logging::Format> Logging::formatFromName(const QString &name)
{
    if (name == u"auto")
        return stderrIsJournal() ? Format::Journal : Format::Text;
    if (name == u"text")
        return Format::Text;
    if (name == u"journal")
        return Format::Journal;
    return std::nullopt;
}

bool Logging::stderrIsJournal()
{
    // "DEVICE:INODE" of the stream systemd connected; a child whose stderr was redirected
    // inherits the variable, so it counts only if it is still stderr (systemd.exec(5)).
    const QList<QByteArray> parts = qgetenv("JOURNAL_STREAM").split(':');
    struct stat st = {};
    if (parts.size() != 2 || ::fstat(STDERR_FILENO, &st) != 0)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = parts[0].toULongLong(&deviceOk);
    const qulonglong inode = parts[1].toULongLong(&inodeOk);
    return deviceOk && inodeOk && device == qulonglong(st.st_dev) && inode == qulonglong(st.st_ino);
}

void Logging::useFormat(Format format)
{
    chosenFormat() = format;
    if (format == Format::Journal) {
        qSetMessagePattern(QStringLiteral("%{category}: %{message}"));
        qInstallMessageHandler(writeForJournal);
    } else {
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{type} %{category}: %{message}"));
        qInstallMessageHandler(nullptr);
    }
}

Logging::Format Logging::format()
{
    if (!chosenFormat())
        chosenFormat() = stderrIsJournal() ? Format::Journal : Format::Text;
    return *chosenFormat();
}

bool Logging::isLevel(const QString &level)
{
    return levels().contains(level, Qt::CaseInsensitive);
}

bool Logging::useLevel(const QString &level)
{
    const QStringList &names = levels();
    const qsizetype index = names.indexOf(level.toLower());
    if (index < 0)
        return false;
    QStringList rules;
    for (qsizetype i = 0; i < names.size() - 1; ++i)   // error ("critical") is always on
        rules << QStringLiteral("daffi.*.%1=%2").arg(names[i], i >= index ? u"true" : u"false");
    QLoggingCategory::setFilterRules(rules.join(u'\n'));
    return true;
}

QByteArray Logging::prefix(QtMsgType type)
{
    if (format() != Format::Journal)
        return {};
    switch (type) {
    case QtDebugMsg:
        return "<7>";
    case QtInfoMsg:
        return "<6>";
    case QtWarningMsg:
        return "<4>";
    case QtCriticalMsg:
        return "<3>";
    case QtFatalMsg:
        return "<2>";
    }
    return "<6>";
}

} // namespace daffi
