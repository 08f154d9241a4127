#pragma once

// A daffi-router process for tests that need the real program (its options, config file,
// signals, log): started on free ports, its stdout and stderr collected as they come, killed
// when the test ends.

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

class RouterProcess
{
public:
    static QString binary() { return QStringLiteral(DAFFI_ROUTER_BINARY); }
    // The tests' own environment, without the logging rules ctest sets for them: the router's
    // --log-level decides.
    static QProcessEnvironment environment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        return env;
    }

    ~RouterProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Starts it and waits until it says where it listens; false (see output()) if it does not.
    bool start(const QStringList &arguments, const QProcessEnvironment &environment = RouterProcess::environment())
    {
        m_process.setProcessEnvironment(environment);
        m_process.start(binary(), arguments);
        if (!m_process.waitForStarted(5000))
            return false;
        return waitStdout(QStringLiteral("daffi-router listening on "));
    }

    // Runs it to its end (--check-config, a bad option): the exit code, or -1 if it lingers.
    static int run(const QStringList &arguments, QByteArray *out, QByteArray *err,
                   const QProcessEnvironment &environment = RouterProcess::environment())
    {
        QProcess p;
        p.setProcessEnvironment(environment);
        p.start(binary(), arguments);
        if (!p.waitForFinished(10000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        *out = p.readAllStandardOutput();
        *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    bool waitStdout(const QString &text, int ms = 10000) { return wait(m_stdout, text, ms); }
    // Waits for `text` in what stderr wrote since the last call that found something.
    bool waitStderr(const QString &text, int ms = 10000) { return wait(m_stderr, text, ms); }

    void signal(int number) { ::kill(pid_t(m_process.processId()), number); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    bool stop()
    {
        signal(SIGTERM);
        return m_process.waitForFinished(5000) && m_process.exitCode() == 0;
    }

    // The port of "listening on tls://127.0.0.1:PORT" (or tcp://), and the monitor's.
    quint16 port() const { return captured(QStringLiteral("listening on (?:tcp|tls)://[^:]+:(\\d+)")).toUShort(); }
    quint16 monitorPort() const { return captured(QStringLiteral("monitor at https?://[^:]+:(\\d+)")).toUShort(); }

    QByteArray output() const { return m_stdout.all + "\n--- stderr:\n" + m_stderr.all; }
    QByteArray stderrSoFar() const { return m_stderr.all; }

private:
    struct Stream
    {
        QByteArray all;
        qsizetype searchedTo = 0;
    };

    bool wait(Stream &stream, const QString &text, int ms)
    {
        const QByteArray needle = text.toUtf8();
        return QTest::qWaitFor([&] {
            m_stdout.all += m_process.readAllStandardOutput();
            m_stderr.all += m_process.readAllStandardError();
            const qsizetype at = stream.all.indexOf(needle, stream.searchedTo);
            if (at < 0)
                return false;
            stream.searchedTo = at + needle.size();
            return true;
        }, ms);
    }

    QString captured(const QString &pattern) const
    {
        return QRegularExpression(pattern).match(QString::fromUtf8(m_stdout.all)).captured(1);
    }

    QProcess m_process;
    Stream m_stdout;
    Stream m_stderr;
};
