"""pytest fixtures shipped with pinterest-rest (registered as a pytest11 entry point).

    def test_publisher(pinterest_sandbox):
        client = pinterest_sandbox.client()
        ...
        assert pinterest_sandbox.state.pins.count() == 3

Configure the fixture per test with the marker (every keyword of ``make_sandbox``):

    @pytest.mark.pinterest_sandbox(seed="demo", auth="scopes", faults=Faults(error=0.1, seed=4),
                                   rate_limits={"org_write": [(2, 60)]}, enforce_rate_limits=True,
                                   frozen_at=1767225600)
    def test_something(pinterest_sandbox): ...

or build several in one test with the factory (each closed when the test ends):

    def test_two_accounts(pinterest_sandbox_factory):
        a = pinterest_sandbox_factory(seed="demo")
        b = pinterest_sandbox_factory(auth="fixed", token="t")

Without the ``sandbox`` extra the fixtures fail with one line naming the install command.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from .config import Faults, SandboxConfig
from .requirements import INSTALL, missing_extra

if TYPE_CHECKING:
    from .sandbox import Sandbox

EXTRA_MISSING = f"the Pinterest sandbox needs the [sandbox] extra: {INSTALL}"
_CONFIG_FIELDS = {f.name for f in dataclasses.fields(SandboxConfig)}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "pinterest_sandbox(seed=None, db=':memory:', config=None, frozen_at=None, **SandboxConfig fields): "
        "configure the pinterest_sandbox fixture",
    )


def make_sandbox(
    *,
    seed: str | None = None,
    db: str = ":memory:",
    config: SandboxConfig | None = None,
    frozen_at: float | None = None,
    **settings: Any,
) -> Sandbox:
    """A ``Sandbox`` from keywords: ``seed``, ``db``, a whole ``config`` and/or single config fields
    (``auth``, ``faults``, ``rate_limits``, ``enforce_rate_limits``, ``job_polls`` ...), and
    ``frozen_at`` (epoch seconds) to stop the sandbox clock there."""
    if missing_extra():
        pytest.fail(EXTRA_MISSING, pytrace=False)
    from .sandbox import Sandbox

    unknown = sorted(set(settings) - _CONFIG_FIELDS)
    if unknown:
        raise TypeError(
            f"pinterest_sandbox: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_CONFIG_FIELDS))}"
        )
    if isinstance(settings.get("faults"), dict):
        settings["faults"] = Faults(**settings["faults"])
    base = config or SandboxConfig()
    final = dataclasses.replace(base, **settings) if settings else base
    return Sandbox(db=db, seed=seed, config=final, frozen_at=frozen_at)


@pytest.fixture
def pinterest_sandbox_factory() -> Iterator[Callable[..., Sandbox]]:
    """Build sandboxes with ``make_sandbox``'s keywords; all are closed when the test ends."""
    made: list[Sandbox] = []

    def factory(**kwargs: Any) -> Sandbox:
        sandbox = make_sandbox(**kwargs)
        made.append(sandbox)
        return sandbox

    yield factory
    for sandbox in made:
        sandbox.close()


@pytest.fixture
def pinterest_sandbox(request: pytest.FixtureRequest, pinterest_sandbox_factory: Callable[..., Sandbox]) -> Sandbox:
    """A fresh in-memory sandbox for each test, configured by the ``pinterest_sandbox`` marker."""
    marker = request.node.get_closest_marker("pinterest_sandbox")
    kwargs: dict[str, Any] = dict(marker.kwargs) if marker else {}
    if marker and marker.args:
        raise TypeError("pytest.mark.pinterest_sandbox takes keywords only")
    return pinterest_sandbox_factory(**kwargs)
