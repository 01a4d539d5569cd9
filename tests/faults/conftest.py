"""The sandbox over real HTTP with the fault proxy (its own process) in front of it.

Backoff is set to zero so outage scenarios run in milliseconds; what is counted (attempts,
stored objects) does not depend on the waits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from pinterest_rest import _retry
from pinterest_rest.sandbox import Sandbox
from pinterest_rest.sandbox.config import SandboxConfig

from .remote import RemoteProxy, remote_proxy


@dataclass
class Rig:
    sandbox: Sandbox
    proxy: RemoteProxy

    @property
    def url(self) -> str:
        return self.proxy.url

    @property
    def token(self) -> str:
        return self.sandbox.config.token


@pytest.fixture(scope="module")
def _served() -> Iterator[tuple[Sandbox, RemoteProxy]]:
    # "fixed": only the configured token is accepted, so every test also checks the real wire
    # carries the token intact through the Secret / masked-header types.
    with Sandbox(config=SandboxConfig(auth="fixed")) as sandbox, sandbox.serve() as url, remote_proxy(url) as proxy:
        yield sandbox, proxy


@pytest.fixture
def rig(_served: tuple[Sandbox, RemoteProxy], monkeypatch: pytest.MonkeyPatch) -> Rig:
    monkeypatch.setattr(_retry, "backoff", lambda attempt: 0.0)
    sandbox, proxy = _served
    proxy.plan(["ok"], rate=0.0)
    proxy.stats()  # start each test from a clean record
    return Rig(sandbox, proxy)
