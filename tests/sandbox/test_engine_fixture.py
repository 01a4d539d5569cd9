"""The shipped pytest fixtures: marker, factory, and the one-line message without the extra."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import pinterest_rest as pr
from pinterest_rest.sandbox import Faults, Sandbox, SandboxConfig

pytest_plugins = ["pytester"]


@pytest.mark.pinterest_sandbox(seed="demo", auth="scopes", frozen_at=1_767_225_600)
def test_marker_configures_the_fixture(pinterest_sandbox: Sandbox) -> None:
    assert pinterest_sandbox.state.boards.count() == 3
    assert pinterest_sandbox.config.auth == "scopes"
    assert pinterest_sandbox.clock.iso() == "2026-01-01T00:00:00Z"
    with pytest.raises(pr.AuthenticationError):
        pinterest_sandbox.client(max_retries=0).boards.list()


@pytest.mark.pinterest_sandbox(
    config=SandboxConfig(job_polls=3), enforce_rate_limits=True, rate_limits={"org_read": [(1, 60)]}
)
def test_marker_merges_config_and_single_settings(pinterest_sandbox: Sandbox) -> None:
    assert pinterest_sandbox.config.job_polls == 3 and pinterest_sandbox.config.enforce_rate_limits
    client = pinterest_sandbox.client(max_retries=0)
    client.boards.list()
    with pytest.raises(pr.RateLimitError):
        client.boards.list()


def test_factory_builds_several(pinterest_sandbox_factory: Callable[..., Sandbox]) -> None:
    a = pinterest_sandbox_factory(seed="demo")
    b = pinterest_sandbox_factory(faults={"error": 1.0})
    assert a.state.boards.count() == 3 and b.state.boards.count() == 0
    assert isinstance(b.config.faults, Faults) and b.config.faults.error == 1.0
    with pytest.raises(TypeError, match="unknown setting"):
        pinterest_sandbox_factory(auth_mode="scopes")


def test_missing_extra_is_one_clear_line(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        "import importlib.util, pytest, pinterest_rest.sandbox.requirements as r\n"
        "real = importlib.util.find_spec\n"
        "@pytest.fixture(autouse=True)\n"
        "def no_jsonschema(monkeypatch):\n"
        "    monkeypatch.setattr(r, 'find_spec', lambda name: None if name == 'jsonschema' else real(name))\n"
    )
    pytester.makepyfile("def test_it(pinterest_sandbox):\n    pass\n")
    result = pytester.runpytest_inprocess()  # the plugin loads through its pytest11 entry point
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*the Pinterest sandbox needs the [[]sandbox[]] extra: pip install 'pinterest-rest[[]sandbox[]]'*"]
    )
    assert "Traceback" not in result.stdout.str() and "ModuleNotFoundError" not in result.stdout.str()


def test_sandbox_without_the_extra_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import pinterest_rest.sandbox.requirements as req

    monkeypatch.setattr(req, "find_spec", lambda name: None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'pinterest-rest\[sandbox\]'"):
        Sandbox()
