/* daffi-rawlimit: the raw ceilings of this machine for the benchmarks (issue 17).
 *
 * Bytes moved with no parsing at all, in plain C over POSIX sockets (and Linux epoll), so that
 * nothing of ours (Qt, the core, C++) sits between a figure and the kernel. bench/limits.py runs
 * it with the same topologies and pinning as the real benchmarks; each figure of ours is then
 * shown against what this machine can do at best. Not a test: it never judges the numbers.
 *
 *   relay [--port N | --unix PATH]
 *       Listens on 127.0.0.1 (port 0: any free port) or on a Unix socket, prints "PORT n" or
 *       "UNIX path", then pairs connections in accept order (1st with 2nd, 3rd with 4th, ...)
 *       and forwards bytes both ways within each pair: one thread, epoll, non-blocking sockets,
 *       one 256 KiB buffer per direction. While a destination cannot take more, its source is
 *       not read (backpressure, as the router does). A peer closing closes its pair. Runs until
 *       SIGTERM or SIGINT, then exits 0.
 *   echo --connect PORT | --listen PORT | --connect --unix PATH | --listen --unix PATH
 *       Writes back every byte it reads, as a worker would. --listen prints "PORT n" (or
 *       "UNIX path") and serves one connection at a time, until killed; --connect prints "READY"
 *       once connect() has returned and exits 0 when the peer closes.
 *   pingpong (--port P | --unix PATH) --size S --calls N [--pid PID]...
 *       Sends S bytes and waits for all S back, N times in sequence after N/10 warm-ups (at
 *       least 2, at most 1000). Prints
 *       RESULT bench=rawpingpong size= calls= calls_per_s= p50_us= p99_us= gib_per_s= cpu_s=
 *       gib_per_s = 2 x S / mean round trip / 2^30; cpu_s is this process's user + system time
 *       over the timed calls. With --pid (repeatable), also peer_cpu_s: the CPU time those
 *       processes (e.g. relay and echo) used over the same window, from /proc/PID/stat.
 *   blast (--port P | --unix PATH) --size S --pairs K --seconds T [--pid PID]...
 *       Against a fresh relay: connects receiver i then sender i for i = 0..K-1 (so the relay
 *       pairs them); each sender thread writes one buffer of 1024 x S bytes in a loop, each
 *       receiver thread counts what it reads. After 0.5 s of warm-up, measures T seconds:
 *       RESULT bench=rawblast size= pairs= seconds= frames_per_s= gib_per_s= cpu_s= [peer_cpu_s=]
 *       frames_per_s = bytes received / S / s; cpu_s is this process's over the window.
 *
 * A bad argument is reported on stderr with exit status 2; a failure while running (refused
 * connection, peer gone, a stall of 30 s) with exit status 1.
 */

#define _GNU_SOURCE /* accept4, signalfd, SOCK_NONBLOCK: Linux beyond POSIX, as is epoll */

#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

enum {
    RELAY_BUF = 256 * 1024, /* per direction of a pair, as the brief of issue 17 fixes it */
    ECHO_BUF = 256 * 1024,
    STALL_MS = 30000,       /* a wait longer than this is a failure, not a slow run */
    MAX_PIDS = 8,
};

static const char USAGE[] =
    "usage: daffi-rawlimit relay [--port N | --unix PATH]\n"
    "       daffi-rawlimit echo (--connect [PORT] | --listen [PORT]) [--unix PATH]\n"
    "       daffi-rawlimit pingpong (--port P | --unix PATH) --size S --calls N [--pid PID]...\n"
    "       daffi-rawlimit blast (--port P | --unix PATH) --size S --pairs K --seconds T [--pid PID]...\n";

/* A bad argument: say which and how to call, exit 2. */
_Noreturn static void bad_arg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("daffi-rawlimit: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    fputs(USAGE, stderr);
    exit(2);
}

