"""Base class of the generated response models, and the field descriptors they are made of.

A model wraps the dict ``json.loads`` produced instead of copying it into typed fields: the decoded
dict *is* the instance's ``__dict__``. That is why reading a field costs about what a dict lookup
costs: ``board.name`` is found by the interpreter's ordinary attribute lookup in the instance dict,
with no Python code running. What happens when the key is not there depends on the field:

- an optional field has a class attribute ``None`` behind it, so an absent key reads as ``None``;
- a field the spec marks required (and not nullable) is typed without ``| None`` and has a
  ``required()`` descriptor behind it, which raises ``MissingFieldError`` (an ``AttributeError``
  naming the model and the field) when the server left it out;
- nested objects, and fields whose wire name is not a usable Python name, are data descriptors
  (``nested()``, ``renamed()``) that read the key and wrap nested dicts lazily, on each read.

Fields the spec does not know yet (Pinterest adds them in minor releases) are kept as they came,
reachable with ``model["new_field"]``, ``model.get("new_field")`` and ``to_dict()``. Enum values are
plain strings (typed ``Literal[...] | str``), so a value added after generation never breaks parsing.
A required field the server sends as an explicit ``null`` reads as ``None``: the read stays a plain
dict lookup, and the spec says it cannot happen (see docs/naming.md, "Response models").
"""

from __future__ import annotations

import importlib
import json
from collections import deque
from collections.abc import Callable, Iterator
from itertools import repeat
from typing import Any, ClassVar, TypeVar, cast

from ._errors import PinterestError

_classes: dict[str, type[Model]] = {}
_F = TypeVar("_F", bound=Callable[..., Any])


class MissingFieldError(PinterestError, AttributeError):
    """A field the spec marks required is absent from the server's answer.

    It is an ``AttributeError``, so ``getattr(model, "field", default)`` and ``hasattr`` keep working
    for code that wants to tolerate such answers.
    """

    def __init__(self, model: str, field: str, present: Iterator[str]) -> None:
        keys = sorted(present)
        shown = ", ".join(keys[:20]) + (", ..." if len(keys) > 20 else "")
        super().__init__(
            f"{model}.{field} is required by the API spec but missing from the server's response "
            f"(fields present: {shown or 'none'}); read model.get({field!r}) to treat it as optional"
        )
        self.model = model
        self.field = field


def model_class(name: str) -> type[Model]:
    """The generated model class called ``name``, importing its module on first use."""
    cls = _classes.get(name)
    if cls is None:
        from .models import module_of

        area = module_of(name)
        if area is None:
            raise KeyError(name)
        module = importlib.import_module(f"pinterest_rest.models.{area}")
        cls = _classes[name] = getattr(module, name)
    return cls


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.__dict__
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


# -- field descriptors (used by the generated classes) ----------------------------------------------


class _Required:
    """A required field read straight from the instance dict; this runs only when the key is absent."""

    __slots__ = ("name",)

    def __init__(self) -> None:
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Model | None, cls: type | None = None) -> Any:
        if obj is None:
            return self
        raise MissingFieldError(type(obj).__name__, self.name, iter(obj.__dict__))


def required() -> Any:
    """Class attribute of a required, non-nullable field whose wire name is its Python name."""
    return _Required()


class _Field:
    """A data descriptor for a field that needs code on read: renamed, or holding nested models."""

    __slots__ = ("attr", "cls", "key", "kind", "model", "required")

    def __init__(self, key: str, kind: int, model: str | None, required: bool) -> None:
        self.key = key
        self.kind = kind  # -1 plain value, 0 one model, 1 list of models, 2 dict of models
        self.model = model
        self.required = required
        self.attr = key
        self.cls: type[Model] | None = None

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = name

    def __get__(self, obj: Model | None, cls: type | None = None) -> Any:
        if obj is None:
            return self
        data = obj.__dict__
        value = data.get(self.key)
        if value is None:
            if self.required and self.key not in data:
                raise MissingFieldError(type(obj).__name__, self.attr, iter(data))
            return None
        if self.model is None:
            return value
        target = self.cls
        if target is None:
            target = self.cls = model_class(self.model)
        construct = target.construct
        if self.kind == 0:
            return construct(value) if isinstance(value, dict) else value
        if self.kind == 1:
            return [construct(v) if isinstance(v, dict) else v for v in value] if isinstance(value, list) else value
        if isinstance(value, dict):
            return {k: construct(v) if isinstance(v, dict) else v for k, v in value.items()}
        return value

    def __set__(self, obj: Model, value: Any) -> None:
        raise AttributeError(f"{type(obj).__name__} is read-only; build a new one or use to_dict()")


