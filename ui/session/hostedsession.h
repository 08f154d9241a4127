#pragma once

#include "session.h"

#include <core/transport/listener.h>

#include <QThread>

namespace daffi {
class RouterHost;
}

namespace daffi::ui {

struct HostOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6000;
    QString unixPath;
    QString tlsCertificate;       // both set: TLS only
    QString tlsKey;
    quint16 metricsPort = 0;      // 0: no monitor API (JSON, feed, Prometheus) on 127.0.0.1
    int ringCapacity = 20000;
};

// Hosts the router on a thread of its own, so 50,000 frames a second never compete with painting.
// The UI thread never touches router objects: it queues snapshot requests to the router thread,
// which copies what changed and queues the copy back.
class HostedSession : public Session
{
    Q_OBJECT

public:
    explicit HostedSession(QObject *parent = nullptr);
    ~HostedSession() override;

    // Starts or restarts listening; stateChanged() or problem() tells how it went.
    void listen(const HostOptions &options);
    const HostOptions &options() const { return m_options; }
    QString metricsUrl() const { return m_metricsUrl; }
    QStringList urls() const { return m_urls; }

    // Records what the router sees into a capture file (docs/capture-format.md) from the router's
    // thread; snapshots carry its status while it records, and events (or problem()) say when and
    // why it stopped.
    void startRecording(const QString &path);
    void stopRecording();

    Mode mode() const override { return Mode::Hosted; }
    void requestSnapshot(const SnapshotRequest &request, SnapshotCallback done) override;
    Client *client() const override { return m_client; }
    bool isUp() const override { return !m_urls.isEmpty(); }
    QString location() const override;

private:
    struct Core;
    void startClient();
    void listened(const QStringList &urls, const QString &metricsUrl, const QStringList &errors);

    QThread m_thread;
    QObject *m_context;           // lives on m_thread
    Core *m_core = nullptr;       // owned by m_thread's side
    HostOptions m_options;
    QStringList m_urls;
    QString m_metricsUrl;
    Client *m_client = nullptr;
    quint64 m_listenGeneration = 0;
};

} // namespace daffi::ui
