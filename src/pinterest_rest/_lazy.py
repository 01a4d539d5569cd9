"""``client.<resource>``: the resource module is imported on first access, then the instance is kept.

One small descriptor object per resource instead of a generated function per resource (what
``functools.cached_property`` needs): the accessor classes are on every client's import path, so
they should cost next to nothing to load. Typed as generic, so ``client.boards`` is ``Boards``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Generic, TypeVar, overload

R = TypeVar("R")


class LazyResource(Generic[R]):
    __slots__ = ("attr", "cls_name", "module")

    def __init__(self, module: str, cls_name: str) -> None:
        self.module = module  # pinterest_rest.resources.<module>
        self.cls_name = cls_name
        self.attr = module

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = name

    @overload
    def __get__(self, obj: None, cls: type | None = None) -> LazyResource[R]: ...

    @overload
    def __get__(self, obj: object, cls: type | None = None) -> R: ...

    def __get__(self, obj: object | None, cls: type | None = None) -> Any:
        if obj is None:
            return self
        resource_cls = getattr(import_module(f"pinterest_rest.resources.{self.module}"), self.cls_name)
        value = resource_cls(obj)
        obj.__dict__[self.attr] = value  # a non-data descriptor: the instance dict answers from now on
        return value
