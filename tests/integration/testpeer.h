#pragma once

// A peer built from the codec alone (raw sockets + FrameReader), so the router's transports are
// tested against something that shares none of their code.

#include <core/protocol/framereader.h>
#include <core/protocol/handshake.h>

#include <QLocalSocket>
#include <QSslSocket>
#include <QTest>
#include <QWebSocket>

#include <functional>
#include <memory>

class TestPeer : public QObject
{
public:
    enum class Kind { Tcp, Tls, Unix, WebSocket };

    static std::unique_ptr<TestPeer> tcp(quint16 port, bool probe = true)
    {
        auto p = std::make_unique<TestPeer>(Kind::Tcp);
        auto *s = new QTcpSocket(p.get());
        p->attach(s);
        s->connectToHost(QHostAddress::LocalHost, port);
        if (!s->waitForConnected(5000))
            return nullptr;
        if (probe)
            p->sendRaw(QByteArray(9, '\x1f'));
        return p;
    }

    static std::unique_ptr<TestPeer> unix(const QString &path)
    {
        auto p = std::make_unique<TestPeer>(Kind::Unix);
        auto *s = new QLocalSocket(p.get());
        p->attach(s);
        s->connectToServer(path);
        if (!s->waitForConnected(5000))
            return nullptr;
        p->sendRaw(QByteArray(9, '\x1f'));
        return p;
    }

    // Connects and starts the TLS handshake; check encrypted() / waitEncrypted().
    static std::unique_ptr<TestPeer> tls(quint16 port, const QSslConfiguration &config)
    {
        auto p = std::make_unique<TestPeer>(Kind::Tls);
        auto *s = new QSslSocket(p.get());
        s->setSslConfiguration(config);
        p->attach(s);
        s->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        return p;
    }

    static std::unique_ptr<TestPeer> webSocket(const QString &url, const QSslConfiguration *tls = nullptr)
    {
        auto p = std::make_unique<TestPeer>(Kind::WebSocket);
        p->m_ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, p.get());
        if (tls)
            p->m_ws->setSslConfiguration(*tls);
        connect(p->m_ws, &QWebSocket::binaryMessageReceived, p.get(), [raw = p.get()](const QByteArray &m) {
            auto f = daffi::Frame::fromBytes(m);
            QVERIFY2(f.ok(), "router sent an invalid WebSocket message");
            raw->m_frames.append(f.value());
        });
        connect(p->m_ws, &QWebSocket::disconnected, p.get(), [raw = p.get()] { raw->m_closed = true; });
        p->m_ws->open(QUrl(url));
        return p;
    }

    explicit TestPeer(Kind kind) : m_kind(kind) {}

    QIODevice *device() const { return m_device; }
    QWebSocket *webSocket() const { return m_ws; }

    bool waitConnected(int ms = 5000)
    {
        if (m_ws)
            return QTest::qWaitFor([this] { return m_ws->state() == QAbstractSocket::ConnectedState || m_closed; }, ms)
                   && !m_closed;
        return true;
    }
    bool waitEncrypted(int ms = 5000)
    {
        auto *s = qobject_cast<QSslSocket *>(m_device);
        return QTest::qWaitFor([s, this] { return s->isEncrypted() || m_closed; }, ms) && s->isEncrypted();
    }

    void sendRaw(const QByteArray &bytes)
    {
        if (m_ws)
            m_ws->sendBinaryMessage(bytes);
        else
            m_device->write(bytes);
    }
    void send(const daffi::Frame &frame) { sendRaw(frame.bytes()); }

    quint16 nextUuid()
    {
        m_uuid = quint16(m_uuid % 65535 + 1);
        return m_uuid;
    }

    daffi::Frame helloFrame(const QByteArray &name, std::optional<QByteArrayList> methods)
    {
        const daffi::Handshake hello{"client", std::nullopt, {daffi::Member{name, methods}}};
        return *daffi::Frame::make({nextUuid(), daffi::Flag::Handshake, daffi::Serde::Json, false, true},
                                   name, "", "", hello.toJson());
    }

    // Sends a hello and waits for the reply to it.
    std::optional<daffi::Frame> hello(const QByteArray &name, std::optional<QByteArrayList> methods = std::nullopt)
    {
        m_name = name;
        const daffi::Frame f = helloFrame(name, methods);
        send(f);
        return waitFrame([&](const daffi::Frame &r) { return r.uuid() == f.uuid() && r.transmitter() == QByteArrayView(name); });
    }

    quint16 request(const QByteArray &receiver, const QByteArray &function, const QByteArray &data,
                    bool returnResult = true, daffi::Serde serde = daffi::Serde::Opaque)
    {
        const quint16 uuid = nextUuid();
        send(*daffi::Frame::make({uuid, daffi::Flag::Request, serde, true, returnResult}, m_name, receiver, function, data));
        return uuid;
    }

    void reply(const daffi::Frame &request, const QByteArray &data, daffi::Flag flag = daffi::Flag::Response)
    {
        send(*daffi::Frame::make({request.uuid(), flag, request.serde(), true, false}, m_name,
                                 request.transmitter(), request.function(), data));
    }

    // Waits for, removes and returns the first received frame matching `match`.
    std::optional<daffi::Frame> waitFrame(const std::function<bool(const daffi::Frame &)> &match = {}, int ms = 5000)
    {
        std::optional<daffi::Frame> found;
        (void)QTest::qWaitFor([&] {
            for (qsizetype i = 0; i < m_frames.size(); ++i) {
                if (!match || match(m_frames[i])) {
                    found = m_frames.takeAt(i);
                    return true;
                }
            }
            return false;
        }, ms);
        return found;
    }
    std::optional<daffi::Frame> waitFlag(daffi::Flag flag, int ms = 5000)
    {
        return waitFrame([flag](const daffi::Frame &f) { return f.flag() == flag; }, ms);
    }
    std::optional<daffi::Event> waitEvent(int ms = 5000)
    {
        auto f = waitFlag(daffi::Flag::Events, ms);
        if (!f)
            return std::nullopt;
        auto e = daffi::Event::parse(f->data());
        return e ? std::optional(e.value()) : std::nullopt;
    }
    bool waitClosed(int ms = 5000)
    {
        return QTest::qWaitFor([this] { return m_closed; }, ms);
    }

    QList<daffi::Frame> &frames() { return m_frames; }
    bool isClosed() const { return m_closed; }
    const daffi::FrameReader &reader() const { return m_reader; }
    void setReading(bool on)
    {
        m_reading = on;
        if (on)
            readAll();
    }

private:
    void attach(QIODevice *device)
    {
        m_device = device;
        connect(device, &QIODevice::readyRead, this, [this] {
            if (m_reading)
                readAll();
        });
        if (auto *s = qobject_cast<QAbstractSocket *>(device))
            connect(s, &QAbstractSocket::disconnected, this, [this] { m_closed = true; });
        if (auto *s = qobject_cast<QLocalSocket *>(device))
            connect(s, &QLocalSocket::disconnected, this, [this] { m_closed = true; });
    }
    void readAll()
    {
        m_reader.readFrom(m_device);
        while (m_reader.hasFrame())
            m_frames.append(m_reader.takeFrame());
    }

    Kind m_kind;
    QIODevice *m_device = nullptr;
    QWebSocket *m_ws = nullptr;
    daffi::FrameReader m_reader;
    QList<daffi::Frame> m_frames;
    QByteArray m_name;
    quint16 m_uuid = 0;
    bool m_closed = false;
    bool m_reading = true;
};
