"""A join storm and a leave storm of reference daffi 3.0.1 workers through the router under test.

Our router coalesces the announcements of joins and leaves that arrive close together into one
write per member (core/node/announcements.h); a reference client must still be told of every
member and every departure exactly once, never of itself, and in the same order as every other
member is told.
"""

import json

from conftest import wait_until

N = 24


def _seen(worker, kind):
    return [line.split(" ", 1)[1] for line in list(worker.lines) if line.startswith(kind + " ")]


def _initial(worker):
    return json.loads(worker.wait_line(lambda line: line.startswith("MEMBERS ") and line[8:], 10, "MEMBERS"))


def test_every_member_sees_a_join_storm_whole_and_in_one_order(workers):
    names = [f"storm-{i:02d}" for i in range(N)]
    # Started all at once: their hellos reach the router within a few milliseconds.
    procs = dict(zip(names, workers.start(*names, extra=["--report-members"])))
    for name, w in procs.items():
        others = set(names) - {name}
        wait_until(lambda: others <= set(_initial(w)) | set(_seen(w, "ADDED")), 30,
                   f"{name} to know every other member of the storm")
    for name, w in procs.items():
        added = _seen(w, "ADDED")
        assert name not in added, f"{name} was told of its own join"
        assert len(added) == len(set(added)), f"{name} was told of a join twice: {added}"
    # Every member is told of the later joins in the router's one order.
    ordered = list(procs.items())
    for (na, a), (nb, b) in zip(ordered, ordered[1:]):
        x, y = _seen(a, "ADDED"), _seen(b, "ADDED")
        common = set(x) & set(y)
        x, y = [n for n in x if n in common], [n for n in y if n in common]
        assert x == y, f"{na} and {nb} were told of joins in different orders:\n{x}\n{y}"

    leaving = names[::3]
    for name in leaving:
        procs[name].signal(15)
    for name in set(names) - set(leaving):
        w = procs[name]
        wait_until(lambda: set(leaving) <= set(_seen(w, "REMOVED")), 30, f"{name} to be told of every leave")
        assert sorted(_seen(w, "REMOVED")) == sorted(leaving), f"{name}: {_seen(w, 'REMOVED')}"