/* A failure while running (the errno of the failed call, when there is one), exit 1. */
_Noreturn static void fail(int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("daffi-rawlimit: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (err)
        fprintf(stderr, ": %s", strerror(err));
    fputs("\n", stderr);
    exit(1);
}

/* ---- arguments ---------------------------------------------------------------------------- */

typedef struct {
    const char *mode;
    int has_port;
    unsigned port;
    const char *unix_path;
    int role; /* echo: ROLE_CONNECT or ROLE_LISTEN */
    int has_size, has_calls, has_pairs, has_seconds;
    uint64_t size, calls, pairs;
    double seconds;
    long pids[MAX_PIDS];
    int npids;
} Opts;

enum { ROLE_NONE, ROLE_CONNECT, ROLE_LISTEN };

/* A whole decimal number in [lo, hi]: digits only (no sign, no blanks, no suffix). */
static uint64_t parse_u64(const char *opt, const char *s, uint64_t lo, uint64_t hi)
{
    if (!s || !*s || strspn(s, "0123456789") != strlen(s))
        bad_arg("%s wants a whole number, got '%s'", opt, s ? s : "");
    errno = 0;
    char *end = NULL;
    const unsigned long long v = strtoull(s, &end, 10);
    if (errno == ERANGE || v < lo || v > hi)
        bad_arg("%s must be between %llu and %llu, got '%s'", opt, (unsigned long long)lo,
                (unsigned long long)hi, s);
    return (uint64_t)v;
}

static double parse_seconds(const char *opt, const char *s)
{
    char *end = NULL;
    errno = 0;
    const double v = strtod(s, &end);
    if (!*s || *end || errno == ERANGE || !isfinite(v) || v <= 0 || v > 3600)
        bad_arg("%s wants a number of seconds above 0 and at most 3600, got '%s'", opt, s);
    return v;
}

static Opts parse_args(int argc, char **argv)
{
    Opts o;
    memset(&o, 0, sizeof o);
    if (argc < 2)
        bad_arg("no mode given");
    o.mode = argv[1];
    const int relay = !strcmp(o.mode, "relay"), echo = !strcmp(o.mode, "echo");
    const int pingpong = !strcmp(o.mode, "pingpong"), blast = !strcmp(o.mode, "blast");
    if (!relay && !echo && !pingpong && !blast)
        bad_arg("unknown mode '%s'", o.mode);

    for (int i = 2; i < argc; ++i) {
        const char *k = argv[i];
        /* The value of an option that needs one (a missing value is reported, not read past). */
#define VALUE() (i + 1 < argc ? argv[++i] : (bad_arg("%s needs a value", k), (char *)NULL))
#define ONCE(flag) do { if (flag) bad_arg("%s given twice", k); flag = 1; } while (0)
        if (!strcmp(k, "--unix")) {
            if (o.unix_path)
                bad_arg("%s given twice", k);
            o.unix_path = VALUE();
            if (!*o.unix_path || strlen(o.unix_path) >= sizeof(((struct sockaddr_un *)0)->sun_path))
                bad_arg("--unix wants a path of 1 to %zu bytes",
                        sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
        } else if (echo && (!strcmp(k, "--connect") || !strcmp(k, "--listen"))) {
            if (o.role != ROLE_NONE)
                bad_arg("give one of --connect and --listen, once");
            o.role = !strcmp(k, "--connect") ? ROLE_CONNECT : ROLE_LISTEN;
            /* The port is optional here: with --unix there is none. */
            if (i + 1 < argc && argv[i + 1][0] != '-') {
                o.has_port = 1;
                o.port = (unsigned)parse_u64(k, argv[++i], o.role == ROLE_CONNECT ? 1 : 0, 65535);
            }
        } else if (!echo && !strcmp(k, "--port")) {
            ONCE(o.has_port);
            o.port = (unsigned)parse_u64(k, VALUE(), relay ? 0 : 1, 65535);
        } else if ((pingpong || blast) && !strcmp(k, "--size")) {
            ONCE(o.has_size);
            /* pingpong holds 2 x S; blast's buffer is 1024 x S. */
            o.size = parse_u64(k, VALUE(), 1, pingpong ? (uint64_t)256 << 20 : 65536);
        } else if (pingpong && !strcmp(k, "--calls")) {
            ONCE(o.has_calls);
            o.calls = parse_u64(k, VALUE(), 1, 10000000); /* one latency sample each */
        } else if (blast && !strcmp(k, "--pairs")) {
            ONCE(o.has_pairs);
            o.pairs = parse_u64(k, VALUE(), 1, 64);
        } else if (blast && !strcmp(k, "--seconds")) {
            ONCE(o.has_seconds);
            o.seconds = parse_seconds(k, VALUE());
        } else if ((pingpong || blast) && !strcmp(k, "--pid")) {
            if (o.npids == MAX_PIDS)
                bad_arg("at most %d --pid", MAX_PIDS);
            o.pids[o.npids++] = (long)parse_u64(k, VALUE(), 1, 0x7fffffff);
        } else {
            bad_arg("unknown option '%s' for %s", k, o.mode);
        }
#undef VALUE
#undef ONCE
    }

    if (o.has_port && o.unix_path)
        bad_arg("give a port or --unix PATH, not both");
    if (echo && o.role == ROLE_NONE)
        bad_arg("echo needs --connect or --listen");
    if ((echo || pingpong || blast) && !o.has_port && !o.unix_path)
        bad_arg("%s needs a port or --unix PATH", o.mode);
    if (pingpong && (!o.has_size || !o.has_calls))
        bad_arg("pingpong needs --size and --calls");
    if (blast && (!o.has_size || !o.has_pairs || !o.has_seconds))
        bad_arg("blast needs --size, --pairs and --seconds");
    return o;
}

/* ---- sockets and clocks --------------------------------------------------------------------- */

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void sleep_s(double s)
{
    const time_t whole = (time_t)s; /* s >= 0 */
    struct timespec t = {whole, (long)((s - (double)whole) * 1e9)};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

/* User + system CPU seconds of this process, all its threads. */
static double self_cpu_s(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

/* User + system CPU seconds of another process (/proc/PID/stat, clock ticks); -1 if unreadable. */
static double proc_cpu_s(long pid)
{
    char path[64], stat[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    const size_t n = fread(stat, 1, sizeof stat - 1, f);
    fclose(f);
    stat[n] = '\0';
    const char *p = strrchr(stat, ')'); /* the command name may hold spaces and parentheses */
    unsigned long long utime = 0, stime = 0;
    /* After ") ": state (field 3) ... utime (14), stime (15). */
    if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return -1;
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

/* The CPU seconds of all --pid processes together; a process we cannot read is a failure. */
static double peers_cpu_s(const Opts *o)
{
    double sum = 0;
    for (int i = 0; i < o->npids; ++i) {
        const double c = proc_cpu_s(o->pids[i]);
        if (c < 0)
            fail(0, "cannot read the CPU time of process %ld (/proc/%ld/stat)", o->pids[i], o->pids[i]);
        sum += c;
    }
    return sum;
}

static void set_nodelay(int fd, int is_unix)
{
    /* Every frame-sized write goes out at once, as in our Connection (Nagle would hold P6). */
    const int one = 1;
    if (!is_unix)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* The address of the options: 127.0.0.1:port or the Unix path. */
static socklen_t make_addr(const Opts *o, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);
    if (o->unix_path) {
        struct sockaddr_un *un = (struct sockaddr_un *)ss;
        un->sun_family = AF_UNIX;
        memcpy(un->sun_path, o->unix_path, strlen(o->unix_path) + 1); /* length checked */
        return (socklen_t)sizeof *un;
    }
    struct sockaddr_in *in = (struct sockaddr_in *)ss;
    in->sin_family = AF_INET;
    in->sin_port = htons((uint16_t)o->port);
    in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return (socklen_t)sizeof *in;
}

/* "127.0.0.1:port" or the Unix path, for messages. */
static const char *addr_text(const Opts *o)
{
    static char text[sizeof(((struct sockaddr_un *)0)->sun_path) + 16];
    if (o->unix_path)
        snprintf(text, sizeof text, "%s", o->unix_path);
    else
        snprintf(text, sizeof text, "127.0.0.1:%u", o->port);
    return text;
}

/* Binds and listens, and prints "PORT n" or "UNIX path" (flushed: the caller waits for it). */
static int listen_on(const Opts *o, int nonblocking)
{
    struct sockaddr_storage ss;
    const socklen_t len = make_addr(o, &ss);
    const int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | (nonblocking ? SOCK_NONBLOCK : 0), 0);
    if (fd < 0)
        fail(errno, "socket");
    const int one = 1;
    if (!o->unix_path)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&ss, len) != 0)
        fail(errno, "cannot listen on %s", addr_text(o));
    if (listen(fd, SOMAXCONN) != 0)
        fail(errno, "listen");
    if (o->unix_path) {
        printf("UNIX %s\n", o->unix_path);
    } else {
        struct sockaddr_in in;
        socklen_t il = sizeof in;
        getsockname(fd, (struct sockaddr *)&in, &il);
        printf("PORT %u\n", (unsigned)ntohs(in.sin_port));
    }
    fflush(stdout);
    return fd;
}

/* A blocking connection to the options' address; a refusal is a failure. */
static int connect_to(const Opts *o)
{
    struct sockaddr_storage ss;
    const socklen_t len = make_addr(o, &ss);
    const int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        fail(errno, "socket");
    if (connect(fd, (struct sockaddr *)&ss, len) != 0) {
        if (errno != EINTR)
            fail(errno, "cannot connect to %s", addr_text(o));
        /* Interrupted: the connect goes on; wait for it and take its outcome. */
        struct pollfd p = {fd, POLLOUT, 0};
        int err = 0;
        socklen_t el = sizeof err;
        while (poll(&p, 1, STALL_MS) < 0 && errno == EINTR) {
        }
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) != 0 || err)
            fail(err, "cannot connect to %s", addr_text(o));
    }
    set_nodelay(fd, o->unix_path != NULL);
    return fd;
}

/* Writes all of buf on a blocking socket: short writes continue, EINTR retries. 0 or an errno. */
static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        const ssize_t w = write(fd, buf, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno ? errno : EIO;
        }
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

/* ---- relay ------------------------------------------------------------------------------------ */

typedef struct Pair Pair;

typedef struct { /* epoll's data for one socket: which socket of which pair */
    Pair *pair;
    int side;
} End;

typedef struct { /* bytes read from one socket of a pair and not yet written to the other */
    char *buf;
    size_t off, len; /* buf[off, len) is pending; len == 0: empty, the source may be read */
} Dir;

struct Pair {
    int fd[2];
    uint32_t interest[2]; /* what epoll watches for fd[i] now (epoll_ctl only on a change) */
    Dir dir[2];           /* dir[i]: from fd[i] to fd[1 - i] */
    End end[2];
    int closed;
    Pair *next_dead; /* closed in this batch of events: freed after it (later events may name it) */
};

static int relay_epoll = -1;
static Pair *relay_dead = NULL;

static void pair_close(Pair *p)
{
    if (p->closed)
        return;
    p->closed = 1;
    close(p->fd[0]); /* closing removes them from the epoll set */
    close(p->fd[1]);
    p->next_dead = relay_dead;
    relay_dead = p;
}

/* Watch fd[i] for input only while dir[i] is empty (else: backpressure, its source waits), and
 * for output only while dir[1 - i] has bytes waiting for it. */
static void pair_update_interest(Pair *p)
{
    for (int i = 0; i < 2; ++i) {
        const uint32_t want = (p->dir[i].len == 0 ? EPOLLIN : 0u) | (p->dir[1 - i].len ? EPOLLOUT : 0u);
        if (want == p->interest[i])
            continue;
        struct epoll_event ev = {.events = want, .data.ptr = &p->end[i]};
        if (epoll_ctl(relay_epoll, EPOLL_CTL_MOD, p->fd[i], &ev) != 0)
            fail(errno, "epoll_ctl");
        p->interest[i] = want;
    }
}

/* Moves bytes from fd[s] to fd[1 - s] until either would block. A few rounds at most per event so
 * one busy pair cannot starve the others (epoll is level-triggered: what is left is seen again).
 * Returns 0, or -1 when the pair must close (EOF or an error on either socket). */
static int pair_pump(Pair *p, int s)
{
    Dir *d = &p->dir[s];
    const int src = p->fd[s], dst = p->fd[1 - s];
    for (int round = 0; round < 4; ++round) {
        if (d->len == 0) {
            const ssize_t n = read(src, d->buf, RELAY_BUF);
            if (n == 0)
                return -1;
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
            }
            d->off = 0;
            d->len = (size_t)n;
        }
        while (d->off < d->len) {
            const ssize_t w = write(dst, d->buf + d->off, d->len - d->off);
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                /* Would block: keep the rest, stop reading src until dst drains (interest). */
                return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
            }
            d->off += (size_t)w;
        }
        d->len = d->off = 0;
    }
    return 0;
}

