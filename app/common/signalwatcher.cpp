#include "signalwatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace daffi {

namespace {
int pipeFds[2] = {-1, -1};
}

SignalWatcher::SignalWatcher(std::initializer_list<int> signals, QObject *parent) : QObject(parent)
{
    if (pipeFds[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pipeFds) != 0)
        return;
    m_notifier = new QSocketNotifier(pipeFds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        unsigned char signal = 0;
        if (::read(pipeFds[1], &signal, 1) == 1)
            Q_EMIT received(signal);
    });
    for (int s : signals) {
        struct sigaction action = {};
        action.sa_handler = &SignalWatcher::handle;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(s, &action, nullptr);
    }
}

SignalWatcher::~SignalWatcher() = default;

void SignalWatcher::handle(int signal)
{
    const unsigned char byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] auto n = ::write(pipeFds[0], &byte, 1);
}

} // namespace daffi
