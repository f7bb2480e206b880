"""Side-by-side row layout of an alignment: which sentences of A and B share each row.

A's reading order is kept; pairs in order sit on one row with their partner; sentences
only one side has get a row with an empty partner at their place; pairs that break
the order (moved) sit at A's position with B's sentence shown there and marked.
Both the TUI and the plain-text renderer draw these rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from newsdiff.core.align.worddiff import changed_spans
from newsdiff.core.models import Alignment, Article, Pair

RowKind = Literal["identical", "edited", "paraphrase", "partial", "only_a", "only_b"]
MARKERS: dict[str, str] = {
    "identical": "=", "edited": "~", "paraphrase": "≈", "partial": "±",
    "only_a": "+", "only_b": "+", "moved": "↕",
}


def carried_label(indices: tuple[int, ...], k: int, side: str) -> str | None:
    """What introduces the k-th of a row's sentences on one side when it does not follow the one
    before it (its partner carries both facts): "… with sentence 7 of A:"; None when it follows."""
    if k == 0 or indices[k] == indices[k - 1] + 1:
        return None
    return f"… with sentence {indices[k] + 1} of {side.upper()}:"


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the side-by-side view."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: RowKind
    moved: bool = False
    pair: int | None = None  # index into alignment.pairs
    score: float = 0.0

    @property
    def marker(self) -> str:
        return MARKERS["moved"] if self.moved else MARKERS[self.kind]

    @property
    def is_difference(self) -> bool:
        """A paired row whose two sides are not word-for-word the same."""
        return self.pair is not None and self.kind != "identical"


def _row(p: Pair, index: int) -> Row:
    return Row(p.a, p.b, p.kind, p.moved, index, p.score)


def rows(alignment: Alignment) -> list[Row]:
    """The rows of ``alignment`` in display order."""
    pair_of_a: dict[int, int] = {}
    pair_of_b: dict[int, int] = {}
    for k, p in enumerate(alignment.pairs):
        for i in p.a:
            pair_of_a[i] = k
        for j in p.b:
            pair_of_b[j] = k
    # B's queue holds unique B sentences and in-order pairs, in B's order.
    b_queue: list[tuple[str, int]] = []
    for j in range(len(alignment.b)):
        owner = pair_of_b.get(j)
        if owner is None:
            b_queue.append(("b", j))
        elif not alignment.pairs[owner].moved and j == min(alignment.pairs[owner].b):
            b_queue.append(("pair", owner))
    out: list[Row] = []
    qi = 0
    placed: set[int] = set()
    for i in range(len(alignment.a)):
        found = pair_of_a.get(i)
        if found is None:
            out.append(Row((i,), (), "only_a"))
            continue
        if found in placed:
            continue
        placed.add(found)
        pair = alignment.pairs[found]
        if not pair.moved:
            # Flush B's own sentences that come before this pair in B.
            while qi < len(b_queue) and b_queue[qi] != ("pair", found):
                what, j = b_queue[qi]
                if what == "b":
                    out.append(Row((), (j,), "only_b"))
                qi += 1
            qi += 1
        out.append(_row(pair, found))
    for what, j in b_queue[qi:]:
        if what == "b":
            out.append(Row((), (j,), "only_b"))
    return out


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the compare view draws: both articles, their alignment, rows and word changes."""

    a: Article
    b: Article
    alignment: Alignment
    rows: tuple[Row, ...]
    changes_a: dict[int, list[tuple[int, int]]]  # sentence index -> changed character spans
    changes_b: dict[int, list[tuple[int, int]]]
    # Sentences the library repeats across unrelated articles (a site's footer, a stock paragraph).
    boilerplate_a: frozenset[int] = frozenset()
    boilerplate_b: frozenset[int] = frozenset()

    def swapped(self) -> Comparison:
        """The same comparison seen from the other side (B on the left)."""
        flipped = Alignment(
            a=self.alignment.b, b=self.alignment.a,
            pairs=tuple(replace(p, a=p.b, b=p.a) for p in self.alignment.pairs),
            stats=replace(self.alignment.stats, coverage_a=self.alignment.stats.coverage_b,
                          coverage_b=self.alignment.stats.coverage_a),
        )
        return build_comparison(self.b, self.a, flipped, (self.boilerplate_b, self.boilerplate_a))


def build_comparison(a: Article, b: Article, alignment: Alignment,
                     boilerplate: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())) -> Comparison:
    """Rows and word-level changes of an alignment of ``a`` and ``b`` (``boilerplate``: each side's
    sentences the library knows as boilerplate)."""
    changes_a: dict[int, list[tuple[int, int]]] = {}
    changes_b: dict[int, list[tuple[int, int]]] = {}
    for p in alignment.pairs:
        if p.kind == "identical":
            continue
        texts_a, texts_b = [alignment.a[i] for i in p.a], [alignment.b[j] for j in p.b]
        spans_a, spans_b = changed_spans(" ".join(texts_a), " ".join(texts_b))
        changes_a.update(zip(p.a, _per_sentence(spans_a, texts_a), strict=True))
        changes_b.update(zip(p.b, _per_sentence(spans_b, texts_b), strict=True))
    return Comparison(a, b, alignment, tuple(rows(alignment)), changes_a, changes_b, *boilerplate)


def _per_sentence(spans: list[tuple[int, int]], texts: list[str]) -> list[list[tuple[int, int]]]:
    """Changed character spans of sentences joined with a space, as spans of each sentence: a pair
    that merges two sentences ("… with sentence 7 of A:") shows its word changes in both."""
    out: list[list[tuple[int, int]]] = []
    offset = 0
    for text in texts:
        end = offset + len(text)
        out.append([(max(s, offset) - offset, min(e, end) - offset) for s, e in spans if s < end and e > offset])
        offset = end + 1
    return out
