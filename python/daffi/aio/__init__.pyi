from daffi.aio.app import AsyncClient as AsyncClient, AsyncRouter as AsyncRouter, AsyncService as AsyncService

__all__ = ["AsyncClient", "AsyncService", "AsyncRouter"]
