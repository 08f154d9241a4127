#pragma once

#include "callresult.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

class QTimer;

namespace daffi {

// Calls waiting for an answer on one connection, by uuid (PROTOCOL.md §6.1, §12): a map, not the
// reference's 2 048-slot table, so any number may wait. A uuid is never handed out while a call
// still waits on it, nor while the answer to a call that timed out may still come: that uuid stays
// taken until its receiver answers (the late answer is discarded) or leaves, so a late answer
// can never be taken for another call after the numbering wraps. Deadlines share one precise
// timer set to the earliest of them.
class PendingCalls : public QObject
{
    Q_OBJECT

public:
    using Clock = std::chrono::steady_clock;

    explicit PendingCalls(QObject *parent = nullptr);

    // The next free uuid (1..65535, skipping 0 and every uuid still pending), or nullopt when all
    // 65 535 are in use.
    std::optional<quint16> allocate();
    // Restarts numbering at 1, as a fresh connection does. Only valid when nothing is pending.
    void resetNumbering() { m_counter = 0; }

    void add(quint16 uuid, QByteArray receiver, std::optional<Clock::time_point> deadline,
             CallCompletion completion);
    // Completes the call; false when no call waits on `uuid` (a late or stray answer).
    bool complete(quint16 uuid, CallResult &&result);
    // An answer from the wire, from result.receiver (its transmitter): completes the call only when
    // that is the member the call was sent to. False for a late, stray or misrouted answer.
    bool answer(quint16 uuid, CallResult &&result);
    // Fails every call waiting on `receiver` (it disconnected), or every call when receiver is
    // empty (our connection went away); frees the uuids of their timed-out calls too.
    void failAll(CallResult::Status status, CallResult::Reason reason, const QString &message,
                 QByteArrayView receiver = {});

    qsizetype size() const { return qsizetype(m_calls.size()); }   // uuids taken, timed-out ones included
    bool isPending(quint16 uuid) const { return m_calls.count(uuid) != 0; }

private:
    struct Call
    {
        QByteArray receiver;
        CallCompletion completion;
        std::optional<std::multimap<Clock::time_point, quint16>::iterator> deadline;
        bool timedOut = false;   // completed; holds its uuid until the receiver answers or leaves
    };
    void expire();
    void schedule();

    std::unordered_map<quint16, Call> m_calls;
    std::multimap<Clock::time_point, quint16> m_deadlines;
    quint16 m_counter = 0;
    QTimer *m_timer;
};

} // namespace daffi
