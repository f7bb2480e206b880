"""Compare and align accept library ids and URLs, and `compare --previous` shows an article's earlier version."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from newsdiff.core.pipeline import add_sources, load_article, open_library, previous_version
from newsdiff.errors import NewsdiffError
from newsdiff.tui.app import make_app
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.widgets.aligned_view import AlignedView
from tests.test_tui_compare import A_TEXT, B_TEXT

NEWSDIFF = shutil.which("newsdiff") or "newsdiff"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSDIFF, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def updated_article(tmp_path: Path) -> tuple[Path, str]:
    """A file added to the library, then changed on disk and added again (one earlier version kept)."""
    page = tmp_path / "page.txt"
    page.write_text(A_TEXT, encoding="utf-8")
    with open_library() as library:
        first = add_sources(library, [str(page)])[0]
        page.write_text(A_TEXT.replace("14 vessels", "17 vessels"), encoding="utf-8")
        second = add_sources(library, [str(page)])[0]
    assert first.result and second.result and second.result.id == first.result.id
    assert second.result.status == "updated"
    return page, first.result.id


def test_previous_version_is_the_text_before_the_last_update(updated_article: tuple[Path, str]) -> None:
    page, article_id = updated_article
    for ref in (str(page), article_id, article_id[:8]):
        earlier, current = previous_version(ref)
        assert "14 vessels" in earlier.body and "17 vessels" in current.body


def test_no_earlier_version_and_unknown_refs_are_clear_errors(tmp_path: Path) -> None:
    page = tmp_path / "b.txt"
    page.write_text(B_TEXT, encoding="utf-8")
    with open_library() as library:
        add_sources(library, [str(page)])
    with pytest.raises(NewsdiffError, match="no earlier version"):
        previous_version(str(page))
    with pytest.raises(NewsdiffError, match="no such file"):
        load_article("deadbeef-not-an-id")


def test_load_article_never_creates_a_library(isolated_home: Path) -> None:
    with pytest.raises(NewsdiffError):
        load_article("nothing-here")
    assert not list(isolated_home.rglob("*.sqlite3"))


async def test_compare_view_on_the_earlier_version_shows_the_changed_number(
        updated_article: tuple[Path, str]) -> None:
    _, article_id = updated_article
    app = make_app("previous", (article_id,))
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if isinstance(app.screen, CompareScreen) and app.screen.query(AlignedView):
                break
        view = app.screen.query_one(AlignedView)
        kinds = [p.kind for p in view.comparison.alignment.pairs]
        assert "edited" in kinds, kinds
        assert view.comparison.a.body.count("14 vessels") == 1


def test_cli_align_takes_library_ids_and_compare_checks_its_arguments(updated_article: tuple[Path, str],
                                                                       tmp_path: Path) -> None:
    _, article_id = updated_article
    other = tmp_path / "b.txt"
    other.write_text(B_TEXT, encoding="utf-8")
    out = _run("align", article_id, str(other), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["pairs"]
    missing = _run("compare", "no-such-article", str(other))
    assert missing.returncode == 1 and "no such file" in missing.stderr and "Traceback" not in missing.stderr
    assert _run("compare", str(other)).returncode == 2
    assert _run("compare", str(other), str(other), "--previous").returncode == 2
    none_earlier = _run("compare", "--previous", str(other))
    assert none_earlier.returncode == 1 and "not an article of the library" in none_earlier.stderr
