// Native benchmark driver for bench/run.sh (P5, P6, P8). Prints one "RESULT key=value ..." line
// per measurement; run.sh turns those into the table. Not a test: it never judges the numbers.
//
//   forward --port P [--pairs N] [--seconds S] [--size B] [--pid ROUTER_PID]
//       P5: N raw-socket senders blast rpc_nowait frames through the router at N raw-socket
//       receivers; frames/s counted at the receivers. Raw sockets keep the load generator far
//       cheaper than the router, so the router (pinned to its own core by run.sh) is what is
//       measured. Works against any router that speaks the daffi 3.0 wire. With --pid, also the
//       CPU time the router used in the same window (user + system, all threads): on a shared
//       machine its CPU per frame is steadier than frames/s.
//   latency --port P [--calls N] [--size B] [--pid ROUTER_PID]
//       P6: one daffi::Client caller, one daffi::Client worker (echo), sequential rpc through the
//       router; p50/p99 in microseconds.
//   forward, latency and spread also print what the timed window cost the router and this
//   process: cpu_s (user + system), calls_per_cpu_s, and wakeups_per_call (voluntary context
//   switches of all their threads per call or frame: each is a sleep that needed a wake-up).
//   idle --port P --pid ROUTER_PID [--count N]
//       P8: N connections that complete the probe and hello and then stay idle; router RSS
//       growth per connection (every byte the router sends them is read, so nothing queues).
//       IDLE_HOLD=S keeps the connections open S seconds after the result (to profile the
//       router while they exist, e.g. heaptrack).
//   absorb --port P [--count N]
//       One daffi::Client joins first and waits until it sees N other members (run `storm`
//       beside it): how long it took from the first announcement, and what the client's
//       registry costs (this process's RSS growth and CPU seconds). It leaves when its stdin
//       closes.
//   storm --port P --pid ROUTER_PID [--count N] [--methods K]
//       P10: N members (one callback each) connect at once; the time until every one has joined
//       and has been told of every member that joined after it (its hello reply lists the
//       ones before), with the CPU seconds the router and this driver used meanwhile.
//   spread --port P --pid ROUTER_PID [--count N] [--pairs S] [--seconds T]
//       P11: N members (exposing "sink") join as in `idle`; then S raw-socket senders blast
//       rpc_nowait frames addressed to every member in turn (frame k of sender i goes to member
//       (k * S + i) mod N), as fast as the router takes them; frames/s counted at the N members,
//       and the router's CPU seconds over the same window. Against P5 (2 receivers), it shows
//       what forwarding costs when each frame goes to another of 10,000 connections.
//   rawsink [--count N]  and  rawspread --port P [--count N] [--seconds T] [--size B]
//       P11's limit on this machine, without a router: rawsink accepts N loopback TCP connections
//       (printing "PORT p" first) and reads them all until they are closed (or it is killed);
//       rawspread connects N and
//       writes one frame-sized piece (46 + size bytes) per write() to each in turn, as fast as
//       the kernel takes them, and prints the writes/s and its CPU seconds. It is the cheapest
//       way a relay can hand each frame to another of N connections: one system call per frame.

#include <core/node/client.h>
#include <core/node/networkthread.h>
#include <core/protocol/frame.h>
#include <core/protocol/handshake.h>

#include <QByteArray>
#include <QCoreApplication>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace daffi;
using Clock = std::chrono::steady_clock;

namespace {

struct Args
{
    std::string mode;
    int port = 0;
    int pairs = 2;
    double seconds = 5;
    int size = 16;
    int calls = 20000;
    int count = 10000;
    int methods = 1;
    long pid = 0;
};

Args parseArgs(int argc, char **argv)
{
    Args a;
    if (argc > 1)
        a.mode = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        const char *v = argv[i + 1];
        if (k == "--port") a.port = std::atoi(v);
        else if (k == "--pairs") a.pairs = std::atoi(v);
        else if (k == "--seconds") a.seconds = std::atof(v);
        else if (k == "--size") a.size = std::atoi(v);
        else if (k == "--calls") a.calls = std::atoi(v);
        else if (k == "--count") a.count = std::atoi(v);
        else if (k == "--pid") a.pid = std::atol(v);
        else if (k == "--methods") a.methods = std::atoi(v);
    }
    return a;
}

