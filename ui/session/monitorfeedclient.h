#pragma once

#include "monitoraccess.h"
#include "session.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;
class QWebSocket;

namespace daffi::ui {

// The console's side of a router's monitor API (docs/monitor-api.md): follows the live feed and
// asks the endpoints, all on the thread it lives on (RemoteSession gives it one of its own).
//
// Connecting takes two steps: GET /api/v1/router, whose answer explains every failure in a
// sentence (credentials refused, a TLS failure, a URL that is not a monitor, nothing listening),
// then the WebSocket feed. A feed that closes, or stays silent longer than the router's
// once-a-second rate sample allows, is reconnected by itself after a growing pause. It resumes
// after the last batch it got (the feed's since= cursors), so nothing arrives twice and what the
// router's rings overwrote meanwhile is counted in the next batch's `lost`. A restarted router
// has a new `instance`; its sequence numbers start again, and so do the cursors.
class MonitorFeedClient : public QObject
{
    Q_OBJECT

public:
    enum class State { Connecting, Live, Retrying };
    Q_ENUM(State)

    struct Timing
    {
        int firstRetryMs = 500;
        int maxRetryMs = 5000;
        int silenceMs = 10'000;          // the router sends a batch at least once a second
        int openMs = 10'000;             // from opening the WebSocket to its hello
        int functionsIntervalMs = 1000;
        qint64 ratesBackfillMs = 60'000;  // totals fetched on the first connection
    };

    explicit MonitorFeedClient(const MonitorOptions &options, QObject *parent = nullptr);
    MonitorFeedClient(const MonitorOptions &options, const Timing &timing, QObject *parent = nullptr);
    ~MonitorFeedClient() override;

    void start();
    State state() const { return m_state; }
    QString url() const;
    QString instance() const { return m_instance; }
    bool servesPayloads() const { return m_payloads; }
    // A call of the current instance, by the router's sequence number; `done` runs on this thread.
    void fetchPayload(quint64 seq, std::function<void(PayloadFetch &&)> done);

Q_SIGNALS:
    // The feed's hello; `newInstance` on the first connection and after the router restarted.
    void hello(const QJsonObject &message, bool newInstance);
    void batch(const QJsonObject &message);
    void functionsReceived(const QJsonObject &document);
    void ratesReceived(const QJsonObject &document);
    // What went wrong and what to do, once per distinct problem (retries are silent).
    void problem(const QString &sentence);
    // Live again after a problem; says what happened meanwhile.
    void recovered(const QString &sentence);
    void stateChanged(daffi::ui::MonitorFeedClient::State state);

private:
    struct Cursors
    {
        quint64 calls = 0;
        quint64 answers = 0;
        quint64 events = 0;
    };

    void attempt();
    void routerAnswered(QNetworkReply *reply);
    void fetchRates(qint64 routerNowMs);
    void openFeed();
    void closeFeed();
    void feedMessage(const QString &text);
    void feedEnded(const QString &reason);
    void pollFunctions();
    void fail(const QString &sentence);
    void setState(State state);
    QNetworkReply *get(const QString &path, const QUrlQuery &query = {});
    QString describe(QNetworkReply *reply, const QByteArray &body) const;
    static QString errorSentence(const QByteArray &body);

    MonitorOptions m_options;
    Timing m_timing;
    std::optional<MonitorAccess> m_access;
    QNetworkAccessManager *m_network;
    QPointer<QWebSocket> m_feed;
    QTimer *m_retry;
    QTimer *m_silence;
    QTimer *m_functions;
    QPointer<QNetworkReply> m_functionsReply;
    State m_state = State::Connecting;
    quint64 m_generation = 0;          // replies to an earlier attempt are ignored
    int m_retryMs = 0;
    QString m_instance;
    bool m_newInstance = false;
    bool m_restarted = false;
    bool m_connectedBefore = false;
    bool m_payloads = false;
    Cursors m_cursors;
    qint64 m_lastRateMs = 0;
    QString m_sslErrors;               // of the latest request, for the sentence
    QString m_problem;                 // the last one reported, until recovered
};

} // namespace daffi::ui
