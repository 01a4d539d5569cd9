"""Base class of the generated response models.

A model wraps the dict ``json.loads`` produced instead of copying it into typed fields:
building a 25-Board page costs one small object per Board, nested objects are wrapped only when
read, and fields the spec does not know yet (Pinterest adds them in minor releases) are kept as
they came, reachable with ``model["new_field"]`` and ``to_dict()``. Enum values are plain strings,
so a value added after this client was generated never breaks parsing. The generated subclasses
declare their fields as annotations, which is what editors and type checkers read.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any, ClassVar

_classes: dict[str, type[Model]] = {}


def model_class(name: str) -> type[Model]:
    """The generated model class called ``name``, importing its module on first use."""
    cls = _classes.get(name)
    if cls is None:
        from .models._index import MODELS

        module = importlib.import_module(f"pinterest_rest.models.{MODELS[name]}")
        cls = _classes[name] = getattr(module, name)
    return cls


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value._data
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


class Model:
    """A typed, read-only view of one JSON object from the API."""

    __slots__ = ("_data",)
    _data: dict[str, Any]
    _fields: ClassVar[dict[str, str]] = {}  # python attribute -> JSON key
    _nested: ClassVar[dict[str, tuple[int, str]]] = {}  # attribute -> (0 one / 1 list / 2 dict, model)

    def __init__(self, data: dict[str, Any] | None = None, /, **fields: Any) -> None:
        merged = dict(data) if data else {}
        for name, value in fields.items():
            merged[self._fields.get(name, name)] = _plain(value)
        object.__setattr__(self, "_data", merged)

    @classmethod
    def construct(cls, data: dict[str, Any]) -> Any:
        """Wrap ``data`` without copying or checking it (how the client builds responses)."""
        obj = object.__new__(cls)
        object.__setattr__(obj, "_data", data)
        return obj

    def __getattr__(self, name: str) -> Any:
        cls = type(self)
        key = cls._fields.get(name)
        if key is None:
            raise AttributeError(f"{cls.__name__!r} has no field {name!r}")
        value = self._data.get(key)
        if value is None:
            return None
        nested = cls._nested.get(name)
        if nested is None:
            return value
        kind, model = nested
        target = model_class(model)
        if kind == 0:
            return target.construct(value) if isinstance(value, dict) else value
        if kind == 1:
            return [target.construct(v) if isinstance(v, dict) else v for v in value]
        return {k: target.construct(v) if isinstance(v, dict) else v for k, v in value.items()}

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; build a new one or use to_dict()")

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: str, default: Any = None) -> Any:
        """The raw JSON value under ``key`` (a wire name), including fields the spec does not list."""
        return self._data.get(key, default)

    def keys(self) -> Iterator[str]:
        return iter(self._data)

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the JSON object, unknown fields included."""
        result: dict[str, Any] = _copy(self._data)
        return result

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self._data, indent=indent, ensure_ascii=False)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Model):
            return type(self) is type(other) and self._data == other._data
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._data.items() if v is not None)
        if len(shown) > 300:
            shown = shown[:297] + "..."
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self).__name__, self._data))

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(type(self)._fields))


def _rebuild(name: str, data: dict[str, Any]) -> Model:
    cls: type[Model] = model_class(name) if name != "Model" else Model
    result: Model = cls.construct(data)
    return result
