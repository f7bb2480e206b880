"""Handlers that open the reader (the TUI): no command, ``demo`` and ``compare``."""

from __future__ import annotations

import argparse
from typing import Any

from newsdiff.cli.output import usage


def cmd_tui(ns: argparse.Namespace) -> int:
    command = getattr(ns, "command", None) or "library"
    if command == "compare" and not ns.previous and ns.b is not None and "-" not in (ns.a, ns.b):
        return _compare_now(ns.a, ns.b)
    from newsdiff.tui.app import run_app

    if command != "compare":
        return run_app(command)
    if ns.previous:
        if ns.b is not None:
            return usage("compare --previous takes one article (its id, URL or path)")
        return run_app("previous", files=(ns.a,))
    if ns.b is None:
        return usage("compare needs two articles (or one with --previous)")
    return run_app("compare", files=(ns.a, ns.b))


def _compare(a: str, b: str) -> Any:
    from newsdiff.core.pipeline import compare_sources

    return compare_sources(a, b)


def _save_word_table() -> None:
    from newsdiff.core.text import write_pending

    write_pending()


def _compare_now(a: str, b: str) -> int:
    """Open the compare view, aligning in a child process while this one loads the UI."""
    from pathlib import Path

    if not (Path(a).is_file() and Path(b).is_file()):  # library ids or URLs: say now if one is unknown
        from newsdiff.core.pipeline import check_ref

        check_ref(a)
        check_ref(b)
    from newsdiff.cli.prefork import Prefork

    # Before Textual is imported (so the fork copies no threads); a first run's word table is
    # saved by the child after the comparison is on its way.
    job = Prefork(_compare, a, b, after=_save_word_table)
    try:
        from newsdiff.tui.app import run_app

        return run_app("compare", files=(a, b), prepared=job.result)
    finally:
        job.cancel()
