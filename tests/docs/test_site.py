"""The documentation site: `mkdocs build --strict` passes, and a headless Chromium finds it working.

The strict build fails on a broken link or anchor, a page missing from the nav, or a docstring
mkdocstrings cannot render. The browser test serves the built site from a local static server and
opens the home page, a guide and the operations page: each shows its content, logs no console error,
and typing in the search box gives results (the search index loads and answers).
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .blocks import ROOT
from .cdp import chromium_page, find_chromium


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=170, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    return site


def test_mkdocs_build_strict(built_site: Path) -> None:
    for page in ("index.html", "operations/index.html", "from-node/index.html", "api/resources/index.html"):
        assert (built_site / page).is_file(), page
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"", "oauth/", "operations/", "from-node/", "api/client/"} <= locations


def test_docstrings_rendered_into_the_reference(built_site: Path) -> None:
    resources = (built_site / "api" / "resources" / "index.html").read_text("utf-8")
    assert 'id="pinterest_rest.resources.boards.Boards.list_pins"' in resources
    assert 'href="/docs/' not in resources  # Pinterest's doc paths point at developers.pinterest.com
    client = (built_site / "api" / "client" / "index.html").read_text("utf-8")
    assert "Thread-safe" in client  # Pinterest's class docstring


def test_site_url_is_where_the_cli_points() -> None:
    from pinterest_rest.cli.names import DOCS_URL

    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert f"\nsite_url: {DOCS_URL}\n" in config


def test_every_page_is_in_the_nav() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    nav = config[config.index("\nnav:") :]
    pages = sorted(str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md"))
    assert [p for p in pages if f": {p}\n" not in nav] == []


@pytest.fixture
def served_site(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


CHROMIUM = find_chromium()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_site_in_headless_chromium(served_site: str) -> None:
    assert CHROMIUM is not None
    asyncio.run(_browse(CHROMIUM, served_site))


async def _browse(binary: str, base: str) -> None:
    async with chromium_page(binary) as page:
        await page.open(base + "/")
        title = await page.wait_for("document.querySelector('.md-content h1')?.textContent")
        assert "pinterest-rest" in title
        assert await page.evaluate("document.querySelectorAll('.md-nav__link').length") > 20

        await page.type_text("input.md-search__input", "refresh token")
        found = await page.wait_for("document.querySelectorAll('.md-search-result__item').length")
        assert found > 0
        first = await page.evaluate("document.querySelector('.md-search-result__item').textContent")
        assert first.strip()

        await page.open(base + "/oauth/")
        heading = await page.wait_for("document.querySelector('.md-content h1')?.textContent")
        assert "OAuth for production apps" in heading
        assert "RefreshingAuth" in await page.evaluate("document.querySelector('.md-content').textContent")

        await page.open(base + "/operations/")
        rows = await page.wait_for("document.querySelectorAll('.md-content table tbody tr').length")
        assert rows >= 231
        text = await page.evaluate("document.querySelector('.md-content').textContent")
        assert "client.media.upload(path_or_file)" in text and "client.boards.list_pins(board_id)" in text

        await asyncio.sleep(0.3)  # let late console messages arrive
        assert page.errors == [], page.errors
