"""The ``sandbox`` extra: tell the user what to install in one line instead of a bare import error."""

from __future__ import annotations

from importlib.util import find_spec

INSTALL = "pip install 'pinterest-rest[sandbox]'"


def missing_extra(serve: bool = False) -> list[str]:
    """Modules of the extra that are not importable (uvicorn only matters for serving over HTTP)."""
    wanted = ["jsonschema", *(["uvicorn"] if serve else [])]
    return [name for name in wanted if find_spec(name) is None]


def require_extra(serve: bool = False) -> None:
    missing = missing_extra(serve)
    if missing:
        raise ModuleNotFoundError(
            f"the Pinterest sandbox needs {', '.join(missing)} from the [sandbox] extra: {INSTALL}", name=missing[0]
        )
