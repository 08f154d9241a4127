"""Python benchmarks P1-P4, P7 (and the reference's P6 equivalent) for bench/run.sh.

Runs unchanged under our package (PYTHONPATH=<build>/python) and under the reference daffi 3.0.1
(build/venv-ref): both expose the same API. Servers and workers are subprocesses of this script
started with the same interpreter and environment. Prints "RESULT key=value ..." lines; it never
judges the numbers.

  pybench.py p1 --calls N          Client -> Service, sequential rpc, PICKLE and OPAQUE, ~2.6 KB
  pybench.py p2 --calls N          the same through a Router to one worker
  pybench.py p3 --callers C --calls N   C concurrent callers through a Router (asyncio when the
                                   package has daffi.aio, else one thread per caller)
  pybench.py p4 --rounds N         OPAQUE echo of 1, 8, 28 MiB through a Router, GiB/s
  pybench.py p4 --unix --rounds N  the same over a Unix socket
  pybench.py p6 --calls N          sequential 16-byte OPAQUE rpc through a Router, p50/p99 us
  pybench.py p7 --workers W --calls N   cast to W workers vs one rpc, p50 latency
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROUTER_CPU = os.environ.get("BENCH_ROUTER_CPU")   # pin the router process (taskset) when set


def address(port, unix=None):
    """The keyword arguments that reach the router: TCP on 127.0.0.1, or the Unix socket `unix`.
    Ours takes unix_sock_path; the reference 3.0.1 never passes it on and reaches a path given
    as host instead (PYTHON_API.md section 1.13)."""
    if not unix:
        return {"host": "127.0.0.1", "port": port}
    import importlib.util
    if importlib.util.find_spec("daffi._native") is not None:   # ours
        return {"unix_sock_path": unix}
    return {"host": unix, "port": 0}


class Cost:
    """What a measured window cost the processes of a benchmark (this one and the `pids` it
    names), all their threads: CPU seconds (user + system, /proc/PID/stat) and voluntary context
    switches (/proc/PID/task/*/status: each is a thread that went to sleep because it had nothing
    to do, so each is a wake-up it needed later). Sampled around the timed calls only; a thread
    that ends inside the window takes its switches with it (the benchmarks' threads live
    throughout)."""

    def __init__(self, pids):
        self.pids = [os.getpid()] + [p for p in pids if p]
        self.start = self.sample()

    def sample(self):
        cpu, switches = 0.0, 0
        tick = os.sysconf("SC_CLK_TCK")
        for pid in self.pids:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()   # the name may hold spaces
            cpu += (int(fields[11]) + int(fields[12])) / tick   # utime, stime
            for task in os.listdir(f"/proc/{pid}/task"):
                try:
                    with open(f"/proc/{pid}/task/{task}/status") as f:
                        switches += next(int(ln.split()[1]) for ln in f if ln.startswith("voluntary_ctxt_switches"))
                except (OSError, StopIteration):
                    pass   # a thread that ended meanwhile
        return cpu, switches

    def fields(self, calls):
        """RESULT fields for `calls` calls (or frames) since the start."""
        cpu, switches = self.sample()
        cpu -= self.start[0]
        switches -= self.start[1]
        per_cpu = f"{calls / cpu:.0f}" if cpu > 0 else "inf"
        return f"cpu_s={cpu:.2f} calls_per_cpu_s={per_cpu} wakeups_per_call={switches / calls:.2f}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def record():
    """A nested order record of ~2.6 KB, like the reference's tests/perf/data.json."""
    items = [{"sku": f"SKU-{i:05d}", "name": f"item number {i}", "qty": i % 7 + 1, "price": 9.99 + i,
              "tags": ["alpha", "beta", "gamma"], "dims": {"w": 1.5 * i, "h": 2.0, "d": 0.25}}
             for i in range(12)]
    return {"order_id": 123456789, "customer": {"id": 42, "name": "Ada Lovelace", "email": "ada@example.org",
                                                "address": {"street": "12 Analytical Way", "city": "London",
                                                            "zip": "N1 9GU", "country": "UK"}},
            "items": items, "notes": "deliver between 9 and 5; ring twice", "paid": True}


# ---- server side (subprocesses) -------------------------------------------------------------

def serve(kind, port, name, workers, use_async, unix=None):
    from daffi import callback

    if use_async:
        @callback
        async def echo(x):
            return x
    else:
        @callback
        def echo(x):
            return x

    if kind == "router":
        from daffi import Router
        node = Router(**address(port, unix))
        node.start()
    elif kind == "service":
        from daffi import Service
        node = Service(workers=workers, **address(port, unix))
        node.start()
    elif use_async:
        import asyncio
        from daffi.aio import AsyncClient

        async def main():
            client = AsyncClient(app_name=name, workers=workers, **address(port, unix))
            await client.connect()
            print("READY", flush=True)
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
            await client.stop()

        asyncio.run(main())
        return
    else:
        from daffi import Client
        node = Client(app_name=name, workers=workers, **address(port, unix))
        node.connect()
    print("READY", flush=True)
    sys.stdin.read()   # exits when the parent closes our stdin
    node.stop()


class Peers:
    """Subprocess servers and workers, terminated on exit."""

    def __init__(self):
        self.procs = []

    def start(self, kind, port, name="", workers=1, use_async=False, pin=None, unix=None):
        cmd = [sys.executable, os.path.abspath(__file__), "serve", kind, "--port", str(port),
               "--name", name, "--workers", str(workers)] + (["--async"] if use_async else []) \
            + (["--unix", unix] if unix else [])
        if pin is not None:
            cmd = ["taskset", "-c", pin] + cmd
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.procs.append(p)
        line = p.stdout.readline()
        if not line.startswith("READY"):
            raise RuntimeError(f"{kind} {name} did not start: {line!r}")
        return p

    def pids(self):
        return [p.pid for p in self.procs]   # taskset execs the command: the same process

    def close(self):
        for p in self.procs:
            try:
                p.stdin.close()
            except Exception:
                pass
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def connect(port, name, unix=None):
    from daffi import Client
    client = Client(app_name=name, **address(port, unix))
    return client, client.connect()


def wait_members(conn, names, timeout=20):
    conn.wait_for_members(*names, timeout=timeout, interval=0.05)   # raises TimeoutError


def sequential(conn, serde, payload, calls, pids):
    """calls/s of sequential rpc, and the Cost fields of the timed calls."""
    proxy = conn.rpc(timeout=30, serde=serde)
    for _ in range(20):
        proxy.echo(payload)
    cost = Cost(pids)
    t0 = time.perf_counter()
    for _ in range(calls):
        proxy.echo(payload)
    rate = calls / (time.perf_counter() - t0)
    return rate, cost.fields(calls)


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


# ---- benchmarks ---------------------------------------------------------------------------

def bench_p1_p2(args, through_router):
    from daffi import SerdeFormat
    port = free_port()
    data = record()
    with Peers() as peers:
        if through_router:
            peers.start("router", port, pin=ROUTER_CPU)
            peers.start("worker", port, name="bench-worker")
        else:
            peers.start("service", port)
        client, conn = connect(port, "bench-caller")
        if through_router:
            wait_members(conn, ["bench-worker"])
        try:
            for serde, payload in (("PICKLE", data), ("OPAQUE", json.dumps(data).encode())):
                rate, cost = sequential(conn, getattr(SerdeFormat, serde), payload, args.calls, peers.pids())
                print(f"RESULT bench={'P2' if through_router else 'P1'} serde={serde} calls_per_s={rate:.0f} "
                      f"calls={args.calls} bytes={len(json.dumps(data))} {cost}", flush=True)
        finally:
            client.stop()


def bench_p3(args):
    try:
        import daffi.aio  # noqa: F401
        use_async = True
    except ImportError:
        use_async = False
    port = free_port()
    payload = {"x": 42, "msg": "hello"}
    with Peers() as peers:
        peers.start("router", port, pin=ROUTER_CPU)
        peers.start("worker", port, name="bench-worker", workers=args.callers, use_async=use_async)
        if use_async:
            rate, cost = p3_async(port, payload, args, peers.pids())
        else:
            rate, cost = p3_threads(port, payload, args, peers.pids())
    print(f"RESULT bench=P3 mode={'asyncio' if use_async else 'threads'} calls_per_s={rate:.0f} "
          f"callers={args.callers} calls={args.calls} {cost}", flush=True)


def p3_async(port, payload, args, pids):
    import asyncio
    from daffi.aio import AsyncClient

    async def main():
        client = AsyncClient(app_name="bench-caller", host="127.0.0.1", port=port)
        conn = await client.connect()
        await conn.wait_for_members("bench-worker", timeout=20, interval=0.05)

        async def caller():
            proxy = conn.rpc(timeout=60)
            for _ in range(3):
                await proxy.echo(payload)
            await barrier.wait()
            for _ in range(args.calls):
                await proxy.echo(payload)

        barrier = asyncio.Barrier(args.callers + 1)
        tasks = [asyncio.create_task(caller()) for _ in range(args.callers)]
        await barrier.wait()
        cost = Cost(pids)
        t0 = time.perf_counter()
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - t0
        fields = cost.fields(args.callers * args.calls)
        await client.stop()
        return args.callers * args.calls / elapsed, fields

    return asyncio.run(main())


def p3_threads(port, payload, args, pids):
    client, conn = connect(port, "bench-caller")
    wait_members(conn, ["bench-worker"])
    barrier = threading.Barrier(args.callers + 1)
    errors = []

    def caller():
        try:
            proxy = conn.rpc(timeout=60)
            for _ in range(3):
                proxy.echo(payload)
            barrier.wait()
            for _ in range(args.calls):
                proxy.echo(payload)
        except Exception as exc:  # reported, not raised: a thread cannot fail the run
            errors.append(exc)

    threads = [threading.Thread(target=caller) for _ in range(args.callers)]
    for t in threads:
        t.start()
    barrier.wait()
    cost = Cost(pids)
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    fields = cost.fields(args.callers * args.calls)
    client.stop()
    if errors:
        raise RuntimeError(f"{len(errors)} callers failed: {errors[0]!r}")
    return args.callers * args.calls / elapsed, fields


def bench_p4(args):
    from daffi import SerdeFormat
    port = free_port()
    # Short: the reference takes a socket path of at most 26 bytes.
    unix = f"/tmp/dqp4-{os.getpid()}.s" if args.unix else None
    with Peers() as peers:
        peers.start("router", port, pin=ROUTER_CPU, unix=unix)
        peers.start("worker", port, name="bench-worker", unix=unix)
        client, conn = connect(port, "bench-caller", unix=unix)
        wait_members(conn, ["bench-worker"])
        try:
            proxy = conn.rpc(timeout=120, serde=SerdeFormat.OPAQUE)
            for mib in (1, 8, 28):
                payload = bytes(mib << 20)
                for _ in range(2):
                    proxy.echo(payload)
                cost = Cost(peers.pids())
                t0 = time.perf_counter()
                for _ in range(args.rounds):
                    proxy.echo(payload)
                rtt = (time.perf_counter() - t0) / args.rounds
                gib_s = 2 * len(payload) / rtt / (1 << 30)
                print(f"RESULT bench={'P4U' if unix else 'P4'} mib={mib} gib_per_s={gib_s:.3f} "
                      f"rtt_ms={rtt * 1e3:.2f} rounds={args.rounds} {cost.fields(args.rounds)}", flush=True)
        finally:
            client.stop()
    if unix and os.path.exists(unix):
        os.unlink(unix)


def bench_p6(args):
    from daffi import SerdeFormat
    port = free_port()
    with Peers() as peers:
        peers.start("router", port, pin=ROUTER_CPU)
        peers.start("worker", port, name="bench-worker")
        client, conn = connect(port, "bench-caller")
        wait_members(conn, ["bench-worker"])
        try:
            proxy = conn.rpc(timeout=30, serde=SerdeFormat.OPAQUE)
            payload = b"x" * 16
            for _ in range(200):
                proxy.echo(payload)
            us = []
            cost = Cost(peers.pids())
            for _ in range(args.calls):
                t0 = time.perf_counter()
                proxy.echo(payload)
                us.append((time.perf_counter() - t0) * 1e6)
            print(f"RESULT bench=P6 p50_us={percentile(us, 0.5):.1f} p99_us={percentile(us, 0.99):.1f} "
                  f"calls={args.calls} {cost.fields(args.calls)}", flush=True)
        finally:
            client.stop()


def bench_p7(args):
    from daffi import SerdeFormat
    port = free_port()
    names = [f"bench-worker-{i}" for i in range(args.workers)]
    with Peers() as peers:
        peers.start("router", port, pin=ROUTER_CPU)
        for name in names:
            peers.start("worker", port, name=name)
        client, conn = connect(port, "bench-caller")
        wait_members(conn, names)
        try:
            payload = b"x" * 16
            cast = conn.cast(timeout=30, serde=SerdeFormat.OPAQUE)
            rpc = conn.rpc(timeout=30, serde=SerdeFormat.OPAQUE, receiver=names[0])
            for _ in range(20):
                answers = cast.echo(payload)
                rpc.echo(payload)
            if len(answers) != args.workers:
                raise RuntimeError(f"cast answered by {len(answers)} of {args.workers} workers")
            cast_us, rpc_us = [], []
            cost = Cost(peers.pids())
            for _ in range(args.calls):   # interleaved so both see the same machine
                t0 = time.perf_counter()
                cast.echo(payload)
                t1 = time.perf_counter()
                rpc.echo(payload)
                t2 = time.perf_counter()
                cast_us.append((t1 - t0) * 1e6)
                rpc_us.append((t2 - t1) * 1e6)
            c50, r50 = percentile(cast_us, 0.5), percentile(rpc_us, 0.5)
            print(f"RESULT bench=P7 cast_p50_us={c50:.1f} rpc_p50_us={r50:.1f} cast_over_rpc={c50 / r50:.2f} "
                  f"workers={args.workers} calls={args.calls} {cost.fields(2 * args.calls)}", flush=True)
        finally:
            client.stop()


def bench_absorb(args):
    """A client that joined first waits until it sees `--count` members of a storm (run
    `daffi-bench-native storm` beside it after READY): seconds from READY, CPU and RSS growth."""
    import resource

    def rss_kib():
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))

    client, conn = connect(args.port, "py-absorber")
    names = [f"storm-{i}" for i in range(args.count)]
    rss0 = rss_kib()
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    print("READY", flush=True)
    t0 = time.perf_counter()
    conn.wait_for_members(*names, timeout=600, interval=0.05)
    seconds = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_SELF)
    cpu = ru.ru_utime + ru.ru_stime - ru0.ru_utime - ru0.ru_stime
    grown = rss_kib() - rss0
    print(f"RESULT bench=absorb members={args.count} seconds={seconds:.2f} cpu_s={cpu:.2f} "
          f"rss_growth_kib={grown} bytes_per_member={grown * 1024 / args.count:.0f}", flush=True)
    sys.stdin.read()   # a member until stdin closes (leaving now would be announced to the storm)
    client.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what")
    parser.add_argument("kind", nargs="?")
    parser.add_argument("--port", type=int)
    parser.add_argument("--name", default="")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--async", dest="use_async", action="store_true")
    parser.add_argument("--calls", type=int, default=10000)
    parser.add_argument("--callers", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--unix", nargs="?", const=True, default=None,
                        help="p4: over a Unix socket; serve: the socket's path")
    args = parser.parse_args()
    if args.what == "serve":
        serve(args.kind, args.port, args.name, args.workers, args.use_async, args.unix)
        return
    {"p1": lambda: bench_p1_p2(args, False), "p2": lambda: bench_p1_p2(args, True), "p3": lambda: bench_p3(args),
     "p4": lambda: bench_p4(args), "p6": lambda: bench_p6(args), "p7": lambda: bench_p7(args),
     "absorb": lambda: bench_absorb(args)}[args.what]()


if __name__ == "__main__":
    main()
