"""Router(monitor_port=N): the same monitor API as daffi-router (docs/monitor-api.md), from Python."""

import json
import urllib.request

import pytest
from daffi import Router
from conftest import HOST, uid, wait_until


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read()) if r.headers.get_content_type() == "application/json" else r.read()


def test_router_serves_the_monitor_api(nodes):
    router = nodes.router(monitor_port=0)
    assert router.monitor_url.startswith("http://127.0.0.1:")
    worker_name = uid("worker")
    nodes.connect(router.port, worker_name)
    _, conn = nodes.connect(router.port, uid("caller"))
    conn.wait_for_members(worker_name, timeout=10)
    assert conn.rpc(timeout=10, receiver=worker_name).add(2, 3) == 5

    members = {m["name"]: m for m in get(router.monitor_url + "/api/v1/members")["members"]}
    assert members[worker_name]["calls_in"] == 1 and members[worker_name]["transport"] == "tcp"
    add = [f for f in get(router.monitor_url + "/api/v1/functions")["functions"] if f["name"] == "add"][0]
    assert add["calls"] == 1 and add["latency"]["1m"]["count"] == 1
    assert b'daffi_calls_total{function="add"} 1' in get(router.monitor_url + "/metrics")
    router.stop()
    with pytest.raises(OSError):
        get(router.monitor_url + "/healthz")


def test_no_monitor_unless_asked(nodes):
    assert nodes.router().monitor_url is None


def test_monitor_port_in_use_is_a_clear_error(nodes):
    first = nodes.router(monitor_port=0)
    port = int(first.monitor_url.rsplit(":", 1)[1])
    with pytest.raises(RuntimeError, match="already in use"):
        nodes.router(monitor_port=port)
