"""`r` in the story list refreshes the feeds in a worker; new stories appear without a restart."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from newsdiff.core.library import add_feed
from newsdiff.core.pipeline import open_library
from newsdiff.tui.app import make_app
from newsdiff.tui.screens.story_list import StoryListScreen
from tests.httpserver import PARAS, Route, Server, article_page, rss


async def _until(pilot: Any, check: Any, what: str, tries: int = 500) -> None:
    for _ in range(tries):
        await pilot.pause(0.02)
        if check():
            return
    raise AssertionError(f"{what} never happened")


async def test_r_refreshes_feeds_and_new_stories_appear(server: Server) -> None:
    server.routes["/a"] = Route(article_page("Velmora dockers strike over night shifts", PARAS))
    server.routes["/feed.xml"] = Route(rss("Wire", [("Dockers strike", "/a"), ("Gone", "/dead")]),
                                       content_type="application/rss+xml")
    with open_library() as library:
        add_feed(library, server.url("/feed.xml"))
    app = make_app("library")
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, StoryListScreen) and app.screen.query(DataTable),
                     "story list")
        table = app.screen.query_one(DataTable)
        await pilot.pause(0.2)
        assert table.row_count == 0
        await pilot.press("r")
        await _until(pilot, lambda: table.row_count == 1, "the new story")
        assert not app.screen.refreshing  # type: ignore[attr-defined]
        messages = [n.message for n in app._notifications]
        assert any("1 new" in m and "1 failed" in m and "/dead" in m for m in messages), messages


async def test_r_without_feeds_says_how_to_add_one() -> None:
    app = make_app("library")
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, StoryListScreen), "story list")
        await pilot.press("r")
        await _until(pilot, lambda: any("feed add" in n.message for n in app._notifications), "the hint")
