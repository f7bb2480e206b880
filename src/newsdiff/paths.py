"""Where newsdiff keeps its files: platformdirs folders, all under NEWSDIFF_HOME when set.

Nothing here creates a folder at import time; callers ask for ``ensure(...)``.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "newsdiff"


def home() -> Path | None:
    """The NEWSDIFF_HOME override, or None when unset or empty."""
    value = os.environ.get("NEWSDIFF_HOME", "").strip()
    return Path(value).expanduser().resolve() if value else None


def config_dir() -> Path:
    root = home()
    if root is not None:
        return root / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    root = home()
    if root is not None:
        return root / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    root = home()
    if root is not None:
        return root / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def library_file() -> Path:
    return data_dir() / "library.sqlite3"


def annotations_dir() -> Path:
    return data_dir() / "annotations"


def ensure(folder: Path) -> Path:
    """Create ``folder`` (and parents) if needed and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder
