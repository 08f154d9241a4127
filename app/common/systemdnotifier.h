#pragma once

#include <QByteArray>
#include <QStringBuilder>

namespace daffi {

// Tells systemd how a Type=notify service is doing (sd_notify(3)), without libsystemd: one
// datagram of "VARIABLE=value" lines to the AF_UNIX socket that $NOTIFY_SOCKET names (a path,
// or "@name" in the abstract namespace). Without the variable (run by hand, or by another
// supervisor) it does nothing.
class SystemdNotifier
{
public:
    // False when there is no socket to tell, or the datagram did not go out.
    static bool notify(const QByteArray &state);

    static bool ready(const QByteArray &status) { return notify(QByteArray("READY=1\nSTATUS=") + status); }
    // From now until ready(): what systemd needs to know a reload is under way (and to wait
    // for its end, with Type=notify-reload).
    static bool reloading();
    static bool stopping() { return notify("STOPPING=1"); }
};

} // namespace daffi
