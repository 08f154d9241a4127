#include "memberpoolserver.h"

#include "memberpool.h"
#include "memberpoolwire.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

namespace daffi::ui::bench {

namespace {

constexpr const char *Me = "daffi-console-bench --member-pool";

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t w = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        done += w;
    }
    return true;
}

std::optional<quint64> argument(const char *text, quint64 low, quint64 high)
{
    const auto n = poolwire::wholeNumber(text);
    return n && *n >= low && *n <= high ? n : std::nullopt;
}

} // namespace

int serveMemberPool(int argc, char *argv[])
{
    const auto port = argc == 4 ? argument(argv[2], 1, 65535) : std::nullopt;
    const auto files = argc == 4 ? argument(argv[3], 64, 100'000'000) : std::nullopt;
    if (!port || !files) {
        std::fprintf(stderr, "%s: expected a router port (1-65535) and the file descriptors to allow (64 or more); "
                             "daffi-console-bench starts this mode itself\n", Me);
        return 2;
    }
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < *files) {
        if (limit.rlim_max < *files) {
            std::fprintf(stderr, "%s: the members need about %llu file descriptors, and this process may open at most "
                                 "%llu (ulimit -Hn)\n",
                         Me, static_cast<unsigned long long>(*files), static_cast<unsigned long long>(limit.rlim_max));
            return 2;
        }
        limit.rlim_cur = *files;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
            std::fprintf(stderr, "%s: could not raise the file descriptor limit to %llu: %s\n", Me,
                         static_cast<unsigned long long>(*files), std::strerror(errno));
            return 2;
        }
    }
    // A bench that is gone is seen as the end of stdin or a failed answer, not as a signal.
    std::signal(SIGPIPE, SIG_IGN);

    MemberPool pool{quint16(*port)};
    QByteArray pending;
    std::vector<MemberPool::Spec> batch;   // consecutive `member` lines go to the pool at once
    quint64 lineNumber = 0;
    static char buf[1 << 16];
    for (;;) {
        const ssize_t r = ::read(STDIN_FILENO, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            std::fprintf(stderr, "%s: reading commands failed: %s\n", Me, std::strerror(errno));
            return 1;
        }
        if (r == 0)
            break;
        pending.append(buf, r);
        qsizetype from = 0;
        for (qsizetype nl; (nl = pending.indexOf('\n', from)) >= 0; from = nl + 1) {
            ++lineNumber;
            QString why;
            auto command = poolwire::parseCommand(QByteArrayView(pending).sliced(from, nl - from), &why);
            if (!command) {
                std::fprintf(stderr, "%s: command %llu: %s\n", Me, static_cast<unsigned long long>(lineNumber),
                             qPrintable(why));
                return 2;
            }
            if (auto *spec = std::get_if<MemberPool::Spec>(&*command)) {
                batch.push_back(std::move(*spec));
                continue;
            }
            if (!batch.empty())
                pool.add(std::exchange(batch, {}));
            if (const auto *churn = std::get_if<poolwire::Churn>(&*command)) {
                pool.setChurn(churn->perSecond, std::chrono::milliseconds(churn->lifetimeMs), churn->prefix, churn->methods);
            } else if (!writeAll(STDOUT_FILENO, poolwire::line(pool.counts()))) {
                return 1;
            }
        }
        pending.remove(0, from);
        if (pending.size() > poolwire::MaxLine) {
            std::fprintf(stderr, "%s: command %llu is longer than %lld bytes\n", Me,
                         static_cast<unsigned long long>(lineNumber + 1), static_cast<long long>(poolwire::MaxLine));
            return 2;
        }
        if (!batch.empty())
            pool.add(std::exchange(batch, {}));
    }
    if (!pending.isEmpty()) {
        std::fprintf(stderr, "%s: the input ended inside command %llu\n", Me, static_cast<unsigned long long>(lineNumber + 1));
        return 2;
    }
    return 0;
}

} // namespace daffi::ui::bench
