"""Find the Python code blocks of the Markdown docs and run them against the offline sandbox.

A block is run unless the HTML comment on the line just before its fence says otherwise:

    <!-- check: setup -->      run before every other block of the same page (the page's imports and ids)
    <!-- check: typecheck -->  needs production (a real app, a browser, a real token): not run, only
                               type-checked, on its own, without the page's setup

Every block (and every script in examples/) also passes mypy --strict: run and setup blocks with the
page's setup blocks in front, as they run (tests/docs/typecheck.py).

Blocks run in-process, each in a fresh namespace after the page's setup, with the working directory
and HOME in a temporary directory that holds a small ``clip.mp4`` and ``photo.jpg``, and with
PINTEREST_BASE_URL / PINTEREST_ACCESS_TOKEN pointing at a sandbox served over HTTP, so a block that
writes ``Pinterest()`` talks to the sandbox too. ``Pinterest`` and ``AsyncPinterest`` are imported
in front of every block, as a reader who has read the quick start would have them.

A few blocks on pages owned elsewhere are signature sketches with ``...`` placeholders, not
programs; they are listed in SKETCHES with the reason and are only compiled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])

_FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>[\w-]*)[^\n]*$")
_CHECK = re.compile(r"<!--\s*check:\s*(?P<mode>[\w-]+)\s*-->")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    code: str
    mode: str  # "run", "setup" or "typecheck"
    heading: str  # the nearest heading above the block

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def python_blocks(page: Path) -> list[Block]:
    lines = page.read_text("utf-8").splitlines()
    found: list[Block] = []
    heading = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        fence = _FENCE.match(line)
        if not fence:
            i += 1
            continue
        indent, lang = fence["indent"], fence["lang"]
        end = i + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        if lang in ("python", "py"):
            body = "\n".join(raw[len(indent) :] for raw in lines[i + 1 : end])
            previous = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
            check = _CHECK.search(previous)
            found.append(Block(page, i + 1, body + "\n", check["mode"] if check else "run", heading))
        i = end + 1
    return found


def all_blocks() -> list[Block]:
    return [block for page in PAGES for block in python_blocks(page)]


# page (relative to the repository) -> first line of the sketch -> why it cannot run as written
SKETCHES: dict[str, dict[str, str]] = {
    "docs/cli.md": {
        "from pinterest_rest.cli import main": "shows main()'s keywords with ... placeholders; tests/cli runs main() for real",
    },
}


def is_sketch(block: Block) -> bool:
    first = block.code.lstrip().splitlines()[0] if block.code.strip() else ""
    return first in SKETCHES.get(str(block.page.relative_to(ROOT)), {})


PRELUDE = "from pinterest_rest import AsyncPinterest, Pinterest\n"


def run(block: Block, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the page's setup blocks, then ``block``, in one fresh namespace; return it."""
    ns: dict[str, Any] = {"__name__": "__docs__"} if namespace is None else namespace
    exec(PRELUDE, ns)
    for setup in python_blocks(block.page):
        if setup.mode == "setup" and setup != block:
            exec(compile(_padded(setup), str(setup.page), "exec"), ns)
    exec(compile(_padded(block), str(block.page), "exec"), ns)
    return ns


def _padded(block: Block) -> str:
    # Blank lines in front make tracebacks point at the real line of the Markdown file.
    return "\n" * block.line + block.code
