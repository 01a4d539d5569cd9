"""Isolated virtual environments for the contenders, under benchmarks/.venvs/ (gitignored).

Each venv is created once and reused while its requirement line is unchanged (a marker file holds
it). pinterest-rest is reinstalled on every run from the repository, by default from a `git archive`
of HEAD (so the results name the commit they measured), or from the work tree with `--worktree`.
The raw venv pins urllib3 and aiohttp to the versions pinterest-rest resolved, so the raw floors use
the same transport code as the client they are compared with.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENVS = HERE / ".venvs"
REPO = HERE.parent

# venv name -> pip requirements (pinterest-rest's comes from the repo, see install_pinterest_rest)
EXISTING = {
    "generated": ["Pinterest-Generated-Client"],
    "api-sdk": ["pinterest-api-sdk"],
    "python-pinterest": ["python-pinterest"],
}


@dataclass
class Env:
    name: str
    python: Path
    ok: bool = True
    reason: str = ""
    note: str = ""

    def bin(self, script: str) -> Path:
        return self.python.parent / script


def _log(msg: str) -> None:
    print(f"[envs] {msg}", file=sys.stderr, flush=True)


def _pip(python: Path, *args: str) -> None:
    cmd = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = [ln.strip() for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        errors = [ln for ln in lines if "error" in ln.lower()] or lines
        raise RuntimeError("pip install failed: " + " | ".join(errors[-4:]))


def ensure(name: str, requirements: list[str]) -> Env:
    """Create (or reuse) venv `name` with `requirements` installed."""
    path = VENVS / name
    python = path / "bin" / "python"
    marker = path / ".requirements"
    want = " ".join(requirements)
    if python.exists() and marker.exists() and marker.read_text() == want:
        return Env(name, python)
    _log(f"creating {name}: {want}")
    shutil.rmtree(path, ignore_errors=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, capture_output=True)
        _pip(python, *requirements)
    except (subprocess.CalledProcessError, RuntimeError) as e:
        return Env(name, python, ok=False, reason=str(e))
    marker.write_text(want)
    return Env(name, python)


def install_pinterest_rest(worktree: bool) -> tuple[Env, str]:
    """(Re)install pinterest-rest from the repo; returns the env and a description of the source."""
    env = ensure("pinterest-rest", ["pip"])
    if not env.ok:
        return env, ""
    if worktree:
        source, label = REPO, f"work tree of {REPO}"
    else:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        if head.returncode != 0:
            return Env("pinterest-rest", env.python, ok=False, reason="the repository has no commit"), ""
        tmp = Path(tempfile.mkdtemp(prefix="pinterest-rest-src-"))
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD"], capture_output=True, check=True)
        with tarfile.open(fileobj=__import__("io").BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        source, label = tmp, f"git archive of commit {head.stdout.strip()}"
    if not (Path(source) / "pyproject.toml").exists():
        return Env("pinterest-rest", env.python, ok=False, reason=f"no pyproject.toml in {label}"), label
    try:
        _log(f"installing pinterest-rest from {label}")
        _pip(env.python, "--force-reinstall", "--no-deps", str(source))
        _pip(env.python, f"{source}[sandbox]")  # its dependencies, if new; the sandbox for its rows
    except RuntimeError as e:
        return Env("pinterest-rest", env.python, ok=False, reason=str(e)), label
    finally:
        if not worktree:
            shutil.rmtree(source, ignore_errors=True)
    return env, label


def versions(env: Env) -> dict[str, str]:
    out = subprocess.run([str(env.python), "-m", "pip", "list", "--format=json"], capture_output=True, text=True)
    if out.returncode != 0:
        return {}
    return {p["name"].lower(): p["version"] for p in json.loads(out.stdout)}


def setup(worktree: bool) -> tuple[dict[str, Env], dict[str, dict[str, str]], str]:
    """All venvs: {name: Env}, {name: {package: version}}, pinterest-rest source label."""
    envs: dict[str, Env] = {}
    pr, label = install_pinterest_rest(worktree)
    envs["pinterest-rest"] = pr
    pr_versions = versions(pr) if pr.ok else {}
    pins = [f"urllib3=={pr_versions['urllib3']}" if "urllib3" in pr_versions else "urllib3"]
    pins.append(f"aiohttp=={pr_versions['aiohttp']}" if "aiohttp" in pr_versions else "aiohttp")
    envs["raw"] = ensure("raw", [*pins, "httpx"])
    for name, reqs in EXISTING.items():
        envs[name] = ensure(name, reqs)
    return envs, {name: versions(e) for name, e in envs.items() if e.ok}, label
