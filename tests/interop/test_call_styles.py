"""The six call styles of the reference client, through the router under test, against reference
workers: rpc, rpc_nowait, cast, cast_nowait, stream, stream_nowait."""

from collections import Counter

from daffi import SerdeFormat

from conftest import call_within

T = 10  # call timeout (s): generous, so a lost message fails as CallTimeout instead of hanging


def test_rpc_round_robins_over_two_workers(workers, make_caller):
    workers.start("w1", "w2")
    caller = make_caller()
    caller.conn.wait_for_members("w1", "w2", timeout=10, interval=0.05)

    answers = [caller.conn.rpc(timeout=T).whoami() for _ in range(6)]

    assert Counter(answers) == {"w1": 3, "w2": 3}, answers
    assert all(a != b for a, b in zip(answers, answers[1:])), f"not alternating: {answers}"
    assert caller.conn.rpc(timeout=T).add(20, 22) == 42


def test_rpc_pinned_by_receiver(workers, make_caller):
    workers.start("w1", "w2")
    caller = make_caller()
    caller.conn.wait_for_members("w1", "w2", timeout=10, interval=0.05)

    assert [caller.conn.rpc(timeout=T, receiver="w2").whoami() for _ in range(4)] == ["w2"] * 4
    assert [caller.conn.rpc(timeout=T, receiver="w1").whoami() for _ in range(4)] == ["w1"] * 4


def test_rpc_kwargs_and_many_sequential_calls(workers, make_caller):
    workers.start("w1")
    caller = make_caller()
    rpc = caller.conn.rpc(timeout=T, receiver="w1")
    assert [rpc.add(a=i, b=1) for i in range(200)] == [i + 1 for i in range(200)]


def test_rpc_nowait_is_observed_by_the_worker(workers, make_caller):
    workers.start("w1")
    caller = make_caller()

    assert caller.conn.rpc_nowait(receiver="w1").record("first") is None
    caller.conn.rpc_nowait(receiver="w1").record({"n": 2})
    caller.conn.rpc_nowait(receiver="w1", serde=SerdeFormat.JSON).record("third")

    # Same caller connection and one callback thread at the worker: FIFO, so the query sees all.
    assert caller.conn.rpc(timeout=T, receiver="w1").recorded() == ["first", {"n": 2}, "third"]


def test_cast_returns_one_result_per_worker(workers, make_caller):
    workers.start("w1", "w2", "w3")
    caller = make_caller()
    caller.conn.wait_for_members("w1", "w2", "w3", timeout=10, interval=0.05)

    assert caller.conn.cast(timeout=T).whoami() == {"w1": "w1", "w2": "w2", "w3": "w3"}
    assert caller.conn.cast(timeout=T).add(1, 2) == {"w1": 3, "w2": 3, "w3": 3}
    assert caller.conn.cast(timeout=T, receiver=["w1", "w3"]).whoami() == {"w1": "w1", "w3": "w3"}


def test_cast_nowait_reaches_every_worker(workers, make_caller):
    workers.start("w1", "w2", "w3")
    caller = make_caller()
    caller.conn.wait_for_members("w1", "w2", "w3", timeout=10, interval=0.05)

    assert caller.conn.cast_nowait().record("hello all") is None

    for name in ("w1", "w2", "w3"):
        assert caller.conn.rpc(timeout=T, receiver=name).recorded() == ["hello all"], name


def test_stream_acks_each_chunk_and_keeps_order(workers, make_caller):
    workers.start("w1")
    caller = make_caller()
    acked_before_next = []

    def chunks():
        for i in range(20):
            # stream() asks for chunk i only after chunk i-1 was acknowledged (backpressure),
            # so the worker must already hold exactly i chunks.
            acked_before_next.append(caller.conn.rpc(timeout=T, receiver="w1").chunk_count())
            yield f"chunk-{i}".encode()

    result, _ = call_within(30, caller.conn.stream(receiver="w1", timeout=T).chunk, chunks())

    assert result is None
    assert acked_before_next == list(range(20))
    assert caller.conn.rpc(timeout=T, receiver="w1").chunks() == [f"chunk-{i}".encode() for i in range(20)]


def test_stream_with_pickle_serde(workers, make_caller):
    workers.start("w1")
    caller = make_caller()
    items = [{"i": i, "payload": list(range(i))} for i in range(10)]

    call_within(30, caller.conn.stream(receiver="w1", serde=SerdeFormat.PICKLE, timeout=T).chunk, iter(items))

    assert caller.conn.rpc(timeout=T, receiver="w1").chunks() == items


def test_stream_nowait_delivers_all_chunks_in_order(workers, make_caller):
    workers.start("w1")
    caller = make_caller()
    sent = [f"part-{i:04d}" for i in range(300)]

    call_within(30, caller.conn.stream_nowait(receiver="w1").chunk, iter(sent))

    # OPAQUE keeps str as str; FIFO means the query below is answered after every chunk.
    assert caller.conn.rpc(timeout=T, receiver="w1").chunks() == sent
