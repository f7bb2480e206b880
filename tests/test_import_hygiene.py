"""Importing newsdiff and its core never loads Textual; the layer contracts hold."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys

import pytest

import newsdiff.core


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
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


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter is not installed")
def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(["lint-imports"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