def nested(key: str, kind: int, model: str, *, required: bool = False) -> Any:
    """Class attribute of a field holding a model (kind 0), a list (1) or a dict (2) of models."""
    return _Field(key, kind, model, required)


def renamed(key: str, *, required: bool = False) -> Any:
    """Class attribute of a field whose wire name ``key`` is not its Python name."""
    return _Field(key, -1, None, required)


class _Shielded:
    """A method that a same-named key of the JSON object cannot hide (data descriptors win)."""

    __slots__ = ("fn",)

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn

    def __get__(self, obj: object, cls: type | None = None) -> Any:
        return self.fn if obj is None else self.fn.__get__(obj, cls)

    def __set__(self, obj: object, value: Any) -> None:
        raise AttributeError(f"{type(obj).__name__} is read-only")


def _shielded(fn: _F) -> _F:
    # Typed as the function itself, so checkers and editors see its signature.
    return cast("_F", _Shielded(fn))


class Model:
    """A typed, read-only view of one JSON object from the API."""

    _fields: ClassVar[dict[str, str]] = {}  # python attribute -> JSON key

    def __init__(self, data: dict[str, Any] | None = None, /, **fields: Any) -> None:
        merged = dict(data) if data else {}
        for name, value in fields.items():
            merged[self._fields.get(name, name)] = _plain(value)
        object.__setattr__(self, "__dict__", merged)

    @classmethod
    def construct(cls, data: dict[str, Any]) -> Any:
        """Wrap ``data`` without copying or checking it (how the client builds responses)."""
        obj = object.__new__(cls)
        object.__setattr__(obj, "__dict__", data)
        return obj

    @property
    def _data(self) -> dict[str, Any]:
        return self.__dict__

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; build a new one or use to_dict()")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; build a new one or use to_dict()")

    def __getitem__(self, key: str) -> Any:
        return self.__dict__[key]

    def __contains__(self, key: object) -> bool:
        return key in self.__dict__

    @_shielded
    def get(self, key: str, default: Any = None) -> Any:
        """The raw JSON value under ``key`` (a wire name), including fields the spec does not list."""
        return self.__dict__.get(key, default)

    @_shielded
    def keys(self) -> Iterator[str]:
        return iter(self.__dict__)

    @_shielded
    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the JSON object, unknown fields included."""
        result: dict[str, Any] = _copy(self.__dict__)
        return result

    @_shielded
    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.__dict__, indent=indent, ensure_ascii=False)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Model):
            return type(self) is type(other) and self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if v is not None)
        if len(shown) > 300:
            shown = shown[:297] + "..."
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self).__name__, self.__dict__))

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(type(self)._fields))


_new = object.__new__
_set = object.__setattr__


def construct(cls: type, data: dict[str, Any]) -> Any:
    """``cls.construct(data)`` without the classmethod's frame (the pipeline's per-call wrap)."""
    obj: Any = _new(cls)
    _set(obj, "__dict__", data)
    return obj


def construct_all(cls: type, raw: list[Any]) -> list[Any]:
    """``[cls.construct(x) if isinstance(x, dict) else x for x in raw]``, a page at a time in C.

    A page of 100 objects is wrapped with no Python frame per item (``map`` over the two C
    functions ``Model.construct`` calls), which is most of the client's own cost of a long walk.
    """
    if all(map(isinstance, raw, repeat(dict))):
        objs: list[Any] = list(map(_new, repeat(cls, len(raw))))
        deque(map(_set, objs, repeat("__dict__"), raw), 0)
        return objs
    return [cls.construct(x) if isinstance(x, dict) else x for x in raw]  # type: ignore[attr-defined]


def _rebuild(name: str, data: dict[str, Any]) -> Model:
    cls: type[Model] = model_class(name) if name != "Model" else Model
    result: Model = cls.construct(data)
    return result
