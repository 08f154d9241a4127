"""
router/03_bidirectional — node-a: exposes greet_a() and calls node-b's greet_b().

Start 1_router.py and 2_node_b.py first.
"""
import os
import time

from daffi import Client, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6003))
greeted = []


@callback
def greet_a(sender: str) -> str:
    greeted.append(sender)
    return f"node-a says hi to {sender}"


if __name__ == "__main__":
    node = Client(app_name="node-a", host="127.0.0.1", port=PORT)
    conn = node.connect()
    conn.wait_for_members("node-b", timeout=30)
    print(conn.rpc(timeout=5, receiver="node-b").greet_b("node-a"))
    deadline = time.monotonic() + 10
    while not greeted and time.monotonic() < deadline:  # node-b calls us back
        time.sleep(0.05)
    print(f"node-a was greeted by: {greeted}")
    node.stop()
