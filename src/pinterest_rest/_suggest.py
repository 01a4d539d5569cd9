"""Suggestions for a misspelt keyword ("did you mean ...?"): the one place that picks the closest name."""

from __future__ import annotations

from collections.abc import Iterable


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``name``, or None when nothing is close enough to suggest."""
    import difflib  # only on the error path: nobody pays for it on a correct call

    options = sorted(candidates)
    for candidate in options:  # "public" for "PUBLIC": the case is the only mistake
        if candidate.lower() == name.lower():
            return candidate
    found = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return found[0] if found else None


def unexpected_keyword(where: str, name: str, candidates: Iterable[str]) -> TypeError:
    """The TypeError Python itself would raise, plus the closest valid name when there is one.

    ``where`` reads like a call, e.g. ``"boards.list()"``.
    """
    message = f"{where} got an unexpected keyword argument {name!r}"
    match = closest(name, candidates)
    if match is not None:
        message += f"; did you mean {match!r}?"
    return TypeError(message)
