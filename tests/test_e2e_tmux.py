"""End to end: the installed `newsdiff` command inside tmux, driven by keys as a person over SSH would."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_tui_compare import A_TEXT, B_TEXT

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(shutil.which("newsdiff") is None, reason="the newsdiff command is not installed"),
]


class Tmux:
    """One detached tmux session running a command."""

    def __init__(self, command: str, size: tuple[int, int], env: dict[str, str]) -> None:
        self.name = f"nd-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
             f"env -u COLUMNS -u LINES {exports} {command}"],
            check=True,
        )

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True)
        return out.stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; screen was:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def session(tmp_path: Path, isolated_home: Path) -> Iterator[tuple[Tmux, Path]]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    status = tmp_path / "status"
    command = f"sh -c 'newsdiff compare {a} {b}; echo $? > {status}'"
    env = {"NEWSDIFF_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color",
           "PATH": os.environ["PATH"]}
    tmux = Tmux(command, (120, 40), env)
    try:
        yield tmux, status
    finally:
        tmux.kill()


def test_compare_in_tmux_pairs_rows_navigates_and_quits(session: tuple[Tmux, Path]) -> None:
    tmux, status = session
    screen = tmux.wait_for("The port authority said")
    line = next(ln for ln in screen.splitlines() if "The port authority said" in ln)
    assert line.count("The port authority said") == 2, "the shared sentence sits on one row in both panes"
    assert "=" in line.split("The port authority")[0], "identical pairs carry the = marker"
    tmux.keys("n")
    tmux.wait_for("row ")
    tmux.keys("?")
    tmux.wait_for("newsdiff keys")
    tmux.keys("Escape")
    time.sleep(0.3)
    tmux.keys("q")
    deadline = time.monotonic() + 10
    while not status.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert status.exists() and status.read_text().strip() == "0"


def test_demo_in_tmux_shows_stories_and_quits_cleanly(tmp_path: Path, isolated_home: Path) -> None:
    status = tmp_path / "status"
    env = {"NEWSDIFF_HOME": str(isolated_home), "TERM": "xterm-256color", "PATH": os.environ["PATH"]}
    tmux = Tmux(f"sh -c 'newsdiff demo; echo $? > {status}'", (100, 30), env)
    try:
        started = time.monotonic()
        screen = tmux.wait_for("stories in the demo corpus", timeout=20)
        assert time.monotonic() - started < 10
        assert "Velmora" in screen and "Orsk" in screen
        tmux.keys("Enter")
        tmux.wait_for("%")  # the coverage figures: the story's articles are loaded and c can compare
        tmux.keys("c")
        tmux.wait_for("row 1/")
        for _ in range(3):
            tmux.keys("q")
            time.sleep(0.4)
        deadline = time.monotonic() + 10
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.read_text().strip() == "0"
    finally:
        tmux.kill()


def test_the_facts_view_at_80x24_without_colour_names_outlets_in_a_legend(tmp_path: Path, isolated_home: Path) -> None:
    """The issue's bar for the reader: outlet columns and a legend at 80x24 under NO_COLOR."""
    env = {"NEWSDIFF_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color", "PATH": os.environ["PATH"]}
    tmux = Tmux("newsdiff demo", (80, 24), env)
    try:
        tmux.wait_for("stories in the demo corpus", timeout=20)
        tmux.keys("G", "Enter")
        tmux.wait_for("%")
        tmux.keys("f")
        screen = tmux.wait_for("Fact (")
        header = next(ln for ln in screen.splitlines() if "Fact (" in ln)
        assert sorted(header.split()[-5:]) == ["!", "CP", "HW", "MD", "NL"], "a column an outlet, by initials"
        assert "HW Harbor Wire" in screen and "● carried" in screen and "▸" in screen
        assert any(re.search(r"[●◐]  [●◐]  [●◐]  [●◐]", ln) for ln in screen.splitlines()), "a fact all four carry"
        tmux.keys("/", "c", "r", "a", "n", "e")  # in one burst, as a paste: all of it reaches the filter
        tmux.wait_for("filter “crane”")
        tmux.keys("Enter")  # keeps the filter
        time.sleep(0.3)
        tmux.keys("Enter")  # compares two reports at the fact
        screen = tmux.wait_for("pane A")
        assert "Who reported what" not in screen and "crane" in screen
    finally:
        tmux.kill()


def _same_rows(screen: str, left: tuple[str, str], right: tuple[str, str]) -> bool:
    """Each pane's text (split at the divider) holds its phrase on the same screen lines."""
    panes = [ln.split("│", 1) for ln in screen.splitlines() if "│" in ln]
    for k in range(len(panes) - 1):
        a = panes[k][0] + " " + panes[k + 1][0]
        b = panes[k][1] + " " + panes[k + 1][1]
        if (left[0] in panes[k][0] and right[0] in panes[k][1] and left[1] in a.split(left[0], 1)[1]
                and right[1] in b.split(right[0], 1)[1]):
            return True
    return False


def _status_row(screen: str) -> str:
    return next((ln for ln in screen.splitlines() if ln.lstrip().startswith("row ")), "")


def test_the_seed_pages_side_by_side_n_finds_the_nato_pair_and_q_quits(
        tmp_path: Path, isolated_home: Path, seeds: tuple[Path, Path]) -> None:
    """The reader's bar, as a person at a 120x40 monochrome terminal sees it."""
    a, b = seeds
    if not a.exists():
        pytest.skip("../shared/seeds is not beside the project")
    status = tmp_path / "status"
    env = {"NEWSDIFF_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color", "PATH": os.environ["PATH"]}
    tmux = Tmux(f"sh -c 'newsdiff compare {a} {b}; echo $? > {status}'", (120, 40), env)
    try:
        started = time.monotonic()
        tmux.wait_for("Let me be absolutely clear", timeout=10)
        assert time.monotonic() - started < 10
        first = _status_row(tmux.screen())
        tmux.keys("n")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            screen = tmux.screen()
            if _status_row(screen) != first:
                break
            time.sleep(0.1)
        time.sleep(0.3)  # the status line can be drawn a frame before the rows
        screen = tmux.screen()
        assert _same_rows(screen, ("no alternative", "NATO"), ("no alternative", "Nato")), (
            f"the NATO / Nato pair is not on the same rows of both panes:\n{screen}")
        moved = _status_row(screen)
        tmux.keys("N")
        deadline = time.monotonic() + 5
        while _status_row(tmux.screen()) == moved and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _status_row(tmux.screen()) == first, "N goes back to where n started"
        tmux.keys("q")
        deadline = time.monotonic() + 10
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.exists() and status.read_text().strip() == "0"
    finally:
        tmux.kill()


def test_the_compare_view_at_80x24_stacks_the_panes_and_lists_its_keys(session_80: Tmux) -> None:
    screen = session_80.wait_for("The port authority said")
    assert screen.count("The port authority said") >= 2, "A above B in each row"
    session_80.keys("?")
    session_80.wait_for("newsdiff keys")
    for wanted in ("Next diff", "Prev diff", "Next unique"):  # the list may fill a frame after its title
        session_80.wait_for(wanted, timeout=5.0)


@pytest.fixture
def session_80(tmp_path: Path, isolated_home: Path) -> Iterator[Tmux]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    env = {"NEWSDIFF_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color", "PATH": os.environ["PATH"]}
    tmux = Tmux(f"newsdiff compare {a} {b}", (80, 24), env)
    try:
        yield tmux
    finally:
        tmux.kill()
