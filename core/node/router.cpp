#include "router.h"

#include <QLoggingCategory>
#include <QMetaMethod>
#include <QTimer>

namespace daffi {

Q_LOGGING_CATEGORY(lcRouter, "daffi.router", QtInfoMsg)

Router::Router(QObject *parent) : Router(Options{}, parent) {}

namespace {
// While announcements keep coming (a join storm, a fleet reconnecting), the window they are
// gathered in doubles up to this; a lone join or leave goes out at the end of its event-loop pass.
constexpr std::chrono::milliseconds MaxAnnounceWindow{16};
} // namespace

Router::Router(const Options &options, QObject *parent)
    : Server("router", options.handshakeTimeout, parent), m_announceTimer(new QTimer(this))
{
    m_announceTimer->setSingleShot(true);
    connect(m_announceTimer, &QTimer::timeout, this, &Router::sendAnnouncements);
}

void Router::peerAdded(Peer &peer)
{
    const quint64 id = peer.connection->id();
    connect(peer.connection, &Connection::writeQueueDrained, this, [this, id] { receiverDrained(id); });
}

const Router::RouterPeer &Router::memberAt(quint64 id) const
{
    return static_cast<const RouterPeer &>(*peers().at(id));
}

QList<MemberInfo> Router::members() const
{
    QList<MemberInfo> out;
    out.reserve(qsizetype(m_members.size()));
    for (quint64 id : m_members)
        out.append(info(memberAt(id)));
    return out;
}

QList<const Connection *> Router::connections() const
{
    QList<const Connection *> out;
    out.reserve(qsizetype(peers().size()));
    for (const auto &[id, peer] : peers())
        out.append(peer->connection);
    return out;
}

MemberInfo Router::info(const RouterPeer &peer) const
{
    return MemberInfo{peer.name, peer.methodList, peer.hasMethodList, peer.connection->id(),
                      peer.connection->transport(), peer.connection->peerAddress(),
                      peer.connection->connectedAt()};
}

QString Router::unacceptable(Flag flag) const
{
    return flag == Flag::Events ? QStringLiteral("sent an EVENTS frame; only servers send events") : QString();
}

void Router::memberFrame(Peer &peer, Frame &&frame)
{
    auto &from = static_cast<RouterPeer &>(peer);
    auto *to = static_cast<RouterPeer *>(peerByName(frame.receiver()));
    if (frame.flag() == Flag::Request) {
        if (!to) {
            refuse(from, frame, QStringLiteral("ReceiverNotFound"),
                   QStringLiteral("no member named \"%1\" is connected to the router")
                       .arg(QString::fromUtf8(frame.receiver())));
            return;
        }
        if (!to->methods.contains(ByteKey::borrowed(frame.function()))) {
            refuse(from, frame, QStringLiteral("ReceiverNotFound"),
                   QStringLiteral("member \"%1\" does not expose the callback \"%2\"")
                       .arg(QString::fromUtf8(frame.receiver()), QString::fromUtf8(frame.function())));
            return;
        }
    } else if (!to) {
        // An answer for a caller that has gone: nobody is left to tell.
        refuse(from, frame, QStringLiteral("ReceiverNotFound"),
               QStringLiteral("the caller \"%1\" has disconnected").arg(QString::fromUtf8(frame.receiver())));
        return;
    }
    forward(from, *to, frame);
}

void Router::forward(RouterPeer &from, RouterPeer &to, const Frame &frame)
{
    catchUp(to);
    to.connection->send(frame);
    if (forwardObserved())
        Q_EMIT frameForwarded(frame, from.connection->id(), to.connection->id());
    if (&from == &to || !to.connection->isWriteQueueFull())
        return;
    const quint64 fromId = from.connection->id();
    if (to.blockedSenders.contains(fromId))
        return;
    to.blockedSenders.insert(fromId);
    if (++from.blockedOn == 1) {
        qCDebug(lcRouter) << "pausing" << from.name << "until" << to.name << "drains";
        from.connection->pauseReading();
    }
}

// Whether frameForwarded has receivers: asking Qt (isSignalConnected) for every forwarded frame
// cost 4% of the router's CPU forwarding small frames, so it is asked again only after a
// connect or disconnect. Qt may call these two with its own locks held (disconnectNotify from the
// destructor of a receiver) and forbids calling back into QObject from them: isSignalConnected
// there deadlocked (tst_router observersOfForwardedFramesComeAndGo). So they only mark the answer
// stale and forward() asks. A disconnect of everything reports an invalid method: stale too.
void Router::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&Router::frameForwarded))
        m_forwardObserversChanged.store(true, std::memory_order_release);
}

