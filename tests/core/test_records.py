"""The registry records behave exactly as the ``typing.NamedTuple`` classes type checkers see.

At run time ``_operation.py`` finishes the record classes itself (cheaper at import than
``typing.NamedTuple``); these tests hold the result to what ``collections.namedtuple`` gives.
"""

from __future__ import annotations

import ast
import collections
import copy
import inspect
import pickle
from pathlib import Path
from typing import Any

import pytest

from pinterest_rest import _operation
from pinterest_rest._operation import Operation, Param
from pinterest_rest._registry import get

SOURCE = Path(_operation.__file__).read_text()


def _annotated_defaults(cls_name: str) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The fields and their defaults as written in the class body of ``_operation.py``."""
    for node in ast.parse(SOURCE).body:
        if isinstance(node, ast.ClassDef) and node.name == cls_name:
            fields, defaults = [], {}
            for stmt in node.body:
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                    fields.append(stmt.target.id)
                    if stmt.value is not None:
                        defaults[stmt.target.id] = ast.literal_eval(stmt.value)
            return tuple(fields), defaults
    raise AssertionError(cls_name)


def _reference(cls: type) -> Any:
    fields, defaults = _annotated_defaults(cls.__name__)
    return collections.namedtuple(cls.__name__, fields, defaults=list(defaults.values()))


@pytest.mark.parametrize("cls", [Param, Operation])
def test_fields_and_defaults_are_the_class_body(cls: Any) -> None:
    fields, defaults = _annotated_defaults(cls.__name__)
    assert cls._fields == fields
    assert cls.__match_args__ == fields
    assert cls._field_defaults == defaults
    assert tuple(inspect.signature(cls).parameters) == fields
    assert not hasattr(cls("a", "b", "c", "d", "e") if cls is Operation else cls("a", "b", "c"), "__dict__")


def _samples() -> list[tuple[Any, Any]]:
    param = Param("page_size", "query", "integer", default=25, minimum=1, maximum=250)
    op = get("boards/get")
    ref_param = _reference(Param)(*param)
    ref_op = _reference(Operation)(*op)
    return [(param, ref_param), (op, ref_op)]


def test_named_tuple_surface_matches_collections_namedtuple() -> None:
    for record, ref in _samples():
        assert repr(record) == repr(ref)
        assert record == tuple(ref) and hash(record) == hash(tuple(ref))
        assert record._asdict() == ref._asdict()
        assert tuple(record._replace(description="x")) == tuple(ref._replace(description="x"))
        assert type(record._replace(description="x")) is type(record)
        assert type(record)._make(iter(record)) == record
        for field in type(record)._fields:
            assert getattr(record, field) == getattr(ref, field)
        assert pickle.loads(pickle.dumps(record)) == record
        assert type(pickle.loads(pickle.dumps(record))) is type(record)
        assert copy.copy(record) == record and copy.deepcopy(record) == record
        with pytest.raises(AttributeError):
            record.description = "x"  # type: ignore[misc]


def test_errors_match_collections_namedtuple() -> None:
    with pytest.raises(TypeError, match=r"Param.__new__\(\) missing 2 required positional arguments"):
        Param("a")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        Param("a", "query", "string", nope=1)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match=r"Got unexpected field names: \['nope'\]"):
        Param("a", "query", "string")._replace(nope=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="Expected 19 arguments, got 2"):
        Param._make(("a", "b"))


def test_match_statement_binds_fields_in_order() -> None:
    match Param("a", "path", "string", required=True):
        case Param(name, location, kind, required):
            assert (name, location, kind, required) == ("a", "path", "string", True)
        case _:
            raise AssertionError("no match")
