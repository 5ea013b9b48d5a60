"""A fact's JSON shape, read from its dataclass: written once, as the record's fields.

A fact record (`Entity`, `Quote`, ...) is a dataclass whose fields are its JSON keys, in
order. `Shaped` gives it `to_dict()` and `from_dict()` from those fields, so the
record, its JSON, the store's JSON column, the API's response model
(`newsloom.serve.api.models.model_of`) and the export's column type
(`newsloom.store.export`) cannot drift apart. Two field options, as `field(metadata=...)`:

- `ROUND3` / `ROUND5`: the float is rounded to 3 or 5 decimals in JSON (confidences,
  coordinates).

Values: nested dataclasses become objects, lists lists, tuples (spans) lists. A
property named in the class's `JSON_EXTRAS` is written after the fields (derived,
never read back, such as an entity's aliases).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, ClassVar, Self, TypeVar, Union, cast

T = TypeVar("T")

ROUND3: dict[str, Any] = {"round": 3}
ROUND5: dict[str, Any] = {"round": 5}


class Shaped:
    """Mixin for a fact dataclass: `to_dict()` / `from_dict()` from its fields."""

    __slots__ = ()
    JSON_EXTRAS: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        return to_json(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return from_json(cls, data)


def to_json(record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        out[f.name] = _json_value(getattr(record, f.name), f.metadata.get("round"))
    for name in getattr(type(record), "JSON_EXTRAS", ()):
        out[name] = _json_value(getattr(record, name), None)
    return out


def _json_value(value: Any, digits: int | None) -> Any:
    if value is None:
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    if isinstance(value, list | tuple):
        return [_json_value(item, digits) for item in value]
    if digits is not None and isinstance(value, float | int):
        return round(value, digits)
    return value


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """The record `to_json` wrote; a key missing from `data` takes the field's default."""
    hints = field_types(cast(Any, cls))
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            values[f.name] = _from_value(hints[f.name], data[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise KeyError(f"{cls.__name__} needs {f.name!r}")
    return cls(**values)


def _from_value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    hint = non_optional(hint)
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_from_value(item, v) for v in value]
    if origin is tuple:
        return tuple(_from_value(t, v) for t, v in zip(typing.get_args(hint), value, strict=True))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_json(hint, value)
    if hint is float:
        return float(value)
    return value


@functools.cache
def field_types(cls: Any) -> dict[str, Any]:
    """The resolved type of each field of a fact dataclass."""
    return typing.get_type_hints(cls)


def json_types(cls: Any) -> dict[str, Any]:
    """Each JSON key of a fact record and its type, in JSON order (fields, then extras)."""
    hints = field_types(cls)
    types = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
    for name in getattr(cls, "JSON_EXTRAS", ()):
        types[name] = typing.get_type_hints(getattr(cls, name).fget)["return"]
    return types


def non_optional(hint: Any) -> Any:
    """`X` for `X | None`; any other type as it is."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def is_optional(hint: Any) -> bool:
    return typing.get_origin(hint) in (Union, types.UnionType) and type(None) in typing.get_args(
        hint
    )
