"""The bundled demo corpus: invented 2026 news pages from invented outlets, with their gold labels."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

_PAGE_SUFFIXES = (".txt", ".html")


def _package_dir() -> Path:
    # The package is installed as plain files (hatchling wheel or editable), so a real path exists.
    return Path(str(files("newsdiff.demo")))


def corpus_dir() -> Path:
    """Folder holding the demo pages inside the installed package."""
    return _package_dir() / "corpus"


def corpus_files() -> list[Path]:
    """Every demo page (text dumps and HTML), sorted by file name."""
    return sorted(p for p in corpus_dir().iterdir() if p.suffix in _PAGE_SUFFIXES)


def load_gold() -> dict[str, Any]:
    """The gold labels of the corpus; README.md beside this module documents the format."""
    gold: dict[str, Any] = json.loads((_package_dir() / "gold.json").read_text(encoding="utf-8"))
    return gold
