#include "memberpool.h"

#include <core/protocol/framereader.h>
#include <core/protocol/handshake.h>
#include <core/transport/sniff.h>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace daffi::ui::bench {

namespace {

constexpr quint32 WakeSlot = ~quint32(0);

QByteArray helloBytes(const MemberPool::Spec &spec)
{
    const Handshake hello{"client", std::nullopt,
                          {Member{spec.name, spec.methods.isEmpty() ? std::nullopt : std::optional(spec.methods)}}};
    auto frame = Frame::make({1, Flag::Handshake, Serde::Json, false, true}, spec.name, "", "", hello.toJson());
    return QByteArray(9, sniff::ProbeByte) + frame->bytes();
}

} // namespace

struct MemberPool::Socket
{
    quint64 serial = 0;                     // slots are reused; this is not
    int fd = -1;
    bool connecting = true;
    bool churner = false;
    Clock::time_point joinedAt;
    QByteArray hello;                       // until it is written
    std::unique_ptr<FrameReader> reader;    // until the router's answer is in
};

MemberPool::MemberPool(quint16 port) : m_port(port)
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    m_wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = WakeSlot;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev);
    m_thread = std::thread([this] { run(); });
}

MemberPool::~MemberPool()
{
    m_stop = true;
    const quint64 one = 1;
    [[maybe_unused]] const auto w = ::write(m_wake, &one, sizeof one);
    m_thread.join();
    for (const auto &s : m_sockets) {
        if (s && s->fd >= 0)
            ::close(s->fd);
    }
    ::close(m_wake);
    ::close(m_epoll);
}

void MemberPool::add(std::vector<Spec> members)
{
    {
        const std::lock_guard lock(m_mutex);
        for (Spec &s : members)
            m_incoming.push_back(std::move(s));
    }
    const quint64 one = 1;
    [[maybe_unused]] const auto w = ::write(m_wake, &one, sizeof one);
}

void MemberPool::setChurn(double perSecond, std::chrono::milliseconds lifetime, const QByteArray &prefix,
                          const QByteArrayList &methods)
{
    {
        const std::lock_guard lock(m_mutex);
        m_churnWanted = {perSecond, lifetime, prefix, methods};
        m_churnChanged = true;
    }
    const quint64 one = 1;
    [[maybe_unused]] const auto w = ::write(m_wake, &one, sizeof one);
}

MemberPool::Counts MemberPool::counts() const
{
    return {m_joined.load(), m_joins.load(), m_leaves.load(), m_dropped.load(), m_failed.load(), m_waitingCount.load()};
}

void MemberPool::run()
{
    pthread_setname_np(pthread_self(), "member-pool");
    epoll_event events[256];
    while (!m_stop) {
        {
            const std::lock_guard lock(m_mutex);
            for (Spec &s : m_incoming)
                m_waiting.push_back({std::move(s), false});
            m_incoming.clear();
            if (m_churnChanged) {
                m_churn = m_churnWanted;
                m_churnChanged = false;
                m_churnSince = Clock::now();
                m_churnStarted = 0;
            }
        }
        churn(Clock::now());
        startWaiting();
        const bool churning = m_churn.perSecond > 0 || !m_churners.empty();
        const int n = ::epoll_wait(m_epoll, events, 256, churning ? 1 : 20);
        for (int k = 0; k < n; ++k) {
            if (events[k].data.u32 == WakeSlot) {
                quint64 v;
                [[maybe_unused]] const auto r = ::read(m_wake, &v, sizeof v);
                continue;
            }
            onEvent(events[k].data.u32, events[k].events);
        }
    }
}

void MemberPool::churn(Clock::time_point now)
{
    while (!m_churners.empty()) {
        const auto [slot, serial] = m_churners.front();
        const Socket *s = m_sockets[slot].get();
        const bool alive = s && s->serial == serial;   // else the router closed it already
        if (alive && now - s->joinedAt < m_churn.lifetime)
            break;
        m_churners.pop_front();
        if (alive) {
            closeSocket(slot);
            --m_joined;
            ++m_leaves;
        }
    }
    if (m_churn.perSecond <= 0)
        return;
    const auto due = quint64(m_churn.perSecond * std::chrono::duration<double>(now - m_churnSince).count());
    // A router that cannot keep up makes them wait in m_waiting; never queue more than a second.
    for (; m_churnStarted < due; ++m_churnStarted) {
        if (m_waiting.size() > size_t(m_churn.perSecond) + MaxPending) {
            m_churnStarted = due;
            break;
        }
        m_waiting.push_back({{m_churn.prefix + QByteArray::number(++m_churnNumber), m_churn.methods}, true});
    }
}

void MemberPool::startWaiting()
{
    while (m_pending < MaxPending && !m_waiting.empty()) {
        Waiting w = std::move(m_waiting.front());
        m_waiting.pop_front();
        connectOne(std::move(w));
    }
    m_waitingCount = int(m_waiting.size()) + m_pending;
}

void MemberPool::connectOne(Waiting &&waiting)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        ++m_failed;   // out of descriptors: raise `ulimit -n`
        return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(m_port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
        ::close(fd);
        ++m_failed;
        return;
    }
    quint32 slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = quint32(m_sockets.size());
        m_sockets.emplace_back();
    }
    auto s = std::make_unique<Socket>();
    s->serial = ++m_serial;
    s->fd = fd;
    s->churner = waiting.churner;
    s->hello = helloBytes(waiting.spec);
    m_sockets[slot] = std::move(s);
    ++m_pending;
    epoll_event ev{};
    ev.events = EPOLLOUT;
    ev.data.u32 = slot;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
}

void MemberPool::closeSocket(quint32 slot)
{
    Socket &s = *m_sockets[slot];
    if (s.reader || s.connecting)
        --m_pending;
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, s.fd, nullptr);
    ::close(s.fd);
    m_sockets[slot].reset();
    m_free.push_back(slot);
}

void MemberPool::onEvent(quint32 slot, quint32 events)
{
    Socket *s = slot < m_sockets.size() ? m_sockets[slot].get() : nullptr;
    if (!s)
        return;
    if (s->connecting) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
        // The probe and a hello are far smaller than any socket buffer: one write takes them.
        if (err != 0 || !(events & EPOLLOUT) || ::write(s->fd, s->hello.constData(), size_t(s->hello.size())) != s->hello.size()) {
            closeSocket(slot);
            ++m_failed;
            return;
        }
        s->connecting = false;
        s->hello.clear();
        s->reader = std::make_unique<FrameReader>();
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = slot;
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, s->fd, &ev);
        return;
    }
    static thread_local char buf[1 << 16];
    for (;;) {
        const ssize_t r = ::read(s->fd, buf, sizeof buf);
        if (r < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        if (r <= 0) {
            const bool joined = !s->reader;
            closeSocket(slot);
            if (joined) {
                --m_joined;
                ++m_dropped;
            } else {
                ++m_failed;
            }
            return;
        }
        if (!s->reader)
            continue;   // a member reads what it is sent; nothing here needs it
        s->reader->feed(QByteArrayView(buf, r));
        if (s->reader->hasError()) {
            closeSocket(slot);
            ++m_failed;
            return;
        }
        if (s->reader->hasFrame()) {
            s->reader.reset();
            --m_pending;
            s->joinedAt = Clock::now();
            ++m_joined;
            ++m_joins;
            if (s->churner)
                m_churners.emplace_back(slot, s->serial);
        }
    }
}

} // namespace daffi::ui::bench
