#pragma once

#include "monitor.h"
#include "ratehistory.h"

#include <QJsonArray>
#include <QJsonObject>

namespace daffi {

// The monitor API's JSON (schema in docs/monitor-api.md): one function per kind of object, so
// the HTTP endpoints and the live feed describe a member, a call or an event the same way.
// Names are snake_case; times are integers: `*_ms` wall clock in ms since the epoch, `*_us`
// durations in microseconds.
class MonitorJson
{
public:
    struct RouterInfo
    {
        QString instance;            // changes when the router restarts: sequence numbers restart too
        QStringList listen;          // where peers reach the router
        QString monitorUrl;
        bool payloads = false;       // whether /calls/SEQ/payload serves bytes
        int observers = 0;
        quint64 feedDropped = 0;
    };

    static QJsonObject router(const Monitor &monitor, const RouterInfo &info);
    static QJsonObject member(const Monitor::MemberView &m);
    static QJsonObject departed(const Monitor::DepartedMember &m);
    static QJsonArray members(const Monitor &monitor);
    static QJsonObject membersDocument(const Monitor &monitor);
    static QJsonObject function(const Monitor::FunctionView &f);
    static QJsonObject functionsDocument(const Monitor &monitor);
    static QJsonObject call(const Monitor::CallRecord &r, bool payloads);
    static QJsonObject answer(const Monitor::Answer &a);
    static QJsonObject event(const EventLog::Event &e);
    // The bytes of a call's request and answer, base64, where they were kept.
    static QJsonObject payload(const Monitor::CallRecord &r);
    static QJsonArray totalsSamples(const Monitor &monitor, qint64 sinceMs);
    static QJsonArray rateSeries(const RateHistory &rates, qint64 sinceMs);
    // The newest point of every rate series (what the live feed sends once per sample).
    static QJsonObject latestRates(const Monitor &monitor, const RateHistory &rates);
    static QJsonObject counters(const Monitor &monitor);

    static QString statusName(Monitor::Status status);
    static QString kindName(RateHistory::Kind kind);
};

} // namespace daffi
