"""Fixtures for running documentation code blocks against the offline sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pinterest_rest.sandbox import Sandbox


@pytest.fixture(scope="session")
def served_sandbox() -> Iterator[str]:
    """One sandbox over HTTP for blocks that build ``Pinterest()`` from the environment."""
    with Sandbox(seed="demo").serve(port=0) as base_url:
        yield base_url


@pytest.fixture
def docs_env(served_sandbox: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory as the docs assume one: sample files, HOME, and the environment."""
    (tmp_path / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("PINTEREST_BASE_URL", served_sandbox)
    monkeypatch.setenv("PINTEREST_ACCESS_TOKEN", "sandbox-token")
    return tmp_path
