"""asyncio nodes: AsyncRouter, AsyncService, AsyncClient (daffi 3.0's daffi.aio)."""

from daffi.aio.app import AsyncClient, AsyncRouter, AsyncService

__all__ = ["AsyncClient", "AsyncService", "AsyncRouter"]
