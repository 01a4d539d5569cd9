"""MkDocs hooks for the documentation site (listed under ``hooks:`` in mkdocs.yml).

The operation docstrings come from the spec, whose descriptions link to Pinterest's developer site
with site-absolute paths (``/docs/api/v5/#operation/...``). On our site those would point nowhere,
so they are rewritten to https://developers.pinterest.com. The codegen wraps long descriptions,
which can split such a path over two lines; the whitespace is dropped.
"""

from __future__ import annotations

import re
from typing import Any

PINTEREST_DEVELOPERS = "https://developers.pinterest.com"
_ABSOLUTE = re.compile(r'href="(/docs/[^"]*)"')


def _fix(match: re.Match[str]) -> str:
    path = re.sub(r"\s+", "", match[1])
    return f'href="{PINTEREST_DEVELOPERS}{path}"'


def on_page_content(html: str, **_: Any) -> str:
    return _ABSOLUTE.sub(_fix, html)
