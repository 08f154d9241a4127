"""Example 01 backend: a Python daffi Service named "calc" on ws://127.0.0.1:6001 (JSON calls).

Run: build/venv-ref/bin/python js-client/examples/01_service_json/backend.py [--port N]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import backend_common as bc  # noqa: E402
from daffi import callback  # noqa: E402


@callback
def add(a, b):
    return a + b


@callback
def reverse(text):
    return text[::-1]


@callback
def stats(numbers):
    return {"count": len(numbers), "mean": sum(numbers) / len(numbers), "max": max(numbers)}


@callback
def fail():
    raise ValueError("this callback always fails")


if __name__ == "__main__":
    from daffi import Service

    port = bc.port_arg(6001)
    service = Service(app_name="calc", host=bc.HOST, port=port)
    service.start()
    bc.ready("01_service_json", port)
    bc.serve_forever()
