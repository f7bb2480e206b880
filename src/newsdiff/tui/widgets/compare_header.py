"""The compare view's header (titles, outlets, dates, coverage), status line and discrepancy list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from newsdiff.core.align import MARKERS, Comparison
from newsdiff.core.models import Article

if TYPE_CHECKING:
    from newsdiff.tui.widgets.aligned_view import AlignedView

KIND_NAMES = {"identical": "identical", "edited": "edited", "paraphrase": "reworded", "partial": "partial",
              "only_a": "only in A", "only_b": "only in B"}


def _side(label: str, article: Article, covered: float, other: str) -> Text:
    meta = " · ".join(x for x in (article.outlet, article.byline, (article.published or "")[:10]) if x)
    title = (article.shown_title(), "bold" if article.title else "bold dim")
    return Text.assemble(
        (f"{label} ", "bold reverse"), title, "\n",
        (meta or "unknown outlet", "italic"), "\n",
        f"{covered:.0%} of {label} also in {other} · {len(article.sentences)} sentences",
    )


class CompareHeader(Horizontal):
    """Both titles, outlets, dates and coverage figures, A left and B right."""

    def compose(self) -> ComposeResult:
        yield Static(id="header-a", classes="header-side")
        yield Static(id="header-b", classes="header-side")

    def show(self, comparison: Comparison) -> None:
        stats = comparison.alignment.stats
        self.query_one("#header-a", Static).update(_side("A", comparison.a, stats.coverage_a, "B"))
        self.query_one("#header-b", Static).update(_side("B", comparison.b, stats.coverage_b, "A"))


def status_text(view: AlignedView) -> Text:
    """Where the cursor is and what the row is, plus the legend of gutter markers."""
    rows = view.comparison.rows
    row = view.current_row()
    parts: list[str] = [f"row {view.cursor + 1}/{len(rows)}", f"pane {view.side.upper()}"]
    if row is not None:
        kind = KIND_NAMES[row.kind] + (", moved" if row.moved else "")
        if row.pair is not None:
            kind += f" · score {row.score:.2f}"  # how likely the two report one fact: no "partial 0.99"
            if basis := view.comparison.alignment.pairs[row.pair].basis:
                kind += f" ({basis})"
        parts.append(kind)
    if view.query_text:
        parts.append(f"search “{view.query_text}” (n/N, esc clears)")
    parts.append("wrap" if view.wrap else "truncate")
    legend = "  ".join(f"{MARKERS[k]} {name}" for k, name in
                       (("identical", "same"), ("edited", "edited"), ("paraphrase", "reworded"),
                        ("partial", "partial"), ("only_a", "only one"), ("moved", "moved")))
    return Text.assemble(" · ".join(parts), "   ", (legend, "dim"))


def discrepancy_text(comparison: Comparison) -> Text:
    """Quote and number discrepancies of every pair, in reading order."""
    out = Text()
    stats = comparison.alignment.stats
    out.append("Discrepancies\n", style="bold")
    out.append(f"{stats.quote_discrepancies} quote(s), {stats.number_discrepancies} number(s)\n\n")
    for row in comparison.rows:
        if row.pair is None:
            continue
        for d in comparison.alignment.pairs[row.pair].discrepancies:
            out.append(f"{d.kind}\n", style="bold")
            out.append(f" A: {d.a}\n B: {d.b}\n\n")
    if stats.same_wire_copy:
        out.append("Likely the same wire copy.\n", style="italic")
    return out
