"""The bundled demo corpus: invented stories from invented outlets, with a gold file for tests."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any


def corpus_dir() -> Path:
    """Folder of the demo pages (inside the installed package)."""
    return Path(str(files("newsdiff.demo") / "corpus"))


def corpus_files() -> list[Path]:
    """Every demo page, sorted by name."""
    return sorted(p for p in corpus_dir().iterdir() if p.suffix in (".txt", ".html"))


def load_gold() -> dict[str, Any]:
    """The gold labels beside the corpus (see README.md in this folder)."""
    return json.loads((Path(str(files("newsdiff.demo"))) / "gold.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]