void Router::disconnectNotify(const QMetaMethod &signal)
{
    if (!signal.isValid() || signal == QMetaMethod::fromSignal(&Router::frameForwarded))
        m_forwardObserversChanged.store(true, std::memory_order_release);
}

bool Router::forwardObserved()
{
    if (m_forwardObserversChanged.load(std::memory_order_relaxed)
        && m_forwardObserversChanged.exchange(false, std::memory_order_acquire))
        m_forwardObserved = isSignalConnected(QMetaMethod::fromSignal(&Router::frameForwarded));
    return m_forwardObserved;
}

void Router::receiverDrained(quint64 id)
{
    if (RouterPeer *peer = routerPeer(id))
        releaseSenders(*peer);
}

void Router::releaseSenders(RouterPeer &receiver)
{
    // Copy first: a resumed sender delivers frames at once, which may change any peer.
    const QSet<quint64> senders = std::exchange(receiver.blockedSenders, {});
    for (quint64 id : senders) {
        RouterPeer *sender = routerPeer(id);
        if (sender && --sender->blockedOn == 0)
            sender->connection->resumeReading();
    }
}

QByteArray Router::helloName(const Frame &frame, const Handshake &hello, QString *problem) const
{
    const QByteArrayView transmitter = frame.transmitter();
    if (hello.members.size() != 1)
        *problem = QStringLiteral("a hello must list exactly one member (itself), not %1").arg(hello.members.size());
    else if (hello.members.first().name != transmitter)
        *problem = QStringLiteral("the member \"%1\" is not the transmitter \"%2\"")
                       .arg(QString::fromUtf8(hello.members.first().name), QString::fromUtf8(transmitter));
    else
        return transmitter.toByteArray();
    return {};
}

void Router::helloAccepted(Peer &peer, const Frame &frame, const Handshake &hello, bool isNew)
{
    auto &member = static_cast<RouterPeer &>(peer);
    const quint64 self = member.connection->id();
    const daffi::Member &announced = hello.members.first();
    member.hasMethodList = announced.methods.has_value();
    member.methodList = announced.methods.value_or(QByteArrayList{});
    member.methods.clear();
    for (const QByteArray &m : member.methodList)
        member.methods.insert(ByteKey{m});
    member.json = daffi::Member{member.name, announced.methods}.toJson();
    if (isNew) {
        m_members.push_back(self);
        if (!m_membersJsonStale) {
            if (!m_membersJson.isEmpty())
                m_membersJson += ',';
            m_membersJson += member.json;
        }
    } else {
        m_membersJsonStale = true;
    }
    member.connection->send(frame.withData(Handshake::toJson("router", std::nullopt, membersJson())));

    if (!member.methodList.isEmpty()) {
        Handshake mini{"router", std::nullopt, {daffi::Member{member.name, member.methodList}}};
        announce(self, *Frame::make({0, Flag::Handshake, Serde::Json, false, false}, "", "", "", mini.toJson()));
    }
    if (!isNew) {
        Q_EMIT memberUpdated(info(member));
        return;
    }
    announce(self, eventFrame(Event::Type::Connected, member.name));
    // Its reply listed everyone announced so far: it is sent only what comes after.
    member.announcedFrom = m_announcements.mark();
    qCInfo(lcRouter).noquote() << "member" << QString::fromUtf8(member.name) << "joined from"
                               << Connection::transportName(member.connection->transport())
                               << member.connection->peerAddress();
    Q_EMIT memberJoined(info(member));
}

