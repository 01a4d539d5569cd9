"""Query strings per OpenAPI 3 ``style``/``explode``, for every shape Pinterest's spec uses.

Each function appends already percent-encoded ``key=value`` pairs to a list; the request builder
joins them with ``&``. Values are encoded with nothing left safe, so a ``,`` or ``|`` inside a value
is ``%2C``/``%7C`` and only the delimiters between items stay literal.

| shape (spec 5.23.0)              | wire                                        |
|----------------------------------|---------------------------------------------|
| scalar                           | ``page_size=25``, ``flag=true``             |
| array, form, explode=true        | ``ids=1&ids=2``                             |
| array, form, explode=false       | ``columns=SPEND,CTR``                       |
| array, spaceDelimited / pipeDelimited | ``a=1%202`` / ``a=1|2`` (not used by the spec today) |
| object, deepObject               | ``parameters[catalog_type]=RETAIL``, nested ``a[b][c]=v`` |
| object, form, explode=true/false | ``k=v&k2=v2`` / ``name=k,v,k2,v2``          |

Choices where OpenAPI is silent: an object query parameter without a recorded style is sent as
``deepObject`` (the spec's one object query parameter declares that style, and the generator copies
it into the registry; OpenAPI's own default, form, could not carry nested objects); a list inside a ``deepObject`` is
rejected (no agreed wire form); an empty array sends nothing. Booleans are ``true``/``false`` and
floats use Python's shortest round-trip form; NaN and infinity are rejected.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from ._operation import Param

_DELIMITERS = {"form": ",", "spaceDelimited": "%20", "pipeDelimited": "|"}


def text_of(value: Any) -> str:
    """A scalar as query text; ValueError for what a query string cannot carry."""
    if isinstance(value, str):
        return value
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"must be a finite number, not {value!r}")
        return repr(value)
    if value is None:
        raise ValueError("is None: leave it out instead of sending the text 'None'")
    raise ValueError(f"must be a str, int, float or bool in a query string, not {type(value).__name__}")


def _enc(value: Any) -> str:
    return quote(text_of(value), safe="")


def encode_param(out: list[str], p: Param, value: Any) -> None:
    """Append ``p``'s pairs for ``value`` (already type-checked against ``p``)."""
    key = quote(p.name, safe="")
    if isinstance(value, (list, tuple)):
        if not value:
            return
        style = p.style or "form"
        if style == "form" and (p.explode is None or p.explode):
            out.extend(f"{key}={_enc(v)}" for v in value)
        else:
            out.append(f"{key}={_DELIMITERS.get(style, ',').join(_enc(v) for v in value)}")
    elif isinstance(value, Mapping):
        if p.style == "form":
            if p.explode is None or p.explode:
                out.extend(f"{quote(str(k), safe='')}={_enc(v)}" for k, v in value.items())
            else:
                pairs = (f"{quote(str(k), safe='')},{_enc(v)}" for k, v in value.items())
                out.append(f"{key}={','.join(pairs)}")
        else:
            _deep(out, key, value)
    else:
        out.append(f"{key}={_enc(value)}")


def _deep(out: list[str], prefix: str, value: Mapping[Any, Any]) -> None:
    for k, v in value.items():
        if not isinstance(k, str):
            raise ValueError(f"keys must be str, not {k!r}")
        name = f"{prefix}[{quote(k, safe='')}]"
        if isinstance(v, Mapping):
            _deep(out, name, v)
        elif isinstance(v, (list, tuple)):
            raise ValueError(f"[{k}] is a list: a deepObject query value cannot hold lists")
        else:
            try:
                out.append(f"{name}={_enc(v)}")
            except UnicodeEncodeError:
                raise
            except ValueError as exc:
                raise ValueError(f"[{k}] {exc}") from None


def encode_extra_query(out: list[str], extra: Mapping[str, Any]) -> None:
    """``extra_query`` / ``default_query``: scalars, or lists repeating the key (checked beforehand)."""
    for k, v in extra.items():
        key = quote(k, safe="")
        if isinstance(v, (list, tuple)):
            out.extend(f"{key}={_enc(item)}" for item in v)
        else:
            out.append(f"{key}={_enc(v)}")