[[noreturn]] void die(const char *what)
{
    std::perror(what);
    std::exit(2);
}

int dial(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        die("socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(std::uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        die("connect");
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

void writeAll(int fd, const char *p, size_t n)
{
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w <= 0)
            die("write");
        p += w;
        n -= size_t(w);
    }
}

QByteArray helloBytes(const QByteArray &name, const QByteArrayList &methods)
{
    const Handshake hello{"client", std::nullopt,
                          {Member{name, methods.isEmpty() ? std::nullopt : std::optional(methods)}}};
    auto frame = Frame::make({1, Flag::Handshake, Serde::Json, false, true}, name, "", "", hello.toJson());
    return QByteArray(9, '\x1f') + frame->bytes();
}

// Counts frames in a byte stream without building them.
struct FrameCounter
{
    char header[Header::Size];
    int headerFill = 0;
    std::uint32_t remaining = 0;
    std::uint64_t requests = 0;
    std::uint64_t events = 0;
    bool helloReplied = false;
    int helloMembers = 0;           // members the hello reply listed, this one included
    bool inHello = false;
    QByteArray helloBody;

    void feed(const char *p, size_t n)
    {
        while (n > 0) {
            if (remaining > 0) {
                const size_t skip = std::min<size_t>(remaining, n);
                if (inHello) {
                    helloBody.append(p, qsizetype(skip));
                    if (skip == remaining) {
                        inHello = false;
                        helloMembers = int(helloBody.count(R"({"name":)"));
                        helloBody.clear();
                        helloReplied = true;
                    }
                }
                remaining -= std::uint32_t(skip);
                p += skip;
                n -= skip;
                continue;
            }
            const size_t take = std::min<size_t>(size_t(Header::Size - headerFill), n);
            std::memcpy(header + headerFill, p, take);
            headerFill += int(take);
            p += take;
            n -= take;
            if (headerFill == Header::Size) {
                const Header h = Header::decode(header);
                headerFill = 0;
                remaining = h.msgLen;
                if (h.flag == Flag::Request)
                    ++requests;
                else if (h.flag == Flag::Events)
                    ++events;
                else if (h.flag == Flag::Handshake && h.uuid == 1)
                    inHello = true;   // complete once its body is in (helloMembers)
            }
        }
    }
};

void awaitHello(int fd)
{
    FrameCounter counter;
    char buf[65536];
    while (!counter.helloReplied) {
        const ssize_t r = ::read(fd, buf, sizeof buf);
        if (r <= 0)
            die("read hello reply");
        counter.feed(buf, size_t(r));
    }
}

// A raw-socket member that has joined: the probe and hello sent, the hello reply read.
int joinRaw(int port, const QByteArray &name, const QByteArrayList &methods)
{
    const int fd = dial(port);
    const QByteArray hello = helloBytes(name, methods);
    writeAll(fd, hello.constData(), size_t(hello.size()));
    awaitHello(fd);
    return fd;
}

// Writes `burst` over and over until `stop` (or the router hangs up).
void blast(int fd, const QByteArray &burst, const std::atomic<bool> &stop)
{
    qsizetype offset = 0;
    while (!stop.load(std::memory_order_relaxed)) {
        const ssize_t w = ::write(fd, burst.constData() + offset, size_t(burst.size() - offset));
        if (w <= 0)
            break;
        offset = (offset + w) % burst.size();
    }
}

