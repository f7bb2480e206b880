"""User settings loaded from config.toml into a frozen Settings; errors name the file and key."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsdiff import paths
from newsdiff.errors import NewsdiffError

THEMES = ("dark", "light")


@dataclass(frozen=True)
class Settings:
    """What a user may set in config.toml. Unknown keys are an error, so typos do not pass silently."""

    theme: str = "dark"
    wrap: bool = True
    word_diff: bool = True
    mouse: bool = False
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def _expect(value: Any, kind: type, where: str) -> Any:
    if not isinstance(value, kind):
        raise NewsdiffError(f"{where}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def load_settings(path: Path | None = None) -> Settings:
    """Read ``config.toml`` (missing file: defaults). Raises NewsdiffError naming file and key."""
    path = path or paths.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as err:
        raise NewsdiffError(f"{path}: cannot read config ({err.strerror})") from err
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise NewsdiffError(f"{path}: not valid TOML ({err}); fix or remove the file") from err
    known = {"theme", "wrap", "word_diff", "mouse", "keys"}
    for key in data:
        if key not in known:
            raise NewsdiffError(f"{path}: unknown key {key!r} (known: {', '.join(sorted(known))})")
    theme = _expect(data.get("theme", "dark"), str, f"{path}: theme")
    if theme not in THEMES:
        raise NewsdiffError(f"{path}: theme must be one of {', '.join(THEMES)}, not {theme!r}")
    keys = _expect(data.get("keys", {}), dict, f"{path}: [keys]")
    for binding_id, key in keys.items():
        _expect(key, str, f"{path}: keys.{binding_id}")
    return Settings(
        theme=theme,
        wrap=_expect(data.get("wrap", True), bool, f"{path}: wrap"),
        word_diff=_expect(data.get("word_diff", True), bool, f"{path}: word_diff"),
        mouse=_expect(data.get("mouse", False), bool, f"{path}: mouse"),
        keys=MappingProxyType(dict(keys)),
    )
