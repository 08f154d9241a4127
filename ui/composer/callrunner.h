#pragma once

#include "callspec.h"

#include <core/protocol/envelope.h>

#include <QObject>

#include <optional>

namespace daffi::ui {

class Session;

struct CallOutcome
{
    enum class Status { Ok, Sent, Failed };
    CallSpec spec;
    Status status = Status::Failed;
    QString summary;                    // one line: "ok from worker-1", "ValueError: boom", ...
    QString text;                       // the result (pretty-printed) or the error in full
    std::optional<qint64> latencyUs;
    qint64 timeMs = 0;
};

// Sends composed calls through the session's client and reports how they ended. Never blocks:
// results arrive through the client's futures on this thread.
class CallRunner : public QObject
{
    Q_OBJECT

public:
    explicit CallRunner(Session *session, QObject *parent = nullptr);
    void setSession(Session *session) { m_session = session; }

    void run(const CallSpec &spec);
    int inFlight() const { return m_inFlight; }

Q_SIGNALS:
    void finished(const daffi::ui::CallOutcome &outcome);

private:
    // The spec's arguments in its serde, or a sentence saying what is wrong with them.
    static Result<Payload> encode(const CallSpec &spec);
    void fail(const CallSpec &spec, const QString &summary, const QString &text = {});

    Session *m_session;
    int m_inFlight = 0;
};

} // namespace daffi::ui