// User + system CPU seconds of a process, all its threads; -1 when it cannot be read.
double cpuSeconds(long pid)
{
    if (pid <= 0)
        return -1;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t paren = stat.rfind(')');   // the command name may hold spaces
    if (paren == std::string::npos)
        return -1;
    std::istringstream fields(stat.substr(paren + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {   // fields 14 and 15: utime, stime
        if (i == 14)
            utime = std::stoull(field);
        else if (i == 15)
            stime = std::stoull(field);
    }
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

// What a measured window cost a set of processes, all their threads: CPU seconds, and voluntary
// context switches (each a thread that went to sleep for want of work, so each needed a wake-up).
struct Cost
{
    double cpu = 0;
    long long switches = 0;
    double routerCpu = -1;   // the router's part of cpu (benchCost), -1 when not known
};

Cost processCost(long pid)
{
    Cost c;
    c.cpu = cpuSeconds(pid);   // -1 when it cannot be read
    const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
    std::error_code ec;
    for (const auto &task : std::filesystem::directory_iterator(tasks, ec)) {
        std::ifstream in(task.path() / "status");
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind("voluntary_ctxt_switches:", 0) == 0)
                c.switches += std::atoll(line.c_str() + 24);
        }
    }
    return c;
}

// The router (`pid`, when given) and this process.
Cost benchCost(long pid)
{
    Cost c = processCost(long(::getpid()));
    if (pid > 0) {
        const Cost r = processCost(pid);
        if (r.cpu >= 0) {
            c.cpu += r.cpu;
            c.routerCpu = r.cpu;
        }
        c.switches += r.switches;
    }
    return c;
}

// RESULT fields: cpu_s, calls_per_cpu_s and wakeups_per_call for `calls` calls (or frames).
std::string costFields(const Cost &before, const Cost &after, double calls)
{
    const double cpu = after.cpu - before.cpu;
    char out[160];
    std::snprintf(out, sizeof out, "cpu_s=%.2f calls_per_cpu_s=%.0f wakeups_per_call=%.3f", cpu,
                  cpu > 0 ? calls / cpu : 0.0, calls > 0 ? double(after.switches - before.switches) / calls : 0.0);
    return out;
}

int runForward(const Args &a)
{
    std::vector<int> sinks, sources;
    for (int i = 0; i < a.pairs; ++i)
        sinks.push_back(joinRaw(a.port, "sink-" + QByteArray::number(i), {"sink"}));
    for (int i = 0; i < a.pairs; ++i)
        sources.push_back(joinRaw(a.port, "src-" + QByteArray::number(i), {}));

    std::atomic<bool> stop{false};
    std::vector<std::atomic<std::uint64_t>> received(size_t(a.pairs));
    std::vector<std::thread> threads;
    for (int i = 0; i < a.pairs; ++i) {
        threads.emplace_back([&, i] {
            FrameCounter counter;
            std::vector<char> buf(1 << 18);
            while (!stop.load(std::memory_order_relaxed)) {
                const ssize_t r = ::read(sinks[size_t(i)], buf.data(), buf.size());
                if (r <= 0)
                    break;
                counter.feed(buf.data(), size_t(r));
                received[size_t(i)].store(counter.requests, std::memory_order_relaxed);
            }
        });
        threads.emplace_back([&, i] {
            // One pre-encoded burst of frames (uuids cycle; rpc_nowait expects no answer).
            QByteArray burst;
            const QByteArray src = "src-" + QByteArray::number(i);
            const QByteArray dst = "sink-" + QByteArray::number(i);
            const QByteArray data(a.size, 'x');
            for (int k = 1; k <= 1024; ++k) {
                auto f = Frame::make({std::uint16_t(k), Flag::Request, Serde::Opaque, true, false}, src, dst,
                                     "sink", data);
                burst += f->bytes();
            }
            blast(sources[size_t(i)], burst, stop);
        });
    }
    auto total = [&] {
        std::uint64_t t = 0;
        for (auto &r : received)
            t += r.load(std::memory_order_relaxed);
        return t;
    };
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const std::uint64_t n0 = total();
    const Cost cost0 = benchCost(a.pid);
    const auto t0 = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(a.seconds));
    const std::uint64_t n1 = total();
    const Cost cost1 = benchCost(a.pid);
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    stop = true;
    for (int fd : sources)
        ::shutdown(fd, SHUT_RDWR);
    for (int fd : sinks)
        ::shutdown(fd, SHUT_RDWR);
    for (auto &t : threads)
        t.join();
    std::printf("RESULT bench=P5 frames_per_s=%.0f frames=%llu seconds=%.2f pairs=%d size=%d", double(n1 - n0) / dt,
                static_cast<unsigned long long>(n1 - n0), dt, a.pairs, a.size);
    if (cost0.routerCpu >= 0 && cost1.routerCpu >= 0)
        std::printf(" router_cpu_s=%.2f", cost1.routerCpu - cost0.routerCpu);
    std::printf(" %s\n", costFields(cost0, cost1, double(n1 - n0)).c_str());
    return 0;
}

