#include "memberpoolprocess.h"

#include "cputime.h"
#include "memberpoolwire.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace daffi::ui::bench {

MemberPoolProcess::~MemberPoolProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    // The end of its stdin: the pool closes its members and exits.
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool MemberPoolProcess::start(quint16 port, quint64 files)
{
    m_process.setProgram(QCoreApplication::applicationFilePath());
    m_process.setArguments({QStringLiteral("--member-pool"), QString::number(port), QString::number(files)});
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const pid_t parent = ::getpid();
    m_process.setChildProcessModifier([parent] {
        // Runs in the child before exec: it is killed when this process dies, even if this
        // process died before the call.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(1);
    });
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return fail(QStringLiteral("the member pool process could not be started: %1").arg(m_process.errorString()));
    return refresh();
}

void MemberPoolProcess::add(const std::vector<MemberPool::Spec> &members)
{
    QByteArray lines;
    for (const MemberPool::Spec &spec : members) {
        bool ok = poolwire::validToken(spec.name);
        for (const QByteArray &m : spec.methods)
            ok = ok && poolwire::validToken(m);
        if (!ok) {
            fail(QStringLiteral("member %1 cannot be sent to the member pool process: names and methods must be 1 to "
                                "%2 printable ASCII characters without spaces")
                     .arg(QString::fromUtf8(spec.name))
                     .arg(poolwire::MaxName));
            return;
        }
        lines += poolwire::line(spec);
    }
    if (m_error.isEmpty())
        m_process.write(lines);
}

void MemberPoolProcess::setChurn(double perSecond, std::chrono::milliseconds lifetime, const QByteArray &prefix,
                                 const QByteArrayList &methods)
{
    bool ok = poolwire::validToken(prefix) && perSecond >= 0 && perSecond <= poolwire::MaxChurn && lifetime.count() >= 1
              && lifetime.count() <= poolwire::MaxLifetimeMs;
    for (const QByteArray &m : methods)
        ok = ok && poolwire::validToken(m);
    if (!ok) {
        fail(QStringLiteral("this churn cannot be sent to the member pool process: at most %1 joins a second, a "
                            "lifetime from 1 to %2 ms, and a prefix and methods of printable ASCII without spaces")
                 .arg(poolwire::MaxChurn)
                 .arg(poolwire::MaxLifetimeMs));
        return;
    }
    if (m_error.isEmpty())
        m_process.write(poolwire::line(poolwire::Churn{perSecond, int(lifetime.count()), prefix, methods}));
}

bool MemberPoolProcess::refresh(int timeoutMs)
{
    if (!m_error.isEmpty())
        return false;
    if (m_process.state() != QProcess::Running)
        return ended();
    // It answers only when asked, once: anything before the question is not an answer to it.
    if (m_process.bytesAvailable() > 0)
        return fail(QStringLiteral("the member pool process sent a line it was not asked for: %1")
                        .arg(QString::fromLatin1(m_process.readAll().left(120).trimmed())));
    m_process.write(poolwire::line(poolwire::CountsRequest{}));
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine(poolwire::MaxLine + 2);
            if (!line.endsWith('\n'))
                return fail(QStringLiteral("the member pool process sent a line longer than %1 bytes").arg(poolwire::MaxLine));
            QString why;
            const auto counts = poolwire::parseCounts(QByteArrayView(line).chopped(1), &why);
            if (!counts)
                return fail(QStringLiteral("the member pool process sent a line this bench does not understand (%1): %2")
                                .arg(why, QString::fromLatin1(line.left(120).trimmed())));
            m_counts = *counts;
            return true;
        }
        if (m_process.bytesAvailable() > poolwire::MaxLine)
            return fail(QStringLiteral("the member pool process sent a line longer than %1 bytes").arg(poolwire::MaxLine));
        if (m_process.state() != QProcess::Running)
            return ended();
        if (deadline.hasExpired()) {
            return fail(QStringLiteral("the member pool process (pid %1) did not answer within %2 s")
                            .arg(m_process.processId())
                            .arg(timeoutMs / 1000.0));
        }
        m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
}

double MemberPoolProcess::cpuSeconds() const
{
    const qint64 pid = m_process.processId();
    return pid > 0 ? statCpuSeconds(QStringLiteral("/proc/%1/stat").arg(pid)) : 0.0;
}

bool MemberPoolProcess::fail(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why;
    return false;
}

bool MemberPoolProcess::ended()
{
    m_process.waitForFinished(1000);
    if (m_process.state() != QProcess::NotRunning)
        return fail(QStringLiteral("the member pool process stopped answering"));
    if (m_process.exitStatus() == QProcess::CrashExit)
        return fail(QStringLiteral("the member pool process was ended by a signal (what it said, if anything, is above)"));
    return fail(QStringLiteral("the member pool process exited with status %1 (what it said, if anything, is above)")
                    .arg(m_process.exitCode()));
}

} // namespace daffi::ui::bench
