"""Run mypy --strict and pyright over documentation snippets and report errors at their Markdown lines.

Each snippet becomes one file made of segments (the prelude, the page's setup blocks, the block);
mypy's ``file:line`` is translated back to ``page.md:line`` of the segment it falls in, so a
failure names the line a reader sees.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .blocks import PRELUDE, ROOT, Block, python_blocks

_ERROR = re.compile(r"^(?P<file>[\w.]+):(?P<line>\d+):(?P<rest>.*)$")


@dataclass(frozen=True)
class Snippet:
    name: str  # what a failure names when no segment matches (an example script, say)
    segments: tuple[tuple[str, int, str], ...]  # (where, first line there, code)

    def text(self) -> str:
        return "".join(code if code.endswith("\n") else code + "\n" for _, _, code in self.segments)

    def locate(self, line: int) -> str:
        for where, first, code in self.segments:
            size = code.count("\n") + (0 if code.endswith("\n") else 1)
            if line <= size:
                return f"{where}:{first + line - 1}" if first else f"{where}:{line}"
            line -= size
        return f"{self.name}:{line}"


def snippet_for(block: Block) -> Snippet:
    """A ``typecheck`` block stands alone; a run/setup block gets the page's other setup blocks first."""
    segments: list[tuple[str, int, str]] = [("<prelude>", 1, PRELUDE)]
    if block.mode != "typecheck":
        for setup in python_blocks(block.page):
            if setup.mode == "setup" and setup != block:
                segments.append((str(setup.page.relative_to(ROOT)), setup.line + 1, setup.code))
    segments.append((str(block.page.relative_to(ROOT)), block.line + 1, block.code))
    return Snippet(block.id, tuple(segments))


def script(path: Path) -> Snippet:
    return Snippet(str(path.relative_to(ROOT)), ((str(path.relative_to(ROOT)), 1, path.read_text("utf-8")),))


def write(snippets: list[Snippet], workdir: Path) -> dict[str, Snippet]:
    """One file per snippet in ``workdir``; file name -> snippet."""
    files: dict[str, Snippet] = {}
    for n, snippet in enumerate(snippets):
        name = f"snippet_{n}.py"
        (workdir / name).write_text(snippet.text(), "utf-8")
        files[name] = snippet
    return files


def pyright(snippets: list[Snippet], workdir: Path) -> tuple[int, str]:
    """pyright (standard mode) over every snippet at once; (exit status, errors named by Markdown line)."""
    files = write(snippets, workdir)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("pyright")), "--outputjson", "--pythonpath", sys.executable,
         "--pythonversion", "3.10", *files],
        capture_output=True, text=True, cwd=workdir, timeout=600,
    )  # fmt: skip
    report = json.loads(result.stdout)
    lines = []
    for diag in report["generalDiagnostics"]:
        if diag["severity"] != "error":
            continue
        snippet = files.get(Path(diag["file"]).name)
        line = diag["range"]["start"]["line"] + 1
        where = snippet.locate(line) if snippet else f"{diag['file']}:{line}"
        lines.append(f"{where} error: {diag['message']}")
    return result.returncode, "\n".join(dict.fromkeys(lines))


def mypy_strict(snippets: list[Snippet], workdir: Path) -> tuple[int, str]:
    """mypy --strict over every snippet at once; (exit status, errors named by Markdown line)."""
    files = write(snippets, workdir)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--follow-imports=silent",
         "--cache-dir", str(ROOT / ".mypy_cache"), "--config-file", str(ROOT / "pyproject.toml"),
         *files],
        capture_output=True, text=True, cwd=workdir, timeout=600,
    )  # fmt: skip
    lines = []
    for line in result.stdout.splitlines():
        match = _ERROR.match(line)
        if match and match["file"] in files:
            line = files[match["file"]].locate(int(match["line"])) + match["rest"]
        lines.append(line)
    return result.returncode, "\n".join(dict.fromkeys(lines))  # a setup block's error once, not per block
