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


def test_first_get_loads_no_pagination_query_encoding_or_transport_protocols() -> None:
    # Each is imported by the first call that needs it (a list, a query string, a type checker);
    # a GET of one object needs none of them.
    mods = _loaded_by(FIRST_GET)
    for module in ("_pagination", "_query", "_transport._protocols"):
        assert f"pinterest_rest.{module}" not in mods, module
    later = _loaded_by(
        FIRST_GET
        + "\nimport pinterest_rest._pagination as pg\n"
        + "c = Pinterest('t', transport=Answer())\n"
        + "page = c.boards.list(page_size=5)\n"
        + "assert isinstance(page, pg.SyncPage) and page.items == []\n"
        + "from pinterest_rest._transport import SyncTransport, StreamedBody, AsyncTransport\n"
        + "assert SyncTransport.__module__ == 'pinterest_rest._transport._protocols'\n"
    )
    assert "pinterest_rest._query" in later and "pinterest_rest._transport._protocols" in later


def test_sync_client_loads_no_async_client_pipeline_or_accessors() -> None:
    async_parts = ("pinterest_rest._async_client", "pinterest_rest._async_pipeline", "pinterest_rest.resources._async")
    mods = _loaded_by(FIRST_GET)
    assert not [m for m in async_parts if m in mods]
    # Naming AsyncPinterest loads them, and the async client works on the same shared pieces.
    used = _loaded_by(
        FIRST_GET
        + "\nimport asyncio\nfrom pinterest_rest import AsyncPinterest\n"
        + "class AsyncAnswer:\n"
        + "    async def send(self, request):\n"
        + "        return Answer().send(request)\n"
        + "    async def aclose(self):\n"
        + "        pass\n"
        + "async def main():\n"
        + "    async with AsyncPinterest('t', transport=AsyncAnswer()) as client:\n"
        + "        return await client.boards.get('549755800000')\n"
        + "assert asyncio.run(main()).id == '549755800000'\n"
        + "assert AsyncPinterest.__module__ == 'pinterest_rest._async_client'\n"
    )
    assert [m for m in async_parts if m in used] == list(async_parts)


def test_rate_limit_parser_loads_only_when_a_limit_is_read() -> None:
    # Pinterest sends x-ratelimit-* on every answer. The pipeline notes them on each one, but the
    # parser (and its module) is needed only when someone reads a limit, an error is made or a
    # 429 is timed; a GET that succeeds and is not asked about its limit does none of those.
    limited = FIRST_GET.replace(
        '{"content-type": "application/json"}',
        '{"content-type": "application/json", "x-ratelimit-limit": "100, 100;w=1", '
        '"x-ratelimit-remaining": "99", "x-ratelimit-reset": "7"}',
    ).replace(
        'board = Pinterest("t", transport=Answer())', 'client = Pinterest("t", transport=Answer())\nboard = client'
    )
    assert "client = Pinterest" in limited and "x-ratelimit-limit" in limited
    assert "pinterest_rest._ratelimit" not in _loaded_by(limited)
    read = _loaded_by(
        limited
        + "\n(limit,) = client.rate_limits.values()\n"
        + "assert (limit.limit, limit.remaining, limit.reset) == (100, 99, 7.0), limit\n"
    )
    assert "pinterest_rest._ratelimit" in read


def test_the_first_response_finds_its_model_without_building_the_name_index() -> None:
    mods = _loaded_by(FIRST_GET + "\nimport pinterest_rest.models as m\nassert 'MODELS' not in vars(m)")
    assert "pinterest_rest.models.boards" in mods


def test_module_of_agrees_with_the_full_name_index() -> None:
    from pinterest_rest import models

    index = models._all_models()
    assert len(index) > 500
    assert all(models.module_of(name) == module for name, module in index.items())
    assert index == models.MODELS
    # Names are matched whole: a prefix, a fragment spanning two names, or an empty name is no model.
    for bad in ("", "Boar", "Board BoardMedia", "oard", " Board"):
        assert models.module_of(bad) is None, bad
    assert "Board" in dir(models)


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


def test_status_error_classes_are_made_on_first_use_and_match_their_class_statements() -> None:
    import ast
    from pathlib import Path

    from pinterest_rest import _errors

    tree = ast.parse(Path(_errors.__file__).read_text())
    declared = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and [ast.unparse(b) for b in node.bases] == ["APIStatusError"]:
            (stmt,) = node.body
            assert isinstance(stmt, ast.Assign) and ast.unparse(stmt.targets[0]) == "status_code"
            declared[node.name] = ast.literal_eval(stmt.value)
    assert declared == _errors._STATUS_CLASSES

    code = (
        "import pinterest_rest._errors as e\n"
        "assert 'NotFoundError' not in vars(e)\n"
        "from pinterest_rest import NotFoundError, InternalServerError, APIStatusError\n"
        "assert NotFoundError is e.NotFoundError is e.error_class(404)\n"
        "assert e.error_class(503) is InternalServerError and e.error_class(418) is APIStatusError\n"
        "assert NotFoundError.__mro__[1] is APIStatusError and NotFoundError.status_code == 404\n"
        "assert NotFoundError.__module__ == 'pinterest_rest._errors' and NotFoundError.__qualname__ == 'NotFoundError'\n"
        "assert NotFoundError.__doc__ is None\n"
        "assert 'RateLimitError' in dir(e)\n"
    )
    mods = _loaded_by(code)
    assert "pinterest_rest._errors" in mods


def test_first_get_makes_no_status_error_class() -> None:
    mods = _loaded_by(FIRST_GET + "\nimport pinterest_rest._errors as e\nassert 'NotFoundError' not in vars(e)")
    assert "pinterest_rest._errors" in mods


def test_status_error_classes_are_made_once_under_concurrent_first_use() -> None:
    code = (
        "import threading\n"
        "import pinterest_rest._errors as e\n"
        "barrier = threading.Barrier(8)\n"
        "seen = []\n"
        "def first():\n"
        "    barrier.wait()\n"
        "    seen.append(e.error_class(404))\n"
        "threads = [threading.Thread(target=first) for _ in range(8)]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "assert len(seen) == 8 and all(cls is e.NotFoundError for cls in seen), seen\n"
    )
    _loaded_by(code)


def test_each_resource_accessor_is_named_after_its_module() -> None:
    # LazyResource stores the resource under its module's name (no __set_name__), so the two must agree.
    from pinterest_rest import AsyncPinterest, Pinterest
    from pinterest_rest._types import LazyResource

    for client_cls in (Pinterest, AsyncPinterest):
        accessors = {k: v for k, v in vars(client_cls.__mro__[1]).items() if isinstance(v, LazyResource)}
        assert len(accessors) > 40
        for name, descriptor in accessors.items():
            assert descriptor.module == name
    client = Pinterest("t", base_url="http://127.0.0.1:9/v5")
    assert client.boards is client.boards and "boards" in vars(client)
