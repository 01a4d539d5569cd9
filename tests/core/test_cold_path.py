"""What a fresh process's first call loads: only what that call needs (no timing asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys

FIRST_GET = """
from pinterest_rest import Pinterest
from pinterest_rest._transport import Response

class Answer:
    def send(self, request):
        return Response(200, {"content-type": "application/json"}, b'{"id": "549755800000"}', request)

    def close(self):
        pass

board = Pinterest("t", transport=Answer()).boards.get("549755800000")
assert board.id == "549755800000", board
"""


def _loaded_by(code: str) -> list[str]:
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def test_first_call_does_not_load_the_registry_index() -> None:
    # The operation's own area is already loaded by its resource module; finding the record
    # (the plan cache checks it is the registry's) must not need the index of every operation.
    mods = _loaded_by(FIRST_GET)
    assert "pinterest_rest._registry.boards" in mods
    assert "pinterest_rest._registry._index" not in mods
    assert [m for m in mods if m.startswith("pinterest_rest._registry.")] == ["pinterest_rest._registry.boards"]


def test_first_response_loads_only_its_model_module() -> None:
    mods = _loaded_by(FIRST_GET)
    assert [m for m in mods if m.startswith("pinterest_rest.models")] == [
        "pinterest_rest.models",
        "pinterest_rest.models.boards",
    ]


def test_registry_answers_from_loaded_areas_and_the_index_alike() -> None:
    code = (
        "from pinterest_rest import _registry\n"
        "from pinterest_rest._registry import boards\n"
        "direct = _registry.get('boards/get')\n"
        "assert direct is boards.OPERATIONS['boards/get']\n"
        "assert _registry.area('boards') is boards.OPERATIONS\n"
        "assert 'pinterest_rest._registry._index' not in sys.modules\n"
        "assert _registry.get('pins/get') is _registry.area('pins')['pins/get']\n"
        "assert _registry.find('boards', 'get') is direct\n"
        "try:\n"
        "    _registry.get('no/such')\n"
        "except KeyError as e:\n"
        "    assert e.args == ('no/such',)\n"
        "else:\n"
        "    raise AssertionError('no KeyError')\n"
        "assert len(_registry.all()) == len(_registry.INDEX)\n"
    )
    mods = _loaded_by(code)
    assert "pinterest_rest._registry._index" in mods


def test_client_request_helpers_load_on_first_request_call() -> None:
    mods = _loaded_by(FIRST_GET)
    assert "pinterest_rest._adhoc" not in mods
    mods = _loaded_by(
        FIRST_GET + "\nassert Pinterest('t', transport=Answer()).request('GET', '/boards/1') == {'id': '549755800000'}"
    )
    assert "pinterest_rest._adhoc" in mods
