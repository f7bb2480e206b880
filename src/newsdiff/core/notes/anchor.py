"""Find an annotated passage again in a (possibly changed) text: position, quote, context, fuzzy.

In the spirit of W3C Web Annotation's TextQuoteSelector and TextPositionSelector: the quote
with some prefix and suffix, plus where it was. Placement is only accepted with confidence;
otherwise the caller marks the annotation orphaned rather than attach it to the wrong words.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

CONTEXT = 32  # characters of prefix and suffix kept with a quote
FUZZY_FLOOR = 88.0  # rapidfuzz similarity (0-100) a changed quote must keep
CONTEXT_FLOOR = 60.0  # and the context around it, so a common phrase is not found in the wrong place


@dataclass(frozen=True, slots=True)
class Selector:
    """Where a passage was: its text, the text around it, and its character offsets."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Anchored:
    """Where the passage is now, how it was found, and how sure that is (0..1)."""

    start: int
    end: int
    method: str  # "position" | "exact" | "fuzzy"
    confidence: float


def select(body: str, start: int, end: int) -> Selector:
    """A selector for ``body[start:end]``."""
    return Selector(body[start:end], body[max(0, start - CONTEXT):start], body[end:end + CONTEXT], start, end)


def _context_score(body: str, start: int, end: int, sel: Selector) -> float:
    before = body[max(0, start - len(sel.prefix)):start]
    after = body[end:end + len(sel.suffix)]
    scores = [fuzz.ratio(before, sel.prefix) if sel.prefix else 100.0,
              fuzz.ratio(after, sel.suffix) if sel.suffix else 100.0]
    return sum(scores) / 2


def anchor(sel: Selector, body: str) -> Anchored | None:
    """Place ``sel`` in ``body``, or None when it cannot be placed with confidence."""
    if not sel.quote:
        return None
    if body[sel.start:sel.end] == sel.quote:
        return Anchored(sel.start, sel.end, "position", 1.0)
    hits: list[int] = []
    at = body.find(sel.quote)
    while at >= 0 and len(hits) < 50:
        hits.append(at)
        at = body.find(sel.quote, at + 1)
    if hits:
        # Several copies: the one whose surroundings match, then the one nearest the old place.
        best = max(hits, key=lambda h: (_context_score(body, h, h + len(sel.quote), sel), -abs(h - sel.start)))
        return Anchored(best, best + len(sel.quote), "exact", 1.0 if len(hits) == 1 else 0.9)
    return _fuzzy(sel, body)


def _fuzzy(sel: Selector, body: str) -> Anchored | None:
    found = fuzz.partial_ratio_alignment(sel.quote, body, score_cutoff=FUZZY_FLOOR)
    if found is None:
        return None
    start, end = found.dest_start, found.dest_end
    # Grow the match to whole words so a highlight never starts or ends inside a word.
    while start > 0 and body[start - 1].isalnum():
        start -= 1
    while end < len(body) and body[end].isalnum():
        end += 1
    if _context_score(body, start, end, sel) < CONTEXT_FLOOR and found.score < 97:
        return None
    return Anchored(start, end, "fuzzy", round(found.score / 100, 3))
