"""
service/05_serde_json — Service side.

JSON: arguments and results must be JSON types (dict, list, str, int, float, bool, None);
tuples arrive as lists. Any language with a JSON library can be a peer.

Run first, then run 2_client.py.
"""
import os

from daffi import Service, callback

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5005))


@callback
def summarize(scores: dict) -> dict:
    print(f"[service] summarize({scores})", flush=True)
    values = list(scores.values())
    return {"count": len(values), "best": max(scores, key=scores.get), "mean": sum(values) / len(values)}


if __name__ == "__main__":
    svc = Service(app_name="json-service", host="127.0.0.1", port=PORT)
    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
