"""The four payload conventions (PROTOCOL.md §4), written exactly as daffi 3.0 writes them."""

import json
import pickle
from typing import Any, Tuple

_msgpack = None


def _require_msgpack():
    global _msgpack
    if _msgpack is None:
        try:
            import msgpack as m
        except ImportError as exc:
            raise ImportError(
                "SerdeFormat.MSGPACK requires the optional 'msgpack' dependency. "
                "Install it with:  pip install 'daffi[msgpack]'"
            ) from exc
        _msgpack = m
    return _msgpack


class SerdeFormat:
    """Wire serialisation formats (plain int constants, as in daffi 3.0)."""

    OPAQUE = 0
    JSON = 1
    PICKLE = 2
    MSGPACK = 3


_VALID = (0, 1, 2, 3)


def check_serde(serde) -> int:
    try:
        value = int(serde)
    except (TypeError, ValueError):
        value = -1
    if value not in _VALID:
        raise ValueError(f"Unknown serde format: {serde!r}")
    return value


def _opaque_value(value) -> Tuple[bytes, bool]:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value), True
    if isinstance(value, str):
        return value.encode(), False
    return str(value).encode(), False


class Serializer:
    @staticmethod
    def serialize(serde: int, *args, **kwargs) -> Tuple[bytes, bool]:
        """A call's arguments as (data, is_bytes)."""
        if serde == SerdeFormat.OPAQUE:
            if len(args) + len(kwargs) > 1:
                raise TypeError(
                    f"SerdeFormat.OPAQUE accepts exactly one argument "
                    f"(got {len(args)} positional, {len(kwargs)} keyword). "
                    f"Use JSON, PICKLE, or MSGPACK to pass multiple arguments."
                )
            if args:
                return _opaque_value(args[0])
            if kwargs:
                return _opaque_value(next(iter(kwargs.values())))
            return b"", True
        if serde == SerdeFormat.JSON:
            return json.dumps({"args": args, "kwargs": kwargs}).encode(), False
        if serde == SerdeFormat.PICKLE:
            return pickle.dumps((args, kwargs)), True
        if serde == SerdeFormat.MSGPACK:
            return _require_msgpack().packb([args, kwargs], use_bin_type=True), True
        raise ValueError(f"Unknown serde format: {serde!r}")

    @staticmethod
    def serialize_result(serde: int, result: Any) -> Tuple[bytes, bool]:
        """A return value as a single positional argument (OPAQUE: bytes kept, else str())."""
        if serde == SerdeFormat.OPAQUE:
            return _opaque_value(result)
        return Serializer.serialize(serde, result)

    @staticmethod
    def deserialize(serde: int, data: bytes, is_bytes: bool = True) -> Tuple[Any, Any]:
        """(args, kwargs) of a payload."""
        if serde == SerdeFormat.OPAQUE:
            return (data if is_bytes else data.decode(),), {}
        if serde == SerdeFormat.JSON:
            parsed = json.loads(data)
            return parsed["args"], parsed["kwargs"]
        if serde == SerdeFormat.PICKLE:
            return pickle.loads(data)
        if serde == SerdeFormat.MSGPACK:
            args, kwargs = _require_msgpack().unpackb(data, raw=False, strict_map_key=False)
            return args, kwargs
        raise ValueError(f"Unknown serde format: {serde!r}")

    @staticmethod
    def serialize_error(serde: int, exc: BaseException) -> Tuple[int, bytes, bool]:
        """The error 4-tuple (type, module, message, traceback|None) for a failed callback.
        OPAQUE errors travel as PICKLE, as daffi 3.0 sends them."""
        if serde == SerdeFormat.OPAQUE:
            serde = SerdeFormat.PICKLE
        tb = None
        if serde == SerdeFormat.PICKLE:
            try:  # optional, as in the reference
                from tblib import Traceback

                tb = Traceback(exc.__traceback__).to_dict()
            except Exception:
                tb = None
        info = (type(exc).__name__, type(exc).__module__, str(exc), tb)
        try:
            data, is_bytes = Serializer.serialize(serde, info)
        except Exception:
            info = (type(exc).__name__, type(exc).__module__, str(exc), None)
            serde = SerdeFormat.JSON
            data, is_bytes = Serializer.serialize(serde, info)
        return serde, data, is_bytes
