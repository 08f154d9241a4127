#include "connection.h"

#include "busypoll.h"
#include "transportlog.h"

#include <QTimer>

#include <algorithm>
#include <atomic>
#include <vector>

namespace daffi {

namespace {
std::atomic<quint64> nextConnectionId{1};

// The thread's open WriteBatch: nesting depth and the connections written to meanwhile.
struct OpenBatch
{
    int depth = 0;
    std::vector<Connection *> written;
};
thread_local OpenBatch openBatch;
} // namespace

WriteBatch::WriteBatch()
{
    ++openBatch.depth;
}

bool WriteBatch::isOpen()
{
    return openBatch.depth > 0;
}

WriteBatch::~WriteBatch()
{
    if (--openBatch.depth > 0)
        return;
    // A flush can run handlers that send again (bytesWritten -> writeQueueDrained): they land in
    // the list being walked, so walk by index. Connections destroyed meanwhile left a nullptr.
    ++openBatch.depth;
    for (size_t i = 0; i < openBatch.written.size(); ++i) {
        if (Connection *c = std::exchange(openBatch.written[i], nullptr)) {
            c->m_inWriteBatch = false;
            if (!c->m_closing)
                c->flushCarrier();
        }
    }
    openBatch.written.clear();
    --openBatch.depth;
}

Connection::Connection(Transport transport, QString peerAddress, const Limits &limits, QObject *parent)
    : QObject(parent),
      m_id(nextConnectionId.fetch_add(1, std::memory_order_relaxed)),
      m_transport(transport),
      m_peerAddress(std::move(peerAddress)),
      m_connectedAt(QDateTime::currentDateTimeUtc()),
      m_limits(limits)
{
}

Connection::~Connection()
{
    if (m_inWriteBatch)
        std::replace(openBatch.written.begin(), openBatch.written.end(), this, static_cast<Connection *>(nullptr));
}

QString Connection::transportName(Transport transport)
{
    switch (transport) {
    case Transport::Tcp: return QStringLiteral("tcp");
    case Transport::Tls: return QStringLiteral("tls");
    case Transport::Unix: return QStringLiteral("unix");
    case Transport::WebSocket: return QStringLiteral("ws");
    case Transport::SecureWebSocket: return QStringLiteral("wss");
    }
    return {};
}

void Connection::start()
{
    if (m_started || m_closing)
        return;
    m_started = true;
    readAvailable();
}

void Connection::send(const Frame &frame)
{
    if (m_closing)
        return;
    writeFrame(frame);
    ++m_framesOut;
    wrote();
}

void Connection::writeFrame(const Frame &frame)
{
    writeBytes(frame.head());
    if (frame.isSplit())
        writeBytes(frame.body());
}

void Connection::sendEncoded(const QByteArray &frames, qsizetype offset, int count)
{
    if (m_closing || offset >= frames.size())
        return;
    writeEncoded(frames, offset);
    m_framesOut += quint64(count);
    wrote();
}

void Connection::writeEncoded(const QByteArray &frames, qsizetype offset)
{
    writeBytes(offset == 0 ? frames : frames.sliced(offset));
}

void Connection::sendRaw(const QByteArray &bytes)
{
    if (m_closing)
        return;
    writeBytes(bytes);
    wrote();
}

void Connection::wrote()
{
    BusyPoll::sent();
    if (openBatch.depth > 0 && !m_inWriteBatch) {
        m_inWriteBatch = true;
        openBatch.written.push_back(this);
    }
    if (!m_aboveHighWater && queuedBytes() >= m_limits.highWater) {
        m_aboveHighWater = true;
        checkStall();
    }
}

void Connection::onBytesWritten(qint64 bytes)
{
    m_bytesOut += quint64(bytes);
    if (m_stallTimer && m_stallTimer->isActive())
        m_stallTimer->start();   // progress: restart the stall clock
    if (m_aboveHighWater && queuedBytes() <= m_limits.lowWater) {
        m_aboveHighWater = false;
        if (m_stallTimer)
            m_stallTimer->stop();
        Q_EMIT writeQueueDrained();
    }
}

void Connection::checkStall()
{
    if (!m_stallTimer) {
        m_stallTimer = new QTimer(this);
        m_stallTimer->setSingleShot(true);
        m_stallTimer->setInterval(m_limits.writeStallTimeout);
        connect(m_stallTimer, &QTimer::timeout, this, [this] {
            close(QStringLiteral("peer stopped reading: %1 bytes queued without progress for %2 s")
                      .arg(queuedBytes())
                      .arg(std::chrono::duration<double>(m_limits.writeStallTimeout).count()),
                  CloseCause::WriteStall);
        });
    }
    m_stallTimer->start();
}

void Connection::pauseReading()
{
    if (m_paused)
        return;
    m_paused = true;
    setCarrierPaused(true);
}

void Connection::resumeReading()
{
    if (!m_paused)
        return;
    m_paused = false;
    setCarrierPaused(false);
    if (m_started && !m_closing)
        readAvailable();
}

void Connection::deliver(Frame &&frame)
{
    ++m_framesIn;
    BusyPoll::received();
    if (m_handler)
        m_handler->frameReceived(this, std::move(frame));
}

void Connection::close(const QString &reason, CloseCause cause)
{
    if (m_closing)
        return;
    m_closing = true;
    m_closeCause = cause;
    if (m_stallTimer)
        m_stallTimer->stop();
    qCDebug(lcTransport) << "closing" << transportName(m_transport) << m_peerAddress << ":" << reason;
    Q_EMIT closed(reason);
    closeCarrier();
}

void Connection::peerClosed(const QString &reason, CloseCause cause)
{
    if (!m_closing) {
        m_closing = true;
        m_closeCause = cause;
        if (m_stallTimer)
            m_stallTimer->stop();
        qCDebug(lcTransport) << transportName(m_transport) << m_peerAddress << "closed:" << reason;
        Q_EMIT closed(reason);
    }
    finished();
}

void Connection::finished()
{
    deleteLater();
}

} // namespace daffi