static Pair *pair_new(int a, int b)
{
    Pair *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    /* 2 x 256 KiB; malloc maps blocks this size on demand, so an idle pair costs little. */
    p->dir[0].buf = malloc(RELAY_BUF);
    p->dir[1].buf = malloc(RELAY_BUF);
    if (!p->dir[0].buf || !p->dir[1].buf) {
        free(p->dir[0].buf);
        free(p->dir[1].buf);
        free(p);
        return NULL;
    }
    p->fd[0] = a;
    p->fd[1] = b;
    for (int i = 0; i < 2; ++i) {
        p->end[i].pair = p;
        p->end[i].side = i;
        p->interest[i] = EPOLLIN;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &p->end[i]};
        if (epoll_ctl(relay_epoll, EPOLL_CTL_ADD, p->fd[i], &ev) != 0)
            fail(errno, "epoll_ctl");
    }
    return p;
}

static int run_relay(const Opts *o)
{
    /* SIGTERM and SIGINT arrive as a readable descriptor in the same epoll set: no handler, no
     * race between checking a flag and going to sleep. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    if (sigprocmask(SIG_BLOCK, &stop, NULL) != 0)
        fail(errno, "sigprocmask");
    const int sfd = signalfd(-1, &stop, SFD_NONBLOCK | SFD_CLOEXEC);
    if (sfd < 0)
        fail(errno, "signalfd");

    const int lfd = listen_on(o, 1);
    relay_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (relay_epoll < 0)
        fail(errno, "epoll_create1");
    static char listen_tag, signal_tag; /* epoll data of the two descriptors that are not an End */
    struct epoll_event lev = {.events = EPOLLIN, .data.ptr = &listen_tag};
    struct epoll_event sev = {.events = EPOLLIN, .data.ptr = &signal_tag};
    if (epoll_ctl(relay_epoll, EPOLL_CTL_ADD, lfd, &lev) != 0 || epoll_ctl(relay_epoll, EPOLL_CTL_ADD, sfd, &sev) != 0)
        fail(errno, "epoll_ctl");

    int waiting = -1;           /* an accepted connection that has no partner yet */
    double accept_paused = 0;   /* out of descriptors: stop accepting until this time */
    int running = 1;
    struct epoll_event events[64];
    while (running) {
        const int n = epoll_wait(relay_epoll, events, 64, accept_paused > 0 ? 100 : -1);
        if (n < 0 && errno != EINTR)
            fail(errno, "epoll_wait");
        if (accept_paused > 0 && now_s() >= accept_paused) {
            accept_paused = 0;
            lev.events = EPOLLIN;
            epoll_ctl(relay_epoll, EPOLL_CTL_MOD, lfd, &lev);
        }
        for (int i = 0; i < n; ++i) {
            void *tag = events[i].data.ptr;
            if (tag == &signal_tag) {
                running = 0;
                continue;
            }
            if (tag == &listen_tag) {
                for (;;) {
                    const int c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (c < 0) {
                        if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO)
                            continue;
                        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                            /* The listener stays readable: without a pause this would spin. */
                            fprintf(stderr, "daffi-rawlimit: relay: accept: %s (pausing 100 ms)\n", strerror(errno));
                            accept_paused = now_s() + 0.1;
                            lev.events = 0;
                            epoll_ctl(relay_epoll, EPOLL_CTL_MOD, lfd, &lev);
                        } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
                            fail(errno, "accept");
                        }
                        break;
                    }
                    set_nodelay(c, o->unix_path != NULL);
                    if (waiting < 0) {
                        waiting = c;
                        continue;
                    }
                    if (!pair_new(waiting, c)) {
                        fprintf(stderr, "daffi-rawlimit: relay: out of memory, dropping a pair\n");
                        close(waiting);
                        close(c);
                    }
                    waiting = -1;
                }
                continue;
            }
            End *e = tag;
            Pair *p = e->pair;
            if (p->closed)
                continue;
            const uint32_t ev = events[i].events;
            int bad = (ev & (EPOLLERR | EPOLLHUP)) != 0;
            if (!bad && (ev & EPOLLIN))
                bad = pair_pump(p, e->side) != 0;      /* from this socket to its partner */
            if (!bad && (ev & EPOLLOUT))
                bad = pair_pump(p, 1 - e->side) != 0;  /* what waited for this socket */
            if (bad)
                pair_close(p);
            else
                pair_update_interest(p);
        }
        while (relay_dead) {
            Pair *p = relay_dead;
            relay_dead = p->next_dead;
            free(p->dir[0].buf);
            free(p->dir[1].buf);
            free(p);
        }
    }
    /* The open pairs and sockets go with the process. */
    if (o->unix_path)
        unlink(o->unix_path);
    return 0;
}

