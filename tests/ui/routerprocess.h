#pragma once

#include "nodetestutil.h"

#include <QProcess>
#include <QRegularExpression>

namespace uitest {

// daffi-router as an operator runs it, with its monitor API; the ports it printed.
class RouterProcess
{
public:
    ~RouterProcess() { kill(); }

    // Port 0: any free port (again the same ones for a restart).
    bool start(const QStringList &extra = {}, quint16 port = 0, quint16 monitorPort = 0)
    {
        m_out.clear();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral(DAFFI_ROUTER_BINARY),
                        QStringList{QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                                    QString::number(port), QStringLiteral("--monitor-port"), QString::number(monitorPort),
                                    QStringLiteral("--log-level"), QStringLiteral("warning")}
                            + extra);
        if (!m_process.waitForStarted(10000))
            return false;
        static const QRegularExpression listening(QStringLiteral("listening on tcp://127\\.0\\.0\\.1:(\\d+)"));
        static const QRegularExpression monitor(QStringLiteral("monitor at (https?://127\\.0\\.0\\.1:(\\d+))"));
        QRegularExpressionMatch l, m;
        const bool up = nodetest::waitUntil([&] {
            m_out += m_process.readAll();
            l = listening.match(QString::fromUtf8(m_out));
            m = monitor.match(QString::fromUtf8(m_out));
            return (l.hasMatch() && m.hasMatch()) || m_process.state() == QProcess::NotRunning;
        }, 10000);
        if (!up || !l.hasMatch() || !m.hasMatch())
            return false;
        m_port = quint16(l.captured(1).toUInt());
        m_monitorUrl = m.captured(1);
        m_monitorPort = quint16(m.captured(2).toUInt());
        return true;
    }
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    // The same ports again, as a service manager restarting it would.
    bool restart(const QStringList &extra = {})
    {
        kill();
        return start(extra, m_port, m_monitorPort);
    }

    quint16 port() const { return m_port; }
    quint16 monitorPort() const { return m_monitorPort; }
    QString url() const { return QStringLiteral("tcp://127.0.0.1:%1").arg(m_port); }
    QString monitorUrl() const { return m_monitorUrl; }
    QByteArray output() const { return m_out; }

private:
    QProcess m_process;
    QByteArray m_out;
    quint16 m_port = 0;
    quint16 m_monitorPort = 0;
    QString m_monitorUrl;
};

} // namespace uitest
