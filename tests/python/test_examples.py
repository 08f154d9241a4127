"""Runs every folder of examples/ the way its README says (servers first, then the client
scripts) on a free port (env DAFFI_EXAMPLE_PORT) and checks what the scripts print; the
long-running scripts must then stop cleanly on Ctrl+C (SIGINT, exit status 0)."""

import os
import re
import signal
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, free_port

EXAMPLES = ROOT / "examples"
READY = r"Ctrl\+C"

# folder -> steps; a step is (script, args, mode, [patterns the script must print]).
#   serve: long-running; started, waited for until it prints READY, stopped with SIGINT at the end
#   bg:    started, waited for until it prints its first pattern, must exit 0 by itself
#   run:   run to completion (exit 0)
# Patterns of serve/bg steps are checked after every run step has finished.
CASES = {
    "service/01_rpc": [
        ("1_service.py", [], "serve", [r"\[service\] add\(3, 4\)", r"\[service\] add\(10, 20\)"]),
        ("2_client.py", [], "run", [r"^add\(3, 4\) = 7$", r"^add\(10, 20\) = 30$"]),
    ],
    "service/02_cast": [
        ("1_service.py", [], "serve", [r"log: hello from the client"]),
        ("2_client.py", [], "run", [r"^  status-service: database: ok$", "cast_nowait sent"]),
    ],
    "service/03_class_callbacks": [
        ("1_service.py", [], "serve", [r"calls so far: 3"]),
        ("2_client.py", [], "run", [r"upper: +DAFFI MAKES REMOTE CALLS SIMPLE", r"reverse: +elpmis sllac",
                                    r"word_count: 5", r"reset\(\) is @local"]),
    ],
    "service/04_serde_pickle": [
        ("1_service.py", [], "serve", [r"paying order 17"]),
        ("2_client.py", [], "run", [r"type: +Order$", r"status: Status\.PAID", r"tags: +\['gift', 'paid-online'\]"]),
    ],
    "service/05_serde_json": [
        ("1_service.py", [], "serve", []),
        ("2_client.py", [], "run", [r"'count': 3", r"'best': 'ann'"]),
    ],
    "service/06_serde_opaque": [
        ("1_service.py", [], "serve", [r"checksum of 1048576 bytes"]),
        ("2_client.py", [], "run", [r"matches local sha256: True", r"shout: QUIET PLEASE"]),
    ],
    "service/07_serde_msgpack": [
        ("1_service.py", [], "serve", []),
        ("2_client.py", [], "run", [r"'name': 'Ada Lovelace'", r"'blob_size': 3", re.escape(r"b'\x03\x02\x01'")]),
    ],
    "service/08_unix_socket": [
        ("1_service.py", [], "serve", []),
        ("2_client.py", [], "run", [r"^pong 1$", r"1000 calls over the unix socket"]),
    ],
    "service/09_events": [
        ("1_service.py", [], "serve", [r"client joined: visitor", r"client left: visitor"]),
        ("2_client.py", [], "run", [r"^hello, visitor$"]),
    ],
    "service/10_stream": [
        ("1_service.py", [], "serve", []),
        ("2_client.py", [], "run", [r"after stream: +\{'chunks': 100, 'bytes': 6553600\}",
                                    r"after stream_nowait: \{'chunks': 200, 'bytes': 6656000\}"]),
    ],
    "service/11_tls": [
        ("1_service.py", [], "serve", []),
        ("2_client.py", [], "run", [r"^secret: only over TLS$"]),
    ],
    "service/12_errors_and_timeouts": [
        ("1_service.py", [], "serve", []),
        ("2_client.py", [], "run", [r"remote error: ZeroDivisionError: division by zero",
                                    r"timeout: gave up after 0\.[4-9]s \(limit 0\.5s\)",
                                    r"no receiver: nobody exposes no_such_function", r"divide\(1, 4\) = 0\.25"]),
    ],
    "router/01_rpc": [
        ("1_router.py", [], "serve", []),
        ("2_worker.py", ["worker-1"], "serve", [r"\[worker-1\] multiply\(6, 7\)"]),
        ("2_worker.py", ["worker-2"], "serve", [r"\[worker-2\] multiply"]),
        ("3_caller.py", [], "run", [r"round-robin: .*from worker-1", r"round-robin: .*from worker-2",
                                    r"pinned: +multiply\(6, 7\) = 42 \(from worker-1\)"]),
    ],
    "router/02_cast": [
        ("1_router.py", [], "serve", []),
        ("2_worker.py", [], "serve", [r"processing task-A", r"processing task-B"]),
        ("2_worker.py", [], "serve", [r"processing task-A", r"processing task-B"]),
        ("2_worker.py", [], "serve", [r"processing task-A", r"processing task-B"]),
        ("3_caller.py", [], "run", [r"^3 workers answered:$", r"task-A done by cast-worker-\d+", r"task-B sent"]),
    ],
    "router/03_bidirectional": [
        ("1_router.py", [], "serve", []),
        ("2_node_b.py", [], "serve", [r"^node-a says hi to node-b$"]),
        ("3_node_a.py", [], "run", [r"^node-b says hi to node-a$", r"node-a was greeted by: \['node-b'\]"]),
    ],
    "router/04_serde_pickle": [
        ("1_router.py", [], "serve", []),
        ("2_worker.py", [], "serve", []),
        ("3_caller.py", [], "run", [re.escape("rpc:  TaskResult(task_id=1, total=6, worker='pickle-worker')"),
                                    re.escape("cast: pickle-worker -> TaskResult(task_id=2, total=30, worker='pickle-worker')")]),
    ],
    "router/05_serde_json": [
        ("1_router.py", [], "serve", []),
        ("2_worker.py", [], "serve", []),
        ("3_caller.py", [], "run", [re.escape("{'worker': 'json-worker', 'keys': ['a', 'b'], 'size': 2}"),
                                    re.escape("{'json-worker': {'worker': 'json-worker', 'keys': ['x'], 'size': 1}}"),
                                    re.escape("worker notes: ['from rpc_nowait', 'from cast_nowait']")]),
    ],
    "router/06_serde_opaque": [
        ("1_router.py", [], "serve", []),
        ("2_worker.py", [], "serve", [r"stored 4096 bytes"]),
        ("3_caller.py", [], "run", [r"compressed 600000 -> \d+ bytes; round trip ok: True", r"cast_nowait: 4096"]),
    ],
    "router/07_serde_msgpack": [
        ("1_router.py", [], "serve", []),
        ("2_worker.py", [], "serve", []),
        ("3_caller.py", [], "run", [re.escape("{'worker': 'msgpack-worker', 'keys': ['a', 'b'], 'size': 2}"),
                                    re.escape("{'msgpack-worker': {'worker': 'msgpack-worker', 'keys': ['x'], 'size': 1}}"),
                                    re.escape("worker notes: ['from rpc_nowait', 'from cast_nowait']")]),
    ],
    "router/08_events": [
        ("1_router.py", [], "serve", []),
        ("2_worker.py", [], "serve", [r"\[events-worker\] joined: events-caller", r"\[events-worker\] left: events-caller"]),
        ("3_caller.py", [], "run", [r"^ping -> pong$"]),
    ],
    "router/09_wait_for_members": [
        ("1_router.py", [], "serve", []),
        ("3_caller.py", [], "bg", [r"waiting for calc-worker", r"calc-worker is here: square\(12\) = 144"]),
        ("2_worker.py", [], "serve", []),
    ],
    "router/10_unix_socket": [
        ("1_router.py", [], "serve", []),
        ("2_worker.py", [], "serve", []),
        ("3_caller.py", [], "run", [r"^worker runs on: \S+"]),
    ],
    "router/11_tls": [
        ("1_router.py", [], "serve", []),
        ("2_worker.py", [], "serve", []),
        ("3_caller.py", [], "run", [r"^vault: 0000$"]),
    ],
}


