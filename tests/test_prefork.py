"""Work started in a forked child: the same result, the same errors, nothing on the parent's screen."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from newsdiff.cli.prefork import DISABLE, Prefork
from newsdiff.errors import NewsdiffError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform: work runs in-process")


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _refuse(name: str) -> None:
    raise NewsdiffError(f"{name}: not an article")


def _crash_in_child(parent: int) -> str:
    if os.getpid() != parent:
        raise ValueError("only the child fails")
    return "done here"


def _chatty() -> int:
    print("this must not reach the parent's terminal")
    os.write(2, b"nor this\n")
    return 7


def test_the_result_comes_from_a_child_process() -> None:
    pid, square = Prefork(_pid_and_square, 12).result()
    assert square == 144 and pid != os.getpid()


def test_a_users_error_in_the_child_is_raised_with_its_message() -> None:
    with pytest.raises(NewsdiffError, match=r"a\.txt: not an article"):
        Prefork(_refuse, "a.txt").result()


def test_a_crash_in_the_child_falls_back_to_running_here() -> None:
    assert Prefork(_crash_in_child, os.getpid()).result() == "done here"


def test_the_child_writes_nothing_to_the_parents_screen(capfd: pytest.CaptureFixture[str]) -> None:
    assert Prefork(_chatty).result() == 7
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_after_work_finishes_in_the_child_once_the_result_is_taken(tmp_path: Path) -> None:
    marker = tmp_path / "saved"

    def save() -> None:
        time.sleep(0.3)
        marker.write_text("ok")

    job = Prefork(_pid_and_square, 3, after=save)
    assert job.result()[1] == 9
    assert not marker.exists(), "the result does not wait for the after work"
    job.cancel()  # waits (briefly) for it
    assert marker.read_text() == "ok"


def test_quitting_before_the_result_stops_the_child_at_once() -> None:
    job = Prefork(time.sleep, 30)
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 5


def test_it_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DISABLE, "1")
    pid, _ = Prefork(_pid_and_square, 2).result()
    assert pid == os.getpid()