/* ---- echo ------------------------------------------------------------------------------------ */

/* Echoes one blocking connection until the peer closes: 0, or the errno that ended it. */
static int echo_conn(int fd, char *buf)
{
    for (;;) {
        const ssize_t n = read(fd, buf, ECHO_BUF);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno == ECONNRESET ? 0 : errno; /* a peer that resets has closed as well */
        }
        const int err = write_all(fd, buf, (size_t)n);
        if (err)
            return err == EPIPE || err == ECONNRESET ? 0 : err;
    }
}

static int run_echo(const Opts *o)
{
    char *buf = malloc(ECHO_BUF);
    if (!buf)
        fail(ENOMEM, "echo buffer");
    if (o->role == ROLE_CONNECT) {
        const int fd = connect_to(o);
        printf("READY\n");
        fflush(stdout);
        const int err = echo_conn(fd, buf);
        free(buf);
        if (err)
            fail(err, "echo");
        return 0;
    }
    const int lfd = listen_on(o, 0);
    for (;;) { /* one connection at a time, until killed */
        const int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
        if (c < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO)
                continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                sleep_s(0.1);
                continue;
            }
            fail(errno, "accept");
        }
        set_nodelay(c, o->unix_path != NULL);
        const int err = echo_conn(c, buf);
        if (err)
            fprintf(stderr, "daffi-rawlimit: echo: %s\n", strerror(err));
        close(c);
    }
}

