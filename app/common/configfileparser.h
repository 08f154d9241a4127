#pragma once

#include "configfile.h"

#include <QCommandLineParser>

#include <memory>

class QCoreApplication;

namespace daffi {

// A QCommandLineParser whose options can also be given in a config file (ConfigFile), with
// --config FILE; the command line wins: an option it gives replaces the file's values of that
// option. Every option added through this class is a key of the file, so an option a program
// gains is a key at once. It adds, for the program to act on:
//   --config FILE    read the options from FILE, beneath the command line;
//   --check-config   checkOnly(): check the options (the program does), start nothing;
//   --print-config   print the options in effect as a config file and exit (process() does).
//
// addOption() and addOptions() hide QCommandLineParser's: add options through this class.
class ConfigFileParser : public QCommandLineParser
{
public:
    ConfigFileParser();

    bool addOption(const QCommandLineOption &option);
    bool addOptions(const QList<QCommandLineOption> &options);
    // The file may give this option on several lines, as the command line may give it often.
    void setRepeatable(const QCommandLineOption &option);

    // QCommandLineParser::process() with the config file beneath: on a bad command line or
    // file, prints every problem and exits with 2; --print-config prints and exits with 0.
    void process(const QCoreApplication &app);
    // The same without printing or exiting: false with the problems (sentences) on failure.
    bool parseWithConfig(const QStringList &arguments, QStringList *problems);

    bool checkOnly() const;
    QString configPath() const;

    // `message`, prefixed with "FILE:LINE: " when the value that is wrong came from the config
    // file: the line of the first of `options` that the file gives (and the command line not).
    QString locate(const QList<QCommandLineOption> &options, const QString &message) const;

    // A parser with the same options, of the same command line and the config file as it is now
    // (for a reload); null with the problems when the file is wrong now.
    std::unique_ptr<ConfigFileParser> reread(QStringList *problems) const;

    // Every option's values in effect (given, or the default; "true" or "false" for an option
    // without a value), by ConfigFile::name(), in the order the options were added.
    QList<std::pair<QString, QStringList>> settings() const;
    // The same as a config file: what --print-config prints.
    QString printable() const;

private:
    QList<QCommandLineOption> m_options;
    QStringList m_repeatable;
    QCommandLineOption m_config;
    QCommandLineOption m_checkConfig;
    QCommandLineOption m_printConfig;
    bool m_ownOptionsAdded = false;
    QStringList m_arguments;
    ConfigFile m_file;
    QSet<QString> m_onCommandLine;
};

} // namespace daffi
