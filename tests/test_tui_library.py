"""Pilot tests of the library flow on the demo corpus: story list, story view, compare, notes, moves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input

import newsdiff
from newsdiff.core.demo_library import demo_library_path
from newsdiff.core.library import Library
from newsdiff.core.pipeline import read_raw
from newsdiff.tui.app import make_app
from newsdiff.tui.screens.annotate import AnnotateScreen
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.notes import NotesScreen
from newsdiff.tui.screens.story import StoryScreen
from newsdiff.tui.screens.story_list import StoryListScreen
from newsdiff.tui.widgets.aligned_view import AlignedView


async def _until(pilot: Any, check: Any, what: str) -> None:
    for _ in range(200):
        await pilot.pause(0.02)
        if check():
            return
    raise AssertionError(f"{what} never happened")


async def _first_story(pilot: Any, app: Any) -> None:
    await _until(pilot, lambda: isinstance(app.screen, StoryListScreen) and app.screen.stories, "stories")
    await pilot.press("enter")
    await _until(pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.overview, "story view")


async def test_story_list_filter_sort_open_compare_annotate_and_back() -> None:
    app = make_app("demo", library=demo_library_path())
    async with app.run_test(size=(120, 36)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, StoryListScreen) and app.screen.stories, "stories")
        screen = app.screen
        table = screen.query_one(DataTable)
        total = table.row_count
        assert total >= 6
        await pilot.press("slash", *"varga")
        assert 0 < table.row_count < total
        await pilot.press("escape")
        assert table.row_count == total
        await pilot.press("o")
        assert screen.sort == "outlets"  # type: ignore[attr-defined]
        await pilot.press("j", "k", "enter")
        await _until(pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.overview, "story view")
        story = app.screen
        assert story.suggested and not story.marked, "the two most different reports are suggested"  # type: ignore[attr-defined]
        await pilot.press("c")
        await _until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.query(AlignedView),
                     "compare view")
        view = app.screen.query_one(AlignedView)
        while view.current_sentence() is None:
            await pilot.press("j")
        await pilot.press("a")
        await _until(pilot, lambda: isinstance(app.screen, AnnotateScreen), "annotate modal")
        await pilot.press(*"checked with the agency", "ctrl+s")
        await _until(pilot, lambda: isinstance(app.screen, CompareScreen), "back to compare")
        assert view.notes_a or view.notes_b
        await pilot.press("A")
        await _until(pilot, lambda: isinstance(app.screen, NotesScreen), "notes list")
        assert len(app.screen.notes) == 1  # type: ignore[attr-defined]
        await pilot.press("d")
        await _until(pilot, lambda: isinstance(app.screen, CompareScreen), "deleted")
        assert not (view.notes_a or view.notes_b)
        await pilot.press("q")
        assert isinstance(app.screen, StoryScreen)
        await pilot.press("q")
        assert isinstance(app.screen, StoryListScreen)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press("escape", "q")
    assert app.return_value == 0


async def test_articles_an_add_stored_but_did_not_place_are_placed_when_the_reader_opens(tmp_path: Path) -> None:
    page = Path(newsdiff.__file__).parent / "demo" / "corpus" / "dam-cracks-2026-04__harbor-wire.txt"
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        stored = lib.add(*read_raw(str(page)))  # stored; placing it never ran (a full disk stopped it)
        assert lib.unplaced() == [stored.id] and lib.story_count() == 0
    app = make_app("library", library=path)
    async with app.run_test(size=(120, 36)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, StoryListScreen) and app.screen.stories, "stories")
        assert [s.title for s in app.screen.stories] == [read_raw(str(page))[0].title]  # type: ignore[attr-defined]
    with Library(path) as lib:
        assert lib.unplaced() == []


async def test_moving_an_article_to_another_story_is_kept() -> None:
    app = make_app("demo", library=demo_library_path())
    async with app.run_test(size=(120, 36)) as pilot:
        await _first_story(pilot, app)
        before = len(app.screen.overview.articles)  # type: ignore[attr-defined]
        await pilot.press("M")
        await pilot.pause(0.1)
        await pilot.press("enter")
        await _until(pilot, lambda: app.screen.overview is not None
                     and len(app.screen.overview.articles) == before - 1, "article moved")  # type: ignore[attr-defined]


def test_the_story_overview_compares_reports_within_their_language(isolated_home: Path) -> None:
    from newsdiff.core.demo_library import demo_library_path
    from newsdiff.core.pipeline import open_library, story_overview

    with open_library(demo_library_path()) as lib:
        ferry = next(s.id for s in lib.stories() if "ferry" in s.title.lower())
        overview = story_overview(lib, ferry)
    langs = [s.article.lang for s in overview.articles]
    assert sorted(langs) == ["en", "en", "en", "it"]
    italian = langs.index("it")
    assert overview.shared[italian] is None, "no other Italian report to share sentences with"
    assert all(v is not None and v > 0.2 for k, v in enumerate(overview.shared) if k != italian)
    assert not any(italian in pair for pair in overview.coverage), "no alignment across languages"
    assert overview.default_pair is not None and italian not in overview.default_pair


async def test_c_with_one_article_marked_compares_it_with_the_one_under_the_cursor() -> None:
    app = make_app("demo", library=demo_library_path())
    async with app.run_test(size=(120, 36)) as pilot:
        await _first_story(pilot, app)
        story = app.screen
        articles = story.overview.articles  # type: ignore[attr-defined]
        await pilot.press("space", "c")  # one marked, the cursor on it: nothing to compare yet
        assert app.screen is story
        await pilot.press("j", "j", "c")
        await _until(pilot, lambda: isinstance(app.screen, CompareScreen), "compare view")
        assert app.screen.sub_title == f"{articles[0].article.outlet} ↔ {articles[2].article.outlet}"
