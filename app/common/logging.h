#pragma once

#include <QByteArray>
#include <QCommandLineOption>
#include <QString>

#include <optional>

namespace daffi {

// How a program writes its log (the daffi.* categories) to stderr:
//   - text, for a person or a file: "2026-01-02 10:00:00.123 warning daffi.transport: ...";
//   - journal, for the systemd journal, which stamps the time itself: each line starts with
//     its syslog priority as sd-daemon(3) has it ("<4>daffi.transport: ..."), so journalctl -p
//     filters by level, and carries no time of its own.
// "auto" picks journal when stderr is the journal's stream ($JOURNAL_STREAM names it), as under
// a systemd service, and text otherwise.
class Logging
{
public:
    enum class Format { Text, Journal };

    // --log-format auto|text|journal
    static QCommandLineOption formatOption();
    // "auto", "text" or "journal"; nothing for anything else.
    static std::optional<Format> formatFromName(const QString &name);
    static bool stderrIsJournal();
    static void useFormat(Format format);
    static Format format();

    // debug, info, warning or error: the daffi.* messages below it are not written; false for
    // an unknown level.
    static bool useLevel(const QString &level);
    static bool isLevel(const QString &level);

    // What a line a program writes to stderr by itself at `type` starts with: its priority in
    // the journal format ("<3>" for an error), nothing in text.
    static QByteArray prefix(QtMsgType type);
};

} // namespace daffi
