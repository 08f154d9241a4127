"""daffi: processes call each other's functions (Router, Service, Client), on daffi-qt's C++ core.

A drop-in for daffi 3.0's API: ``Router``, ``Service``, ``Client``, ``SerdeFormat``,
``callback``, ``local``, ``alias`` and ``daffi.aio`` for asyncio.
"""

from daffi.app import Client, Router, Service
from daffi._serialization import SerdeFormat
from daffi.registry import alias, callback, local
from daffi.__about__ import __version__

__all__ = ["Router", "Service", "Client", "SerdeFormat", "callback", "local", "alias", "__version__"]
