#pragma once

#include "jsonwriter.h"
#include "monitor.h"
#include "ratehistory.h"

#include <QJsonArray>
#include <QJsonObject>

namespace daffi {

// The monitor API's JSON (schema in docs/monitor-api.md): one function per kind of object, so
// the HTTP endpoints and the live feed describe a member, a call or an event the same way.
// Names are snake_case; times are integers: `*_ms` wall clock in ms since the epoch, `*_us`
// durations in microseconds.
//
// Records (calls, answers, events) and the pages of them come by the thousand: they are written
// straight into bytes by a JsonWriter, from the Monitor's ring without copying it. The documents
// built from a snapshot of the router (router, members, functions, rates) are QJsonObjects.
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
    static void writeCall(JsonWriter &w, const Monitor::CallView &r, bool payloads);
    static void writeAnswer(JsonWriter &w, const Monitor::Answer &a);
    static void writeEvent(JsonWriter &w, const EventLog::Event &e);
    // /api/v1/calls: the records after `since`, and the answers after `answersSince` if given.
    static QByteArray callsPage(const Monitor &monitor, const QString &instance, quint64 since, size_t limit,
                                std::optional<quint64> answersSince, bool payloads);
    // /api/v1/events.
    static QByteArray eventsPage(const Monitor &monitor, const QString &instance, quint64 since, size_t limit);
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
