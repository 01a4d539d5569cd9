"""Sandbox tests: a fresh sandbox per test (responses are validated by tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pinterest_rest.sandbox import Sandbox


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    sb = Sandbox()
    yield sb
    sb.close()
