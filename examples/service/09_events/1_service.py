"""
service/09_events — Service side.

A Service hears about every client that connects or leaves:
on_member_added / on_member_removed handlers get the client's app_name.
(add_event_handler, the form in older docs, gets {"type": ..., "member": ...} instead.)

Run first, then run 2_client.py (as often as you like).
"""
import os

from daffi import Service, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5009))


@callback
def hello(name: str) -> str:
    return f"hello, {name}"


if __name__ == "__main__":
    svc = Service(app_name="events-service", host="127.0.0.1", port=PORT)

    @svc.on_member_added
    def joined(member: str):
        print(f"[service] client joined: {member}", flush=True)

    @svc.on_member_removed
    def left(member: str):
        print(f"[service] client left: {member}", flush=True)

    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
