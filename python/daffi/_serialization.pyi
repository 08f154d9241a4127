# Typing stubs (PEP 561) for the public part of this module.
from typing import Final

class SerdeFormat:
    """Wire serialisation formats: plain int constants, as in daffi 3.0 (a raw int works too)."""

    OPAQUE: Final = 0
    JSON: Final = 1
    PICKLE: Final = 2
    MSGPACK: Final = 3
