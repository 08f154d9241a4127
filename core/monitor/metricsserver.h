#pragma once

#include <QObject>

#include <chrono>
#include <functional>

class QTcpServer;
class QTcpSocket;

namespace daffi {

// A minimal HTTP/1.1 endpoint for Prometheus: GET /metrics answers with the text the provider
// returns; anything else gets 404. One request per connection; a client that does not send its
// request line within the deadline, or sends more than 8 KiB of headers, is closed.
class MetricsServer : public QObject
{
    Q_OBJECT

public:
    using Provider = std::function<QByteArray()>;

    explicit MetricsServer(Provider provider, QObject *parent = nullptr);
    ~MetricsServer() override;

    // On failure returns false and a sentence a person can act on.
    bool listen(const QString &host, quint16 port, QString *error);
    void close();
    bool isListening() const;
    quint16 port() const;
    QString url() const;

    std::chrono::milliseconds requestTimeout = std::chrono::seconds(5);

private:
    void accept();
    void readRequest(QTcpSocket *socket);

    Provider m_provider;
    QTcpServer *m_server;
    QString m_host;
};

} // namespace daffi
