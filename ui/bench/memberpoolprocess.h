#pragma once

#include "memberpool.h"

#include <QProcess>
#include <QString>

#include <chrono>
#include <vector>

namespace daffi::ui::bench {

// A MemberPool in a second process of this program (serveMemberPool), so that the members'
// sockets are not this process's: here the router holds one descriptor per member, there the
// pool holds the other. The child is told what to do over its stdin and answers on its stdout
// (memberpoolwire.h); its stderr is this process's. It dies with this process (PR_SET_PDEATHSIG,
// and the end of its stdin) and is waited for when this object goes.
//
// Every failure (it would not start, it exited, it sent what the format does not allow, it did
// not answer in time) is kept as a sentence in error() and ends the exchange.
class MemberPoolProcess
{
public:
    MemberPoolProcess() = default;
    ~MemberPoolProcess();
    MemberPoolProcess(const MemberPoolProcess &) = delete;
    MemberPoolProcess &operator=(const MemberPoolProcess &) = delete;

    // files: the descriptors the child raises its limit to (it fails in words if it cannot).
    bool start(quint16 port, quint64 files);
    void add(const std::vector<MemberPool::Spec> &members);
    void setChurn(double perSecond, std::chrono::milliseconds lifetime, const QByteArray &prefix,
                  const QByteArrayList &methods = {});
    // Asks for the counts and waits for the answer (this thread blocks, so not while measuring).
    bool refresh(int timeoutMs = 10000);
    MemberPool::Counts counts() const { return m_counts; }
    QString error() const { return m_error; }

    // User + system CPU of the child, all its threads.
    double cpuSeconds() const;

private:
    bool fail(const QString &why);
    bool ended();

    QProcess m_process;
    MemberPool::Counts m_counts;
    QString m_error;
};

} // namespace daffi::ui::bench
