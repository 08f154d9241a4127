#pragma once

#include "session.h"

#include <core/monitor/eventlog.h>

#include <QJsonArray>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace daffi::ui {

// Reads the monitor API's JSON (docs/monitor-api.md) back into the types the console's models
// take, so that a remote router's records look exactly like the embedded router's. What comes
// from the network is untrusted: a value of the wrong type reads as absent, a record without a
// sequence number is refused, unknown keys are ignored (the schema only ever grows).
class MonitorJsonReader
{
public:
    struct Call
    {
        Monitor::CallRecord record;
        bool payloadKept = false;             // "payload": /payload has bytes for it
    };

    static std::optional<Call> call(const QJsonObject &o);
    static std::optional<Monitor::Answer> answer(const QJsonObject &o);
    static std::optional<EventLog::Event> event(const QJsonObject &o);
    static std::optional<MemberSnapshot> member(const QJsonObject &o);
    static QList<MemberSnapshot> members(const QJsonArray &list);
    static std::vector<Monitor::FunctionView> functions(const QJsonObject &document);
    static Monitor::Totals totals(const QJsonObject &counters);
    // A rate point [time_ms, messages_per_s, bytes_per_s].
    static std::optional<Monitor::Sample> sample(const QJsonValue &point);
    // The feed's "rates": the newest point of every series.
    static std::vector<RatePoint> ratePoints(const QJsonArray &series);
    // A /payload document's request and answer as frames the payload decoder reads.
    static PayloadFetch payload(const QJsonObject &document);

    static std::optional<Monitor::Status> status(const QString &name);
};

} // namespace daffi::ui
