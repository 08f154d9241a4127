#pragma once

#include "session.h"

#include <core/capture/capture.h>

#include <memory>

namespace daffi::ui {

// A capture file (docs/capture-format.md) as a source for the panes: the members at its end
// with the router's last counters, every call, rates worked out from the calls, the functions
// as the router last counted them, and the events; every time comes from the records. The file
// is read on a pool thread; until then snapshots are empty. There is no router behind it, so
// no client: the composer can be loaded from a row but sends once a router is hosted or joined.
class CaptureSession : public Session
{
    Q_OBJECT

public:
    explicit CaptureSession(const QString &path, QObject *parent = nullptr);

    Mode mode() const override { return Mode::Capture; }
    void requestSnapshot(const SnapshotRequest &request, SnapshotCallback done) override;
    Client *client() const override { return nullptr; }
    bool isUp() const override { return m_capture != nullptr; }
    QString location() const override { return m_path; }

    QString path() const { return m_path; }
    // Null until the file has been read (loaded()), and when it could not be.
    const Capture *capture() const { return m_capture.get(); }
    QString summary() const;

Q_SIGNALS:
    void loaded();

private:
    struct Prepared;
    void finishLoading(std::shared_ptr<Prepared> prepared);

    QString m_path;
    std::shared_ptr<const Capture> m_capture;
    std::shared_ptr<Prepared> m_prepared;
    bool m_firstSent = false;
};

} // namespace daffi::ui
