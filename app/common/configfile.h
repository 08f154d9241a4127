#pragma once

#include <QByteArrayView>
#include <QCommandLineOption>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

namespace daffi {

// A program's config file, in which each of its command-line options is a key:
//
//     # a comment
//     port = 6000                  # a comment after a value, behind a space or a tab
//     tls-key = "/etc/daffi/my key.pem"   # quotes keep spaces and '#'; write \" and \\ inside
//     no-tcp = false               # an option without a value takes true or false
//     listen = tcp://0.0.0.0:6000  # a repeatable option may be given on several lines
//     listen = unix:///run/daffi-router/daffi.sock
//
// A key is one of the option's long names (one-letter names are for the command line only).
// Booleans are true/false, yes/no, on/off or 1/0. read() checks every line and reports every
// problem, each a sentence that starts with "FILE:LINE: ".
class ConfigFile
{
public:
    struct Rules
    {
        QList<QCommandLineOption> options;
        QStringList repeatable;       // names of options that may be given more than once
        QStringList commandLineOnly;  // names of options that are not keys (--config itself)
    };

    static ConfigFile read(const QString &path, const Rules &rules);
    // `fileName` is the name the problems give.
    static ConfigFile parse(QByteArrayView text, const QString &fileName, const Rules &rules);

    const QStringList &problems() const { return m_problems; }
    // The settings as command-line arguments ("--port=6000", "--no-tcp"), in the file's order,
    // leaving out the options named in `except` (those the command line gives).
    QStringList arguments(const QSet<QString> &except = {}) const;
    // The line that sets the option (by its name()), or 0 when the file does not set it.
    int line(const QString &name) const { return m_lines.value(name); }

    // The option's name as ConfigFile and ConfigFileParser know it: its first long name.
    static QString name(const QCommandLineOption &option);
    // `value` as the right-hand side of a line: as it is, or in quotes when it needs them.
    static QString quoted(const QString &value);

private:
    struct Setting
    {
        QString name;
        QString value;
        bool flag = false;
        bool on = false;   // for a flag
    };

    void parseLine(QStringView text, int line, const Rules &rules);
    void problem(int line, const QString &sentence);

    QString m_fileName;
    QList<Setting> m_settings;
    QHash<QString, int> m_lines;   // option name -> the first line that sets it
    QStringList m_problems;
};

} // namespace daffi
