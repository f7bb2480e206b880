"""The facts table: a line-API widget, one wrapped row per fact and a mark per outlet, under a fixed header."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsdiff.core.facts import Fact, StoryFacts
from newsdiff.tui.facts_text import FLAG, GUTTER, MARKS, MAX_TEXT, Columns, choose_columns, fact_text, mark
from newsdiff.tui.widgets.styles import component_style
from newsdiff.tui.widgets.wrap import wrap_spans


@dataclass(frozen=True, slots=True)
class Line:
    """One display line: a slice of the text of the fact shown at ``position``."""

    position: int  # index into the facts shown
    start: int
    end: int
    first: bool


class FactsTable(ScrollView, can_focus=True):
    """The facts of a story, filtered by text and to exclusive facts; the first line is the header."""

    COMPONENT_CLASSES = {
        "facts--header", "facts--carried", "facts--partial", "facts--absent", "facts--flag",
        "facts--cursor", "facts--match", "facts--empty",
    }
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="facts.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="facts.up"),
        Binding("pagedown,space,ctrl+f", "page_down", "Page down", show=False, id="facts.page-down"),
        Binding("pageup,b,ctrl+b", "page_up", "Page up", show=False, id="facts.page-up"),
        Binding("g,home", "top", "Top", show=False, id="facts.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="facts.bottom"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    class FactHighlighted(Message):
        """The cursor is on another fact (None: no fact is shown)."""

        def __init__(self, fact: Fact | None, position: int, shown: int) -> None:
            super().__init__()
            self.fact, self.position, self.shown = fact, position, shown

    class LaidOut(Message):
        """The table was laid out at a new width, with these outlet columns (full names, initials or symbols)."""

        def __init__(self, columns: Columns, width: int) -> None:
            super().__init__()
            self.columns, self.width = columns, width

    def __init__(self, story: StoryFacts, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.reports = tuple(k for k in range(len(story.articles)) if k not in story.apart)
        self.texts = [fact_text(story, f) for f in story.facts]
        self.query_text = ""
        self.exclusive_only = False
        self.shown: list[int] = list(range(len(story.facts)))  # indices into story.facts
        self.columns = choose_columns(story, self.reports, 0)
        self._lines: list[Line] = []
        self._starts: list[int] = []
        self._laid_out_width = -1
        self._styles: dict[tuple[str, ...], Style] = {}

    # -- what is shown -------------------------------------------------------------------

    def current_fact(self) -> Fact | None:
        return self.story.facts[self.shown[self.cursor]] if self.shown else None

    def set_filter(self, query: str | None = None, exclusive_only: bool | None = None) -> None:
        """Show the facts whose text (in any report) holds ``query``, only exclusive ones if asked."""
        self.query_text = self.query_text if query is None else query
        self.exclusive_only = self.exclusive_only if exclusive_only is None else exclusive_only
        here = self.shown[self.cursor] if self.shown else 0
        needle = self.query_text.casefold()
        self.shown = [k for k, f in enumerate(self.story.facts)
                      if (not self.exclusive_only or len(f.articles) == 1)
                      and (not needle or any(needle in m.text.casefold() for m in f.sentences))]
        self.relayout()
        self.cursor = next((p for p, k in enumerate(self.shown) if k >= here), max(0, len(self.shown) - 1))

    def relayout(self) -> None:
        self._laid_out_width = -1
        self._layout()
        self.refresh()

    def _text_width(self) -> int:
        room = self.scrollable_content_region.width - GUTTER - 1 - self.columns.width - FLAG
        return max(10, min(MAX_TEXT, room))

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._laid_out_width or width <= 0:
            return
        self._laid_out_width = width
        self.columns = choose_columns(self.story, self.reports, width)
        self.post_message(self.LaidOut(self.columns, width))
        text_width = self._text_width()
        lines: list[Line] = []
        starts: list[int] = []
        for position, k in enumerate(self.shown):
            starts.append(len(lines))
            spans = wrap_spans(self.texts[k], text_width)
            lines += [Line(position, s, e, n == 0) for n, (s, e) in enumerate(spans)]
        self._lines, self._starts = lines, starts
        self.virtual_size = Size(width, len(lines) + 1)  # + the header

    def on_resize(self) -> None:
        self._layout()
        self._scroll_to_cursor()

    # -- drawing ---------------------------------------------------------------------------

    def _style(self, *names: str) -> Style:
        """This widget's style plus the named component styles (cached until the styles change)."""
        cached = self._styles.get(names)
        if cached is None:
            cached = self.rich_style if not names else self._style(*names[:-1]) + component_style(self, names[-1])
            self._styles[names] = cached
        return cached

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._layout()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header().adjust_cell_length(width, self._style("facts--header"))
        index = self.scroll_offset.y + y - 1
        if not self.shown and index == 0:
            why = f"No fact holds “{self.query_text}”" if self.query_text else "No fact is carried by one outlet alone"
            return Strip([Segment(" " * GUTTER + why, self._style("facts--empty"))]).adjust_cell_length(width)
        if index >= len(self._lines):
            return Strip.blank(width, self._style())
        line = self._lines[index]
        names = ("facts--cursor",) if line.position == self.cursor else ()
        base = self._style(*names)
        fact = self.story.facts[self.shown[line.position]]
        segments = [Segment("▸ " if names and line.first else "  ", base)]
        segments += self._text(self.texts[self.shown[line.position]], line, names)
        if line.first:
            segments += self._marks(fact, names)
        return Strip(segments).adjust_cell_length(width, base)

    def _header(self) -> Strip:
        style = self._style("facts--header")
        cells = "".join(label.rjust(w) for label, w in zip(self.columns.labels, self.columns.widths, strict=True))
        heading = f"Fact ({len(self.shown)} of {len(self.story.facts)})"
        return Strip([Segment(" " * GUTTER + heading.ljust(self._text_width() + 1)[: self._text_width() + 1]
                              + cells + " " + MARKS["flag"], style)])

    def _text(self, text: str, line: Line, names: tuple[str, ...]) -> list[Segment]:
        base, match = self._style(*names), self._style(*names, "facts--match")
        segments: list[Segment] = []
        pos = line.start
        needle = self.query_text.casefold()
        at = text.casefold().find(needle, pos) if needle else -1
        while 0 <= at < line.end:
            end = min(at + len(needle), line.end)
            segments += [Segment(text[pos:at], base), Segment(text[at:end], match)]
            pos = end
            at = text.casefold().find(needle, end)
        segments.append(Segment(text[pos:line.end], base))
        segments.append(Segment(" " * (self._text_width() + 1 - (line.end - line.start)), base))
        return segments

    def _marks(self, fact: Fact, names: tuple[str, ...]) -> list[Segment]:
        base = self._style(*names)
        segments: list[Segment] = []
        for report, label, w in zip(self.columns.reports, self.columns.labels, self.columns.widths, strict=True):
            kind = mark(fact, report)
            at = w - len(label) + (len(label) - 1) // 2  # under the middle of the heading
            segments += [Segment(" " * at, base), Segment(MARKS[kind], self._style(*names, f"facts--{kind}")),
                         Segment(" " * (w - at - 1), base)]
        flag = MARKS["flag"] if fact.discrepancies else " "
        return [*segments, Segment(" ", base), Segment(flag, self._style(*names, "facts--flag"))]

    # -- cursor and navigation ---------------------------------------------------------------

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.FactHighlighted(self.current_fact(), self.cursor, len(self.shown)))

    def _scroll_to_cursor(self) -> None:
        if not self._starts or self.size.height <= 1:
            return
        start = self._starts[self.cursor]
        end = self._starts[self.cursor + 1] if self.cursor + 1 < len(self._starts) else len(self._lines)
        view, y = self.size.height - 1, self.scroll_offset.y
        if start < y:
            y = start
        elif end > y + view:
            y = max(start if end - start > view else end - view, 0)
            y = self._starts[bisect_left(self._starts, y)]  # the top line starts a fact, not half of one
        self.scroll_to(y=y, animate=False, force=True)  # force: the scrollbar may not be decided yet

    def _fact_at_line(self, line: int) -> int:
        return max(0, bisect_right(self._starts, line) - 1)

    def action_cursor_down(self) -> None:
        if self.cursor + 1 < len(self.shown):
            self.cursor += 1

    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1

    def action_page_down(self) -> None:
        if self._starts:
            target = self._fact_at_line(self._starts[self.cursor] + max(1, self.size.height - 2))
            self.cursor = min(len(self.shown) - 1, max(target, self.cursor + 1))

    def action_page_up(self) -> None:
        if self._starts:
            self.cursor = self._fact_at_line(max(0, self._starts[self.cursor] - self.size.height + 2))

    def action_top(self) -> None:
        self.cursor = 0

    def action_bottom(self) -> None:
        self.cursor = max(0, len(self.shown) - 1)
