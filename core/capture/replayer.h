#pragma once

#include "capture.h"
#include "callfilter.h"

#include <core/node/callresult.h>

#include <QElapsedTimer>
#include <QObject>

namespace daffi {

class Client;

// Sends the calls of a capture again through a Client and tells, call by call, whether the
// answer equals the recorded one: a capture becomes a regression test (`daffi-call replay`).
//
// Each call goes with its recorded bytes (serde, data, whether it wants an answer) to its
// recorded receiver, or to Options::receiver. At speed 0 ("max") one call follows the answer to
// the previous one, so calls that depend on each other's effects see them in order; at speed s
// each call leaves at its recorded time divided by s, whatever is still in flight.
//
// Equal means: both answered and the results are the same value (JSON and MSGPACK decoded, PICKLE
// and OPAQUE byte for byte); both raised the same error (type, module, message; the traceback is
// not compared); or both were refused. A call whose recording has no answer (lost, pending, or
// fire-and-forget) is sent but not compared; one without request bytes is skipped.
class Replayer : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        double speed = 1.0;                 // 0: as fast as answers come
        QByteArray receiver;                // empty: the recorded receiver
        std::optional<double> timeout;      // per call, seconds
        CallFilter filter;                  // which calls of the capture
    };

    enum class Verdict { Equal, Different, NotCompared, Skipped };
    Q_ENUM(Verdict)

    struct Outcome
    {
        Monitor::CallRecord recorded;
        Verdict verdict = Verdict::Skipped;
        Monitor::Status replayedStatus = Monitor::Status::Pending;   // Sent, Ok, Error, Refused or Lost
        CallResult result;
        std::optional<qint64> latencyUs;
        QString why;                        // a sentence: what differs, or why not compared or skipped
    };

    struct Summary
    {
        int replayed = 0;
        int equal = 0;
        int different = 0;
        int notCompared = 0;
        int skipped = 0;
    };

    Replayer(Client *client, std::vector<Monitor::CallRecord> calls, Options options, QObject *parent = nullptr);

    void start();
    const Summary &summary() const { return m_summary; }

    // How a replayed call compares with its recording.
    static Verdict compare(const Monitor::CallRecord &recorded, const CallResult &replayed, QString *why);
    static Monitor::Status statusOf(const CallResult &result);

Q_SIGNALS:
    void replayed(const daffi::Replayer::Outcome &outcome);
    void finished(const daffi::Replayer::Summary &summary);

private:
    void send(size_t index);
    void done(Outcome &&outcome);

    Client *m_client;
    std::vector<Monitor::CallRecord> m_calls;
    Options m_options;
    Summary m_summary;
    size_t m_outstanding = 0;
    size_t m_next = 0;
    QElapsedTimer m_clock;
};

} // namespace daffi
