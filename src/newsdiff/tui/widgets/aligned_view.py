"""The synchronized two-column view of a comparison: a Line-API widget drawing only visible rows."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsdiff.core.align import Comparison, Row, carried_label
from newsdiff.core.text import cut_off
from newsdiff.tui.widgets.styles import component_style
from newsdiff.tui.widgets.wrap import truncate_span, wrap_spans

GUTTER = 4  # cursor, kind marker, moved marker, note marker
DIVIDER = " │ "
STACK_BELOW = 100  # columns under which the panes stack vertically


BOILERPLATE_LABEL = "⊘ boilerplate, on unrelated pages"


@dataclass(frozen=True, slots=True)
class Piece:
    """A slice of one sentence drawn on one display line (sentence -1: a label line)."""

    side: str
    sentence: int
    start: int
    end: int
    first: bool
    cut: bool = False
    label: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    row: int
    a: Piece | None
    b: Piece | None


class AlignedView(ScrollView, can_focus=True):
    """Rows of paired and unpaired sentences of A (left) and B (right), scrolled together."""

    COMPONENT_CLASSES = {
        "aligned--identical", "aligned--edited", "aligned--paraphrase", "aligned--partial",
        "aligned--only", "aligned--moved", "aligned--cursor", "aligned--cursor-side", "aligned--change",
        "aligned--divider", "aligned--match", "aligned--note", "aligned--label",
    }
    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="compare.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="compare.up"),
        Binding("space,pagedown,ctrl+f", "page_down", "Page down", show=False, id="compare.page-down"),
        Binding("b,pageup,ctrl+b", "page_up", "Page up", show=False, id="compare.page-up"),
        Binding("g,home", "top", "Top", show=False, id="compare.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="compare.bottom"),
        Binding("n", "next_difference", "Next diff", id="compare.next-difference"),
        Binding("N", "previous_difference", "Prev diff", id="compare.previous-difference"),
        Binding("u", "next_unique", "Next unique", id="compare.next-unique"),
        Binding("U", "previous_unique", "Prev unique", show=False, id="compare.previous-unique"),
        Binding("m", "next_moved", "Next moved", id="compare.next-moved"),
        Binding("M", "previous_moved", "Prev moved", show=False, id="compare.previous-moved"),
        Binding("tab", "switch_side", "Switch pane", id="compare.switch-side"),
        Binding("w", "toggle_wrap", "Wrap", show=False, id="compare.wrap"),
        Binding("d", "toggle_word_diff", "Word diff", show=False, id="compare.word-diff"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)
    side: reactive[str] = reactive("a")
    wrap: reactive[bool] = reactive(True)
    word_diff: reactive[bool] = reactive(True)

    class CursorMoved(Message):
        """The cursor is on another row (or side)."""

        def __init__(self, row: int, side: str) -> None:
            super().__init__()
            self.row, self.side = row, side

    def __init__(self, comparison: Comparison, *, wrap: bool = True, word_diff: bool = True,
                 start: int = 0, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison = comparison
        self.set_reactive(AlignedView.wrap, wrap)
        self.set_reactive(AlignedView.word_diff, word_diff)
        # Opened at a row (the facts view's enter): that row is shown near the top once laid out.
        self.set_reactive(AlignedView.cursor, min(max(0, start), max(0, len(comparison.rows) - 1)))
        if start and comparison.rows and not comparison.rows[self.cursor].a:
            self.set_reactive(AlignedView.side, "b")
        self._start_pending = start > 0
        self.query_text = ""
        self.notes_a: set[int] = set()
        self.notes_b: set[int] = set()
        self._lines: list[Line] = []
        self._row_start: list[int] = []
        self._laid_out_width = -1
        # Layouts already computed for this comparison, by (width, wrap, stacked): toggling wrap
        # back and forth, or resizing back, costs nothing the second time.
        self._layouts: dict[tuple[int, bool, bool], tuple[list[Line], list[int]]] = {}
        self._styles: dict[str, Style] = {}
        # The widget's own style plus component styles, combined once per frame: Textual's
        # rich_style walks every ancestor's CSS on each call, which six calls a line made
        # three quarters of a redraw.
        self._combined: dict[tuple[str, ...], Style] = {}
        self._frame: tuple[int, int, bool] | None = None  # (width, column, stacked) while a frame is drawn

    # -- layout --------------------------------------------------------------------

    @property
    def stacked(self) -> bool:
        return self.size.width < STACK_BELOW

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._layouts.clear()
        self.cursor = min(self.cursor, max(0, len(comparison.rows) - 1))
        self.relayout()

    def relayout(self) -> None:
        self._laid_out_width = -1
        self._layout()
        self.refresh()

    def _column_width(self) -> int:
        width = self.scrollable_content_region.width
        if self.stacked:
            return max(10, width - GUTTER - 2)
        return max(10, (width - 2 * GUTTER - len(DIVIDER)) // 2)

    def _pieces(self, side: str, sentences: tuple[int, ...], width: int, row: Row) -> list[Piece]:
        texts = self.comparison.alignment.a if side == "a" else self.comparison.alignment.b
        pieces: list[Piece] = []
        for k, index in enumerate(sentences):
            text = texts[index]
            if label := carried_label(sentences, k, side):  # the partner carries two facts told apart here
                pieces.append(Piece(side, -1, 0, 0, False, label=label))
            if self.wrap:
                spans = wrap_spans(text, width)
                pieces += [Piece(side, index, s, e, k == 0 and n == 0) for n, (s, e) in enumerate(spans)]
            else:
                s, e, cut = truncate_span(text, width)
                pieces.append(Piece(side, index, s, e, k == 0, cut))
        flagged = self.comparison.boilerplate_a if side == "a" else self.comparison.boilerplate_b
        if any(index in flagged for index in sentences):
            pieces.append(Piece(side, -1, 0, 0, False, label=BOILERPLATE_LABEL))
        if row.moved and side == "b" and sentences:
            pieces.append(Piece(side, -1, 0, 0, False, label=f"↕ moved: sentence {sentences[0] + 1} of B"))
        if sentences and sentences[-1] == len(texts) - 1 and cut_off(texts[-1]):
            pieces.append(Piece(side, -1, 0, 0, False, label="… the page stops here, mid-sentence"))
        return pieces

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._laid_out_width or width <= 0:
            return
        self._laid_out_width = width
        key = (width, self.wrap, self.stacked)
        if key in self._layouts:
            self._lines, self._row_start = self._layouts[key]
            self.virtual_size = Size(width, len(self._lines))
            return
        column = self._column_width()
        lines: list[Line] = []
        starts: list[int] = []
        for r, row in enumerate(self.comparison.rows):
            starts.append(len(lines))
            pa, pb = self._pieces("a", row.a, column, row), self._pieces("b", row.b, column, row)
            if self.stacked:
                lines += [Line(r, p, None) for p in pa] + [Line(r, None, p) for p in pb]
            else:
                for k in range(max(len(pa), len(pb))):
                    lines.append(Line(r, pa[k] if k < len(pa) else None, pb[k] if k < len(pb) else None))
        self._lines, self._row_start = lines, starts
        if len(self._layouts) >= 4:  # a drag-resize passes through many widths: keep only a few
            self._layouts.clear()
        self._layouts[key] = (lines, starts)
        self.virtual_size = Size(width, len(lines))

    def on_resize(self) -> None:
        self._layout()
        self._scroll_to_cursor(top=self._start_pending)
        self._start_pending = self._start_pending and not self._row_start

    def watch_wrap(self) -> None:
        self.relayout()
        self._scroll_to_cursor()

    def watch_word_diff(self) -> None:
        self.refresh()

    # -- drawing -------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        """A component's own style, with its (possibly translucent) colours blended as Textual draws them."""
        cached = self._styles.get(name)
        if cached is None:
            cached = self._styles[name] = component_style(self, name)
        return cached

    def _with(self, *names: str) -> Style:
        """This widget's style plus the named component styles, in order (cached for the frame)."""
        combined = self._combined.get(names)
        if combined is None:
            combined = self.rich_style if not names else self._with(*names[:-1]) + self._style(names[-1])
            self._combined[names] = combined
        return combined

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._combined.clear()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles and geometry are looked up once a frame, not once a line (each lookup walks
        # the DOM); render_line called on its own looks them up itself.
        self._combined.clear()
        self._layout()
        self._frame = self._geometry()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _geometry(self) -> tuple[int, int, bool]:
        return self.scrollable_content_region.width, self._column_width(), self.stacked

    def render_line(self, y: int) -> Strip:
        if self._frame is None:
            self._layout()
        width, column, stacked = self._frame or self._geometry()
        index = self.scroll_offset.y + y
        base = self._with()
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        row = self.comparison.rows[line.row]
        on_cursor = line.row == self.cursor
        segments: list[Segment] = []
        if stacked:
            piece = line.a or line.b
            segments += self._gutter(row, piece, on_cursor)
            segments.append(Segment(("A " if line.a else "B ") if piece and piece.first else "  ",
                                    self._with("aligned--label")))
            segments += self._text(row, piece, column, on_cursor)
        else:
            segments += self._gutter(row, line.a, on_cursor)
            segments += self._text(row, line.a, column, on_cursor)
            segments.append(Segment(DIVIDER, self._with("aligned--divider")))
            segments += self._gutter(row, line.b, on_cursor)
            segments += self._text(row, line.b, column, on_cursor)
        strip = Strip(segments)
        return strip.adjust_cell_length(width, base)

    def _gutter(self, row: Row, piece: Piece | None, on_cursor: bool) -> list[Segment]:
        first = piece is not None and piece.first
        notes = self.notes_a if piece and piece.side == "a" else self.notes_b
        cursor = "▸" if on_cursor and first and piece is not None and piece.side == self.side else " "
        kind = "only" if row.kind in ("only_a", "only_b") else row.kind
        return [
            Segment(cursor, self._with("aligned--cursor-side")),
            Segment(row.marker if first else " ", self._with(f"aligned--{kind}")),
            Segment("↕" if first and row.moved else " ", self._with("aligned--moved")),
            Segment("•" if first and piece is not None and piece.sentence in notes else " ",
                    self._with("aligned--note")),
        ]

    def _text(self, row: Row, piece: Piece | None, width: int, on_cursor: bool) -> list[Segment]:
        names: tuple[str, ...] = ()
        if on_cursor:
            names = ("aligned--cursor",)
            if piece is not None and piece.side == self.side:
                names += ("aligned--cursor-side",)
        if piece is None:
            return [Segment(" " * width, self._with(*names))]
        if piece.sentence < 0:
            label = piece.label[:width]
            return [Segment(label.ljust(width), self._with(*names, "aligned--label"))]
        texts = self.comparison.alignment.a if piece.side == "a" else self.comparison.alignment.b
        text = texts[piece.sentence]
        if row.kind in ("only_a", "only_b"):
            names += ("aligned--only",)
        base = self._with(*names)
        marks = self._marks(piece, text)
        segments = []
        pos = piece.start
        for start, end, style in marks:
            start, end = max(start, piece.start), min(end, piece.end)
            if end <= start or start < pos:
                continue
            segments.append(Segment(text[pos:start], base))
            segments.append(Segment(text[start:end], base + style))
            pos = end
        segments.append(Segment(text[pos:piece.end], base))
        used = cell_len(text[piece.start:piece.end])  # cells: a Chinese or Japanese character takes two
        if piece.cut:
            segments.append(Segment("…", base))
            used += 1
        segments.append(Segment(" " * max(0, width - used), base))
        return segments

    def _marks(self, piece: Piece, text: str) -> list[tuple[int, int, Style]]:
        marks: list[tuple[int, int, Style]] = []
        if self.word_diff:
            changes = self.comparison.changes_a if piece.side == "a" else self.comparison.changes_b
            style = self._style("aligned--change")
            marks += [(s, e, style) for s, e in changes.get(piece.sentence, ())]
        if self.query_text:
            folded, needle, style = text.casefold(), self.query_text.casefold(), self._style("aligned--match")
            at = folded.find(needle)
            while at >= 0:
                marks.append((at, at + len(needle), style))
                at = folded.find(needle, at + 1)
        marks.sort(key=lambda m: (m[0], -m[1]))
        return marks

    # -- cursor and navigation -------------------------------------------------------

    def current_row(self) -> Row | None:
        rows = self.comparison.rows
        return rows[self.cursor] if 0 <= self.cursor < len(rows) else None

    def current_sentence(self) -> tuple[str, int] | None:
        """(side, sentence index) under the cursor on the focused side, if that side has one."""
        row = self.current_row()
        if row is None:
            return None
        indices = row.a if self.side == "a" else row.b
        return (self.side, indices[0]) if indices else None

    def _has_side(self, r: int) -> bool:
        row = self.comparison.rows[r]
        return bool(row.a if self.side == "a" else row.b)

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved(self.cursor, self.side))

    def watch_side(self) -> None:
        self.refresh()
        self.post_message(self.CursorMoved(self.cursor, self.side))

    def _scroll_to_cursor(self, top: bool = False) -> None:
        if not self._row_start or self.size.height <= 0:
            return
        start = self._row_start[self.cursor]
        end = (self._row_start[self.cursor + 1] if self.cursor + 1 < len(self._row_start)
               else len(self._lines))
        height = self.size.height
        y = self.scroll_offset.y
        if top:
            y = max(0, start - 2)
        elif start < y:
            y = start
        elif end > y + height:
            y = max(start if end - start > height else end - height, 0)
        # force: on the first layout the scrollbar is not decided yet, and scrolling would be refused
        self.scroll_to(y=y, animate=False, force=True)

    def _step(self, direction: int, accept: object = None) -> bool:
        r = self.cursor + direction
        while 0 <= r < len(self.comparison.rows):
            ok = accept(self.comparison.rows[r]) if callable(accept) else self._has_side(r)
            if ok:
                self.cursor = r
                if accept is not None:
                    self._scroll_to_cursor(top=True)
                return True
            r += direction
        return False

    def jump(self, direction: int, accept: object) -> bool:
        """Move to the next row (in ``direction``) that ``accept(row)`` takes; False when none."""
        found = self._step(direction, accept)
        if not found:
            self.app.bell()
        return found

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _row_at_line(self, line: int) -> int:
        return max(0, bisect_right(self._row_start, line) - 1)

    def action_page_down(self) -> None:
        target = self._row_at_line(self._row_start[self.cursor] + max(1, self.size.height - 2))
        self.cursor = min(len(self.comparison.rows) - 1, max(target, self.cursor + 1))

    def action_page_up(self) -> None:
        self.cursor = max(0, self._row_at_line(max(0, self._row_start[self.cursor] - self.size.height + 2)))

    def action_top(self) -> None:
        self.cursor = 0

    def action_bottom(self) -> None:
        self.cursor = max(0, len(self.comparison.rows) - 1)

    def action_next_difference(self) -> None:
        # While a search is active, n/N continue it (as in less and vim).
        self.jump(1, self.matches if self.query_text else (lambda row: row.is_difference))

    def action_previous_difference(self) -> None:
        self.jump(-1, self.matches if self.query_text else (lambda row: row.is_difference))

    def action_next_unique(self) -> None:
        self.jump(1, lambda row: row.pair is None)

    def action_previous_unique(self) -> None:
        self.jump(-1, lambda row: row.pair is None)

    def action_next_moved(self) -> None:
        self.jump(1, lambda row: row.moved)

    def action_previous_moved(self) -> None:
        self.jump(-1, lambda row: row.moved)

    def action_switch_side(self) -> None:
        self.side = "b" if self.side == "a" else "a"

    def action_toggle_wrap(self) -> None:
        self.wrap = not self.wrap

    def action_toggle_word_diff(self) -> None:
        self.word_diff = not self.word_diff

    def matches(self, row: Row) -> bool:
        """Whether ``row`` holds the search text on either side."""
        needle = self.query_text.casefold()
        if not needle:
            return False
        al = self.comparison.alignment
        return any(needle in al.a[i].casefold() for i in row.a) or any(
            needle in al.b[j].casefold() for j in row.b
        )
