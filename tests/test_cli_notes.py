"""`newsdiff note ...` end to end through the installed command (issue 8's bar scenario)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("newsdiff") is None, reason="newsdiff is not installed")


def nd(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["newsdiff", *args], capture_output=True, text=True, timeout=120)


def test_note_survives_readd_and_a_broken_file_is_left_alone(seeds: tuple, isolated_home: Path) -> None:  # type: ignore[type-arg]
    a, b = (str(p) for p in seeds)
    assert nd("add", a, b).returncode == 0
    added = nd("note", "add", b, "--quote", "there is no alternative to Nato", "--note", "casing", "--tag", "nato")
    assert added.returncode == 0, added.stderr
    assert nd("add", b).returncode == 0
    notes = json.loads(nd("note", "list", "--json").stdout)["notes"]
    assert len(notes) == 1
    note = notes[0]
    assert note["quote"] == "there is no alternative to Nato" and note["tags"] == ["nato"] and not note["orphaned"]
    files = list((isolated_home / "data" / "annotations").glob("*.toml"))
    assert len(files) == 1
    assert tomllib.loads(files[0].read_text())["annotations"][0]["note"] == "casing"
    md = nd("note", "export", "--format", "md")
    assert "there is no alternative to Nato" in md.stdout
    exported = json.loads(nd("note", "export", "--format", "json").stdout)
    assert exported[0]["type"] == "Annotation"
    with files[0].open("a") as handle:
        handle.write("this line = [ is broken\n")
    before = files[0].read_bytes()
    again = nd("note", "add", b, "--quote", "Uncle Sam", "--note", "second")
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert str(files[0]) in again.stderr
    assert files[0].read_bytes() == before and b"casing" in before


def test_note_rm_and_unknown_ids(tmp_path: Path, seeds: tuple) -> None:  # type: ignore[type-arg]
    b = str(seeds[1])
    out = json.loads(nd("note", "add", b, "--quote", "Uncle Sam", "--note", "x", "--json").stdout)
    assert nd("note", "rm", out["id"]).returncode == 0
    assert json.loads(nd("note", "list", "--json").stdout)["notes"] == []
    gone = nd("note", "rm", out["id"])
    assert gone.returncode == 1 and "no note" in gone.stderr
    missing = nd("note", "add", b, "--quote", "not in the article at all", "--note", "x")
    assert missing.returncode == 1 and "not in" in missing.stderr
