"""Pilot tests of the story corrections: mark and merge in the list, split/merge into/unpin in the story view, undo."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

from newsdiff import paths
from newsdiff.config import Settings
from newsdiff.core.pipeline import merge_stories, open_library
from newsdiff.tui.app import NewsdiffApp, make_app
from newsdiff.tui.screens.help import HelpScreen
from newsdiff.tui.screens.move import MoveScreen
from newsdiff.tui.screens.story import StoryScreen
from newsdiff.tui.screens.story_list import StoryListScreen
from tests.conftest import demo_copy
from tests.test_tui_library import _until


@pytest.fixture(autouse=True)
def library(demo_template: Path, isolated_home: Path) -> Path:
    return demo_copy(demo_template, paths.library_file())


def story_with(words: str) -> str:
    with open_library() as lib:
        return next(s.id for s in lib.stories() if words in s.title)


def shape() -> dict[str, tuple[int, int]]:
    with open_library() as lib:
        return {s.id: (s.articles, s.pinned) for s in lib.stories()}


async def open_list(app: NewsdiffApp, pilot: Any) -> StoryListScreen:
    await _until(pilot, lambda: isinstance(app.screen, StoryListScreen) and app.screen.stories, "stories")
    assert isinstance(app.screen, StoryListScreen)
    return app.screen


async def go_to(pilot: Any, screen: StoryListScreen, story_id: str) -> None:
    await pilot.press("g", *["j"] * [s.id for s in screen._visible()].index(story_id))


async def open_story(app: NewsdiffApp, pilot: Any, story_id: str) -> StoryScreen:
    await go_to(pilot, await open_list(app, pilot), story_id)
    await pilot.press("enter")
    await _until(pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.overview, "story view")
    assert isinstance(app.screen, StoryScreen)
    return app.screen


async def open_picker(app: NewsdiffApp, pilot: Any, key: str) -> OptionList:
    """Press ``key`` in the story view and wait for the story picker."""
    await pilot.press(key)
    await _until(pilot, lambda: isinstance(app.screen, MoveScreen), "picker")
    assert isinstance(app.focused, Input), "typing filters at once"
    return app.screen.query_one(OptionList)


def mark_cell(screen: StoryListScreen, story_id: str) -> str:
    return str(screen.query_one(DataTable).get_cell(story_id, "mark"))


async def test_mark_two_stories_merge_them_with_J_and_undo_with_u() -> None:
    resign, budget = story_with("resigns"), story_with("unveils")
    automatic = shape()
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_list(app, pilot)
        title = screen.query_one("#stories-title", Static)
        assert "space marks, J merges" in str(title.content)
        await go_to(pilot, screen, resign)
        await pilot.press("space")
        await go_to(pilot, screen, budget)
        await pilot.press("space")
        assert screen.marked == [resign, budget]
        assert mark_cell(screen, resign).startswith("✓") and mark_cell(screen, budget).startswith("✓")
        assert "2 marked ✓" in str(title.content)
        await pilot.press("J")
        await _until(pilot, lambda: len(screen.stories) == len(automatic) - 1, "merged")
        assert not screen.marked and screen._cursor_story() == resign, "same size: the first marked stays"
        assert mark_cell(screen, resign) == "  *", "pinned by you, nothing marked any more"
        assert shape()[resign] == (6, 6)
        await pilot.press("u")
        await _until(pilot, lambda: len(screen.stories) == len(automatic), "undone")
        assert shape() == automatic
        await pilot.press("space", "escape")
        assert not screen.marked and app.is_running, "esc clears the marks before it quits"


async def test_S_splits_the_marked_articles_off_and_the_list_shows_the_new_story() -> None:
    docks = story_with("dockers")
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        story = await open_story(app, pilot, docks)
        assert story.overview is not None and len(story.overview.articles) == 4
        moving = {story.overview.articles[0].id, story.overview.articles[1].id}
        await pilot.press("space", "j", "space")
        assert story.marked == [0, 1]
        await pilot.press("S")
        await _until(pilot, lambda: story.overview is not None and len(story.overview.articles) == 2, "split")
        assert story.story_id == docks and not story.marked
        assert len(story.overview.pinned) == 2, "the articles that stay are pinned too"
        assert "2 pinned by you (*)" in str(story.query_one("#story-title", Static).content)
        with open_library() as lib:
            new = next(s for s in lib.stories() if s.id != docks and s.pinned)
            assert {a.id for a in lib.articles(new.id)} == moving
        await pilot.press("q")
        screen = await open_list(app, pilot)
        await _until(pilot, lambda: new.id in {s.id for s in screen.stories}, "list reloaded")


async def test_S_on_the_only_article_under_the_cursor_and_on_everything_marked() -> None:
    docks = story_with("dockers")
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        story = await open_story(app, pilot, docks)
        await pilot.press("space", "j", "space", "j", "space", "j", "space", "S")
        await pilot.pause(0.2)
        assert story.overview is not None and len(story.overview.articles) == 4, "all marked: nothing split"
        await pilot.press("space", "S")  # three marked now
        await _until(pilot, lambda: story.overview is not None and len(story.overview.articles) == 1, "split")
        await pilot.press("S")
        await pilot.pause(0.2)
        assert len(story.overview.articles) == 1, "the last article cannot be split off"


async def test_J_in_the_story_view_merges_it_into_a_story_picked_by_filtering() -> None:
    resign, budget = story_with("resigns"), story_with("unveils")
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        story = await open_story(app, pilot, resign)
        picker = await open_picker(app, pilot, "J")
        assert picker.option_count == len(shape()) - 1, "every other story"
        await pilot.press(*"unveils")
        assert picker.option_count == 1
        await pilot.press("enter")
        await _until(pilot, lambda: story.story_id == budget and story.overview is not None
                     and len(story.overview.articles) == 6, "merged into the picked story")
        assert len(story.overview.pinned) == 6
        assert resign not in shape()


async def test_M_moves_the_marked_articles_and_escape_cancels_the_picker() -> None:
    docks, resign = story_with("dockers"), story_with("resigns")
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        story = await open_story(app, pilot, docks)
        await open_picker(app, pilot, "M")
        await pilot.press("escape")
        assert app.screen is story and shape()[docks] == (4, 0)
        with open_library() as lib:
            assert not lib.conn.execute("SELECT count(*) FROM story_edits").fetchone()[0], "nothing recorded"
        await pilot.press("space", "j", "space")
        await open_picker(app, pilot, "M")
        await pilot.press(*"varga resigns", "enter")
        await _until(pilot, lambda: story.overview is not None and len(story.overview.articles) == 2, "moved")
        assert shape()[resign] == (5, 2)


async def test_U_unpins_the_article_under_the_cursor_and_u_pins_it_again() -> None:
    budget = story_with("unveils")
    with open_library() as lib:
        merge_stories(lib, [story_with("resigns"), budget], into=budget)
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        story = await open_story(app, pilot, budget)
        assert story.overview is not None and len(story.overview.pinned) == 6
        article = story.overview.articles[0].id
        await pilot.press("U")
        await _until(pilot, lambda: story.overview is not None and article not in story.overview.pinned, "unpinned")
        with open_library() as lib:
            assert article not in lib.pinned()
        await pilot.press("u")
        await _until(pilot, lambda: story.overview is not None and article in story.overview.pinned, "pinned again")


def _help_text(app: NewsdiffApp) -> str:
    return "\n".join(str(s.content) for s in app.screen.query(Static))


async def test_the_new_keys_are_in_help_and_the_palette_and_can_be_remapped() -> None:
    resign, budget = story_with("resigns"), story_with("unveils")
    settings = Settings(keys=MappingProxyType({"stories.merge": "m", "story.split": "x"}))
    app = make_app("library", settings=settings)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_list(app, pilot)
        commands = {c.title for c in app.get_system_commands(screen)}
        assert {"Mark a story (space)", "Merge the marked stories (J)", "Undo the last story change (u)"} <= commands
        await pilot.press("question_mark")
        await _until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        text = _help_text(app)
        assert "stories.merge" in text and "Merge the marked stories" in text and "stories.unpin" in text
        await pilot.press("escape")
        await go_to(pilot, screen, resign)
        await pilot.press("space")
        await go_to(pilot, screen, budget)
        await pilot.press("space", "m")
        await _until(pilot, lambda: len(screen.stories) == 8, "merged with the remapped key")
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.overview, "story view")
        story = app.screen
        await pilot.press("question_mark")
        await _until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        text = _help_text(app)
        for binding_id in ("story.split", "story.merge", "story.unpin", "story.undo"):
            assert binding_id in text
        await pilot.press("escape", "x")
        await _until(pilot, lambda: isinstance(story, StoryScreen) and story.overview is not None
                     and len(story.overview.articles) == 5, "split with the remapped key")


@pytest.mark.parametrize("width", [80, 200])
async def test_a_copy_is_marked_as_one_whatever_the_outlets_name_and_the_width(width: int) -> None:
    """"The Coastline Post (copy)" is 25 cells: in a 20-cell column the name gives way, not the mark."""
    strike = story_with("dockers strike")
    app = make_app("library")
    async with app.run_test(size=(width, 36)) as pilot:
        story = await open_story(app, pilot, strike)
        assert story.overview is not None
        table = story.query_one(DataTable)
        cells = [str(table.get_cell(str(i), "outlet")) for i in range(len(story.overview.articles))]
        copies = [c for c in cells if c.endswith(" (copy)")]
        assert len(copies) == 1 and all(len(c) <= story.outlet_width for c in cells), cells
        assert copies[0].startswith("The Coastline Post" if width >= 140 else "The Coastlin…")
