"""The story view: a story's articles with coverage bars; mark two and compare them."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from newsdiff.core.pipeline import StoryOverview
from newsdiff.errors import NewsdiffError


def bar(share: float, width: int = 10) -> str:
    """A text bar for a share in 0..1 (readable without colour)."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


class StoryScreen(Screen[None]):
    """Articles of one story; space/enter marks, c compares the marked (or the default) pair."""

    BINDINGS = [
        Binding("q,escape", "back", "Back", id="story.back"),
        Binding("space", "mark", "Mark", id="story.mark"),
        Binding("c", "compare", "Compare", id="story.compare"),
        Binding("M", "move", "Move to story", id="story.move"),
        Binding("j", "cursor_down", "Down", show=False, id="story.down"),
        Binding("k", "cursor_up", "Up", show=False, id="story.up"),
    ]

    class OverviewReady(Message):
        """Every pair of the story's articles is aligned (or the story could not be read)."""

        def __init__(self, overview: StoryOverview | None, error: str | None = None) -> None:
            super().__init__()
            self.overview, self.error = overview, error

    def __init__(self, library: Path | None, story_id: str, title: str = "") -> None:
        super().__init__()
        self.library, self.story_id, self.story_title = library, story_id, title
        self.overview: StoryOverview | None = None
        self.marked: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static("Aligning the story's articles…", id="story-title")
        yield DataTable(id="articles", cursor_type="row")
        yield Static(id="story-help")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The title takes what the fixed columns leave, so nothing scrolls sideways.
        title_width = max(16, self.app.size.width - (1 + 20 + 10 + 5 + 16) - 2 * 6 - 2)
        columns = (("", "mark", 1), ("Outlet", "outlet", 20), ("Title", "title", title_width),
                   ("Date", "date", 10), ("Sent.", "length", 5), ("Shared", "shared", 16))
        for label, key, width in columns:
            table.add_column(label, key=key, width=width)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="story")
    def load(self) -> None:
        from newsdiff.core.pipeline import open_library, story_overview

        try:
            with open_library(self.library) as lib:
                self.post_message(self.OverviewReady(story_overview(lib, self.story_id)))
        except NewsdiffError as err:
            self.post_message(self.OverviewReady(None, str(err)))

    def on_story_screen_overview_ready(self, message: OverviewReady) -> None:
        if message.overview is None:
            self.query_one("#story-title", Static).update(f"Cannot open the story: {message.error}")
            return
        self.overview = message.overview
        if message.overview.default_pair:
            self.marked = list(message.overview.default_pair)
        self.refill()
        arts = message.overview.articles
        outlets = {s.article.outlet for s in arts if s.article.outlet}
        self.query_one("#story-title", Static).update(
            Text.assemble((self.story_title or (arts[0].article.title if arts else "(empty story)"), "bold"),
                          f"\n{len(arts)} articles from {len(outlets)} outlets")
        )
        self.query_one("#story-help", Static).update(
            "space marks an article (two marked: c compares them). Preselected: the two full reports that"
            " share the least. Copy = a near-identical copy of another article. M moves an article."
        )

    def refill(self) -> None:
        assert self.overview is not None
        table = self.query_one(DataTable)
        table.clear()
        n = len(self.overview.articles)
        for i, stored in enumerate(self.overview.articles):
            art = stored.article
            shares = [self.overview.coverage[(i, j)] for j in range(n) if (i, j) in self.overview.coverage]
            mean = sum(shares) / len(shares) if shares else 0.0
            mark = "✓" if i in self.marked else " "
            outlet = (art.outlet or "unknown") + (" (copy)" if stored.copy_of else "")
            title = Text(art.title, overflow="ellipsis", no_wrap=True)
            table.add_row(mark, outlet, title, (art.published or "")[:10], str(len(art.sentences)),
                          f"{bar(mean)} {mean:4.0%}", key=str(i))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.overview is None or event.cursor_row >= len(self.overview.articles):
            return
        stored = self.overview.articles[event.cursor_row]
        why = self.overview.evidence.get(stored.id) or "no clustering evidence recorded"
        copy = f" Near-identical copy of {stored.copy_of}." if stored.copy_of else ""
        self.query_one("#story-help", Static).update(Text.assemble(
            ("Why here: ", "bold"), why, copy,
            ("\nspace marks (two marked: c compares) · M moves this article to another story", "dim")))

    def action_move(self) -> None:
        from newsdiff.core.pipeline import open_library
        from newsdiff.tui.screens.move import MoveScreen

        if self.overview is None or not self.overview.articles:
            return
        stored = self.overview.articles[self.query_one(DataTable).cursor_row]
        with open_library(self.library) as lib:
            stories = [(s.id, s.title) for s in lib.stories() if s.id != self.story_id]

        def moved(story_id: str | None) -> None:
            from newsdiff.core.pipeline import move_article

            if story_id is None:
                return
            try:
                with open_library(self.library) as lib:
                    move_article(lib, stored.id, story_id)
            except NewsdiffError as err:
                self.notify(str(err), severity="error")
                return
            self.notify("Moved; the move is kept when stories are rebuilt")
            self.marked = []
            self.load()

        self.app.push_screen(MoveScreen(stored.article.title, stories), moved)

    def action_mark(self) -> None:
        table = self.query_one(DataTable)
        index = table.cursor_row
        if index in self.marked:
            self.marked.remove(index)
        else:
            self.marked = [*self.marked, index][-2:]
        self.refill()
        table.move_cursor(row=index)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_mark()

    def action_compare(self) -> None:
        from newsdiff.core.pipeline import compare_articles
        from newsdiff.tui.screens.compare import CompareScreen

        if self.overview is None or len(self.marked) != 2:
            self.notify("Mark two articles with space first", severity="warning")
            return
        a, b = (self.overview.articles[i].article for i in sorted(self.marked))
        self.app.push_screen(CompareScreen(lambda: compare_articles(a, b), f"{a.outlet} ↔ {b.outlet}"))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
