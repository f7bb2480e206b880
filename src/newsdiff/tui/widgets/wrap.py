"""Word wrapping that keeps character offsets, so highlights survive line breaks; widths are
terminal cells (a Chinese or Japanese character takes two)."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Split ``text`` into (start, end) spans no wider than ``width`` cells, breaking at spaces."""
    if width <= 0:
        return [(0, len(text))]
    narrow = text.isascii() or cell_len(text) == len(text)
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        while start < n and text[start] == " ":
            start += 1
        if start >= n:
            break
        end = start + width if narrow else _fits(text, start, width)
        if end >= n:
            spans.append((start, n))
            break
        cut = text.rfind(" ", start, end + 1)
        if cut <= start:  # one word longer than the line (or a line of CJK): hard break
            cut = end
        spans.append((start, cut))
        start = cut
    return spans or [(0, 0)]


def _fits(text: str, start: int, width: int) -> int:
    """The end of the longest run of ``text`` from ``start`` that fits in ``width`` cells (at least
    one character, so that a wide character on a one-cell line still moves on)."""
    used, end = 0, start
    while end < len(text):
        used += get_character_cell_size(text[end])
        if used > width:
            break
        end += 1
    return max(end, start + 1)


def truncate_span(text: str, width: int) -> tuple[int, int, bool]:
    """The span of ``text`` shown on one line of ``width`` cells, and whether it was cut."""
    if cell_len(text) <= width:
        return 0, len(text), False
    return 0, _fits(text, 0, max(0, width - 1)) if width > 1 else 0, True