/* ---- pingpong ---------------------------------------------------------------------------------- */

/* One round trip: sends size bytes and reads size bytes back. While sending, it also reads (the
 * echo writes back as it reads, so a large payload would otherwise fill both directions and
 * stall); once all is sent it waits in a blocking read: for a small payload that is one write
 * and one read, nothing more. */
static void round_trip(int fd, const char *out, char *in, size_t size, uint64_t call)
{
    size_t sent = 0, got = 0;
    while (got < size) {
        if (sent < size) {
            const ssize_t w = send(fd, out + sent, size - sent, MSG_DONTWAIT);
            if (w > 0)
                sent += (size_t)w;
            else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                fail(errno, "call %llu: send", (unsigned long long)call);
            if (sent < size) {
                struct pollfd p = {fd, POLLIN | POLLOUT, 0};
                const int r = poll(&p, 1, STALL_MS);
                if (r < 0 && errno != EINTR)
                    fail(errno, "poll");
                if (r == 0)
                    fail(0, "call %llu: stalled for 30 s (%zu of %zu bytes sent)", (unsigned long long)call, sent, size);
                if (r <= 0 || !(p.revents & (POLLIN | POLLERR | POLLHUP)))
                    continue;
            }
        }
        /* Blocking once everything is sent (SO_RCVTIMEO bounds it), else there is input. */
        const ssize_t n = recv(fd, in + got, size - got, sent < size ? MSG_DONTWAIT : 0);
        if (n == 0)
            fail(0, "call %llu: the peer closed after %zu of %zu bytes came back", (unsigned long long)call, got, size);
        if (n < 0) {
            if (errno == EINTR || (sent < size && (errno == EAGAIN || errno == EWOULDBLOCK)))
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                fail(0, "call %llu: no answer for 30 s (%zu of %zu bytes back)", (unsigned long long)call, got, size);
            fail(errno, "call %llu: recv", (unsigned long long)call);
        }
        got += (size_t)n;
    }
}

