"""
service/04_serde_pickle — Client side.

Start 1_service.py first.
"""
import os

from daffi import Client, SerdeFormat
from models import Order

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5004))

if __name__ == "__main__":
    client = Client(app_name="order-client", host="127.0.0.1", port=PORT)
    conn = client.connect()

    order = Order(order_id=17, items=["book", "pen"], total=23.5, tags={"gift"})
    paid = conn.rpc(timeout=5, serde=SerdeFormat.PICKLE).pay(order)
    print(f"type:   {type(paid).__name__}")
    print(f"status: {paid.status}")
    print(f"tags:   {sorted(paid.tags)}")

    client.stop()
