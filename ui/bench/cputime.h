#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace daffi::ui::bench {

// User + system CPU seconds from a /proc stat file: /proc/<pid>/stat for a whole process (all
// its threads), /proc/<pid>/task/<tid>/stat for one thread. 0 when it cannot be read.
inline double statCpuSeconds(const QString &statPath)
{
    QFile stat(statPath);
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    // Fields after the command (which may hold spaces): utime and stime are the 14th and 15th.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return f.size() > 12 ? double(f[11].toLongLong() + f[12].toLongLong()) / double(sysconf(_SC_CLK_TCK)) : 0.0;
}

} // namespace daffi::ui::bench