static int cmp_u64(const void *a, const void *b)
{
    const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Nearest-rank percentile (pct of 100) of n >= 1 sorted values. */
static uint64_t percentile(const uint64_t *sorted, uint64_t n, uint64_t pct)
{
    const uint64_t rank = (n * pct + 99) / 100; /* ceil(n * pct / 100), at least 1 */
    return sorted[(rank < 1 ? 1 : rank) - 1];
}

static int run_pingpong(const Opts *o)
{
    const size_t size = (size_t)o->size;
    const uint64_t calls = o->calls;
    uint64_t warmups = calls / 10;
    warmups = warmups < 2 ? 2 : warmups > 1000 ? 1000 : warmups;
    char *out = malloc(size), *in = malloc(size);
    uint64_t *lat = malloc(sizeof *lat * calls);
    if (!out || !in || !lat)
        fail(ENOMEM, "pingpong buffers");
    memset(out, 'x', size);
    memset(in, 0, size); /* touch the pages before the timing */

    const int fd = connect_to(o);
    const struct timeval stall = {STALL_MS / 1000, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &stall, sizeof stall);
    for (uint64_t i = 0; i < warmups; ++i)
        round_trip(fd, out, in, size, i);
    peers_cpu_s(o); /* a --pid that cannot be read fails now, not after the run */

    const double peer0 = peers_cpu_s(o), cpu0 = self_cpu_s();
    const uint64_t t0 = now_ns();
    for (uint64_t i = 0; i < calls; ++i) {
        const uint64_t a = now_ns();
        round_trip(fd, out, in, size, warmups + i);
        lat[i] = now_ns() - a;
    }
    const uint64_t t1 = now_ns();
    const double cpu = self_cpu_s() - cpu0, peer = peers_cpu_s(o) - peer0;
    close(fd);

    qsort(lat, calls, sizeof *lat, cmp_u64);
    const double total_s = (double)(t1 - t0) * 1e-9, mean_s = total_s / (double)calls;
    printf("RESULT bench=rawpingpong size=%zu calls=%llu calls_per_s=%.1f p50_us=%.2f p99_us=%.2f gib_per_s=%.4f "
           "cpu_s=%.4f",
           size, (unsigned long long)calls, (double)calls / total_s, (double)percentile(lat, calls, 50) * 1e-3,
           (double)percentile(lat, calls, 99) * 1e-3, 2.0 * (double)size / mean_s / (double)(1u << 30), cpu);
    if (o->npids)
        printf(" peer_cpu_s=%.4f", peer);
    printf("\n");
    fflush(stdout);
    free(out);
    free(in);
    free(lat);
    return 0;
}

/* ---- blast ------------------------------------------------------------------------------------- */

typedef struct {
    int fd;
    const char *buf; /* senders: the shared burst of 1024 x size bytes */
    size_t len;
    _Atomic uint64_t bytes; /* receivers: bytes read so far (written by the owner only) */
    pthread_t thread;
} Peer;

static atomic_int blast_stop;
static atomic_int blast_failed; /* errno (or -1 for an early EOF) of the first thread that failed */

static void *blast_send(void *arg)
{
    Peer *s = arg;
    size_t off = 0;
    while (!atomic_load_explicit(&blast_stop, memory_order_relaxed)) {
        const ssize_t w = write(s->fd, s->buf + off, s->len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            int none = 0;
            if (!atomic_load(&blast_stop))
                atomic_compare_exchange_strong(&blast_failed, &none, errno);
            break;
        }
        off += (size_t)w; /* a short write goes on from where it stopped: the byte stream is whole */
        if (off == s->len)
            off = 0;
    }
    return NULL;
}

static void *blast_receive(void *arg)
{
    Peer *r = arg;
    char *buf = malloc(RELAY_BUF);
    uint64_t total = 0;
    while (buf && !atomic_load_explicit(&blast_stop, memory_order_relaxed)) {
        const ssize_t n = read(r->fd, buf, RELAY_BUF);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            int none = 0;
            if (!atomic_load(&blast_stop))
                atomic_compare_exchange_strong(&blast_failed, &none, n == 0 ? -1 : errno);
            break;
        }
        total += (uint64_t)n;
        atomic_store_explicit(&r->bytes, total, memory_order_relaxed);
    }
    free(buf);
    return NULL;
}

