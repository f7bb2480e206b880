"""Word wrapping that keeps character offsets, so highlights survive line breaks."""

from __future__ import annotations


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Split ``text`` into (start, end) spans no wider than ``width``, breaking at spaces."""
    if width <= 0:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        while start < n and text[start] == " ":
            start += 1
        if start >= n:
            break
        if n - start <= width:
            spans.append((start, n))
            break
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:  # one word longer than the line: hard break
            cut = start + width
        spans.append((start, cut))
        start = cut
    return spans or [(0, 0)]


def truncate_span(text: str, width: int) -> tuple[int, int, bool]:
    """The span of ``text`` shown on one line of ``width``, and whether it was cut."""
    if len(text) <= width:
        return 0, len(text), False
    return 0, max(0, width - 1), True