int runLatency(const Args &a)
{
    auto &net = NetworkThread::instance();
    Client::Options wo;
    wo.name = "lat-worker";
    wo.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), quint16(a.port));
    auto *worker = net.create<Client>(wo);
    worker->addCallback("echo", [](const Payload &p) { return p; });
    Client::Options co;
    co.name = "lat-caller";
    co.endpoint = wo.endpoint;
    auto *caller = net.create<Client>(co);
    if (!worker->start().result().ok() || !caller->start().result().ok()) {
        std::fprintf(stderr, "could not connect to 127.0.0.1:%d\n", a.port);
        return 2;
    }
    caller->waitForMembers({"lat-worker"}, 10).waitForFinished();
    const Payload payload{Serde::Opaque, true, QByteArray(a.size, 'x')};
    Client::CallOptions options;
    options.timeout = 10;
    std::vector<double> us;
    us.reserve(size_t(a.calls));
    const int warmup = std::min(1000, a.calls / 10);
    Cost cost0;
    for (int i = 0; i < a.calls + warmup; ++i) {
        if (i == warmup)
            cost0 = benchCost(a.pid);
        const auto t0 = Clock::now();
        const CallResult r = caller->rpc("echo", payload, options).result();
        const double d = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
        if (!r.ok()) {
            std::fprintf(stderr, "rpc failed: %s\n", qPrintable(r.message));
            return 2;
        }
        if (i >= warmup)
            us.push_back(d);
    }
    const Cost cost1 = benchCost(a.pid);
    std::sort(us.begin(), us.end());
    auto pct = [&](double q) { return us[std::min(us.size() - 1, size_t(q * double(us.size())))]; };
    double sum = 0;
    for (double d : us)
        sum += d;
    std::printf("RESULT bench=P6 p50_us=%.1f p99_us=%.1f mean_us=%.1f calls=%d size=%d %s\n", pct(0.50), pct(0.99),
                sum / double(us.size()), a.calls, a.size, costFields(cost0, cost1, a.calls).c_str());
    std::fflush(stdout);
    caller->stop();
    worker->stop();
    net.destroy(caller);
    net.destroy(worker);
    net.shutdown();
    return 0;
}

long rssKiB(long pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atol(line.c_str() + 6);
    }
    return -1;
}

double ownCpuSeconds()
{
    return cpuSeconds(long(::getpid()));
}

int runAbsorb(const Args &a)
{
    auto &net = NetworkThread::instance();
    Client::Options o;
    o.name = "absorber";
    o.endpoint = Endpoint::tcp(QStringLiteral("127.0.0.1"), quint16(a.port));
    auto *client = net.create<Client>(o);
    if (!client->start().result().ok()) {
        std::fprintf(stderr, "could not connect to 127.0.0.1:%d\n", a.port);
        return 2;
    }
    const long rss0 = rssKiB(long(::getpid()));
    const double cpu0 = ownCpuSeconds();
    std::printf("READY\n");
    std::fflush(stdout);
    std::optional<Clock::time_point> first;
    for (;;) {
        const qsizetype n = client->members().size();
        if (n > 0 && !first)
            first = Clock::now();
        if (n >= a.count)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - *first).count();
    std::printf("RESULT bench=absorb members=%d seconds=%.2f cpu_s=%.2f rss_growth_kib=%ld bytes_per_member=%.0f\n",
                a.count, seconds, ownCpuSeconds() - cpu0, rssKiB(long(::getpid())) - rss0,
                double(rssKiB(long(::getpid())) - rss0) * 1024.0 / a.count);
    std::fflush(stdout);
    // Stays a member until its stdin closes: leaving now would announce it to a storm still
    // being measured.
    while (std::getchar() != EOF) {
    }
    client->stop();
    net.destroy(client);
    net.shutdown();
    return 0;
}

