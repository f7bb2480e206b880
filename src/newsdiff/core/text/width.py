"""Terminal cells: how wide text shows (a Chinese or Japanese character takes two cells, a combining
mark none), and word wrapping by cells that keeps character offsets, so highlights survive line
breaks. Used by the compare view and by ``align``'s plain-text rendering alike."""

from __future__ import annotations

import unicodedata


def char_cells(c: str) -> int:
    """Cells one character takes."""
    if c.isascii():
        return 1
    return 0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1


def cells(text: str) -> int:
    """Cells ``text`` takes on a terminal."""
    return len(text) if text.isascii() else sum(map(char_cells, text))


def fit(text: str, start: int, width: int) -> int:
    """The end of the longest run of ``text`` from ``start`` that fits in ``width`` cells (at least
    one character, so that a wide character on a one-cell line still moves on)."""
    used, end = 0, start
    while end < len(text):
        used += char_cells(text[end])
        if used > width:
            break
        end += 1
    return max(end, start + 1)


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Split ``text`` into (start, end) spans no wider than ``width`` cells, breaking at spaces (a
    run with no space, a long word or a line of Chinese, breaks between characters)."""
    if width <= 0:
        return [(0, len(text))]
    narrow = cells(text) == len(text)
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        while start < n and text[start] == " ":
            start += 1
        if start >= n:
            break
        end = start + width if narrow else fit(text, start, width)
        if end >= n:
            spans.append((start, n))
            break
        cut = text.rfind(" ", start, end + 1)
        if cut <= start:  # one word longer than the line: hard break
            cut = end
        spans.append((start, cut))
        start = cut
    return spans or [(0, 0)]
