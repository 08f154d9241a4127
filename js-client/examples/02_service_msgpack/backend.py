"""Example 02 backend: a Python daffi Service named "bytes-service" on ws://127.0.0.1:6002.

The page calls it with serde "msgpack": bytes arrive as bytes (0x00 included), maps as dicts.
Run: build/venv-ref/bin/python js-client/examples/02_service_msgpack/backend.py [--port N]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import backend_common as bc  # noqa: E402
from daffi import callback  # noqa: E402


@callback
def checksum(data):
    return {"length": len(data), "sum": sum(data), "zeros": data.count(0)}


@callback
def invert(data):
    return bytes(255 - b for b in data)


@callback
def describe(value):
    return {key: type(item).__name__ for key, item in value.items()}


if __name__ == "__main__":
    from daffi import Service

    port = bc.port_arg(6002)
    service = Service(app_name="bytes-service", host=bc.HOST, port=port)
    service.start()
    bc.ready("02_service_msgpack", port)
    bc.serve_forever()
