#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

namespace daffi {

// Turns POSIX signals (SIGINT, SIGTERM) into a Qt signal on the event loop, with the self-pipe
// trick: the handler only writes a byte, everything else happens in Qt.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(std::initializer_list<int> signals, QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void received(int signal);

private:
    static void handle(int signal);
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace daffi
