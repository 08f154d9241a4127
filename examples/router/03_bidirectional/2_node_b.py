"""
router/03_bidirectional — node-b.

Every Client can be a worker and a caller at once. node-b exposes greet_b(), waits for node-a,
then calls node-a's greet_a().

Start 1_router.py first, then this, then 3_node_a.py.
"""
import os

from daffi import Client, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 6003))


@callback
def greet_b(sender: str) -> str:
    return f"node-b says hi to {sender}"


if __name__ == "__main__":
    node = Client(app_name="node-b", host="127.0.0.1", port=PORT)
    conn = node.connect()
    print("node-b connected — press Ctrl+C to stop.", flush=True)
    conn.wait_for_members("node-a", timeout=60)
    print(conn.rpc(timeout=5, receiver="node-a").greet_a("node-b"), flush=True)
    node.join()
