#include "remotesession.h"

#include <core/node/client.h>

#include <QCoreApplication>
#include <QHostInfo>
#include <QTimer>

namespace daffi::ui {

namespace {
constexpr size_t RingSize = 5000;
constexpr size_t HistorySamples = 900;
}

RemoteSession::RemoteSession(const Endpoint &endpoint, QObject *parent)
    : Session(parent), m_endpoint(endpoint), m_sampler(new QTimer(this))
{
    m_calls.resize(RingSize);
    Client::Options o;
    o.name = "console-" + QHostInfo::localHostName().toUtf8().left(40) + '-'
        + QByteArray::number(QCoreApplication::applicationPid());
    o.endpoint = endpoint;
    m_client = new Client(o, this);
    connect(m_client, &Client::stateChanged, this, [this](Client::State state) {
        if (state == Client::State::Ready)
            note(SessionEvent::Kind::Info, tr("joined %1 (a %2)").arg(location(), m_client->serverType()));
        else if (state == Client::State::Reconnecting)
            note(SessionEvent::Kind::Problem, tr("lost the connection to %1; reconnecting").arg(location()));
        else if (state == Client::State::Evicted)
            note(SessionEvent::Kind::Problem, tr("another node took this console's name on %1").arg(location()));
        Q_EMIT stateChanged();
    });
    connect(m_client, &Client::memberJoined, this, [this](const QByteArray &name) {
        note(SessionEvent::Kind::Joined, tr("%1 joined").arg(QString::fromUtf8(name)));
    });
    connect(m_client, &Client::memberLeft, this, [this](const QByteArray &name, bool evicted) {
        note(SessionEvent::Kind::Left, evicted ? tr("%1 was evicted").arg(QString::fromUtf8(name))
                                               : tr("%1 left").arg(QString::fromUtf8(name)));
    });
    m_client->start().then(this, [this](const CallResult &r) {
        if (!r.ok())
            Q_EMIT problem(tr("Cannot join %1: %2 Check the address, or start the router there first; the console "
                              "keeps retrying.").arg(location(), r.message));
    });
    m_lastSampleMs = QDateTime::currentMSecsSinceEpoch();
    connect(m_sampler, &QTimer::timeout, this, &RemoteSession::sample);
    m_sampler->start(1000);
}

RemoteSession::~RemoteSession()
{
    delete m_client;
}

bool RemoteSession::isUp() const
{
    return m_client->state() == Client::State::Ready;
}

QString RemoteSession::location() const
{
    return m_endpoint.toString();
}

void RemoteSession::note(SessionEvent::Kind kind, const QString &text)
{
    if (m_events.size() > 2000)
        m_events.erase(m_events.begin());
    m_events.push_back({QDateTime::currentMSecsSinceEpoch(), kind, text});
}

quint64 RemoteSession::recordOwnCall(const Monitor::CallRecord &record)
{
    if (record.seq != 0) {   // an update of a call recorded earlier
        Monitor::CallRecord &r = m_calls[size_t(record.seq % RingSize)];
        if (r.seq == record.seq) {
            r = record;
            if (record.status == Monitor::Status::Error)
                ++m_totals.errors;
            if (record.replySize) {
                ++m_totals.framesForwarded;
                m_totals.bytesForwarded += quint64(record.replySize);
            }
        }
        return record.seq;
    }
    Monitor::CallRecord &r = m_calls[size_t(m_nextSeq % RingSize)];
    r = record;
    r.seq = m_nextSeq++;
    ++m_totals.calls;
    ++m_totals.framesForwarded;
    m_totals.bytesForwarded += quint64(record.requestSize);
    return r.seq;
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

void RemoteSession::requestSnapshot(const SnapshotRequest &request, SnapshotCallback done)
{
    auto snapshot = std::make_shared<Snapshot>();
    Snapshot &s = *snapshot;
    s.timeMs = QDateTime::currentMSecsSinceEpoch();
    for (const Member &m : m_client->members()) {
        MemberSnapshot ms;
        ms.name = m.name;
        ms.hasMethodList = m.methods.has_value();
        ms.methods = m.methods.value_or(QByteArrayList{});
        s.members.push_back(std::move(ms));
    }
    s.lastSeq = m_nextSeq - 1;
    s.includesCalls = request.wantCalls;
    if (request.wantCalls) {
        const quint64 oldest = m_nextSeq > RingSize ? m_nextSeq - RingSize : 1;
        quint64 from = std::max(request.afterSeq + 1, oldest);
        if (m_nextSeq - from > request.maxCalls)
            from = m_nextSeq - request.maxCalls;
        s.skippedCalls = from > request.afterSeq + 1 ? from - request.afterSeq - 1 : 0;
        for (quint64 seq = from; seq < m_nextSeq; ++seq)
            s.calls.push_back(m_calls[size_t(seq % RingSize)]);
    }
    for (quint64 seq : request.pendingSeqs) {
        const Monitor::CallRecord &r = m_calls[size_t(seq % RingSize)];
        if (r.seq == seq && r.status != Monitor::Status::Pending)
            s.updates.push_back(r);
    }
    s.totals = m_totals;
    for (const Monitor::Sample &sample : m_history) {
        if (sample.timeMs > request.afterSampleMs)
            s.samples.push_back(sample);
    }
    s.events.swap(m_events);
    QMetaObject::invokeMethod(this, [snapshot, done = std::move(done)]() mutable { done(std::move(*snapshot)); },
                              Qt::QueuedConnection);
}

} // namespace daffi::ui
