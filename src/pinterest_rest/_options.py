"""Checks of per-call options and client settings: names, types and ranges, before anything is sent.

One place for every rule, used by the pipeline (per-call ``**options``), by ``Pinterest(...)`` /
``AsyncPinterest(...)`` and ``with_options`` (client settings), and by hand-written workflow
methods that take or forward keyword arguments (``check_options``, ``check_forwarded``).

A bad option raises ``ValidationError`` naming it; an unknown keyword raises ``TypeError`` the way
Python does for a plain function, with the closest valid name. Only options that were actually
passed are checked, so a call without options pays nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._errors import ValidationError
from ._types import RequestOptions, Timeout

if TYPE_CHECKING:
    from ._operation import Operation
    from ._plan import Plan

OPTION_NAMES: frozenset[str] = frozenset(RequestOptions.__optional_keys__)
# max_items only means something to a method that returns a page.
PAGE_ONLY_OPTIONS: frozenset[str] = frozenset({"max_items"})
CALL_OPTIONS: frozenset[str] = OPTION_NAMES - PAGE_ONLY_OPTIONS

# RFC 9110 token: the characters a header name may hold.
# A header name's characters (RFC 9110 tchar). A set, not a regex: compiling one at import would
# cost every cold start, and most clients never pass a header.
_HEADER_CHARS = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def unexpected_keyword(where: str, name: str, candidates: Iterable[str]) -> TypeError:
    from ._suggest import unexpected_keyword as build  # the error path only

    return build(where, name, candidates)


def _fail(where: str, name: str, problem: str, operation: str | None) -> ValidationError:
    return ValidationError(f"{where}: {name} {problem}", argument=name, operation=operation)


def _shown(value: Any) -> str:
    return f"{type(value).__name__} ({value!r:.60})"


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` cannot be encoded as UTF-8 (a lone surrogate, e.g. from bad decoding)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _int_at_least(minimum: int) -> Callable[[Any, str, str, str | None], Any]:
    def check(value: Any, name: str, where: str, operation: str | None) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(where, name, f"must be an int >= {minimum}, not {_shown(value)}", operation)
        if value < minimum:
            raise _fail(where, name, f"must be >= {minimum}, not {value}", operation)
        return value

    return check


check_max_retries = _int_at_least(0)
check_max_items = _int_at_least(1)


def check_bool(value: Any, name: str, where: str, operation: str | None = None) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, name, f"must be True or False, not {_shown(value)}", operation)
    return value


def _seconds(value: Any, name: str, where: str, operation: str | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, name, f"must be a number of seconds or None, not {_shown(value)}", operation)
    if not math.isfinite(value) or value < 0:
        raise _fail(where, name, f"must be a finite number >= 0 (None waits forever), not {value!r}", operation)
    return float(value)


def check_timeout(value: Any, name: str, where: str, operation: str | None = None) -> Timeout | None:
    """A number (both phases), a ``(connect, read)`` tuple, a ``Timeout`` or None (no timeout)."""
    if value is None:
        return None
    if isinstance(value, Timeout):
        _seconds(value.connect, f"{name}.connect", where, operation)
        _seconds(value.read, f"{name}.read", where, operation)
        return value
    if isinstance(value, tuple):
        if len(value) != 2:
            raise _fail(where, name, f"as a tuple must be (connect, read), not {len(value)} values", operation)
        return Timeout(
            _seconds(value[0], f"{name}[0] (connect)", where, operation),
            _seconds(value[1], f"{name}[1] (read)", where, operation),
        )
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(
            where, name, f"must be a number, a (connect, read) tuple, a Timeout or None, not {_shown(value)}", operation
        )
    seconds = _seconds(value, name, where, operation)
    return Timeout(seconds, seconds)


def check_headers(value: Any, name: str, where: str, operation: str | None = None) -> dict[str, str]:
    """A dict of header name -> text; nothing that could split or corrupt the request head."""
    if not isinstance(value, Mapping):
        raise _fail(where, name, f"must be a dict of header name -> str, not {_shown(value)}", operation)
    for key, text in value.items():
        if not isinstance(key, str) or not key or not _HEADER_CHARS.issuperset(key):
            raise _fail(
                where, name, f"has an invalid header name {key!r} (letters, digits and !#$%&'*+-.^_`|~ only)", operation
            )
        if not isinstance(text, str):
            raise _fail(where, name, f"[{key!r}] must be a str, not {_shown(text)}", operation)
        if "\r" in text or "\n" in text or "\0" in text:
            raise _fail(where, name, f"[{key!r}] must not contain CR, LF or NUL characters", operation)
        if not text.isascii():
            try:
                text.encode("latin-1")
            except UnicodeEncodeError:
                raise _fail(
                    where,
                    name,
                    f"[{key!r}] must be Latin-1 text (encode other text yourself, e.g. percent-encoding)",
                    operation,
                ) from None
    return dict(value)


def _query_scalar(value: Any, label: str, name: str, where: str, operation: str | None) -> None:
    if isinstance(value, str):
        if has_lone_surrogate(value):
            raise _fail(where, name, f"{label} contains a lone surrogate and cannot be sent as UTF-8", operation)
        return
    if isinstance(value, bool):
        return
    if isinstance(value, float) and not math.isfinite(value):
        raise _fail(where, name, f"{label} must be a finite number, not {value!r}", operation)
    if isinstance(value, (int, float)):
        return
    if value is None:
        raise _fail(where, name, f"{label} is None: leave the key out instead of sending the text 'None'", operation)
    raise _fail(where, name, f"{label} must be a str, int, float or bool, not {_shown(value)}", operation)


def check_query(value: Any, name: str, where: str, operation: str | None = None) -> dict[str, Any]:
    """A dict of key -> scalar or list of scalars (a list repeats the key); no None, no nesting."""
    if not isinstance(value, Mapping):
        raise _fail(where, name, f"must be a dict, not {_shown(value)}", operation)
    for key, item in value.items():
        if not isinstance(key, str) or not key:
            raise _fail(where, name, f"keys must be non-empty str, not {key!r}", operation)
        if has_lone_surrogate(key):
            raise _fail(where, name, f"key {key!r} contains a lone surrogate", operation)
        if isinstance(item, (list, tuple)):
            for element in item:
                _query_scalar(element, f"[{key!r}] item", name, where, operation)
        else:
            _query_scalar(item, f"[{key!r}]", name, where, operation)
    return dict(value)


def check_body(value: Any, name: str, where: str, operation: str | None = None) -> Mapping[str, Any]:
    """A dict of extra top-level body fields (values are checked when the body is serialised)."""
    if not isinstance(value, Mapping):
        raise _fail(where, name, f"must be a dict of extra body fields, not {_shown(value)}", operation)
    for key in value:
        if not isinstance(key, str):
            raise _fail(where, name, f"keys must be str, not {key!r}", operation)
    return value


_CHECKS: dict[str, Callable[[Any, str, str, str | None], Any]] = {
    "timeout": check_timeout,
    "max_retries": check_max_retries,
    "retry_writes": check_bool,
    "extra_headers": check_headers,
    "extra_query": check_query,
    "extra_body": check_body,
    "max_items": check_max_items,
}


def check_option_values(options: Mapping[str, Any], where: str, operation: str | None = None) -> None:
    """Check the value of every known option in ``options`` (unknown keys are left alone)."""
    for key, value in options.items():
        check = _CHECKS.get(key)
        if check is not None:
            check(value, key, where, operation)


def check_call_options(
    plan: Plan, op: Operation, options: Mapping[str, Any], timeout: Timeout | None
) -> Timeout | None:
    """The pipeline's check of a generated method's ``**options`` (non-empty): unknown keywords fail
    like a Python function's, known options are checked for type and range. Returns the call's
    timeout: the ``timeout`` option as a ``Timeout`` (or None), else the ``timeout`` passed in."""
    if not plan.options.issuperset(options):
        unknown = next(k for k in options if k not in plan.options)
        if unknown in PAGE_ONLY_OPTIONS:
            raise TypeError(
                f"{plan.label} got an unexpected keyword argument {unknown!r} (only methods that return pages take it)"
            )
        raise unexpected_keyword(plan.label, unknown, plan.keywords)
    for key, value in options.items():
        if key == "timeout":
            timeout = check_timeout(value, key, op.id, op.id)
        else:
            _CHECKS[key](value, key, op.id, op.id)
    return timeout


def check_options(where: str, options: Mapping[str, Any], allowed: Collection[str] = ()) -> None:
    """For hand-written methods: every key is a request option or in ``allowed``, with a valid value.

    ``where`` reads like a call (``"media.upload()"``); an unknown key raises the TypeError Python
    raises for a plain function, with the closest valid name.
    """
    for key in options:
        if key not in OPTION_NAMES and key not in allowed:
            raise unexpected_keyword(where, key, OPTION_NAMES | set(allowed))
    check_option_values(options, where)


def check_forwarded(op: Operation, where: str, kwargs: Mapping[str, Any], exclude: Iterable[str] = ()) -> None:
    """For workflow methods that forward ``**kwargs`` to ``op``'s method after other work (an upload,
    a wait): fail on a misspelt or invalid keyword *before* that work starts.

    ``exclude`` names the op's arguments the workflow fills itself (they are not valid keywords).
    """
    from ._plan import plan_for

    plan = plan_for(op)
    names = plan.keywords - set(exclude)
    for key in kwargs:
        if key not in names:
            raise unexpected_keyword(where, key, names)
    check_option_values(kwargs, where, op.id)


# -- client settings (Pinterest(...), AsyncPinterest(...), with_options) ----------------------------


def check_base_url(value: Any, name: str, where: str) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise _fail(where, name, f"must be an http:// or https:// URL, not {_shown(value)}", None)
    if any(c in value for c in "\r\n\0 ") or has_lone_surrogate(value):
        raise _fail(where, name, "must not contain spaces, CR, LF, NUL or lone surrogates", None)
    return value.rstrip("/")


def check_ad_account_id(value: Any, name: str, where: str) -> str | None:
    """An ad account id as the API writes it (digits), or None for no default."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    if not isinstance(value, str) or not (value.isdigit() and value.isascii()):
        raise _fail(where, name, f"must be a string of digits (Pinterest's ad account id), not {_shown(value)}", None)
    return value


