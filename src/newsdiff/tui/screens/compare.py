"""The compare screen: header, the aligned two-column view, a discrepancy panel and a status line."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, LoadingIndicator, Static

from newsdiff.core.align import Comparison, Row
from newsdiff.core.models import Article
from newsdiff.core.notes import Annotation, AnnotationStore
from newsdiff.core.pipeline import article_ref
from newsdiff.errors import NewsdiffError
from newsdiff.tui.typeahead import hidden_box, route_key, show
from newsdiff.tui.widgets.aligned_view import AlignedView
from newsdiff.tui.widgets.compare_header import CompareHeader, discrepancy_text, status_text

if TYPE_CHECKING:
    from newsdiff.tui.screens.annotate import NoteDraft

Sentences = tuple[Collection[int], Collection[int]]  # sentence indices of A and of B


def row_holding(rows: Sequence[Row], at: Sentences) -> int:
    """The first row holding sentences of both ``at`` sides, else of either; 0 when none."""
    a, b = set(at[0]), set(at[1])
    both = [r for r, row in enumerate(rows) if a & set(row.a) and b & set(row.b)]
    either = [r for r, row in enumerate(rows) if a & set(row.a) or b & set(row.b)]
    return (both or either or [0])[0]


class CompareScreen(Screen[None]):
    """Two articles side by side; all navigation keys live on the AlignedView."""

    BINDINGS = [
        Binding("q,escape", "back", "Back", id="compare.back"),
        Binding("slash", "search", "Search", id="compare.search"),
        Binding("s", "swap", "Swap sides", id="compare.swap"),
        Binding("p", "toggle_panel", "Discrepancies", id="compare.panel"),
        Binding("y", "copy", "Copy", id="compare.copy"),
        Binding("a", "annotate", "Annotate", id="compare.annotate"),
        Binding("A", "notes", "Notes", show=False, id="compare.notes"),
    ]

    class ComparisonReady(Message):
        """The worker finished aligning (or failed with a user-facing message)."""

        def __init__(self, comparison: Comparison | None, error: str | None = None) -> None:
            super().__init__()
            self.comparison, self.error = comparison, error

    def __init__(self, load: Callable[[], Comparison], title: str = "compare", at: Sentences | None = None) -> None:
        super().__init__()
        self._load = load
        self._at = at  # open at the row of these sentences (the facts view's enter)
        self.sub_title = title
        self.comparison: Comparison | None = None

    @classmethod
    def from_files(cls, a: str, b: str) -> CompareScreen:
        from newsdiff.core.pipeline import compare_sources

        return cls(lambda: compare_sources(a, b), f"{a} ↔ {b}")

    @classmethod
    def from_previous(cls, ref: str) -> CompareScreen:
        from newsdiff.core.pipeline import compare_previous

        return cls(lambda: compare_previous(ref), f"{ref}: earlier version ↔ current")

    def compose(self) -> ComposeResult:
        yield CompareHeader(id="compare-header")
        with Horizontal(id="compare-body"):
            yield LoadingIndicator(id="compare-loading")
            yield Vertical(Static(id="discrepancies"), id="panel", classes="hidden")
        yield Static(id="status")
        yield hidden_box("search both panes (enter: go, n/N: next/previous, esc: clear)", "search")
        yield Footer()

    def on_mount(self) -> None:
        self._compute()

    @work(thread=True, exclusive=True, group="align")
    def _compute(self) -> None:
        try:
            self.post_message(self.ComparisonReady(self._load()))
        except NewsdiffError as err:
            self.post_message(self.ComparisonReady(None, str(err)))

    def on_compare_screen_comparison_ready(self, message: ComparisonReady) -> None:
        self.query_one("#compare-loading").remove()
        if message.comparison is None:
            self.query_one("#status", Static).update(f"Cannot compare: {message.error}")
            self.notify(message.error or "cannot compare", severity="error", timeout=10)
            return
        self.comparison = message.comparison
        settings = getattr(self.app, "settings", None)
        start = row_holding(message.comparison.rows, self._at) if self._at else 0
        view = AlignedView(message.comparison, wrap=getattr(settings, "wrap", True),
                           word_diff=getattr(settings, "word_diff", True), start=start, id="aligned")
        self.query_one("#compare-body").mount(view, before=0)
        view.focus()
        self._show(message.comparison)
        self._refresh_notes()

    def _show(self, comparison: Comparison) -> None:
        self.query_one(CompareHeader).show(comparison)
        self.query_one("#discrepancies", Static).update(discrepancy_text(comparison))
        self._update_status()

    @property
    def view(self) -> AlignedView:
        return self.query_one(AlignedView)

    def on_aligned_view_cursor_moved(self, message: AlignedView.CursorMoved) -> None:
        self._update_status()

    def _update_status(self) -> None:
        if self.comparison is not None:
            # One line of fixed height: no layout pass needed (it cost every key a whole-screen reflow).
            self.query_one("#status", Static).update(status_text(self.view), layout=False)

    # -- actions -------------------------------------------------------------------

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if not search.has_class("hidden") or (self.comparison and self.view.query_text):
            self._close_search(clear=True)
        elif len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)

    def action_swap(self) -> None:
        if self.comparison is not None:
            self.comparison = self.comparison.swapped()
            self.view.set_comparison(self.comparison)
            self._show(self.comparison)
            self._refresh_notes()

    def action_toggle_panel(self) -> None:
        self.query_one("#panel").toggle_class("hidden")

    def action_search(self) -> None:
        if self.comparison is None:
            return
        search = self.query_one("#search", Input)
        show(self, search)  # at once: keys already queued behind / are typed into it (on_key)

    def on_key(self, event: events.Key) -> None:
        route_key(self, event, self.query_one("#search", Input), "search", self.action_search)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.comparison is not None:
            self.view.query_text = event.value
            self.view.refresh()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._close_search(clear=False)
        if event.value and not self.view.matches(self.comparison.rows[self.view.cursor]):  # type: ignore[union-attr]
            self.view.jump(1, self.view.matches)

    def _close_search(self, clear: bool) -> None:
        search = self.query_one("#search", Input)
        search.add_class("hidden")
        if clear:
            search.value = ""
            self.view.query_text = ""
            self.view.refresh()
        self.view.focus()
        self._update_status()

    def _sentence_here(self) -> tuple[str, int] | None:
        """(side, sentence index) under the cursor, or None with a hint when that side is empty."""
        if self.comparison is None:
            return None
        current = self.view.current_sentence()
        if current is None:
            self.notify("No sentence on this side of the row (tab switches side)", severity="warning")
        return current

    def action_copy(self) -> None:
        current = self._sentence_here()
        if current is None or self.comparison is None:
            return
        side, index = current
        article = self._article(side)
        text = (self.comparison.alignment.a if side == "a" else self.comparison.alignment.b)[index]
        source = article.url or article.path or article.outlet or article.title
        self.app.copy_to_clipboard(f"“{text}” ({article.outlet or 'unknown outlet'}: {source})")
        self.notify("Copied the sentence and its source (OSC 52)")

    # -- notes -----------------------------------------------------------------------

    def _article(self, side: str) -> Article:
        assert self.comparison is not None
        return self.comparison.a if side == "a" else self.comparison.b

    def _refresh_notes(self) -> None:
        """Mark annotated sentences in the gutter (notes re-anchored against the text shown)."""
        if self.comparison is None:
            return
        view = self.view
        for side in ("a", "b"):
            article = self._article(side)
            try:
                notes = AnnotationStore().list(article_ref(article), article.body)
            except NewsdiffError as err:
                self.notify(str(err), severity="error", timeout=10)
                notes = []
            marked = {k for n in notes if n.anchored for k, s in enumerate(article.sentences)
                      if s.start < n.anchored.end and n.anchored.start < s.end}
            if side == "a":
                view.notes_a = marked
            else:
                view.notes_b = marked
        view.refresh()

    def action_annotate(self) -> None:
        from newsdiff.tui.screens.annotate import AnnotateScreen  # the modals load when first used

        current = self._sentence_here()
        if current is None:
            return
        side, index = current
        article = self._article(side)
        quote = article.sentences[index].text

        def save(draft: NoteDraft | None) -> None:
            if draft is None:
                return
            try:
                AnnotationStore().add(article_ref(article), article.body, quote, draft.note, draft.tags,
                                      draft.colour)
            except NewsdiffError as err:
                self.notify(str(err), severity="error", timeout=10)
                return
            self.notify("Note saved")
            self._refresh_notes()

        self.app.push_screen(AnnotateScreen(quote, article.outlet or article.title), save)

    def action_notes(self) -> None:
        from newsdiff.tui.screens.annotate import AnnotateScreen, NoteDraft  # loaded when first used
        from newsdiff.tui.screens.notes import NotesScreen

        if self.comparison is None:
            return
        notes: list[tuple[str, Annotation]] = []
        for side in ("a", "b"):
            article = self._article(side)
            try:
                notes += [(side.upper(), n) for n in AnnotationStore().list(article_ref(article), article.body)]
            except NewsdiffError as err:
                self.notify(str(err), severity="error", timeout=10)
        by_id = {n.id: n for _, n in notes}

        def chosen(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            action, note_id = result
            if action == "delete":
                self._safely(lambda: AnnotationStore().remove(note_id), "Note deleted")
            elif note_id in by_id:
                n = by_id[note_id]

                def edited(draft: NoteDraft | None) -> None:
                    if draft is not None:
                        self._safely(lambda: AnnotationStore().update(note_id, draft.note, draft.tags, draft.colour),
                                     "Note updated")

                self.app.push_screen(AnnotateScreen(n.selector.quote, n.article.outlet or n.article.title,
                                                    NoteDraft(n.note, n.tags, n.colour)), edited)

        self.app.push_screen(NotesScreen(notes), chosen)

    def _safely(self, change: Callable[[], None], done: str) -> None:
        try:
            change()
        except NewsdiffError as err:
            self.notify(str(err), severity="error", timeout=10)
            return
        self.notify(done)
        self._refresh_notes()
