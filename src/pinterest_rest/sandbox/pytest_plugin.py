"""pytest fixtures shipped with pinterest-rest (registered as a pytest11 entry point).

def test_publisher(pinterest_sandbox):
    client = pinterest_sandbox.client()
    ...
    assert pinterest_sandbox.state.pins.count() == 3
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .sandbox import Sandbox


@pytest.fixture
def pinterest_sandbox() -> Iterator[Sandbox]:
    """A fresh, empty in-memory sandbox for each test."""
    sandbox = Sandbox()
    yield sandbox
    sandbox.close()
