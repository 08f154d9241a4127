"""Our Python package against the reference, style by style: peers/styles.py runs every call style
(rpc, rpc_nowait with its batches, cast, cast_nowait, stream, stream_nowait) with the sync and the
asyncio client, once with our package and once with the reference daffi 3.0.1, against the same
router and reference workers. Both must observe what DOCUMENTED says. Where the reference does
not, because of a documented bug or a deliberate difference of ours, DEVIATIONS names it and the
reference's case is an expected failure with that reason (strict: it fails the run the day the
reference behaves as documented)."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from conftest import PEERS, ROOT, Procs, Workers, start_network

OURS = Path(os.environ.get("DAFFI_PYTHON") or ROOT / "build" / "python")
WORKERS = ("w1", "w2")
APIS = ("sync", "aio")
TF = {"raised": "TransmissionFailure"}

DOCUMENTED = {
    "rpc": {
        "value": 7,
        "kwargs": {"args": [1], "kwargs": {"k": "v"}, "types": ["int"]},
        "round_robin": {"w1": 2, "w2": 2},
        "pinned": "w2",
        "remote_error": {"raised": "ValueError"},   # a RemoteCallError subclass named after it
        "no_receiver": TF,
    },
    "rpc_nowait": {
        "returns": None,
        "batch_tuples": None,
        "batch_lists": None,
        "batch_spread": None,
        "batch_scalars": None,
        "no_receiver": TF,
        # one call per batch element, each element the call's arguments
        "arrived": ["n-single", "n-t0", "n-t1", "n-t2", "n-l0", "n-l1", "n-l2", "n-s0", "n-s1", "n-s2"],
        "spread": {"w1": 2, "w2": 2},   # each element of an unpinned batch goes round-robin
    },
    "cast": {
        "all": {"w1": "w1", "w2": "w2"},
        "receivers": {"w1": 3},
        "remote_errors": {"w1": "ValueError", "w2": "ValueError"},
        "no_receiver": TF,
    },
    "cast_nowait": {
        "returns": None,
        "no_receiver": TF,
        "arrived": {"w1": ["c"], "w2": ["c"]},
    },
}
for _style in ("stream", "stream_nowait"):
    DOCUMENTED[_style] = {
        "returns": None,
        "no_receiver": TF,
        "pinned": {"w1": 0, "w2": 4},
        # receiver None: one worker, picked round-robin, gets the whole stream (PYTHON_API.md)
        "unpinned": {"chunks_per_worker": [[0, 10], [0, 10]], "next_stream_elsewhere": True},
    }

_SPREAD = ("daffi 3.0.1 round-robins every chunk, so one stream's 10 chunks are spread over the "
           "two workers (5 and 5) instead of going to one (documented bug)")
DEVIATIONS = {
    ("stream", "unpinned"): _SPREAD,
    ("stream_nowait", "unpinned"): _SPREAD,
    # Ours takes a batch element that is not a tuple or list as the call's one argument.
    ("rpc_nowait", "arrived"): "daffi 3.0.1 unpacks every batch element as the call's arguments: a "
                               "str element becomes one argument per character, so record() fails "
                               "at the worker and a batch of strings never arrives",
}


@pytest.fixture(scope="module")
def outcomes(router_kind, tmp_path_factory):
    """{(package, api): outcomes}, each run once, against one router and two reference workers."""
    if not (OURS / "daffi" / "__init__.py").is_file():
        pytest.fail(f"our package is missing: no {OURS}/daffi (build it, or point DAFFI_PYTHON at the "
                    f"folder that holds daffi/).", pytrace=False)
    procs = Procs(tmp_path_factory.mktemp("styles"))
    try:
        network = start_network(router_kind, procs)
        Workers(network, procs).start(*WORKERS)
        runs = {}

        def run(package, api):
            if (package, api) not in runs:
                runs[package, api] = _run(network, package, api)
            return runs[package, api]

        yield run
    finally:
        procs.stop_all()


def _run(network, package, api):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if package == "ours":
        env["PYTHONPATH"] = str(OURS)
    token = uuid.uuid4().hex[:12]
    argv = [sys.executable, str(PEERS / "styles.py"), "--api", api, "--host", network.host,
            "--port", str(network.port), "--workers", ",".join(WORKERS), "--token", token]
    done = subprocess.run(argv, env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=45)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    # pytest.fail, not assert: a broken run must not pass for an expected deviation
    if done.returncode != 0 or not lines:
        pytest.fail(f"styles.py ({package}, {api}) exited {done.returncode}\nstdout: {done.stdout[-2000:]}\n"
                    f"stderr: {done.stderr[-3000:]}", pytrace=False)
    report = json.loads(lines[-1])
    if Path(report["daffi"]).resolve().is_relative_to(OURS.resolve()) != (package == "ours"):
        pytest.fail(f"the {package} run imported daffi from {report['daffi']}", pytrace=False)
    return _without_token(report["outcomes"], f"{token}-")


def _without_token(value, prefix):
    if isinstance(value, dict):
        return {k: _without_token(v, prefix) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_token(v, prefix) for v in value]
    if isinstance(value, str) and value.startswith(prefix):
        return value[len(prefix):]
    return value


def _cases(deviating):
    for style, expected in DOCUMENTED.items():
        for key in expected:
            reason = DEVIATIONS.get((style, key))
            if (reason is not None) != deviating:
                continue
            for api in APIS:
                for package in ("ours", "reference"):
                    marks = []
                    if reason and package == "reference":
                        marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)]
                    yield pytest.param(style, key, api, package, marks=marks, id=f"{style}-{key}-{api}-{package}")


@pytest.mark.parametrize("style", list(DOCUMENTED))
@pytest.mark.parametrize("api", APIS)
def test_style_behaves_as_the_reference(outcomes, style, api):
    ours, reference = outcomes("ours", api)[style], outcomes("reference", api)[style]
    same = [key for key in DOCUMENTED[style] if (style, key) not in DEVIATIONS]
    assert {k: ours[k] for k in same} == {k: DOCUMENTED[style][k] for k in same}
    assert {k: reference[k] for k in same} == {k: ours[k] for k in same}


@pytest.mark.parametrize("style, key, api, package", list(_cases(deviating=True)))
def test_documented_where_the_reference_deviates(outcomes, style, key, api, package):
    assert outcomes(package, api)[style][key] == DOCUMENTED[style][key]