int runRawSink(const Args &a)
{
    const int lfd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (lfd < 0 || ::bind(lfd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(lfd, 4096) != 0
        || ::getsockname(lfd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        die("listen");
    std::printf("PORT %d\n", ntohs(addr.sin_port));
    std::fflush(stdout);
    const int ep = ::epoll_create1(0);
    epoll_event lev{};
    lev.events = EPOLLIN;
    lev.data.fd = lfd;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev);
    char buf[1 << 16];
    std::uint64_t bytes = 0;
    int open = 0, accepted = 0;
    for (;;) {
        epoll_event events[256];
        const int n = ::epoll_wait(ep, events, 256, 1000);
        for (int k = 0; k < n; ++k) {
            const int fd = events[k].data.fd;
            if (fd == lfd) {
                for (int c; (c = ::accept4(lfd, nullptr, nullptr, SOCK_NONBLOCK)) >= 0;) {
                    epoll_event ev{};
                    ev.events = EPOLLIN;
                    ev.data.fd = c;
                    ::epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
                    ++open;
                    ++accepted;
                }
                continue;
            }
            for (;;) {
                const ssize_t r = ::read(fd, buf, sizeof buf);
                if (r > 0) {
                    bytes += std::uint64_t(r);
                    continue;
                }
                if (r == 0 || errno != EAGAIN) {
                    ::close(fd);
                    --open;
                }
                break;
            }
        }
        if (accepted >= a.count && open == 0)
            break;   // (a connection the listen backlog dropped is never accepted: then it reads until killed)
    }
    std::printf("RESULT bench=rawsink connections=%d bytes=%llu\n", accepted, static_cast<unsigned long long>(bytes));
    return 0;
}

int runRawSpread(const Args &a)
{
    std::vector<int> fds;
    for (int i = 0; i < a.count; ++i)
        fds.push_back(dial(a.port));
    const std::string piece(size_t(46 + a.size), 'x');
    std::this_thread::sleep_for(std::chrono::milliseconds(300));   // the sink has accepted them all
    const double cpu0 = ownCpuSeconds();
    const auto t0 = Clock::now();
    const auto until = t0 + std::chrono::duration<double>(a.seconds);
    std::uint64_t writes = 0;
    while (Clock::now() < until) {
        for (int k = 0; k < 256; ++k, ++writes)
            writeAll(fds[size_t(writes % fds.size())], piece.data(), piece.size());
    }
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = ownCpuSeconds() - cpu0;
    for (int fd : fds)
        ::close(fd);
    std::printf("RESULT bench=rawspread connections=%d writes_per_s=%.0f writes=%llu seconds=%.2f cpu_s=%.2f\n",
                a.count, double(writes) / dt, static_cast<unsigned long long>(writes), dt, cpu);
    return 0;
}

// P11's load, once the fleet of members has joined: `drain` keeps reading the members (on this
// thread), `received` is how many requests they have been given so far.
template <typename Drain, typename Received, typename Closed>
int spreadOver(const Args &a, int joined, Drain drain, Received received, Closed closed)
{
    if (joined != a.count || closed() != 0) {
        std::fprintf(stderr, "spread: only %d of %d members joined (%d closed)\n", joined, a.count, closed());
        return 1;
    }
    std::vector<int> sources;
    for (int i = 0; i < a.pairs; ++i) {
        sources.push_back(joinRaw(a.port, "spread-src-" + QByteArray::number(i), {}));
        drain();   // the members are told of the sender
    }
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < a.pairs; ++i) {
        threads.emplace_back([&, i] {
            // One pre-encoded pass over every member (uuids cycle; rpc_nowait expects no answer).
            QByteArray burst;
            const QByteArray src = "spread-src-" + QByteArray::number(i);
            const QByteArray data(a.size, 'x');
            for (int k = 0; k < a.count; ++k) {
                const QByteArray dst = "member-" + QByteArray::number((qulonglong(k) * qulonglong(a.pairs) + qulonglong(i))
                                                                      % qulonglong(a.count));
                auto f = Frame::make({std::uint16_t(k % 65535 + 1), Flag::Request, Serde::Opaque, true, false}, src, dst,
                                     "sink", data);
                burst += f->bytes();
            }
            blast(sources[size_t(i)], burst, stop);
        });
    }
    auto runFor = [&](double seconds) {
        const auto until = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < until)
            drain();
    };
    runFor(0.5);
    const std::uint64_t n0 = received();
    const Cost cost0 = benchCost(a.pid);
    const auto t0 = Clock::now();
    runFor(a.seconds);
    const std::uint64_t n1 = received();
    const Cost cost1 = benchCost(a.pid);
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    stop = true;
    for (int fd : sources)
        ::shutdown(fd, SHUT_RDWR);
    for (auto &t : threads)
        t.join();
    for (int fd : sources)
        ::close(fd);
    std::printf("RESULT bench=P11 members=%d frames_per_s=%.0f frames=%llu seconds=%.2f senders=%d size=%d "
                "router_cpu_s=%.2f closed_by_router=%d %s\n",
                a.count, double(n1 - n0) / dt, static_cast<unsigned long long>(n1 - n0), dt, a.pairs, a.size,
                cost1.routerCpu - cost0.routerCpu, closed(), costFields(cost0, cost1, double(n1 - n0)).c_str());
    std::fflush(stdout);
    return closed() == 0 ? 0 : 1;
}