def check_secret(value: Any, name: str, where: str) -> None:
    """A credential: a str that can go in a header. The message never shows the value."""
    if value is None:
        return
    reveal = getattr(value, "reveal", None)  # a Secret wrapper: check what it holds
    if callable(reveal):
        value = reveal()
    if not isinstance(value, str):
        raise _fail(where, name, f"must be a str, not {type(value).__name__}", None)
    if any(c in value for c in "\r\n\0") or not value.isascii():
        raise _fail(where, name, "must be printable ASCII without CR, LF or NUL (check how it was read)", None)


def check_rate_limit_budget(value: Any, name: str, where: str) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping):
        raise _fail(where, name, f"must be a dict of category -> (calls, period_seconds), not {_shown(value)}", None)
    for category, entry in value.items():
        ok = (
            isinstance(category, str)
            and isinstance(entry, tuple)
            and len(entry) == 2
            and not isinstance(entry[0], bool)
            and isinstance(entry[0], int)
            and entry[0] > 0
            and not isinstance(entry[1], bool)
            and isinstance(entry[1], (int, float))
            and 0 < entry[1] < float("inf")
        )
        if not ok:
            raise _fail(
                where,
                name,
                f"[{category!r}] must be (calls: int > 0, period_seconds: number > 0), not {entry!r:.60}",
                None,
            )


def check_client_settings(where: str, settings: Mapping[str, Any]) -> dict[str, Any]:
    """Check the given client settings; return them normalised (timeout as ``Timeout``, URL without
    a trailing slash, headers and query as fresh dicts)."""
    checked = dict(settings)
    for name, value in settings.items():
        if name == "base_url":
            checked[name] = check_base_url(value, name, where)
        elif name == "timeout":
            checked[name] = check_timeout(value, name, where)
        elif name == "max_retries":
            check_max_retries(value, name, where, None)
        elif name == "retry_writes":
            check_bool(value, name, where)
        elif name == "default_headers":
            checked[name] = {} if value is None else check_headers(value, name, where)
        elif name == "default_query":
            checked[name] = {} if value is None else check_query(value, name, where)
        elif name == "ad_account_id":
            checked[name] = check_ad_account_id(value, name, where)
        elif name in ("access_token", "client_id", "client_secret", "conversion_token"):
            check_secret(value, name, where)
        elif name == "rate_limit_budget":
            check_rate_limit_budget(value, name, where)
    return checked
