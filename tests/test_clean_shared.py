"""Cleaning real pages from ../shared: the seed pair's gold checks, and sanity on 58 page excerpts.

The checks mirror ../shared/eval/evaluate.py (substring keeps, whole-word drops, metadata within
20 characters of the gold) but run in-process. Nothing from ../shared is copied here.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from newsdiff.core.clean import article_from_path
from newsdiff.core.models import Article
from tests.gold_scoring import norm


@cache
def _article(path: Path) -> Article:
    return article_from_path(path)


def _gold_checks(gold: dict[str, object], side: str, art: Article) -> list[str]:
    """The failed checks of one side of the seed gold."""
    failed = []
    body = norm(art.body)
    for keep in gold.get(f"body_must_keep_{side}", []):  # type: ignore[attr-defined]
        if norm(keep) not in body:
            failed.append(f"keep {keep!r}")
    for drop in gold.get(f"body_must_drop_{side}", []):  # type: ignore[attr-defined]
        if re.search(r"(^|\W)" + re.escape(norm(drop)) + r"($|\W)", body):
            failed.append(f"drop {drop!r}")
    for field in ("title", "outlet", "byline"):
        want = gold.get(f"{field}_{side}")
        got = norm(getattr(art, field) or "")
        if isinstance(want, str) and not (norm(want) in got and len(got) <= len(norm(want)) + 20):
            failed.append(f"{field}: {getattr(art, field)!r}")
    return failed


def test_seed_pages_meet_every_clean_check(seeds: tuple[Path, Path], shared_eval: Path) -> None:
    gold = json.loads((shared_eval / "gold" / "seedpair.json").read_text())
    failed = [f"{side}: {check}" for side, path in zip("ab", seeds, strict=True)
              for check in _gold_checks(gold, side, _article(path))]
    assert not failed


def test_seed_metadata_beyond_the_gold(seeds: tuple[Path, Path]) -> None:
    a, b = _article(seeds[0]), _article(seeds[1])
    assert a.dateline == "WARSAW/BRUSSELS" and a.lang == "en" and a.outlet is None
    assert b.dateline is None and b.lang == "en"
    # The quote that runs over a full stop is one sentence with its attribution.
    assert any(s.text.startswith("“Let me be absolutely clear") and s.text.endswith("Warsaw School of Economics.")
               for s in a.sentences)


def _excerpts(eval_dir: Path) -> list[Path]:
    return sorted((eval_dir / "clusters").glob("*.txt"))


def test_every_page_excerpt_cleans_to_a_plausible_article(shared_eval: Path) -> None:
    excerpts = _excerpts(shared_eval)
    assert len(excerpts) > 50
    problems = []
    for path in excerpts:
        art = _article(path)
        paragraphs = art.body.split("\n\n")
        if len(art.body) < 300:  # every excerpt holds at least one real paragraph
            problems.append(f"{path.name}: body of {len(art.body)} characters")
        if art.title and art.title in paragraphs:
            problems.append(f"{path.name}: the title is also a paragraph")
        if re.search(r"(?im)^(read more|advertisement|share (on|this)|sign up|subscribe)\b", art.body):
            problems.append(f"{path.name}: chrome left in the body")
        for s in art.sentences:
            if art.body[s.start:s.end] != s.text:
                problems.append(f"{path.name}: sentence offsets off")
    assert not problems


def test_languages_of_the_excerpts(shared_eval: Path) -> None:
    labels = json.loads((shared_eval / "clusters" / "labels.json").read_text())
    wrong = [(item["file"], _article(shared_eval / "clusters" / item["file"]).lang) for item in labels
             if item.get("lang") and _article(shared_eval / "clusters" / item["file"]).lang != item["lang"]]
    assert not wrong


@pytest.mark.parametrize("field", ["title", "byline", "outlet"])
def test_metadata_is_never_chrome(shared_eval: Path, field: str) -> None:
    chrome = re.compile(r"(?i)\b(share|sign in|subscribe|advertisement|photo:|getty images|menu)\b")
    found = [(p.name, value) for p in _excerpts(shared_eval)
             if (value := getattr(_article(p), field)) and chrome.search(value)]
    assert not found
