"""One loader for the rule and lexicon files of `newsloom/data/`.

`load_rules(file_name, Record, section)` reads one table of a TOML file into a frozen
dataclass whose fields mirror the table's keys. A key the record does not name, a key it
needs that the table lacks, or a value of the wrong type raises `RulesError`, which names
the file, the table and the key. Values are converted by the field's type hint:

    str, int, bool         the value as written (an int is no bool, and no float for an int)
    float                  a float or an int, as a float
    frozenset[X]           an array
    tuple[X, ...]          an array, in file order
    tuple[X, Y]            an array of exactly that many values
    dict[str, X]           a table, in file order
    a dataclass            a table, field by field (fields with a default may be left out)
    Any                    the value as read

A field written `Annotated[T, convert]` is derived from its value alone: the value is
first converted to the type of `convert`'s parameter, then `convert` returns the field's
value (a compiled pattern, words sorted longest first, keys in lower case); a
`ValueError` or `re.error` it raises becomes a `RulesError` at that key. A field declared
`field(default..., metadata=DERIVED)` is not read from the file: the record's own loader
computes it from several values and sets it with `dataclasses.replace`.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
import tomllib
import typing
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, TypeVar

T = TypeVar("T")

_DERIVED = "newsloom.rules.derived"
# The metadata of a field that is not read from the file: its record's loader computes it.
DERIVED: Mapping[str, bool] = MappingProxyType({_DERIVED: True})


class RulesError(ValueError):
    """A rules file that does not fit its record: names the file, the table and the key."""

    def __init__(self, file_name: str, section: str, key: str | None, problem: str) -> None:
        self.file_name, self.section, self.key, self.problem = file_name, section, key, problem
        super().__init__(f"{_place(file_name, section, key)}: {problem}")


def _place(file_name: str, section: str, key: str | None) -> str:
    """ "entities.toml [orgs] aliases": the file, the table (none: the top level), the key."""
    return " ".join(part for part in (file_name, f"[{section}]" if section else "", key) if part)


def load_rules(
    file_name: str,
    record_type: type[T],
    section: str | None = None,
    *,
    folder: Path | None = None,
) -> T:
    """The `section` table (dotted, "precision.nouns"; None: the whole file) of
    `newsloom/data/<file_name>` (or `<folder>/<file_name>`) as a `record_type`."""
    if folder is None:
        source = resources.files("newsloom.data").joinpath(file_name)
        text = source.read_text(encoding="utf-8")
    else:
        text = (folder / file_name).read_text(encoding="utf-8")
    try:
        table: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(file_name, "", None, f"not valid TOML: {error}") from None
    where = _Where(file_name, "")
    for name in section.split(".") if section else ():
        where = where.inside().at(name)
        if not isinstance(table, dict) or name not in table:
            raise where.error("missing table")
        table = table[name]
    record: T = _record(record_type, table, where)
    return record


def longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words to try in turn, longest first (ties keep file order)."""
    return tuple(sorted(words, key=len, reverse=True))


@dataclasses.dataclass(frozen=True, slots=True)
class _Where:
    """Where a value sits: the file, the dotted name of its table, its key in that table
    (with an index or a table key after it for a value inside an array or a table)."""

    file_name: str
    section: str
    key: str | None = None

    def at(self, key: str) -> _Where:
        return _Where(self.file_name, self.section, key)

    def item(self, index: int) -> _Where:
        return self.at(f"{self.key}[{index}]")

    def entry(self, name: str) -> _Where:
        shown = name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else f'"{name}"'
        return self.at(f"{self.key}.{shown}")

    def inside(self) -> _Where:
        """The table that is the value here."""
        if self.key is None:
            return self
        return _Where(self.file_name, f"{self.section}.{self.key}" if self.section else self.key)

    def error(self, problem: str) -> RulesError:
        return RulesError(self.file_name, self.section, self.key, problem)


def _record(record_type: Any, table: Any, where: _Where) -> Any:
    """A record from the table at `where` (a place with no key: the table itself)."""
    if not isinstance(table, dict):
        raise where.error(f"expected a table, got {_shown(table)}")
    where = where.inside()
    fields = [f for f in dataclasses.fields(record_type) if not f.metadata.get(_DERIVED)]
    names = [f.name for f in fields]
    for key in table:
        if key not in names:
            raise where.at(key).error(f"unknown key (expected one of: {', '.join(names)})")
    hints = _hints(record_type)
    values: dict[str, Any] = {}
    for field in fields:
        if field.name in table:
            values[field.name] = _value(hints[field.name], table[field.name], where.at(field.name))
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise where.at(field.name).error("missing key")
    return record_type(**values)


def _value(hint: Any, value: Any, where: _Where) -> Any:
    """`value`, read at `where`, as a `hint`."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Annotated:
        convert = hint.__metadata__[0]
        typed = _value(_parameter_type(convert), value, where)
        try:
            return convert(typed)
        except RulesError:
            raise
        except (ValueError, re.error) as error:
            raise where.error(str(error)) from None
    if hint is Any:
        return value
    if dataclasses.is_dataclass(hint):
        return _record(hint, value, where)
    if hint in (str, int, float, bool):
        return _scalar(hint, value, where)
    if origin in (frozenset, tuple):
        if not isinstance(value, list):
            raise where.error(f"expected an array, got {_shown(value)}")
        if origin is frozenset:
            return frozenset(_value(args[0], v, where.item(i)) for i, v in enumerate(value))
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], v, where.item(i)) for i, v in enumerate(value))
        if len(value) != len(args):
            raise where.error(f"expected an array of {len(args)} values, got {len(value)}")
        return tuple(
            _value(a, v, where.item(i)) for i, (a, v) in enumerate(zip(args, value, strict=True))
        )
    if origin is dict and args[0] is str:
        if not isinstance(value, dict):
            raise where.error(f"expected a table, got {_shown(value)}")
        return {k: _value(args[1], v, where.entry(k)) for k, v in value.items()}
    place = _place(where.file_name, where.section, where.key)
    raise TypeError(f"a rules record cannot hold {hint!r} ({place})")


def _scalar(hint: type, value: Any, where: _Where) -> Any:
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, hint) and (hint is bool or not isinstance(value, bool)):
        return value
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
    raise where.error(f"expected {names[hint]}, got {_shown(value)}")


def _shown(value: Any) -> str:
    kinds: dict[type, str] = {dict: "a table", list: "an array"}
    return kinds.get(type(value), repr(value))


@functools.cache
def _hints(record_type: type) -> dict[str, Any]:
    return typing.get_type_hints(record_type, include_extras=True)


@functools.cache
def _parameter_type(convert: Callable[[Any], Any]) -> Any:
    """The type a converter takes: the hint of its (first) parameter."""
    parameter = next(iter(inspect.signature(convert).parameters))
    hint = typing.get_type_hints(convert, include_extras=True).get(parameter)
    if hint is None:
        raise TypeError(f"rules converter {convert!r} needs a type hint on {parameter!r}")
    return hint
