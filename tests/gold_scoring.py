"""Scoring helpers for the gold-file tests (the same measures as ../shared/eval/evaluate.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()


def overlaps(sentence: str, snippet: str) -> bool:
    s, g = norm(sentence), norm(snippet)
    if not s or not g:
        return False
    if g in s or s in g:
        return True
    m = SequenceMatcher(None, s, g, autojunk=False).find_longest_match(0, len(s), 0, len(g))
    return m.size >= min(25, len(g))


def hits(sentences: Sequence[str], snippet: str) -> set[int]:
    return {i for i, s in enumerate(sentences) if overlaps(s, snippet)}


def align_score(sa: Sequence[str], sb: Sequence[str], pairs: list[tuple[set[int], set[int]]],
                gold: dict[str, Any]) -> float:
    """min(F1 of gold pairs, share of unique sentences kept unique), as evaluate.py computes it."""
    def sides(g: dict[str, Any]) -> tuple[set[int], set[int]]:
        pa = hits(sa, g["a"]) | (hits(sa, g["alt_a"]) if "alt_a" in g else set())
        pb = hits(sb, g["b"]) | (hits(sb, g["alt_b"]) if "alt_b" in g else set())
        return pa, pb

    required = [sides(g) for g in gold["required_pairs"]]
    allowed = required + [sides(g) for g in gold.get("optional_pairs", [])]
    found = sum(any(ga & a and gb & b for a, b in pairs) for ga, gb in required)
    recall = found / len(required)
    labelled_a = set().union(*(a for a, _ in allowed), *(hits(sa, s) for s in gold["only_a"]))
    labelled_b = set().union(*(b for _, b in allowed), *(hits(sb, s) for s in gold["only_b"]))
    judged = wrong = 0
    for a, b in pairs:
        if a & labelled_a or b & labelled_b:
            judged += 1
            wrong += not any(a & ga and b & gb for ga, gb in allowed)
    precision = 1.0 if not judged else (judged - wrong) / judged
    paired_a = set().union(*(a for a, _ in pairs)) if pairs else set()
    paired_b = set().union(*(b for _, b in pairs)) if pairs else set()
    lone = [s for s in gold["only_a"] if not hits(sa, s) - paired_a] + \
           [s for s in gold["only_b"] if not hits(sb, s) - paired_b]
    total_unique = len(gold["only_a"]) + len(gold["only_b"])
    unique_ok = 1 - len(lone) / total_unique if total_unique else 1.0
    f1 = 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)
    return min(f1, unique_ok)


def bcubed_f1(pred: dict[str, int], gold: dict[str, str]) -> float:
    keys = list(gold)
    p = r = 0.0
    for k in keys:
        same_pred = {x for x in keys if pred[x] == pred[k]}
        same_gold = {x for x in keys if gold[x] == gold[k]}
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(keys), r / len(keys)
    return 2 * p * r / (p + r)
