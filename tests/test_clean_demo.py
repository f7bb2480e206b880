"""Cleaning the bundled demo corpus against its gold: a quality gate with a pinned floor.

Scored like ../shared/eval/evaluate.py: keeps are substrings of the body, drops must not appear as
whole words, title/outlet/byline/published must contain the gold within 20 extra characters. A
field whose gold is null must come out null too (never guessed).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from newsdiff.core.clean import article_from_path
from newsdiff.core.models import Article
from newsdiff.demo import corpus_dir, load_gold
from tests.gold_scoring import norm

# Measured 293/294 when pinned (Coastline Post's "09/03/2026" is day/month-ambiguous, so its date
# stays null). Raise it when cleaning improves; never lower it to make a change pass.
FLOOR = 0.99
FIELDS = ("title", "outlet", "byline", "published")


@cache
def _article(name: str) -> Article:
    return article_from_path(corpus_dir() / name)


def _failures(gold: dict[str, Any]) -> tuple[int, list[str]]:
    art = _article(gold["file"])
    body = norm(art.body)
    failed = [f"keep {s!r}" for s in gold["body_must_keep"] if norm(s) not in body]
    failed += [f"drop {s!r}" for s in gold["body_must_drop"]
               if re.search(r"(^|\W)" + re.escape(norm(s)) + r"($|\W)", body)]
    for field in FIELDS:
        want, got = gold[field], getattr(art, field)
        if want is None:
            ok = got is None
        else:
            ok = norm(want) in norm(got or "") and len(norm(got or "")) <= len(norm(want)) + 20
        if not ok:
            failed.append(f"{field}: got {got!r}, gold {want!r}")
    checks = len(gold["body_must_keep"]) + len(gold["body_must_drop"]) + len(FIELDS)
    return checks, failed


def test_demo_corpus_cleaning_meets_the_floor() -> None:
    articles = load_gold()["articles"]
    if not articles:
        pytest.skip("the demo corpus has no gold yet")
    total, failed = 0, []
    for gold in articles:
        checks, bad = _failures(gold)
        total += checks
        failed += [f"{gold['file']}: {b}" for b in bad]
    score = (total - len(failed)) / total
    assert score >= FLOOR, f"{score:.3f} < {FLOOR}: " + "; ".join(failed)


def test_every_demo_page_has_sentences_that_slice_its_body() -> None:
    for gold in load_gold()["articles"]:
        art = _article(gold["file"])
        assert art.sentences, gold["file"]
        assert all(art.body[s.start:s.end] == s.text for s in art.sentences)
        assert art.lang == gold.get("lang", "en"), gold["file"]