def test_every_example_folder_is_covered():
    folders = {f"{p.parent.parent.name}/{p.parent.name}" for p in EXAMPLES.glob("*/*/1_*.py")}
    assert folders == set(CASES), f"examples without a test: {folders - set(CASES)}; " \
                                  f"tests without an example: {set(CASES) - folders}"


def test_default_ports_are_documented_and_distinct():
    readme = (EXAMPLES / "README.md").read_text()
    seen = {}
    for folder in CASES:
        ports = set()
        for script in (EXAMPLES / folder).glob("*.py"):
            ports |= set(re.findall(r'DAFFI_EXAMPLE_PORT", (\d+)\)', script.read_text()))
        if not ports:
            continue  # unix socket examples
        assert len(ports) == 1, f"{folder}: scripts disagree on the default port {ports}"
        port = ports.pop()
        assert port not in seen, f"{folder} and {seen.get(port)} share port {port}"
        seen[port] = folder
        assert f"| {folder.split('/')[1]} | {port} |" in readme, f"{folder}: port {port} not in README"


@pytest.mark.parametrize("folder", list(CASES))
def test_example(folder, spawn):
    with tempfile.TemporaryDirectory(prefix="dqx-") as sock_dir:
        env = {"DAFFI_EXAMPLE_PORT": str(free_port()), "DAFFI_EXAMPLE_SOCK": os.path.join(sock_dir, "ex.sock")}
        servers, checks = [], []
        for i, (script, args, mode, patterns) in enumerate(CASES[folder]):
            argv = [sys.executable, EXAMPLES / folder / script, *args]
            proc = spawn.run(argv, f"{folder.replace('/', '_')}-{i}-{script}", env=env)
            if mode == "serve":
                proc.wait_line(READY, timeout=20)
                servers.append(proc)
                checks.append((proc, patterns))
            elif mode == "bg":
                proc.wait_line(patterns[0], timeout=20)
                checks.append((proc, patterns))
            else:
                code = proc.wait(40)
                assert code == 0, f"{script} exited {code}\n{proc.output()}\n{proc.stderr()[-3000:]}"
                for pattern in patterns:
                    assert re.search(pattern, proc.output(), re.M), \
                        f"{script}: no line matching {pattern!r} in:\n{proc.output()}\n{proc.stderr()[-3000:]}"
        for proc, patterns in checks:
            for pattern in patterns:
                proc.wait_line(pattern, timeout=15)
        for proc, _ in checks:
            if proc not in servers:
                assert proc.wait(20) == 0, proc.stderr()[-3000:]
        for proc in reversed(servers):  # Ctrl+C, last started first
            proc.signal(signal.SIGINT)
            code = proc.wait(10)
            assert code == 0, f"{proc.label} exited {code} on Ctrl+C\n{proc.stderr()[-3000:]}"
            assert "Traceback" not in proc.stderr(), proc.stderr()[-3000:]
