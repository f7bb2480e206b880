"""Word wrapping for the compare view: by terminal cells, keeping character offsets so highlights
survive line breaks (``core.text.width``), and one-line truncation."""

from __future__ import annotations

from newsdiff.core.text import cells, fit, wrap_spans

__all__ = ["truncate_span", "wrap_spans"]


def truncate_span(text: str, width: int) -> tuple[int, int, bool]:
    """The span of ``text`` shown on one line of ``width`` cells, and whether it was cut."""
    if cells(text) <= width:
        return 0, len(text), False
    return 0, fit(text, 0, width - 1) if width > 1 else 0, True
