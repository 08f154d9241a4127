#include "metricstext.h"

#include "monitor.h"

#include <core/node/router.h>

#include <algorithm>
#include <utility>

namespace daffi {

namespace {

class Writer
{
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_out += "# HELP "; m_out += name; m_out += ' '; m_out += help; m_out += '\n';
        m_out += "# TYPE "; m_out += name; m_out += ' '; m_out += type; m_out += '\n';
    }
    template <typename Number>
    void value(const char *name, Number v, const QByteArray &labels = {})
    {
        m_out += name;
        if (!labels.isEmpty())
            m_out += '{' + labels + '}';
        m_out += ' ';
        if constexpr (std::is_floating_point_v<Number>)
            m_out += QByteArray::number(v, 'g', 17);
        else
            m_out += QByteArray::number(v);
        m_out += '\n';
    }
    static QByteArray label(const char *name, const QByteArray &value)
    {
        QByteArray v = value;
        v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        return QByteArray(name) + "=\"" + v + '"';
    }
    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};

QByteArray seconds(qint64 us)
{
    return QByteArray::number(double(us) / 1e6, 'g', 6);
}

} // namespace

QByteArray MetricsText::render(const Monitor &monitor, quint64 feedRecordsDropped)
{
    const Router *router = monitor.router();
    const Monitor::Totals &totals = monitor.totals();
    Writer w;
    w.family("daffi_members", "gauge", "Members registered with the router.");
    w.value("daffi_members", router->memberCount());
    w.family("daffi_connections", "gauge", "Open connections, members or not.");
    w.value("daffi_connections", router->connectionCount());
    w.family("daffi_frames_forwarded_total", "counter", "Frames passed on unchanged.");
    w.value("daffi_frames_forwarded_total", totals.framesForwarded);
    w.family("daffi_frames_refused_total", "counter", "Frames the router could not or would not pass on.");
    w.value("daffi_frames_refused_total", totals.framesRefused);
    w.family("daffi_bytes_forwarded_total", "counter", "Bytes of forwarded frames.");
    w.value("daffi_bytes_forwarded_total", totals.bytesForwarded);

    const std::vector<Monitor::FunctionView> functions = monitor.functions();
    w.family("daffi_calls_total", "counter", "Requests forwarded, by function.");
    for (const auto &f : functions)
        w.value("daffi_calls_total", f.stats.calls, Writer::label("function", f.name));
    w.family("daffi_call_errors_total", "counter", "ERROR answers and refused requests, by function.");
    for (const auto &f : functions)
        w.value("daffi_call_errors_total", f.stats.errors, Writer::label("function", f.name));
    w.family("daffi_function_providers", "gauge", "Members exposing the function now.");
    for (const auto &f : functions)
        w.value("daffi_function_providers", f.providers, Writer::label("function", f.name));

    w.family("daffi_call_latency_seconds", "histogram", "Request-to-answer latency as the router sees it, by function.");
    const auto latency = monitor.prometheusLatency();
    for (const auto &f : functions) {
        const Monitor::PrometheusLatency p = latency.value(f.name);
        const QByteArray fn = Writer::label("function", f.name);
        quint64 cumulative = 0;
        for (size_t i = 0; i < p.counts.size(); ++i) {
            cumulative += p.counts[i];
            const QByteArray le = i < Monitor::PrometheusBucketsUs.size() ? seconds(Monitor::PrometheusBucketsUs[i])
                                                                          : QByteArray("+Inf");
            w.value("daffi_call_latency_seconds_bucket", cumulative, fn + ',' + Writer::label("le", le));
        }
        w.value("daffi_call_latency_seconds_sum", double(p.sumUs) / 1e6, fn);
        w.value("daffi_call_latency_seconds_count", cumulative, fn);
    }

    w.family("daffi_member_bytes_sent_total", "counter", "Routed bytes sent by each member.");
    const auto members = monitor.memberStats();
    QByteArrayList names = members.keys();
    std::sort(names.begin(), names.end());
    for (const QByteArray &name : names)
        w.value("daffi_member_bytes_sent_total", members.value(name).bytesIn, Writer::label("member", name));

    w.family("daffi_members_dropped_total", "counter", "Connections the router closed or lost, by reason.");
    const auto drops = monitor.dropsByCause();
    for (auto cause : {Connection::CloseCause::WriteStall, Connection::CloseCause::PeerTimeout,
                       Connection::CloseCause::ProtocolError, Connection::CloseCause::Evicted,
                       Connection::CloseCause::HandshakeTimeout, Connection::CloseCause::PeerClosed,
                       Connection::CloseCause::Other})
        w.value("daffi_members_dropped_total", drops.value(cause), Writer::label("reason", EventLog::causeName(cause)));

    w.family("daffi_monitor_feed_dropped_total", "counter", "Live-feed records dropped for slow observers.");
    w.value("daffi_monitor_feed_dropped_total", feedRecordsDropped);
    w.family("daffi_router_start_time_seconds", "gauge", "Unix time the router started.");
    w.value("daffi_router_start_time_seconds", double(monitor.startedMs()) / 1000.0);
    w.family("daffi_build_info", "gauge", "Always 1; the version is a label.");
    w.value("daffi_build_info", 1, Writer::label("version", DAFFI_VERSION));
    return w.take();
}

} // namespace daffi
