#pragma once

#include "snapshot.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace daffi {
class Client;
}

namespace daffi::ui {

// A call's request and answer frames, fetched for the row a person looks at; `problem` says in a
// sentence why there are none.
struct PayloadFetch
{
    Frame request;
    Frame reply;
    QString problem;
};

// Where the console's data comes from: a router it hosts, a remote router/Service it joined as
// an observer, or a capture file it opened. Either way the views receive Snapshots; the composer
// gets a Client from the live sources.
class Session : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Hosted, Remote, Capture };
    Q_ENUM(Mode)

    using SnapshotCallback = std::function<void(Snapshot &&)>;

    using QObject::QObject;

    virtual Mode mode() const = 0;
    // Answers later, on this object's thread, unless the session is gone by then.
    virtual void requestSnapshot(const SnapshotRequest &request, SnapshotCallback done) = 0;
    // The console's own node, for the composer; null while there is none.
    virtual Client *client() const = 0;
    virtual bool isUp() const = 0;
    // Where the router listens, or whom we joined (for the status bar).
    virtual QString location() const = 0;
    // Calls made by the composer; a remote session keeps them as its traffic.
    // Returns the record's seq (0 when the session does not keep them); a record with a non-zero
    // seq updates the one recorded earlier.
    virtual quint64 recordOwnCall(const Monitor::CallRecord &) { return 0; }
    // True when records arrive without their frames (a remote router's), to be fetched one at a
    // time with fetchPayload(); `done` runs later on this object's thread. A session that keeps
    // the frames in its records has nothing to fetch and says so at once.
    virtual bool fetchesPayloads() const { return false; }
    virtual void fetchPayload(quint64 seq, std::function<void(PayloadFetch &&)> done);

    // The name the console's own client joins under: unique per host, process and session.
    static QByteArray consoleClientName();

Q_SIGNALS:
    void stateChanged();
    // Something went wrong that a person should act on (port taken, bad certificate, refused).
    void problem(const QString &message);
    // The problem reported last has gone (a lost remote router is back).
    void problemSolved();
};

} // namespace daffi::ui