static uint64_t blast_received(const Peer *receivers, uint64_t k)
{
    uint64_t sum = 0;
    for (uint64_t i = 0; i < k; ++i)
        sum += atomic_load_explicit(&receivers[i].bytes, memory_order_relaxed);
    return sum;
}

static void blast_check(void)
{
    const int f = atomic_load(&blast_failed);
    if (f == -1)
        fail(0, "a receiver's connection was closed by the relay");
    if (f)
        fail(f, "blast");
}

static int run_blast(const Opts *o)
{
    const uint64_t k = o->pairs;
    const size_t len = (size_t)o->size * 1024;
    char *burst = malloc(len);
    Peer *receivers = calloc(k, sizeof *receivers), *senders = calloc(k, sizeof *senders);
    if (!burst || !receivers || !senders)
        fail(ENOMEM, "blast buffers");
    memset(burst, 'x', len);
    /* Receiver i then sender i, each connect returned before the next: the relay pairs them in
     * that accept order. */
    for (uint64_t i = 0; i < k; ++i) {
        receivers[i].fd = connect_to(o);
        senders[i].fd = connect_to(o);
        senders[i].buf = burst;
        senders[i].len = len;
    }
    for (uint64_t i = 0; i < k; ++i) {
        int err = pthread_create(&receivers[i].thread, NULL, blast_receive, &receivers[i]);
        if (!err)
            err = pthread_create(&senders[i].thread, NULL, blast_send, &senders[i]);
        if (err)
            fail(err, "pthread_create");
    }
    peers_cpu_s(o); /* a --pid that cannot be read fails now */

    sleep_s(0.5); /* warm-up: connections at full speed, socket buffers grown */
    blast_check();
    const uint64_t b0 = blast_received(receivers, k);
    const double t0 = now_s(), cpu0 = self_cpu_s(), peer0 = peers_cpu_s(o);
    sleep_s(o->seconds);
    const uint64_t b1 = blast_received(receivers, k);
    const double t1 = now_s(), cpu1 = self_cpu_s(), peer1 = peers_cpu_s(o);
    blast_check();

    /* Stop: shutdown wakes the threads blocked in read or write. */
    atomic_store(&blast_stop, 1);
    for (uint64_t i = 0; i < k; ++i) {
        shutdown(receivers[i].fd, SHUT_RDWR);
        shutdown(senders[i].fd, SHUT_RDWR);
    }
    for (uint64_t i = 0; i < k; ++i) {
        pthread_join(receivers[i].thread, NULL);
        pthread_join(senders[i].thread, NULL);
        close(receivers[i].fd);
        close(senders[i].fd);
    }
    if (b1 == b0)
        fail(0, "nothing arrived in %.1f s: is the relay fresh (no connection waiting for a partner)?", t1 - t0);

    const double s = t1 - t0, bytes = (double)(b1 - b0);
    printf("RESULT bench=rawblast size=%llu pairs=%llu seconds=%.2f frames_per_s=%.0f gib_per_s=%.4f cpu_s=%.4f",
           (unsigned long long)o->size, (unsigned long long)k, s, bytes / (double)o->size / s,
           bytes / s / (double)(1u << 30), cpu1 - cpu0);
    if (o->npids)
        printf(" peer_cpu_s=%.4f", peer1 - peer0);
    printf("\n");
    fflush(stdout);
    free(burst);
    free(receivers);
    free(senders);
    return 0;
}

int main(int argc, char **argv)
{
    const Opts o = parse_args(argc, argv);
    signal(SIGPIPE, SIG_IGN); /* a peer gone is an EPIPE to handle, not a death */
    if (!strcmp(o.mode, "relay"))
        return run_relay(&o);
    if (!strcmp(o.mode, "echo"))
        return run_echo(&o);
    if (!strcmp(o.mode, "pingpong"))
        return run_pingpong(&o);
    return run_blast(&o);
}
