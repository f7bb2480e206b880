"""Plain-text side-by-side rendering of an alignment that fits a terminal width."""

from __future__ import annotations

import textwrap

from newsdiff.core.align.layout import carried_label, rows
from newsdiff.core.models import Alignment
from newsdiff.core.text import cells, wrap_spans

LEGEND = "= identical  ~ edited  ≈ reworded  ± partial  + only this side  ↕ moved"


def render(alignment: Alignment, width: int) -> str:
    """Rows of A (left) and B (right) with a marker column; paired sentences share rows."""
    width = max(40, width)
    column = (width - 7) // 2
    lines = [LEGEND[:width], "-" * width]
    for row in rows(alignment):
        left = _wrap(_joined(alignment.a, row.a, "A"), column) or [""]
        right = _wrap(_joined(alignment.b, row.b, "B"), column) or [""]
        if row.moved:
            right.append(f"(moved: B sentence {row.b[0] + 1})")
        if row.pair is not None and (basis := alignment.pairs[row.pair].basis):
            right.append(f"(paired by {basis})")
        marker = row.marker
        for k in range(max(len(left), len(right))):
            mark_a = marker if k == 0 and row.a else " "
            mark_b = marker if k == 0 and row.b else " "
            l_text = left[k] if k < len(left) else ""
            r_text = right[k] if k < len(right) else ""
            pad = " " * (column - cells(l_text))
            lines.append(f"{mark_a} {l_text}{pad} │ {mark_b} {r_text}".rstrip())
        lines.append("")
    stats = alignment.stats
    lines += textwrap.wrap(
        f"{len(alignment.pairs)} pairs · {stats.coverage_a:.0%} of A in B · {stats.coverage_b:.0%} of B in A"
        f" · {stats.moved} moved · {stats.quote_discrepancies} quote and {stats.number_discrepancies}"
        " number discrepancies" + (" · likely the same wire copy" if stats.same_wire_copy else "")
        + (" · these articles share little or nothing" if stats.unrelated else ""), width
    )
    return "\n".join(lines)


def _joined(texts: tuple[str, ...], indices: tuple[int, ...], side: str) -> str:
    """A row's sentences of one side; one from further on (a sentence of the other side carries both
    facts) is introduced by its number."""
    parts = []
    for k, index in enumerate(indices):
        if label := carried_label(indices, k, side):
            parts.append(f"[{label}]")
        parts.append(texts[index])
    return " ".join(parts)


def _wrap(text: str, column: int) -> list[str]:
    """``textwrap.wrap``, or for wide characters (Chinese, Japanese: two columns each, often no
    spaces) wrapping by terminal columns."""
    if cells(text) == len(text):
        return textwrap.wrap(text, column)
    return [text[s:e] for s, e in wrap_spans(text, column)]
