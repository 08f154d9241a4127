from daffi.__about__ import __version__ as __version__
from daffi._serialization import SerdeFormat as SerdeFormat
from daffi.app import Client as Client, Router as Router, Service as Service
from daffi.registry import alias as alias, callback as callback, local as local

__all__ = ["Router", "Service", "Client", "SerdeFormat", "callback", "local", "alias", "__version__"]
