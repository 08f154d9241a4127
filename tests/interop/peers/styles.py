"""Every call style once, through whichever `daffi` package this interpreter imports (ours when
build/python is on PYTHONPATH, the reference from the venv otherwise), with the sync or the
asyncio client. Prints what it observed as one JSON line, for test_style_outcomes.py to compare.

The workers are peers/worker.py processes named by --workers (two); values carry --token, so
that what earlier runs left in the workers is told apart.

Usage: styles.py --api sync|aio --host H --port P --workers w1,w2 --token T
"""

import argparse
import asyncio
import json
import os
import signal
from collections import Counter

import daffi

T = 10  # per call (s): a lost message fails as CallTimeout instead of hanging


def failure(exc):
    return type(exc).__name__


async def attempt(done, thunk):
    """The value, or the name of the exception, of one call."""
    try:
        return await done(thunk())
    except Exception as exc:  # noqa: BLE001 - the exception class is the observation
        return {"raised": failure(exc)}


async def observe(conn, done, workers, token):
    w1, w2 = workers
    out = {}

    async def recorded(worker, prefix):
        values = await done(conn.rpc(timeout=T, receiver=worker).recorded())
        return [v for v in values if isinstance(v, str) and v.startswith(f"{token}-{prefix}")]

    async def chunks_by_worker(prefix):
        return {w: len([c for c in await done(conn.rpc(timeout=T, receiver=w).chunks())
                        if isinstance(c, str) and c.startswith(f"{token}-{prefix}")]) for w in workers}

    answered = [await done(conn.rpc(timeout=T).whoami()) for _ in range(4)]
    out["rpc"] = {
        "value": await done(conn.rpc(timeout=T).add(3, 4)),
        "kwargs": await done(conn.rpc(timeout=T).describe(1, k="v")),
        "round_robin": dict(sorted(Counter(answered).items())),
        "pinned": await done(conn.rpc(timeout=T, receiver=w2).whoami()),
        "remote_error": await attempt(done, lambda: conn.rpc(timeout=T).boom()),
        "no_receiver": await attempt(done, lambda: conn.rpc(timeout=T).no_such_function(1)),
    }

    nowait = conn.rpc_nowait(receiver=w1)
    out["rpc_nowait"] = {
        "returns": await done(nowait.record(f"{token}-n-single")),
        "batch_tuples": await attempt(done, lambda: nowait.record([(f"{token}-n-t{i}",) for i in range(3)])),
        "batch_lists": await attempt(done, lambda: nowait.record([[f"{token}-n-l{i}"] for i in range(3)])),
        "batch_spread": await attempt(done, lambda: conn.rpc_nowait().record(
            [(f"{token}-u{i}",) for i in range(4)])),
        "batch_scalars": await attempt(done, lambda: nowait.record([f"{token}-n-s{i}" for i in range(3)])),
        "no_receiver": await attempt(done, lambda: conn.rpc_nowait().no_such_function(1)),
    }
    # Answered after the nowait calls: one worker runs its calls in the order they arrived.
    out["rpc_nowait"]["arrived"] = await recorded(w1, "n-")
    out["rpc_nowait"]["spread"] = {w: len(await recorded(w, "u")) for w in workers}

    out["cast"] = {
        "all": await done(conn.cast(timeout=T).whoami()),
        "receivers": await done(conn.cast(timeout=T, receiver=[w1]).add(1, 2)),
        "remote_errors": {w: failure(e) for w, e in (await done(conn.cast(timeout=T).boom())).items()},
        "no_receiver": await attempt(done, lambda: conn.cast(timeout=T).no_such_function(1)),
    }

    out["cast_nowait"] = {
        "returns": await done(conn.cast_nowait().record(f"{token}-c")),
        "no_receiver": await attempt(done, lambda: conn.cast_nowait().no_such_function(1)),
    }
    out["cast_nowait"]["arrived"] = {w: await recorded(w, "c") for w in workers}

    for style in ("stream", "stream_nowait"):
        prefix = "s" if style == "stream" else "z"
        proxy = getattr(conn, style)
        returns = await done(proxy().chunk([f"{token}-{prefix}1-{i}" for i in range(10)]))
        await done(proxy().chunk(f"{token}-{prefix}2-{i}" for i in range(10)))
        await done(proxy(receiver=w2).chunk([f"{token}-{prefix}p-{i}" for i in range(4)]))
        no_receiver = await attempt(done, lambda: proxy().no_such_function([b"x"]))
        # asked after the chunks, so the nowait ones are in: one worker runs its calls in order
        first, second = await chunks_by_worker(f"{prefix}1"), await chunks_by_worker(f"{prefix}2")
        out[style] = {
            "returns": returns,
            "no_receiver": no_receiver,
            "pinned": await chunks_by_worker(f"{prefix}p"),
            "unpinned": {
                "chunks_per_worker": [sorted(first.values()), sorted(second.values())],
                "next_stream_elsewhere": max(first, key=first.get) != max(second, key=second.get),
            },
        }
    return out


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--api", choices=("sync", "aio"), required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--workers", required=True)
    p.add_argument("--token", required=True)
    a = p.parse_args()
    workers = a.workers.split(",")
    name = f"styles-{a.api}-{a.token}"

    if a.api == "sync":
        from daffi import Client

        client = Client(app_name=name, host=a.host, port=a.port)
        conn = client.connect()

        async def done(value):
            return value
    else:
        from daffi.aio import AsyncClient

        client = AsyncClient(app_name=name, host=a.host, port=a.port)
        conn = await client.connect()

        async def done(value):
            return await value

    await done(conn.wait_for_members(*workers, timeout=T, interval=0.05))
    outcomes = await observe(conn, done, workers, a.token)
    print(json.dumps({"daffi": os.path.dirname(daffi.__file__), "outcomes": outcomes}), flush=True)
    # The reference's native layer turns SIGTERM into exit(0); stop() ends our client.
    await done(client.stop())


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    asyncio.run(main())
