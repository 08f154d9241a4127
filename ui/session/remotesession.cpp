#include "remotesession.h"

#include "monitormirror.h"

#include <core/node/client.h>

#include <QTimer>

namespace daffi::ui {

namespace {
constexpr size_t OwnCalls = 5000;
constexpr size_t MirroredCalls = 20000;   // as many as the embedded router's ring
constexpr size_t HistorySamples = 900;
constexpr size_t MaxQueuedEvents = 2000;
}

RemoteSession::RemoteSession(const Endpoint &endpoint, const MonitorOptions &monitor, QObject *parent)
    : Session(parent), m_endpoint(endpoint), m_monitor(monitor), m_calls(hasMonitor() ? 1 : OwnCalls)
{
    Client::Options o;
    o.name = consoleClientName();
    o.endpoint = endpoint;
    m_client = new Client(o, this);
    connect(m_client, &Client::stateChanged, this, &RemoteSession::clientStateChanged);
    if (!hasMonitor()) {
        // The monitor's events say who joins and leaves; without one, the client's view does.
        connect(m_client, &Client::memberJoined, this, [this](const QByteArray &name) {
            note(SessionEvent::Kind::Joined, tr("%1 joined").arg(QString::fromUtf8(name)));
        });
        connect(m_client, &Client::memberLeft, this, [this](const QByteArray &name, bool evicted) {
            note(SessionEvent::Kind::Left, evicted ? tr("%1 was evicted").arg(QString::fromUtf8(name))
                                                   : tr("%1 left").arg(QString::fromUtf8(name)));
        });
        m_sampler = new QTimer(this);
        m_lastSampleMs = QDateTime::currentMSecsSinceEpoch();
        connect(m_sampler, &QTimer::timeout, this, &RemoteSession::sample);
        m_sampler->start(1000);
    }
    m_client->start().then(this, [this](const CallResult &r) {
        if (!r.ok())
            Q_EMIT problem(tr("Cannot join %1: %2 Check the address, or start the router there first; the console "
                              "keeps retrying.").arg(location(), r.message));
    });

    if (!hasMonitor())
        return;
    m_thread.setObjectName(QStringLiteral("daffi-monitor"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_context, [this, monitor] {
        m_mirror = new MonitorMirror(monitor, MirroredCalls, m_context);
        MonitorFeedClient *feed = m_mirror->feed();
        connect(feed, &MonitorFeedClient::problem, this, &Session::problem);
        connect(feed, &MonitorFeedClient::recovered, this, &Session::problemSolved);
        connect(feed, &MonitorFeedClient::stateChanged, this, [this](MonitorFeedClient::State state) {
            m_monitorState = state;
            Q_EMIT stateChanged();
        });
        m_mirror->start();
    }, Qt::QueuedConnection);
}

RemoteSession::~RemoteSession()
{
    delete m_client;
    if (!m_context)
        return;
    QMetaObject::invokeMethod(m_context, [this] {
        delete m_context;   // and the mirror with it
        m_mirror = nullptr;
    }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool RemoteSession::isUp() const
{
    return m_client->state() == Client::State::Ready;
}

QString RemoteSession::location() const
{
    return m_endpoint.toString();
}

void RemoteSession::clientStateChanged(Client::State state)
{
    if (state == Client::State::Ready) {
        note(SessionEvent::Kind::Info, tr("joined %1 (a %2)").arg(location(), m_client->serverType()));
        if (!hasMonitor() && !m_joinedBefore && m_client->serverType() == u"router") {
            const QString host = m_endpoint.kind == Endpoint::Kind::Tcp ? m_endpoint.host : QStringLiteral("127.0.0.1");
            Q_EMIT problem(tr("Joined %1 without its monitor, so the console sees only who is a member and what they "
                              "expose, plus the calls it makes itself. To see every call, the counters, rates and "
                              "latency, start that router with --monitor-port 8222 and join with --monitor "
                              "http://%2:8222 (or in Router ▸ Join a remote router or service…).").arg(location(), host));
        }
        m_joinedBefore = true;
    } else if (state == Client::State::Reconnecting) {
        note(SessionEvent::Kind::Problem, tr("lost the connection to %1; reconnecting").arg(location()));
    } else if (state == Client::State::Evicted) {
        note(SessionEvent::Kind::Problem, tr("another node took this console's name on %1").arg(location()));
    }
    Q_EMIT stateChanged();
}

void RemoteSession::note(SessionEvent::Kind kind, const QString &text)
{
    if (m_events.size() >= MaxQueuedEvents)
        m_events.erase(m_events.begin());
    m_events.push_back({QDateTime::currentMSecsSinceEpoch(), kind, text});
}

quint64 RemoteSession::recordOwnCall(const Monitor::CallRecord &record)
{
    if (hasMonitor())
        return 0;   // the router's feed shows this console's calls with everyone else's
    Monitor::CallRecord r = record;
    if (r.seq == 0) {
        r.seq = m_calls.lastSeq() + 1;
        ++m_totals.calls;
        ++m_totals.framesForwarded;
        m_totals.bytesForwarded += quint64(r.requestSize);
    } else if (m_calls.find(r.seq)) {
        if (r.status == Monitor::Status::Error)
            ++m_totals.errors;
        if (r.replySize) {
            ++m_totals.framesForwarded;
            m_totals.bytesForwarded += quint64(r.replySize);
        }
    }
    const quint64 seq = r.seq;
    m_calls.put(std::move(r));
    return seq;
}

void RemoteSession::sample()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const double seconds = double(now - m_lastSampleMs) / 1000.0;
    m_lastSampleMs = now;
    Monitor::Sample s;
    s.timeMs = now;
    if (seconds > 0) {
        s.framesPerSecond = double(m_totals.framesForwarded - m_lastTotals.framesForwarded) / seconds;
        s.bytesPerSecond = double(m_totals.bytesForwarded - m_lastTotals.bytesForwarded) / seconds;
    }
    m_lastTotals = m_totals;
    m_history.push_back(s);
    if (m_history.size() > HistorySamples)
        m_history.erase(m_history.begin());
}

QList<MemberSnapshot> RemoteSession::clientMembers() const
{
    QList<MemberSnapshot> out;
    for (const Member &m : m_client->members()) {
        MemberSnapshot ms;
        ms.name = m.name;
        ms.hasMethodList = m.methods.has_value();
        ms.methods = m.methods.value_or(QByteArrayList{});
        out.push_back(std::move(ms));
    }
    return out;
}

Snapshot RemoteSession::ownSnapshot(const SnapshotRequest &request)
{
    Snapshot s;
    s.timeMs = QDateTime::currentMSecsSinceEpoch();
    s.members = clientMembers();
    m_calls.fill(s, request);
    s.totals = m_totals;
    for (const Monitor::Sample &sample : m_history) {
        if (sample.timeMs > request.afterSampleMs)
            s.samples.push_back(sample);
    }
    return s;
}

void RemoteSession::requestSnapshot(const SnapshotRequest &request, SnapshotCallback done)
{
    if (!hasMonitor()) {
        auto snapshot = std::make_shared<Snapshot>(ownSnapshot(request));
        snapshot->events.swap(m_events);
        QMetaObject::invokeMethod(this, [snapshot, done = std::move(done)]() mutable { done(std::move(*snapshot)); },
                                  Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(m_context, [this, request, done = std::move(done)]() mutable {
        bool membersKnown = false;
        auto snapshot = std::make_shared<Snapshot>(m_mirror ? m_mirror->snapshot(request, &membersKnown) : Snapshot{});
        QMetaObject::invokeMethod(this, [this, snapshot, membersKnown, done = std::move(done)]() mutable {
            // Until the monitor's first hello, the client's own view of the membership stands in.
            if (!membersKnown)
                snapshot->members = clientMembers();
            std::move(m_events.begin(), m_events.end(), std::back_inserter(snapshot->events));
            m_events.clear();
            done(std::move(*snapshot));
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void RemoteSession::fetchPayload(quint64 seq, std::function<void(PayloadFetch &&)> done)
{
    if (!hasMonitor()) {
        Session::fetchPayload(seq, std::move(done));
        return;
    }
    QMetaObject::invokeMethod(m_context, [this, seq, done = std::move(done)]() mutable {
        auto answer = [this, done = std::move(done)](PayloadFetch &&fetched) mutable {
            auto result = std::make_shared<PayloadFetch>(std::move(fetched));
            QMetaObject::invokeMethod(this, [result, done = std::move(done)]() mutable { done(std::move(*result)); },
                                      Qt::QueuedConnection);
        };
        if (m_mirror)
            m_mirror->fetchPayload(seq, std::move(answer));
    }, Qt::QueuedConnection);
}

} // namespace daffi::ui
