"""`import pinterest_rest` loads no model, resource, registry or async-transport module."""

from __future__ import annotations

import json
import subprocess
import sys


def loaded_after(code: str) -> list[str]:
    script = f"import sys; {code}; import json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_loads_nothing_heavy() -> None:
    mods = loaded_after("import pinterest_rest")
    ours = [m for m in mods if m.startswith("pinterest_rest")]
    assert ours == ["pinterest_rest"], ours
    assert "aiohttp" not in mods and "urllib3" not in mods


def test_version_agrees_with_the_installed_distribution() -> None:
    from importlib.metadata import version

    import pinterest_rest
    from pinterest_rest._client import USER_AGENT

    assert pinterest_rest.__version__ == version("pinterest-rest")
    assert USER_AGENT.startswith(f"pinterest-rest/{pinterest_rest.__version__} ")


def test_client_loads_only_used_resource() -> None:
    mods = loaded_after(
        "from pinterest_rest import Pinterest; c = Pinterest('t', base_url='http://127.0.0.1:9/v5'); c.boards"
    )
    assert "pinterest_rest.resources.boards" in mods
    assert not [m for m in mods if m.startswith("pinterest_rest.models.") and m != "pinterest_rest.models._index"]
    assert [m for m in mods if m.startswith("pinterest_rest.resources.")] == ["pinterest_rest.resources.boards"]
    assert "aiohttp" not in mods


def test_async_client_defers_aiohttp() -> None:
    mods = loaded_after("from pinterest_rest import AsyncPinterest; c = AsyncPinterest('t'); c.pins")
    assert "aiohttp" not in mods


def test_models_load_on_first_use() -> None:
    mods = loaded_after("from pinterest_rest.models import Board; Board({'id': '1'}).id")
    assert "pinterest_rest.models.boards" in mods
    assert "pinterest_rest.models.campaigns" not in mods


def test_resource_loads_only_its_registry_area() -> None:
    mods = loaded_after(
        "from pinterest_rest import Pinterest; c = Pinterest('t', base_url='http://127.0.0.1:9/v5'); c.boards"
    )
    areas = [m for m in mods if m.startswith("pinterest_rest._registry.")]
    assert areas == ["pinterest_rest._registry.boards"], areas


def test_registry_lookup_loads_one_area() -> None:
    mods = loaded_after("from pinterest_rest import _registry; _registry.get('pins/get'); len(_registry.OPERATIONS)")
    areas = [m for m in mods if m.startswith("pinterest_rest._registry.")]
    assert areas == ["pinterest_rest._registry._index", "pinterest_rest._registry.pins"], areas
