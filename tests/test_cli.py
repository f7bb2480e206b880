"""The installed `newsdiff` command: version, help, exit codes, add/list/search round trips."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NEWSDIFF = shutil.which("newsdiff")

pytestmark = pytest.mark.skipif(NEWSDIFF is None, reason="the newsdiff command is not installed on PATH")

ARTICLE = """Menu
World
Harbour cranes stand idle as dockers strike

By Ana Ribeiro

Dock workers at the port of Velmora walked out on Monday after talks over shift patterns broke down, leaving cranes idle and ships waiting offshore.

The union said the strike would continue until the port authority withdrew its plan to extend night shifts, which members say is unsafe.

Port officials said 14 vessels were waiting to unload by Monday evening and warned of delays to fuel deliveries across the region.
"""


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    assert NEWSDIFF is not None
    return subprocess.run([NEWSDIFF, *args], capture_output=True, text=True, input=stdin, timeout=120,
                          env=os.environ.copy())


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_version_and_module_entry_point() -> None:
    from newsdiff import __version__

    assert run("--version").stdout.strip() == f"newsdiff {__version__}"
    out = subprocess.run([sys.executable, "-m", "newsdiff", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout


@pytest.mark.parametrize(
    "cmd",
    [
        "clean", "align", "cluster", "compare", "demo", "add", "list", "search", "stories", "refresh",
        "feed", "feed add", "feed list", "feed rm", "feed import", "feed export",
        "note", "note add", "note list", "note rm", "note export",
        "story", "story show", "story merge", "story split", "story move", "story unpin", "story undo",
    ],
)
def test_every_subcommand_has_help(cmd: str) -> None:
    result = run(*cmd.split(), "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: newsdiff" in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = run("frobnicate")
    assert result.returncode == 2 and "invalid choice" in result.stderr


@pytest.mark.parametrize("bad", ["missing.txt", "."])
def test_missing_file_or_directory_is_one_clear_line(bad: str, tmp_path: Path) -> None:
    target = str(tmp_path / bad) if bad != "." else str(tmp_path)
    result = run("clean", target)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and target in result.stderr


def test_clean_json_matches_the_contract(page: Path) -> None:
    result = run("clean", str(page), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("title", "outlet", "byline", "published", "lang", "body", "sentences"):
        assert key in data
    assert data["sentences"], "an article with prose has sentences"
    for s in data["sentences"]:
        assert data["body"][s["start"]:s["end"]] == s["text"]


def test_clean_reads_stdin(page: Path) -> None:
    result = run("clean", "-", "--json", stdin=page.read_text())
    assert result.returncode == 0 and "14 vessels" in json.loads(result.stdout)["body"]


def test_add_list_search_round_trip_and_readd_does_not_duplicate(page: Path, isolated_home: Path) -> None:
    first = run("add", str(page), "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["added"][0]["status"] == "new"
    again = run("add", str(page), "--json")
    assert json.loads(again.stdout)["added"][0]["status"] == "unchanged"
    listing = json.loads(run("list", "--json").stdout)["articles"]
    assert len(listing) == 1
    row = listing[0]
    assert set(row) >= {"id", "title", "outlet", "url", "path", "published", "story"}
    assert row["path"] == str(page.resolve())
    hits = json.loads(run("search", "cranes", "--json").stdout)["articles"]
    assert [h["id"] for h in hits] == [row["id"]]
    assert (isolated_home / "data" / "library.sqlite3").exists()


def test_one_bad_file_does_not_stop_a_batch(page: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("add", str(empty), str(page), "--json")
    assert result.returncode == 1
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr
    assert [a["source"] for a in json.loads(result.stdout)["added"]] == [str(page)]


def test_unreadable_library_is_reported_not_deleted(page: Path, isolated_home: Path) -> None:
    db = isolated_home / "data" / "library.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"garbage" * 1000)
    result = run("list")
    assert result.returncode == 1 and str(db) in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == b"garbage" * 1000
