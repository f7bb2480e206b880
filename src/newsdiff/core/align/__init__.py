"""Align: two articles' sentences in, an Alignment out, and the rows the reader draws from it.

``align`` pairs the sentences of two bodies through reordering, merges, splits and rewording:
each pair has a kind (identical, edited, paraphrase, partial), a score, whether it moved, word
diffs and the numbers and quotes that disagree (``similarity`` scores candidates, ``groups``
grows merges, ``worddiff`` finds the changed words). ``build_comparison`` lays an alignment out
as side-by-side ``Row``s for the compare view; ``render_text`` and ``to_json`` are the command
line's two views of it (the layout loads when first asked for: ``newsdiff.align`` needs none).
``restating`` tells who reported what when a pair's runs of sentences are one fact told twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdiff.core.align.aligner import ALIGNER_VERSION, AlignOptions, align, discrepancies, render_text, to_json
from newsdiff.core.align.pairing import restating
from newsdiff.lazy import lazy_exports

if TYPE_CHECKING:
    from newsdiff.core.align.layout import MARKERS, Comparison, Row, build_comparison, carried_label

__all__ = [
    "ALIGNER_VERSION", "MARKERS", "AlignOptions", "Comparison", "Row", "align", "build_comparison", "carried_label",
    "discrepancies", "render_text", "restating", "to_json",
]

__getattr__ = lazy_exports(
    __name__, dict.fromkeys(("MARKERS", "Comparison", "Row", "build_comparison", "carried_label"), ".layout"))