const QByteArray &Router::membersJson()
{
    if (m_membersJsonStale) {
        m_membersJson.clear();
        for (quint64 id : m_members) {
            if (!m_membersJson.isEmpty())
                m_membersJson += ',';
            m_membersJson += memberAt(id).json;
        }
        m_membersJsonStale = false;
    }
    return m_membersJson;
}

void Router::removeFromRegistry(quint64 id)
{
    auto it = std::find(m_members.begin(), m_members.end(), id);
    if (it != m_members.end()) {
        *it = m_members.back();   // swap-remove, the reference's registry order
        m_members.pop_back();
        m_membersJsonStale = true;
    }
}

void Router::nameReleased(Peer &peer, const QByteArray &name, const QString &reason, Connection::CloseCause cause)
{
    auto &member = static_cast<RouterPeer &>(peer);
    removeFromRegistry(member.connection->id());
    member.methods.clear();
    member.methodList.clear();
    member.hasMethodList = false;
    member.json.clear();
    announce(member.connection->id(), eventFrame(member.evicted ? Event::Type::Evicted : Event::Type::Disconnected, name));
    qCInfo(lcRouter).noquote() << "member" << QString::fromUtf8(name) << "left:" << reason;
    Q_EMIT memberLeft(name, reason, cause);
}

void Router::announce(quint64 author, const Frame &frame)
{
    m_announcements.add(author, frame);
    if (!m_announceTimer->isActive())
        m_announceTimer->start(m_announceWindow);
}

void Router::sendAnnouncements()
{
    m_announceTimer->stop();
    // A write that fails closes its member at once: it leaves m_members (so walk a copy) and its
    // leave is announced, into a fresh batch that the next window sends to everyone left.
    Announcements batch;
    std::swap(batch, m_announcements);
    const qsizetype count = batch.size();
    const std::vector<quint64> members = m_members;
    for (quint64 id : members) {
        RouterPeer *member = routerPeer(id);
        if (!member)
            continue;
        // Read and reset before the write: a member that the write closes is gone after it.
        const quint64 from = std::exchange(member->announcedFrom, 0);
        batch.sendTo(member->connection, id, from, Announcements::Mode::Shared);
    }
    // A storm widens the window (fewer, larger writes); a lone announcement closes it again.
    m_announceWindow = count > 1 ? std::clamp(m_announceWindow * 2, std::chrono::milliseconds(1), MaxAnnounceWindow)
                                 : std::chrono::milliseconds(0);
}

void Router::catchUp(RouterPeer &member)
{
    // A frame forwarded to a member never overtakes an announcement due to it.
    if (member.announcedFrom >= m_announcements.mark())
        return;
    m_announcements.sendTo(member.connection, member.connection->id(), member.announcedFrom,
                           Announcements::Mode::Copied);
    member.announcedFrom = m_announcements.mark();
}

void Router::peerClosed(Peer &peer, const QString &reason)
{
    auto &member = static_cast<RouterPeer &>(peer);
    const quint64 id = member.connection->id();
    if (!member.name.isEmpty())
        nameReleased(member, std::exchange(member.name, {}), reason, member.connection->closeCause());
    else if (!member.evicted)
        Q_EMIT connectionDropped(id, member.connection->peerAddress(), reason, member.connection->closeCause());
    releaseSenders(member);
    if (member.blockedOn > 0) {
        for (const auto &[otherId, other] : peers())
            static_cast<RouterPeer &>(*other).blockedSenders.remove(id);
    }
}

} // namespace daffi
