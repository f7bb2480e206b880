"""The story view: a story's articles with coverage bars; compare two, or correct the story."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from newsdiff.core.library import StoredArticle
from newsdiff.core.pipeline import StoryOverview
from newsdiff.errors import NewsdiffError
from newsdiff.tui.bars import bar
from newsdiff.tui.corrections import Change, CorrectingScreen, StoryEdited, tell

# The footer keeps to what fits in 80 columns; this line names every key of the view.
HINT = ("space marks · c compares two (one marked: with the cursor's; none: the ◦ pair) · f who reported what"
        " · S splits the marked off · M moves them · J merges into another story · U unpins * · u undoes")


def fit_label(name: str, suffix: str, width: int) -> str:
    """``name`` and ``suffix`` in ``width`` cells: the name gives way (with an ellipsis) so that the
    suffix ("(copy)") always shows."""
    if len(name) + len(suffix) <= width:
        return name + suffix
    return name[:max(1, width - len(suffix) - 1)].rstrip() + "…" + suffix


class StoryScreen(CorrectingScreen):
    """Articles of one story; space/enter marks, c compares two, S/M/J/U correct the story, u undoes."""

    STATUS = "#story-title"

    BINDINGS = [
        Binding("q,escape", "back", "Back", id="story.back"),
        Binding("space", "mark", "Mark", id="story.mark"),
        Binding("c", "compare", "Compare", id="story.compare"),
        Binding("f", "facts", "Facts", id="story.facts"),
        Binding("M", "move", "Move", id="story.move"),
        Binding("S", "split", "Split", id="story.split"),
        Binding("J", "merge", "Merge into another story", show=False, id="story.merge"),
        Binding("U", "unpin", "Unpin (back to automatic clustering)", show=False, id="story.unpin"),
        Binding("u", "undo", "Undo the last story change", show=False, id="story.undo"),
        Binding("j", "cursor_down", "Down", show=False, id="story.down"),
        Binding("k", "cursor_up", "Up", show=False, id="story.up"),
    ]

    class OverviewReady(Message):
        """Every pair of the story's articles is aligned (or the story could not be read)."""

        def __init__(self, overview: StoryOverview | None, error: str | None = None) -> None:
            super().__init__()
            self.overview, self.error = overview, error

    def __init__(self, library: Path | None, story_id: str, title: str = "") -> None:
        super().__init__(library)
        self.story_id, self.story_title = story_id, title
        self.overview: StoryOverview | None = None
        self.marked: list[int] = []
        self.suggested: tuple[int, int] | None = None  # what c compares when nothing is marked
        self.outlet_width = 20

    def compose(self) -> ComposeResult:
        yield Static("Aligning the story's articles…", id="story-title")
        yield DataTable(id="articles", cursor_type="row")
        yield Static(id="story-help")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The title takes what the fixed columns leave, so nothing scrolls sideways.
        self.outlet_width = 26 if self.app.size.width >= 140 else 20
        title_width = max(16, self.app.size.width - (2 + self.outlet_width + 10 + 5 + 15) - 2 * 6 - 2)
        columns = (("", "mark", 2), ("Outlet", "outlet", self.outlet_width), ("Title", "title", title_width),
                   ("Date", "date", 10), ("Sent.", "length", 5), ("Shared", "shared", 15))
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
        self.suggested = message.overview.default_pair
        self.story_title = message.overview.title or self.story_title
        self.refill()
        arts = message.overview.articles
        outlets = {name for s in arts if (name := s.article.source())}
        pinned = len(message.overview.pinned)
        self.query_one("#story-title", Static).update(
            Text.assemble((self.story_title or (arts[0].article.title if arts else "(empty story)"), "bold"),
                          f"\n{len(arts)} articles from {len(outlets)} outlets",
                          f" · {pinned} pinned by you (*)" if pinned else "")
        )
        self.query_one("#story-help", Static).update(
            "◦ the suggested pair: the two full reports that share the least (c compares them)."
            " Copy = a near-identical copy of another article.\n" + HINT
        )

    def refill(self) -> None:
        assert self.overview is not None
        table = self.query_one(DataTable)
        table.clear()
        for i, stored in enumerate(self.overview.articles):
            art = stored.article
            mean = self.overview.shared[i] if i < len(self.overview.shared) else None
            # None: no other report in its language to share sentences with
            alone = len(self.overview.articles) == 1
            shared = (f"{bar(mean)} {mean:4.0%}" if mean is not None else "" if alone
                      else f"language: {art.lang or '?'}")
            suggested = not self.marked and self.suggested is not None and i in self.suggested
            mark = ("✓" if i in self.marked else "◦" if suggested else " ") + (
                "*" if stored.id in self.overview.pinned else " ")
            outlet = fit_label(art.source() or "unknown", " (copy)" if stored.copy_of else "", self.outlet_width)
            title = Text(art.shown_title(80), style="" if art.title else "dim", overflow="ellipsis", no_wrap=True)
            table.add_row(Text(mark), outlet, title, (art.published or "")[:10], str(len(art.sentences)),
                          shared, key=str(i))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.overview is None or event.cursor_row >= len(self.overview.articles):
            return
        stored = self.overview.articles[event.cursor_row]
        why = self.overview.evidence.get(stored.id) or "no clustering evidence recorded"
        copy = f" Near-identical copy of {stored.copy_of}." if stored.copy_of else ""
        self.query_one("#story-help", Static).update(Text.assemble(
            ("Why here: ", "bold"), why, copy, ("\n" + HINT, "dim")))

    # -- corrections: split, move, merge, unpin, undo -----------------------------------------

    def _selected(self) -> list[StoredArticle]:
        """The marked articles, or the one under the cursor when none is marked."""
        if self.overview is None or not self.overview.articles:
            return []
        rows = sorted(self.marked) or [self.query_one(DataTable).cursor_row]
        return [self.overview.articles[i] for i in rows if i < len(self.overview.articles)]

    def watched(self) -> str | None:
        return self.story_id

    def on_story_edited(self, message: StoryEdited) -> None:
        edit = message.edit
        if not tell(self, message) or edit is None:
            self.load()
            return
        self.marked = []
        if edit.action == "merge" or not message.exists:
            if not edit.stories:
                self.app.pop_screen()  # nothing of this story is left to show
                return
            self.story_id = edit.stories[0]
        self.load()

    def _pick_story(self, prompt: Text, then: Callable[[str], Change]) -> None:
        from newsdiff.core.pipeline import open_library
        from newsdiff.tui.screens.move import MoveScreen

        with open_library(self.library) as lib:
            stories = [s for s in lib.stories() if s.id != self.story_id]

        def picked(story_id: str | None) -> None:
            if story_id is not None:
                self.correct(then(story_id))

        self.app.push_screen(MoveScreen(prompt, stories), picked)

    def action_split(self) -> None:
        from newsdiff.core.pipeline import split_story

        chosen = [s.id for s in self._selected()]
        if self.overview is None or not chosen:
            return
        if len(chosen) == len(self.overview.articles):
            self.notify("That is every article of the story: mark the ones to split off with space",
                        severity="warning")
            return
        story_id = self.story_id
        self.correct(lambda lib: split_story(lib, story_id, chosen))

    def action_move(self) -> None:
        from newsdiff.core.pipeline import move_articles

        chosen = self._selected()
        if not chosen:
            return
        what = f"“{chosen[0].article.shown_title()}”" if len(chosen) == 1 else f"{len(chosen)} marked articles"
        ids = [s.id for s in chosen]
        self._pick_story(Text.assemble(("Move ", "bold"), (what, "italic"), " to which story?"),
                         lambda target: lambda lib: move_articles(lib, ids, target))

    def action_merge(self) -> None:
        from newsdiff.core.pipeline import merge_stories

        if self.overview is None:
            return
        story_id, n = self.story_id, len(self.overview.articles)
        self._pick_story(Text.assemble(("Merge ", "bold"), (f"“{self.story_title}”", "italic"),
                                       f" ({n} articles) into which story?"),
                         lambda target: lambda lib: merge_stories(lib, [story_id, target], into=target))

    def action_unpin(self) -> None:
        from newsdiff.core.pipeline import unpin_articles

        ids = [s.id for s in self._selected()]
        if ids:
            self.correct(lambda lib: unpin_articles(lib, ids))

    def action_mark(self) -> None:
        table = self.query_one(DataTable)
        index = table.cursor_row
        if index in self.marked:
            self.marked.remove(index)
        else:
            self.marked.append(index)
        self.refill()
        table.move_cursor(row=index)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_mark()

    def action_compare(self) -> None:
        from newsdiff.core.pipeline import compare_in_library
        from newsdiff.tui.screens.compare import CompareScreen

        cursor = self.query_one(DataTable).cursor_row
        if len(self.marked) == 2:
            pair: list[int] | None = sorted(self.marked)
        elif len(self.marked) == 1 and cursor != self.marked[0]:
            pair = [self.marked[0], cursor]  # the marked one against the one under the cursor
        else:
            pair = list(self.suggested) if not self.marked and self.suggested else None
        if self.overview is None or pair is None:
            why = ("move to the other article, or mark two with space" if len(self.marked) == 1
                   else f"mark two with space ({len(self.marked)} marked)")
            self.notify(f"Nothing to compare: {why}", severity="warning")
            return
        a, b = (self.overview.articles[i].article for i in pair)
        library = self.library
        self.app.push_screen(CompareScreen(lambda: compare_in_library(a, b, library),
                                           f"{a.outlet} ↔ {b.outlet}"))

    def action_facts(self) -> None:
        from newsdiff.tui.screens.facts import FactsScreen

        self.app.push_screen(FactsScreen(self.library, self.story_id, self.story_title))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()
