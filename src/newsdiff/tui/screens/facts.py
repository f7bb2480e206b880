"""The facts view: who reported what across a story's reports, and where they disagree."""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from newsdiff.core.facts import StoryFacts
from newsdiff.core.facts import label as outlet_name
from newsdiff.errors import NewsdiffError
from newsdiff.tui.bars import bar
from newsdiff.tui.facts_text import (
    Columns,
    choose_columns,
    compare_pair,
    legend,
    sentences_of,
    spelled_out,
    where,
)
from newsdiff.tui.typeahead import hidden_box, route_key, show
from newsdiff.tui.widgets.facts_table import FactsTable

PROGRESS_EVERY = 0.1  # seconds between two progress lines


class _Abandoned(Exception):
    """Raised inside the worker once its result can no longer be shown."""


class FactsScreen(Screen[None]):
    """One row per fact and a column per outlet; enter compares two reports at the fact."""

    AUTO_FOCUS = ""  # not the hidden filter: keys typed while the facts compute would vanish in it

    BINDINGS = [
        Binding("q,escape", "back", "Back", id="facts.back"),
        Binding("enter", "compare", "Compare at fact", id="facts.compare"),
        Binding("slash", "filter", "Filter", id="facts.filter"),
        Binding("e", "exclusive", "Exclusive only", id="facts.exclusive"),
    ]

    class FactsProgressed(Message):
        """The worker aligned ``done`` of ``total`` pairs of reports."""

        def __init__(self, generation: int, done: int, total: int) -> None:
            super().__init__()
            self.generation, self.done, self.total = generation, done, total

    class FactsComputed(Message):
        """The worker built the story's facts (or failed with a user-facing message)."""

        def __init__(self, generation: int, facts: StoryFacts | None, error: str | None = None) -> None:
            super().__init__()
            self.generation, self.facts, self.error = generation, facts, error

    def __init__(self, library: Path | None, story_id: str, title: str = "") -> None:
        super().__init__()
        self.library, self.story_id, self.story_title = library, story_id, title
        self.facts: StoryFacts | None = None
        self.generation = 0  # results of an earlier computation are dropped

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble(("Who reported what", "bold"), f": {self.story_title}\nReading the reports…"),
                     id="facts-title")
        yield Static(id="facts-legend")
        yield Static(id="facts-detail")
        yield hidden_box("filter facts by their text (enter: keep, esc: clear)", "facts-filter")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        self.generation += 1
        self._compute(self.generation)

    @work(thread=True, exclusive=True, group="facts")
    def _compute(self, generation: int) -> None:
        from newsdiff.core.pipeline import facts_input, facts_of

        worker = get_current_worker()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Abandoned
            # A few lines a second: a repaint for each of 1,225 pairs (50 reports) cost a quarter more time.
            if time.monotonic() - last[0] >= PROGRESS_EVERY or done == total:
                last[0] = time.monotonic()
                self.post_message(self.FactsProgressed(generation, done, total))

        try:
            reports = facts_input([self.story_id], self.library)
            self.post_message(self.FactsComputed(generation, facts_of(reports, progress)))
        except _Abandoned:
            return
        except NewsdiffError as err:
            self.post_message(self.FactsComputed(generation, None, str(err)))

    def on_facts_screen_facts_progressed(self, message: FactsProgressed) -> None:
        if message.generation == self.generation and self.facts is None:
            share = message.done / max(1, message.total)
            self._title(f"Aligning every two reports: {message.done} of {message.total} pairs {bar(share)}")

    def on_facts_screen_facts_computed(self, message: FactsComputed) -> None:
        if message.generation != self.generation:
            return
        if message.facts is None:
            self._title(f"Cannot build the facts: {message.error}")
            return
        self.facts = story = message.facts
        if not self.story_title and story.main is not None:
            self.story_title = story.articles[story.main].title
        for old in self.query(FactsTable):
            old.remove()
        table = FactsTable(story, id="facts-table")
        # The legend as the table will most likely lay out (less its scrollbar), so both appear in one
        # frame and the table does not jump down under it; LaidOut corrects it if the guess was wrong.
        self._show_legend(choose_columns(story, table.reports, self.size.width - 1))
        self.mount(table, after="#facts-legend")
        table.focus()
        self._title(self._summary(story))

    def on_facts_table_laid_out(self, message: FactsTable.LaidOut) -> None:
        self._show_legend(message.columns)

    def _show_legend(self, columns: Columns) -> None:
        if self.facts is not None:
            self.query_one("#facts-legend", Static).update(legend(self.facts, columns, self.size.width - 2))

    def _title(self, second_line: str) -> None:
        self.query_one("#facts-title", Static).update(
            Text.assemble(("Who reported what", "bold"), f": {self.story_title}\n", second_line))

    def _summary(self, story: StoryFacts) -> str:
        aligned = [k for k in range(len(story.articles)) if k not in story.apart]
        if not story.articles:
            return "This story has no reports."
        if len(aligned) == 1:
            return (f"One report only ({outlet_name(story, aligned[0])}): nothing to set it against."
                    " Its sentences are listed below.")
        shared = sum(1 for f in story.facts if len(f.articles) > 1)
        disagree = sum(1 for f in story.facts if f.discrepancies)
        main = f" · text from {outlet_name(story, story.main)}" if story.main is not None else ""
        return f"{len(aligned)} reports · {len(story.facts)} facts, {shared} in two or more, {disagree} disputed{main}"

    @property
    def table(self) -> FactsTable | None:
        tables = self.query(FactsTable)
        return tables.first() if tables else None

    def on_facts_table_fact_highlighted(self, message: FactsTable.FactHighlighted) -> None:
        table = self.table
        if self.facts is None or table is None:
            return
        head = f"fact {message.position + 1} of {message.shown}" if message.fact else "no fact shown"
        if table.query_text:
            head += f" · filter “{table.query_text}”"
        if table.exclusive_only:
            head += " · exclusive facts only (e: all)"
        detail = Text(head, style="dim")
        if message.fact is not None:
            detail.append(" · " + where(self.facts, message.fact, self.size.width - 5 - len(head)), style="dim")
            if message.fact.discrepancies:
                detail.append("\n")
                detail.append_text(spelled_out(self.facts, message.fact))
        self.query_one("#facts-detail", Static).update(detail)

    # -- actions ---------------------------------------------------------------------------

    def action_back(self) -> None:
        search = self.query_one("#facts-filter", Input)
        table = self.table
        if not search.has_class("hidden") or (table is not None and table.query_text):
            self._close_filter(clear=True)
        else:
            self.app.pop_screen()

    def action_filter(self) -> None:
        if self.table is None:
            return
        search = self.query_one("#facts-filter", Input)
        show(self, search)  # at once: the keys already queued are typed into it (on_key)

    def on_key(self, event: events.Key) -> None:
        route_key(self, event, self.query_one("#facts-filter", Input), "filter", self.action_filter)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.table is not None:
            self.table.set_filter(query=event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._close_filter(clear=False)

    def _close_filter(self, clear: bool) -> None:
        search = self.query_one("#facts-filter", Input)
        search.add_class("hidden")
        if clear:
            search.value = ""
            if self.table is not None:
                self.table.set_filter(query="")
        if self.table is not None:
            self.table.focus()

    def action_exclusive(self) -> None:
        if self.table is not None:
            self.table.set_filter(exclusive_only=not self.table.exclusive_only)

    def action_compare(self) -> None:
        from newsdiff.core.pipeline import compare_in_library
        from newsdiff.tui.screens.compare import CompareScreen

        table, story = self.table, self.facts
        fact = table.current_fact() if table is not None else None
        pair = compare_pair(story, fact) if story is not None and fact is not None else None
        if story is None or fact is None or pair is None:
            self.notify("No other report to compare this one with", severity="warning")
            return
        a, b = (story.articles[k] for k in pair)
        at = (sentences_of(fact, pair[0]), sentences_of(fact, pair[1]))
        title = f"{outlet_name(story, pair[0])} ↔ {outlet_name(story, pair[1])}"
        library = self.library
        self.app.push_screen(CompareScreen(lambda: compare_in_library(a, b, library), title, at=at))
