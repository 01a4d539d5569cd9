"""The ``pinterest`` command line (see docs/cli.md). ``main`` is the console-script entry point."""

from __future__ import annotations

from .main import main

__all__ = ["main"]
