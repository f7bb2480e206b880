"""Paths honour NEWSDIFF_HOME without creating anything at import; config errors name file and key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff import paths
from newsdiff.config import load_settings
from newsdiff.errors import NewsdiffError


def test_newsdiff_home_redirects_every_folder(isolated_home: Path) -> None:
    for folder in (paths.config_dir(), paths.data_dir(), paths.cache_dir(), paths.annotations_dir()):
        assert folder.is_relative_to(isolated_home)
    assert paths.library_file().parent == paths.data_dir()


def test_without_newsdiff_home_platformdirs_decide(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSDIFF_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert paths.data_dir() == tmp_path / "xdg-data" / "newsdiff"


def test_importing_creates_no_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code = "import newsdiff, newsdiff.paths, newsdiff.cli, newsdiff.core.pipeline, newsdiff.core.library"
    subprocess.run([sys.executable, "-c", code], check=True, env={"NEWSDIFF_HOME": str(home), "PATH": ""},
                   cwd=tmp_path)
    assert not home.exists()
    assert list(tmp_path.iterdir()) == []


def test_missing_config_gives_defaults(isolated_home: Path) -> None:
    settings = load_settings()
    assert settings.theme == "dark" and settings.wrap and not settings.mouse


def test_config_keys_and_values_are_read(isolated_home: Path) -> None:
    path = paths.ensure(paths.config_dir()) / "config.toml"
    path.write_text('theme = "light"\nwrap = false\n[keys]\n"compare.next-difference" = "f2"\n')
    settings = load_settings()
    assert settings.theme == "light" and settings.wrap is False
    assert dict(settings.keys) == {"compare.next-difference": "f2"}


@pytest.mark.parametrize(
    ("text", "needle"),
    [('theme = "neon"', "theme"), ("wrap = 3", "wrap"), ("colour = 1", "colour"), ("theme = ", "not valid TOML")],
)
def test_bad_config_names_the_file_and_key(isolated_home: Path, text: str, needle: str) -> None:
    path = paths.ensure(paths.config_dir()) / "config.toml"
    path.write_text(text)
    with pytest.raises(NewsdiffError) as err:
        load_settings()
    assert str(path) in str(err.value) and needle in str(err.value)
