"""Shared fixtures: every test runs with NEWSDIFF_HOME in a temporary folder."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.httpserver import Server

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_A = SEEDS / "000_a44d6143617e6a0b.txt"
SEED_B = SEEDS / "004_710c371274b95fd0.txt"
EVAL = SHARED / "eval"


def library_at(path: Path, version: int) -> sqlite3.Connection:
    """A library database made as newsdiff made it at schema ``version`` (a connection to fill, then close)."""
    from newsdiff.core.library.schema import MIGRATIONS

    conn = sqlite3.connect(path, isolation_level=None)
    for step in range(1, version + 1):
        MIGRATIONS[step](conn)
    conn.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?)", (str(version),))
    return conn


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point NEWSDIFF_HOME (and XDG) at a fresh folder so no test touches the real home."""
    home = tmp_path_factory.mktemp("newsdiff-home")
    monkeypatch.setenv("NEWSDIFF_HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / "xdg" / var.lower()))
    return home


@pytest.fixture
def seeds() -> tuple[Path, Path]:
    """The two real seed pages from ../shared (skipped when ../shared is absent)."""
    if not (SEED_A.exists() and SEED_B.exists()):
        pytest.skip(f"seed pages not found under {SEEDS} (../shared is not beside the checkout)")
    return SEED_A, SEED_B


@pytest.fixture
def shared_eval() -> Path:
    """../shared/eval (skipped when absent)."""
    if not EVAL.exists():
        pytest.skip(f"{EVAL} not found (../shared is not beside the checkout)")
    return EVAL


@pytest.fixture
def server() -> Iterator[Server]:
    """A real HTTP server on 127.0.0.1 for the test, stopped afterwards."""
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus cleaned, clustered and stored once; copy it (``demo_copy``) before changing it."""
    from newsdiff.core.library import Library
    from newsdiff.core.pipeline import add_sources
    from newsdiff.demo import corpus_files

    path = tmp_path_factory.mktemp("demo-template") / "library.sqlite3"
    with Library(path) as library:
        add_sources(library, [str(f) for f in corpus_files()])
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def demo_copy(template: Path, target: Path) -> Path:
    """A private copy of the demo library at ``target`` (a real SQLite file)."""
    import shutil

    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target
