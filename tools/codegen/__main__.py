"""Regenerate everything derived from the OpenAPI spec.

python -m tools.codegen                 # write the files
python -m tools.codegen --check         # exit 1 if committed output differs (CI's drift check)
python -m tools.codegen --spec PATH     # read another spec (or set PINTEREST_OPENAPI_SPEC)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import emit_docs, emit_models, emit_registry, emit_resources, emit_schemas
from .build import build
from .spec import ROOT, Spec, spec_path

PKG = Path("src/pinterest_rest")
GENERATED_DIRS = (PKG / "resources", PKG / "models", PKG / "_registry")
HAND_WRITTEN = {PKG / "_registry" / "__init__.py"}  # inside a generated folder, kept


def render(spec: Spec) -> dict[Path, str]:
    builder = build(spec)
    files: dict[Path, str] = {}
    model_files, model_area = emit_models.emit(builder)
    for rel, text in model_files.items():
        files[PKG / rel] = text
    for rel, text in emit_resources.emit(builder, model_area).items():
        files[PKG / rel] = text
    for name, text in emit_registry.emit(builder).items():
        files[PKG / "_registry" / name] = text
    files[PKG / "_data" / "schemas.json"] = emit_schemas.emit(builder)
    files[Path("docs/operations.md")] = emit_docs.emit(builder)
    return files


def stale_files(files: dict[Path, str]) -> list[Path]:
    """Generated files on disk that a fresh generation would not write."""
    present = {p.relative_to(ROOT) for d in GENERATED_DIRS for p in (ROOT / d).glob("*.py")}
    return sorted(present - set(files) - HAND_WRITTEN)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.codegen", description=__doc__.splitlines()[0])
    parser.add_argument("--spec", help="path to openapi.json")
    parser.add_argument("--check", action="store_true", help="fail if committed output is stale")
    args = parser.parse_args(argv)
    path = spec_path(args.spec)
    if not path.exists():
        msg = f"codegen: spec not found at {path}"
        if args.check:
            print(f"{msg}; drift check skipped (set PINTEREST_OPENAPI_SPEC or pass --spec to run it)")
            return 0
        print(msg, file=sys.stderr)
        return 2
    files = render(Spec.load(path))
    if args.check:
        drift = [p for p, text in files.items() if not (ROOT / p).exists() or (ROOT / p).read_text("utf-8") != text]
        drift += stale_files(files)
        if drift:
            print("codegen: generated files are out of date; run `python -m tools.codegen`:")
            for p in drift:
                print(f"  {p}")
            return 1
        print(f"codegen: {len(files)} generated files match spec {path.name}")
        return 0
    for p in stale_files(files):
        (ROOT / p).unlink()
    for p, text in files.items():
        target = ROOT / p
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, encoding="utf-8")
    print(f"codegen: wrote {len(files)} files from {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
