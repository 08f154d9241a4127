"""
service/03_class_callbacks — Client side.

Calls the exported methods of TextProcessor; reset() is @local, so calling it fails.

Start 1_service.py first.
"""
import os

from daffi import Client
from daffi.exceptions import TransmissionFailure

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5003))

if __name__ == "__main__":
    client = Client(app_name="text-client", host="127.0.0.1", port=PORT)
    conn = client.connect()
    rpc = conn.rpc(timeout=5)

    text = "daffi makes remote calls simple"
    print(f"upper:      {rpc.upper(text)}")
    print(f"reverse:    {rpc.reverse(text)}")
    print(f"word_count: {rpc.word_count(text)}")

    try:
        rpc.reset()
    except TransmissionFailure:
        print("reset() is @local: not reachable from the network")

    client.stop()
