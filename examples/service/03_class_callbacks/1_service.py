"""
service/03_class_callbacks — Service side.

@callback on a class: the class is instantiated once (no arguments) and its public methods
become remote callbacks. Methods starting with "_" and methods marked @local stay local.

Run first, then run 2_client.py.
"""
import os

from daffi import Service, callback, local

PORT = int(os.environ.get("DAFFI_EXAMPLE_PORT", 5003))


@callback
class TextProcessor:
    def __init__(self):
        self.calls = 0

    def upper(self, text: str) -> str:
        self._count()
        return text.upper()

    def reverse(self, text: str) -> str:
        self._count()
        return text[::-1]

    def word_count(self, text: str) -> int:
        self._count()
        return len(text.split())

    def _count(self):  # private: not exported
        self.calls += 1
        print(f"[service] calls so far: {self.calls}", flush=True)

    @local
    def reset(self):  # @local: not exported
        self.calls = 0


if __name__ == "__main__":
    svc = Service(app_name="text-service", host="127.0.0.1", port=PORT)
    svc.start()
    print(f"Service running on 127.0.0.1:{PORT} — press Ctrl+C to stop.", flush=True)
    svc.join()
