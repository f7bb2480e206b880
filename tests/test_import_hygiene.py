"""Importing newsdiff and its core never loads Textual; the layer contracts hold."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsdiff.core


def _loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True, env=env,
    )
    return set(out.stdout.split())


def test_import_newsdiff_is_cheap_and_lazy() -> None:
    loaded = _loaded_after("import newsdiff")
    assert "textual" not in loaded and "newsdiff.core.align" not in loaded


def test_every_core_module_loads_without_textual() -> None:
    names = [m.name for m in pkgutil.walk_packages(newsdiff.core.__path__, "newsdiff.core.")]
    assert names, "core has modules"
    loaded = _loaded_after("\n".join(f"import {n}" for n in names) + "\nfrom newsdiff import align")
    assert not {m for m in loaded if m == "textual" or m.startswith(("textual.", "rich"))}


def test_comparing_two_page_dumps_loads_no_word_list_html_extractor_or_database(tmp_path: Path) -> None:
    # The compare path stays light (see bench/startup.py): the stages' faces load lazily what
    # it does not need, the word table is newsdiff's own, and two files open no library.
    code = ("from newsdiff.core.pipeline import compare_sources\nfrom newsdiff.demo import corpus_dir\n"
            "compare_sources(corpus_dir() / 'port-strike-2026-03__harbor-wire.txt',"
            " corpus_dir() / 'port-strike-2026-03__northern-ledger.txt')")
    loaded = _loaded_after(code, {**os.environ, "NEWSDIFF_HOME": str(tmp_path)})
    assert "newsdiff.core.align.aligner" in loaded
    assert not loaded & {"wordfreq", "trafilatura", "sqlite3", "textual", "newsdiff.core.library",
                         "newsdiff.core.cluster", "newsdiff.core.ingest.fetch"}


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter is not installed")
def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(["lint-imports"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
