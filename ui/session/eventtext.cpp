#include "eventtext.h"

namespace daffi::ui {

SessionEvent EventText::describe(const EventLog::Event &e)
{
    const QString member = QString::fromUtf8(e.member);
    const QString transport = e.transport ? Connection::transportName(*e.transport) : QStringLiteral("?");
    switch (e.kind) {
    case EventLog::Kind::Joined:
        if (e.methods.isEmpty())
            return {e.timeMs, SessionEvent::Kind::Joined,
                    tr("%1 joined from %2 (%3) as a caller").arg(member, e.address, transport)};
        return {e.timeMs, SessionEvent::Kind::Joined,
                tr("%1 joined from %2 (%3), exposing %n function(s)", nullptr, int(e.methods.size()))
                    .arg(member, e.address, transport)};
    case EventLog::Kind::Updated:
        return {e.timeMs, SessionEvent::Kind::Updated,
                tr("%1 now exposes %n function(s)", nullptr, int(e.methods.size())).arg(member)};
    case EventLog::Kind::Left:
        return {e.timeMs, SessionEvent::Kind::Left, tr("%1 left: %2").arg(member, e.reason)};
    case EventLog::Kind::Dropped:
        return {e.timeMs, SessionEvent::Kind::Dropped,
                tr("connection from %1 closed before joining: %2").arg(e.address, e.reason)};
    case EventLog::Kind::Refused:
        return {e.timeMs, SessionEvent::Kind::Dropped, tr("refused %1: %2").arg(e.address, e.reason)};
    }
    return {e.timeMs, SessionEvent::Kind::Info, e.reason};
}

SessionEvent EventText::lost(quint64 count, qint64 timeMs)
{
    return {timeMs, SessionEvent::Kind::Problem,
            tr("%n membership event(s) passed too fast to list; the Members pane shows the present.", nullptr,
               int(std::min<quint64>(count, INT_MAX)))};
}

} // namespace daffi::ui
