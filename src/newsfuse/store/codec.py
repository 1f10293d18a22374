"""A generic codec between model records (slotted dataclasses) and JSON-ready dicts.

Decoding is driven by the dataclass's type hints, so nested records (a quote's ``speaker``
:class:`~newsfuse.model.SpanRef`, a figure's ``place`` :class:`~newsfuse.model.PlaceRef`), optional
fields and tuples come back as the same types that went in, and a new model field needs no codec
change. Keys the record no longer has are ignored and missing keys take the field default, so rows
written by an older or newer version of the model still load.

>>> from newsfuse.model import Quote, SpanRef
>>> q = Quote(start=10, end=20, text="we will stay", kind="direct",
...           speaker=SpanRef(0, 5, "Smith", entity="Anna Smith"), cue=None, method="quotes/rules-1")
>>> d = record_to_dict(q)
>>> d["speaker"]
{'start': 0, 'end': 5, 'text': 'Smith', 'entity': 'Anna Smith'}
>>> record_from_dict(Quote, d) == q
True
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def record_to_dict(record: Any) -> dict[str, Any]:
    """A dataclass as a dict of JSON-ready values (nested dataclasses as dicts, tuples as lists)."""
    if not (dataclasses.is_dataclass(record) and not isinstance(record, type)):
        raise TypeError(f"not a record: {record!r}")
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return record_to_dict(value)
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def record_from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from :func:`record_to_dict` output."""
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _decode(hints.get(f.name, Any), data[f.name])
    return cls(**kwargs)


def _decode(hint: Any, value: Any) -> Any:
    if value is None or hint is Any:
        return value
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _decode_union(typing.get_args(hint), value)
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return record_from_dict(hint, value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        if args:
            return tuple(_decode(a, v) for a, v in zip(args, value))
        return tuple(value)
    if origin is list:
        (arg,) = typing.get_args(hint) or (Any,)
        return [_decode(arg, v) for v in value]
    if origin is dict:
        args = typing.get_args(hint)
        arg = args[1] if args else Any
        return {k: _decode(arg, v) for k, v in value.items()}
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # JSON writes 3000.0 as 3000
    if hint is bytes and isinstance(value, str):
        return bytes.fromhex(value)
    return value


def _decode_union(args: tuple[Any, ...], value: Any) -> Any:
    """``X | None`` and friends: the first member whose shape fits the value."""
    members = [a for a in args if a is not type(None)]
    if isinstance(value, dict):
        for member in members:
            if dataclasses.is_dataclass(member) or typing.get_origin(member) is dict:
                return _decode(member, value)
    if isinstance(value, list):
        for member in members:
            if typing.get_origin(member) in (tuple, list):
                return _decode(member, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float in members and int not in members:
        return float(value)
    return value
