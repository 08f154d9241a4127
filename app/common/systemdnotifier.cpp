#include "systemdnotifier.h"

#include <cstddef>
#include <cstring>
#include <ctime>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace daffi {

bool SystemdNotifier::notify(const QByteArray &state)
{
    const QByteArray path = qgetenv("NOTIFY_SOCKET");
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (path.size() < 2 || size_t(path.size()) >= sizeof(address.sun_path) || (path[0] != '/' && path[0] != '@'))
        return false;
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    if (path[0] == '@')
        address.sun_path[0] = '\0';   // the abstract namespace: the name is the bytes after the NUL
    const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(path.size()) + (path[0] == '/' ? 1 : 0));

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const ssize_t sent = ::sendto(fd, state.constData(), size_t(state.size()), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr *>(&address), length);
    ::close(fd);
    return sent == state.size();
}

bool SystemdNotifier::reloading()
{
    timespec now = {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const qint64 usec = qint64(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
    return notify(QByteArray("RELOADING=1\nMONOTONIC_USEC=") + QByteArray::number(usec));
}

} // namespace daffi
