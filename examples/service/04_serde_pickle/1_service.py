"""
service/04_serde_pickle — Service side.

PICKLE (the default serde) carries any picklable Python object: dataclasses, enums, sets,
tuples, bytes. Both sides need the classes importable (models.py).

Run first, then run 2_client.py.
"""
import os

from daffi import Service, callback
from models import Order, Status

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5004))


@callback
def pay(order: Order) -> Order:
    print(f"[service] paying order {order.order_id}", flush=True)
    order.status = Status.PAID
    order.tags.add("paid-online")
    return order


if __name__ == "__main__":
    svc = Service(app_name="order-service", host="127.0.0.1", port=PORT)
    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
