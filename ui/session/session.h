#pragma once

#include "snapshot.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace daffi {
class Client;
}

namespace daffi::ui {

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

Q_SIGNALS:
    void stateChanged();
    // Something went wrong that a person should act on (port taken, bad certificate, refused).
    void problem(const QString &message);
};

} // namespace daffi::ui
