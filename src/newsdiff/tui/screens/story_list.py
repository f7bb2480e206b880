"""The story list: stories newest first, filter as you type, full-text search, sort keys, merges."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Static

from newsdiff.core.library import StorySummary
from newsdiff.errors import NewsdiffError
from newsdiff.tui.corrections import CorrectingScreen, StoryEdited, tell
from newsdiff.tui.typeahead import hidden_box, route_key, show

SORTS = ("newest", "outlets", "articles", "title")


def _span(story: StorySummary) -> str:
    first, last = (story.first or "")[:10], (story.last or "")[:10]
    if not first and not last:
        return "undated"
    if first == last or not first or not last:
        return first or last
    return f"{first} – {last[5:]}" if first[:4] == last[:4] else f"{first} – {last}"


class StoryListScreen(CorrectingScreen):
    """Every story of the library; enter opens one."""

    BINDINGS = [
        Binding("q,escape", "quit_or_clear", "Quit", id="stories.quit"),
        Binding("slash", "filter", "Filter/search", id="stories.filter"),
        Binding("o", "sort", "Sort", id="stories.sort"),
        Binding("r", "refresh", "Refresh feeds", id="stories.refresh"),
        # Not in the footer (it keeps to 80 columns); the title line names them.
        Binding("space", "mark", "Mark a story", show=False, id="stories.mark"),
        Binding("J", "merge", "Merge the marked stories", show=False, id="stories.merge"),
        Binding("U", "unpin", "Unpin (back to automatic clustering)", show=False, id="stories.unpin"),
        Binding("u", "undo", "Undo the last story change", show=False, id="stories.undo"),
        Binding("j", "cursor_down", "Down", show=False, id="stories.down"),
        Binding("k", "cursor_up", "Up", show=False, id="stories.up"),
        Binding("g", "top", "Top", show=False, id="stories.top"),
        Binding("G", "bottom", "Bottom", show=False, id="stories.bottom"),
    ]

    class StoriesLoaded(Message):
        """The library was read (or could not be)."""

        def __init__(self, stories: list[StorySummary], noted: set[str], error: str | None = None,
                     warning: str | None = None) -> None:
            super().__init__()
            self.stories, self.noted, self.error, self.warning = stories, noted, error, warning

    class RefreshProgress(Message):
        """Articles fetched so far by a running refresh."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class RefreshDone(Message):
        """A refresh finished: its one-line summary, and whether anything went wrong."""

        def __init__(self, summary: str, problems: list[tuple[str, str]]) -> None:
            super().__init__()
            self.summary, self.problems = summary, problems

    def __init__(self, library: Path | None) -> None:
        super().__init__(library)
        self.stories: list[StorySummary] = []
        self.noted: set[str] = set()
        self.matching: set[str] | None = None  # story ids whose articles match the full-text search
        self.sort = "newest"
        self.refreshing = False
        self.marked: list[str] = []  # story ids, in the order marked
        self.focus_story: str | None = None  # where the cursor goes after the next load

    def compose(self) -> ComposeResult:
        yield Static("Loading the library…", id="stories-title")
        yield DataTable(id="stories", cursor_type="row", zebra_stripes=False)
        yield hidden_box("filter titles as you type; enter searches article text too", "filter")
        yield Footer()

    def on_mount(self) -> None:
        self._fit_columns()
        self.query_one(DataTable).focus()
        self.load()

    def on_resize(self) -> None:
        if self._fit_columns():
            self.refill()

    def _fit_columns(self) -> bool:
        """Give the title every column the others leave; True when the columns had to change."""
        dates = max((len(_span(s)) for s in self.stories), default=10)
        fixed = (3, 7, 4, max(5, dates))
        title = max(16, self.app.size.width - sum(fixed) - 2 * 5 - 2)  # cell padding, scrollbar
        widths = (fixed[0], title, *fixed[1:])
        table = self.query_one(DataTable)
        if tuple(c.width for c in table.columns.values()) == widths:
            return False
        table.clear(columns=True)
        for (label, key), width in zip((("", "mark"), ("Story", "title"), ("Outlets", "outlets"), ("Art.", "articles"),
                                        ("Dates", "dates")), widths, strict=True):
            table.add_column(label, key=key, width=width)
        return True

    @work(thread=True, exclusive=True, group="stories")
    def load(self) -> None:
        from newsdiff.core.notes import AnnotationStore
        from newsdiff.core.pipeline import noted_stories, open_library, place_unplaced

        try:
            with open_library(self.library) as lib:
                warning = None
                try:  # articles an earlier add stored but could not place (a full disk) join their stories now
                    place_unplaced(lib)
                except NewsdiffError as err:
                    warning = f"Articles stored earlier are not in a story yet: {err}"
                stories = lib.stories()
                noted = noted_stories(lib, AnnotationStore())
            self.post_message(self.StoriesLoaded(stories, noted, warning=warning))
        except NewsdiffError as err:
            self.post_message(self.StoriesLoaded([], set(), str(err)))

    def on_story_list_screen_stories_loaded(self, message: StoriesLoaded) -> None:
        if message.error:
            self.query_one("#stories-title", Static).update(f"Cannot open the library: {message.error}")
            return
        if message.warning:
            self.notify(message.warning, severity="warning", timeout=10)
        self.stories, self.noted = message.stories, message.noted
        known = {s.id for s in self.stories}
        self.marked = [sid for sid in self.marked if sid in known]
        self.refill(self.focus_story)
        self.focus_story = None

    def on_screen_resume(self) -> None:
        self.load()  # a story view may have split, moved or merged stories

    def action_refresh(self) -> None:
        if self.refreshing:
            self.notify("A refresh is already running.", timeout=3)
            return
        self.refreshing = True
        self.query_one("#stories-title", Static).update("Refreshing feeds…")
        self.run_refresh()

    @work(thread=True, exclusive=True, group="refresh")
    def run_refresh(self) -> None:
        from newsdiff.core.library import list_feeds
        from newsdiff.core.pipeline import open_library, refresh

        try:
            with open_library(self.library) as lib:
                if not list_feeds(lib):
                    self.post_message(self.RefreshDone(
                        "No feeds yet: subscribe with `newsdiff feed add URL` (or `feed import FILE.opml`).", []))
                    return
                report = refresh(lib, on_progress=self._progress)
        except NewsdiffError as err:
            self.post_message(self.RefreshDone(f"Refresh failed: {err}", [("", str(err))]))
            return
        summary = (f"Refreshed {report.feeds} feed(s): {report.new} new, {report.updated} updated, "
                   f"{report.failed} failed")
        self.post_message(self.RefreshDone(summary, report.problems))

    def _progress(self, done: int, total: int) -> None:
        self.post_message(self.RefreshProgress(done, total))

    def on_story_list_screen_refresh_progress(self, message: RefreshProgress) -> None:
        if self.refreshing and message.total:
            width = 20
            filled = int(width * message.done / message.total)
            self.query_one("#stories-title", Static).update(
                f"Refreshing feeds: fetching articles [{'#' * filled}{'.' * (width - filled)}] "
                f"{message.done}/{message.total}")

    def on_story_list_screen_refresh_done(self, message: RefreshDone) -> None:
        self.refreshing = False
        problems = "".join(f"\n{url}: {reason}" if url else "" for url, reason in message.problems[:5])
        more = f"\n… and {len(message.problems) - 5} more" if len(message.problems) > 5 else ""
        self.notify(message.summary + problems + more, severity="warning" if message.problems else "information",
                    timeout=8 if message.problems else 4)
        self.load()

    def _visible(self) -> list[StorySummary]:
        needle = self.query_one("#filter", Input).value.casefold().strip()
        shown = [s for s in self.stories if not needle or needle in s.title.casefold()
                 or (self.matching is not None and s.id in self.matching)]
        keys = {
            "newest": lambda s: (s.last or "", s.id),
            "outlets": lambda s: (s.outlets, s.articles),
            "articles": lambda s: (s.articles, s.outlets),
            "title": lambda s: s.title.casefold(),
        }
        return sorted(shown, key=keys[self.sort], reverse=self.sort != "title")

    def _cursor_story(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def refill(self, focus: str | None = None) -> None:
        """Redraw the rows, keeping the cursor on its story (or moving it to ``focus``)."""
        table = self.query_one(DataTable)
        focus = focus or self._cursor_story()
        self._fit_columns()
        table.clear()
        for row, story in enumerate(self._visible()):
            title = Text(story.title, overflow="ellipsis", no_wrap=True)
            mark = "".join(sign if on else " " for sign, on in (
                ("✓", story.id in self.marked), ("•", story.id in self.noted), ("*", story.pinned)))
            table.add_row(Text(mark), title, str(story.outlets) if story.outlets else "?",
                          str(story.articles), _span(story), key=story.id)
            if story.id == focus:
                table.move_cursor(row=row)
        total = len(self.stories)
        where = "demo corpus" if self.library else "library"
        hint = "  (empty: add articles with `newsdiff add FILE...`)" if not total else ""
        marked = (f" · {len(self.marked)} marked ✓: J merges them" if len(self.marked) > 1
                  else " · 1 marked ✓: mark another to merge" if self.marked
                  else " · space marks, J merges" if total > 1 else "")
        self.query_one("#stories-title", Static).update(
            f"{total} {'story' if total == 1 else 'stories'} in the {where} · sorted by {self.sort}{marked}{hint}"
        )

    # -- corrections: merge, unpin, undo -----------------------------------------------------

    def action_mark(self) -> None:
        story = self._cursor_story()
        if story is None:
            return
        if story in self.marked:
            self.marked.remove(story)
        else:
            self.marked.append(story)
        self.refill()

    def on_story_edited(self, message: StoryEdited) -> None:
        if tell(self, message) and message.edit is not None:
            self.marked = []
            self.focus_story = next(iter(message.edit.stories), None)
        self.load()

    def action_merge(self) -> None:
        from newsdiff.core.pipeline import merge_stories

        if len(self.marked) < 2:
            self.notify("Mark two or more stories with space, then J merges them into the biggest",
                        severity="warning")
            return
        marked = list(self.marked)
        self.correct(lambda lib: merge_stories(lib, marked))

    def action_unpin(self) -> None:
        from newsdiff.core.pipeline import unpin_articles

        targets = list(self.marked) or [s for s in (self._cursor_story(),) if s]
        if targets:
            self.correct(lambda lib: unpin_articles(lib, story_refs=targets))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from newsdiff.tui.screens.story import StoryScreen

        key = event.row_key.value
        if key is not None:
            title = next((s.title for s in self.stories if s.id == key), "")
            self.app.push_screen(StoryScreen(self.library, key, title))

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        show(self, box)  # at once: keys already queued behind / are typed into it (on_key)

    def on_key(self, event: events.Key) -> None:
        route_key(self, event, self.query_one("#filter", Input), "filter", self.action_filter)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.matching = None
        self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.search(event.value)
        self.query_one(DataTable).focus()

    @work(thread=True, exclusive=True, group="search")
    def search(self, query: str) -> None:
        from newsdiff.core.pipeline import open_library

        with open_library(self.library) as lib:
            ids = {s.story for s, _ in lib.search(query) if s.story}
        self.app.call_from_thread(self._searched, ids)

    def _searched(self, ids: set[str]) -> None:
        self.matching = ids
        self.refill()

    def action_quit_or_clear(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value or not box.has_class("hidden"):
            box.value = ""
            box.add_class("hidden")
            self.matching = None
            self.refill()
            self.query_one(DataTable).focus()
        elif self.marked:
            self.marked = []
            self.refill()
        else:
            self.app.exit(0)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refill()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_top(self) -> None:
        self.query_one(DataTable).move_cursor(row=0)

    def action_bottom(self) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1)
