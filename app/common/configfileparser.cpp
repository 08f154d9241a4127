#include "configfileparser.h"

#include "logging.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

namespace daffi {

ConfigFileParser::ConfigFileParser()
    : m_config(QStringLiteral("config"),
               QStringLiteral("Read the options from this file (key = value lines, one key per long option); the command "
                              "line overrides it."),
               QStringLiteral("file")),
      m_checkConfig(QStringLiteral("check-config"),
                    QStringLiteral("Check the options and the config file (values, TLS files) without starting; exit 0 "
                                   "with \"configuration OK\", or 2 with the problems.")),
      m_printConfig(QStringLiteral("print-config"),
                    QStringLiteral("Print the options in effect (defaults, config file, command line) as a config file, "
                                   "and exit."))
{
}

bool ConfigFileParser::addOption(const QCommandLineOption &option)
{
    if (!QCommandLineParser::addOption(option))
        return false;
    m_options.append(option);
    return true;
}

bool ConfigFileParser::addOptions(const QList<QCommandLineOption> &options)
{
    bool all = true;
    for (const QCommandLineOption &o : options)
        all = addOption(o) && all;
    return all;
}

void ConfigFileParser::setRepeatable(const QCommandLineOption &option)
{
    m_repeatable.append(ConfigFile::name(option));
}

void ConfigFileParser::process(const QCoreApplication &app)
{
    QStringList problems;
    if (!parseWithConfig(app.arguments(), &problems)) {
        for (const QString &p : problems) {
            std::fprintf(stderr, "%s%s: %s\n", Logging::prefix(QtCriticalMsg).constData(),
                         qPrintable(QCoreApplication::applicationName()), qPrintable(p));
        }
        std::exit(2);
    }
    // For --help and --version, with the arguments as parsed (they are valid by now).
    QStringList arguments{m_arguments.constFirst()};
    arguments << m_file.arguments(m_onCommandLine) << m_arguments.mid(1);
    QCommandLineParser::process(arguments);
    if (isSet(m_printConfig)) {
        std::fputs(qPrintable(printable()), stdout);
        std::exit(0);
    }
}

bool ConfigFileParser::parseWithConfig(const QStringList &arguments, QStringList *problems)
{
    if (!m_ownOptionsAdded)   // after the program's, so that --help lists them last
        m_ownOptionsAdded = QCommandLineParser::addOptions({m_config, m_checkConfig, m_printConfig});
    m_arguments = arguments.isEmpty() ? QStringList{QCoreApplication::applicationName()} : arguments;
    m_file = {};
    m_onCommandLine.clear();
    if (!parse(m_arguments)) {
        *problems << errorText();
        return false;
    }
    if (!isSet(m_config))
        return true;
    for (const QCommandLineOption &o : std::as_const(m_options)) {
        if (isSet(o))
            m_onCommandLine.insert(ConfigFile::name(o));
    }
    const QStringList commandLineOnly{ConfigFile::name(m_config), ConfigFile::name(m_checkConfig),
                                      ConfigFile::name(m_printConfig)};
    m_file = ConfigFile::read(value(m_config), {m_options, m_repeatable, commandLineOnly});
    if (!m_file.problems().isEmpty()) {
        *problems << m_file.problems();
        return false;
    }
    // The file's settings first: for an option given twice, QCommandLineParser's value() is the
    // last one, and the options of the command line are left out of the file's anyway.
    QStringList merged{m_arguments.constFirst()};
    merged << m_file.arguments(m_onCommandLine) << m_arguments.mid(1);
    if (!parse(merged)) {
        *problems << errorText();
        return false;
    }
    return true;
}

bool ConfigFileParser::checkOnly() const
{
    return isSet(m_checkConfig);
}

QString ConfigFileParser::configPath() const
{
    return isSet(m_config) ? value(m_config) : QString();
}

QString ConfigFileParser::locate(const QList<QCommandLineOption> &options, const QString &message) const
{
    for (const QCommandLineOption &o : options) {
        const QString name = ConfigFile::name(o);
        if (const int line = m_file.line(name); line > 0 && !m_onCommandLine.contains(name))
            return QStringLiteral("%1:%2: %3").arg(configPath()).arg(line).arg(message);
    }
    return message;
}

std::unique_ptr<ConfigFileParser> ConfigFileParser::reread(QStringList *problems) const
{
    auto fresh = std::make_unique<ConfigFileParser>();
    fresh->addOptions(m_options);
    fresh->m_repeatable = m_repeatable;
    if (!fresh->parseWithConfig(m_arguments, problems))
        return nullptr;
    return fresh;
}

QList<std::pair<QString, QStringList>> ConfigFileParser::settings() const
{
    QList<std::pair<QString, QStringList>> out;
    for (const QCommandLineOption &o : m_options) {
        const QString name = ConfigFile::name(o);
        QStringList values;
        if (o.valueName().isEmpty())
            values << (isSet(o) ? QStringLiteral("true") : QStringLiteral("false"));
        else if (m_repeatable.contains(name))
            values = this->values(o);
        else if (isSet(o) || !o.defaultValues().isEmpty())
            values << value(o);
        out.append({name, values});
    }
    return out;
}

QString ConfigFileParser::printable() const
{
    QString out = QStringLiteral("# %1 %2: the options in effect (defaults%3, command line)\n")
                      .arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion(),
                           isSet(m_config) ? QStringLiteral(", ") + configPath() : QString());
    for (const auto &[name, values] : settings()) {
        if (values.isEmpty())
            out += QStringLiteral("# %1 =\n").arg(name);
        for (const QString &v : values)
            out += QStringLiteral("%1 = %2\n").arg(name, ConfigFile::quoted(v));
    }
    return out;
}

} // namespace daffi
