"""The Prometheus alert rules and the Grafana dashboard: promtool checks and unit-tests the rules,
and every expression of both names only metrics of the contract in docs/monitoring.md."""

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

HERE = Path(__file__).resolve().parent
RULES = ROOT / "packaging" / "prometheus" / "daffi-alerts.yml"
DASHBOARD = ROOT / "packaging" / "grafana" / "daffi-router.json"
CONTRACT = ROOT / "docs" / "monitoring.md"
ALERTS = {"DaffiFunctionWithoutProvider", "DaffiFunctionErrorRatioHigh", "DaffiMemberDroppedNotReading",
          "DaffiCallLatencyP99High"}

# Words of PromQL that are not metric names (functions are recognised by the "(" after them).
KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
            "offset", "inf", "nan"}


def contract_metrics():
    """{name: type} from the table under "## Metrics" in docs/monitoring.md."""
    section = CONTRACT.read_text().split("## Metrics", 1)[1]
    rows = re.findall(r"^\| `(daffi_\w+)` \| (\w+) \|", section, re.M)
    assert len(rows) >= 14, "the metrics table of docs/monitoring.md is missing or malformed"
    return dict(rows)


def series_names():
    names = set()
    for name, kind in contract_metrics().items():
        names |= {f"{name}_bucket", f"{name}_sum", f"{name}_count"} if kind == "histogram" else {name}
    return names


def metrics_in(expr):
    """The metric names an expression selects."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)                                # strings
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)  # label lists
    text = re.sub(r"\{[^}]*\}", " ", text)                                            # matchers
    text = re.sub(r"\[[^\]]*\]", " ", text)                                           # ranges
    words = [m for m in re.finditer(r"(?<![\w.$])[A-Za-z_:][\w:]*", text)
             if not re.match(r"\s*\(", text[m.end():])]                               # not functions
    return {m[0] for m in words if m[0].lower() not in KEYWORDS}


def grafana_to_promql(expr):
    """A dashboard query as Prometheus would receive it from Grafana."""
    return expr.replace("$__rate_interval", "5m").replace("$instance", ".*")


def dashboard_panels():
    def walk(panels):
        for p in panels:
            yield p
            yield from walk(p.get("panels", []))

    return list(walk(json.loads(DASHBOARD.read_text())["panels"]))


def run(*command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_promtool_checks_the_rules():
    assert "SUCCESS: 4 rules found" in run("promtool", "check", "rules", str(RULES))


def test_promtool_unit_tests_fire_and_hold_every_alert():
    tests = HERE / "daffi-alerts.test.yml"
    covered = set(re.findall(r"alertname: (\w+)", tests.read_text()))
    assert covered == ALERTS
    assert "SUCCESS" in run("promtool", "test", "rules", str(tests))


def test_rules_name_only_contract_metrics():
    rules = [r for g in yaml.safe_load(RULES.read_text())["groups"] for r in g["rules"]]
    assert {r["alert"] for r in rules} == ALERTS
    for rule in rules:
        names = metrics_in(rule["expr"])
        assert names and names <= series_names(), f"{rule['alert']}: {names - series_names()}"


def test_dashboard_queries_are_promql_over_contract_metrics(tmp_path):
    panels = [p for p in dashboard_panels() if p["type"] != "row"]
    assert len(panels) >= 10
    exprs = []
    for panel in panels:
        assert panel.get("targets"), f"panel {panel['title']!r} has no query"
        for target in panel["targets"]:
            names = metrics_in(target["expr"])
            assert names and names <= series_names(), f"{panel['title']!r}: {names - series_names()}"
            exprs.append(grafana_to_promql(target["expr"]))
    # Every metric of the contract is on the dashboard somewhere.
    shown = set().union(*(metrics_in(e) for e in exprs))
    assert {re.sub(r"_(bucket|sum|count)$", "", n) for n in shown} >= set(contract_metrics())
    # promtool parses each query, as the expression of a recording rule.
    rules = {"groups": [{"name": "dashboard", "rules": [{"record": f"dashboard:query{i}", "expr": e}
                                                         for i, e in enumerate(exprs)]}]}
    (tmp_path / "queries.yml").write_text(yaml.safe_dump(rules))
    assert f"SUCCESS: {len(exprs)} rules found" in run("promtool", "check", "rules", str(tmp_path / "queries.yml"))


def test_dashboard_variables_choose_data_source_and_router():
    dash = json.loads(DASHBOARD.read_text())
    variables = {v["name"]: v for v in dash["templating"]["list"]}
    assert variables["datasource"]["query"] == "prometheus"
    source = re.fullmatch(r"label_values\((\w+), instance\)", variables["instance"]["definition"])
    assert source and source[1] in series_names()
    assert all(p.get("datasource", {}).get("uid") == "${datasource}" for p in dashboard_panels() if p["type"] != "row")


@pytest.mark.parametrize("expr, names", [
    ('sum by (function, le) (rate(daffi_call_latency_seconds_bucket{instance=~"$instance"}[5m]))',
     {"daffi_call_latency_seconds_bucket"}),
    ("rate(a_total[5m]) / ignoring(x) b and on(y) c", {"a_total", "b", "c"}),
    ("time() - max(daffi_router_start_time_seconds)", {"daffi_router_start_time_seconds"}),
])
def test_metric_names_are_found_in_expressions(expr, names):
    assert metrics_in(expr) == names