// P8 (idle), P10 (storm) and P11 (spread): `a.count` members on raw sockets, each read as soon
// as the router writes to it.
enum class Fleet { Idle, Storm, Spread };

int runMembers(const Args &a, Fleet kind)
{
    const bool storm = kind == Fleet::Storm;
    // One thread, nothing ever blocks: connects are non-blocking (at most InFlight at a time) and
    // every socket is read as soon as the router writes to it (the N x N join events included), so
    // the load never stops reading while it waits for a connect; the router's kernel buffers
    // toward it stay drained.
    const int InFlight = storm ? 1024 : 64;
    const int ep = ::epoll_create1(0);
    std::vector<FrameCounter> counters(size_t(a.count));
    std::vector<int> fds(size_t(a.count), -1);
    std::vector<bool> connecting(size_t(a.count), false);
    char buf[1 << 16];
    int started = 0, pending = 0, replied = 0, closed = 0, failed = 0;
    std::uint64_t requests = 0;   // requests the members received (spread)
    // Join events the replied members are still to be told (storm): N - (its reply's members) for
    // each, counting members that were there before the storm (the fewest any reply listed,
    // less one) as joined before everyone.
    std::int64_t owedRaw = 0;
    int fewestListed = std::numeric_limits<int>::max();
    auto owed = [&] { return owedRaw + std::int64_t(fewestListed - 1) * replied; };
    std::map<int, int> connectErrors;   // errno -> count
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(std::uint16_t(a.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    auto stop = [&](size_t idx) {
        ::epoll_ctl(ep, EPOLL_CTL_DEL, fds[idx], nullptr);
    };
    auto startOne = [&] {
        const size_t idx = size_t(started++);
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (fd < 0)
            die("socket");
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fds[idx] = fd;
        connecting[idx] = true;
        ++pending;
        if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 && errno != EINPROGRESS)
            die("connect");
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT;
        ev.data.u32 = std::uint32_t(idx);
        ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    };
    auto connected = [&](size_t idx) {
        connecting[idx] = false;
        --pending;
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(fds[idx], SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
            ++failed;
            ++connectErrors[err];
            stop(idx);
            return false;
        }
        QByteArrayList methods;
        for (int m = 0; m < a.methods; ++m)
            methods << "work" + QByteArray::number(m);
        const QByteArray hello = storm ? helloBytes("storm-" + QByteArray::number(qulonglong(idx)), methods)
            : kind == Fleet::Spread    ? helloBytes("member-" + QByteArray::number(qulonglong(idx)), {"sink"})
                                       : helloBytes("idle-" + QByteArray::number(qulonglong(idx)), {});
        writeAll(fds[idx], hello.constData(), size_t(hello.size()));   // small: the kernel takes it
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = std::uint32_t(idx);
        ::epoll_ctl(ep, EPOLL_CTL_MOD, fds[idx], &ev);
        return true;
    };
    auto drain = [&](int timeoutMs) {
        epoll_event events[256];
        const int n = ::epoll_wait(ep, events, 256, timeoutMs);
        for (int k = 0; k < n; ++k) {
            const auto idx = size_t(events[k].data.u32);
            if (connecting[idx] && !connected(idx))
                continue;
            for (;;) {
                const ssize_t r = ::read(fds[idx], buf, sizeof buf);
                if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
                    stop(idx);   // the router closed it (it stays readable at EOF)
                    ++closed;
                    break;
                }
                if (r < 0)
                    break;
                const bool before = counters[idx].helloReplied;
                const std::uint64_t eventsBefore = counters[idx].events;
                const std::uint64_t requestsBefore = counters[idx].requests;
                counters[idx].feed(buf, size_t(r));
                requests += counters[idx].requests - requestsBefore;
                if (!before && counters[idx].helloReplied) {
                    ++replied;
                    owedRaw += std::int64_t(a.count - counters[idx].helloMembers);
                    fewestListed = std::min(fewestListed, counters[idx].helloMembers);
                }
                owedRaw -= std::int64_t(counters[idx].events - eventsBefore);
            }
        }
        return n;
    };
    const long before = rssKiB(a.pid);
    const double routerCpu0 = cpuSeconds(a.pid), ownCpu0 = ownCpuSeconds();
    const auto t0 = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
    while (started < a.count) {
        while (started < a.count && pending < InFlight)
            startOne();
        drain(10);
    }
    const bool trace = std::getenv("STORM_TRACE") != nullptr;
    double lastTrace = 0;
    while ((replied + closed + failed < a.count || (storm && owed() > 0 && closed == 0)) && elapsed() < 1800) {
        drain(100);
        if (trace && elapsed() - lastTrace >= 1) {
            lastTrace = elapsed();
            std::fprintf(stderr, "%.1f s: replied %d, owed %lld, router cpu %.2f\n", lastTrace, replied,
                         static_cast<long long>(owed()), cpuSeconds(a.pid) - routerCpu0);
        }
    }
    if (storm) {
        const double took = elapsed();
        if (std::getenv("STORM_TRACE")) {
            std::map<long long, int> off;   // told - expected -> members
            for (const FrameCounter &c : counters)
                ++off[static_cast<long long>(c.events) - (a.count - (c.helloMembers - (fewestListed - 1)))];
            for (const auto &[d, n] : off)
                std::fprintf(stderr, "%d members told %+lld events\n", n, d);
        }
        std::printf("RESULT bench=P10 members=%d seconds=%.2f router_cpu_s=%.2f driver_cpu_s=%.2f "
                    "router_rss_kib=%ld replied=%d closed_by_router=%d connect_failed=%d events_missing=%lld\n",
                    a.count, took, cpuSeconds(a.pid) - routerCpu0, ownCpuSeconds() - ownCpu0, rssKiB(a.pid),
                    replied, closed, failed, static_cast<long long>(owed()));
        std::fflush(stdout);
        for (int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
        return closed == 0 && failed == 0 && owed() == 0 ? 0 : 1;
    }
    // Let the router finish broadcasting the joins and settle; keep reading what it sends.
    auto quiet = Clock::now();
    while (std::chrono::duration<double>(Clock::now() - quiet).count() < 1.0) {
        if (drain(100) > 0)
            quiet = Clock::now();
    }
    const double setup = elapsed();
    if (kind == Fleet::Spread)
        return spreadOver(a, replied, [&] { return drain(10); }, [&] { return requests; }, [&] { return closed; });
    const long after = rssKiB(a.pid);
    for (const auto &[err, n] : connectErrors)
        std::fprintf(stderr, "connect failed %d times: %s\n", n, std::strerror(err));
    std::printf("RESULT bench=P8 kib_per_conn=%.2f rss_before_kib=%ld rss_after_kib=%ld connections=%d "
                "replied=%d closed_by_router=%d connect_failed=%d setup_s=%.1f\n",
                double(after - before) / a.count, before, after, a.count, replied, closed, failed, setup);
    std::fflush(stdout);
    if (const char *hold = std::getenv("IDLE_HOLD"))
        std::this_thread::sleep_for(std::chrono::seconds(std::atoi(hold)));
    for (int fd : fds) {
        if (fd >= 0)
            ::close(fd);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const Args a = parseArgs(argc, argv);
    std::signal(SIGPIPE, SIG_IGN);   // the router may close first; write() then reports it
    static const char *const modes[] = {"forward", "latency", "idle", "storm", "absorb", "spread", "rawsink", "rawspread"};
    const bool known = std::any_of(std::begin(modes), std::end(modes), [&](const char *m) { return a.mode == m; });
    if (!known || (a.port <= 0 && a.mode != "rawsink")) {
        std::fprintf(stderr, "usage: daffi-bench-native forward|latency|idle|storm|absorb|spread|rawsink|rawspread "
                             "--port P [options]\n");
        return 2;
    }
    if (a.mode == "forward")
        return runForward(a);
    if (a.mode == "latency")
        return runLatency(a);
    if (a.mode == "absorb")
        return runAbsorb(a);
    if (a.mode == "rawsink")
        return runRawSink(a);
    if (a.mode == "rawspread")
        return runRawSpread(a);
    return runMembers(a, a.mode == "storm" ? Fleet::Storm : a.mode == "spread" ? Fleet::Spread : Fleet::Idle);
}
