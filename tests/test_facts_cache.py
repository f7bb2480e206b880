"""The alignment cache: a stored story's facts are aligned once, read back the same, recomputed when stale."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

import newsdiff.core.align as align_stage
from newsdiff.core.facts import to_json
from newsdiff.core.library import AlignmentCache, Library
from newsdiff.core.models import Alignment, Article
from newsdiff.core.pipeline import FactsInput, facts_input, facts_of
from newsdiff.core.story_edits import find_story
from newsdiff.core.text import segment
from tests.conftest import demo_copy


@pytest.fixture
def library(demo_template: Path, tmp_path: Path) -> Path:
    return demo_copy(demo_template, tmp_path / "data" / "library.sqlite3")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the aligner's runs (facts_of looks ``align`` up on the align stage at each call)."""
    seen: list[int] = []
    real = align_stage.align

    def counting(*args: object, **kwargs: object) -> Alignment:
        seen.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(align_stage, "align", counting)
    return seen


def _story(path: Path, title_start: str) -> FactsInput:
    with Library(path) as lib:
        story = next(s.id for s in lib.stories() if s.title.startswith(title_start))
        assert find_story(lib, story) == story
    return facts_input([story], path)


def _rows(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT a_hash, version FROM alignment_cache").fetchall()


def test_the_second_time_reads_every_alignment_from_the_library(library: Path, calls: list[int]) -> None:
    reports = _story(library, "Velmora dockers strike")
    n = len(reports.articles)
    assert n == 4 and reports.library == library
    first = to_json(facts_of(reports), reports.ids, reports.paths)
    assert len(calls) == n * (n - 1) // 2 and len(_rows(library)) == len(calls)
    calls.clear()
    again = to_json(facts_of(facts_input([reports.story or ""], library)), reports.ids, reports.paths)
    assert calls == [] and again == first


def test_a_new_aligner_version_aligns_again_and_drops_the_old_rows(
        library: Path, calls: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    reports = _story(library, "Velmora dockers strike")
    first = to_json(facts_of(reports), reports.ids, reports.paths)
    done = len(calls)
    monkeypatch.setattr(align_stage, "ALIGNER_VERSION", "test-next")
    assert to_json(facts_of(reports), reports.ids, reports.paths) == first
    assert len(calls) == 2 * done
    assert {version for _, version in _rows(library)} == {"test-next"}


def test_a_changed_text_or_sentence_split_is_a_miss(library: Path) -> None:
    reports = _story(library, "Velmora dockers strike")
    a, b = reports.articles[:2]
    with Library(library) as lib:
        cache = AlignmentCache(lib.conn, "v")
        alignment = align_stage.align(list(a.sentence_texts), list(b.sentence_texts))
        cache.put(a, b, alignment)
        kept = cache.get(a, b)
        assert kept is not None and [(p.a, p.b, p.kind, p.score, p.moved, p.discrepancies) for p in kept.pairs] == [
            (p.a, p.b, p.kind, p.score, p.moved, p.discrepancies) for p in alignment.pairs]
        assert kept.stats == alignment.stats
        resplit = replace(a, sentences=a.sentences[:-1])
        assert cache.get(resplit, b) is None and cache.get(b, a) is None


def test_a_full_disk_warns_once_and_still_gives_the_facts(
        library: Path, calls: list[int], caplog: pytest.LogCaptureFixture) -> None:
    reports = _story(library, "Velmora dockers strike")
    with Library(library) as lib:
        pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
        lib.conn.execute(f"PRAGMA max_page_count = {pages}")  # the next page the file needs: SQLITE_FULL
        with caplog.at_level(logging.WARNING):
            story = facts_of(reports, library=lib)
    assert len(story.facts) > 0 and len(calls) == 6
    warnings = [r.getMessage() for r in caplog.records if "cannot keep alignments" in r.getMessage()]
    assert len(warnings) == 1 and "full" in warnings[0]
    assert len(_rows(library)) < 6  # what fitted in the file's last free page at most; the rest was refused


def test_files_open_no_library(isolated_home: Path, calls: list[int]) -> None:
    body = "The port closed on Monday. Ships waited offshore."
    a = Article("A", body, segment(body), outlet="A")
    b = Article("B", body, segment(body), outlet="B")
    story = facts_of(FactsInput((a, b), ("a", "b"), ("a.txt", "b.txt")))
    assert story.facts[0].outlets == 2 and len(calls) == 1
    assert not list(isolated_home.rglob("*.sqlite3"))


def test_a_stored_alignment_keeps_why_a_pair_is_one() -> None:
    """A pair the recall pass made for its count or measure says so, read back from the library too."""
    from newsdiff.core.library.alignments import dump, load
    from newsdiff.core.pipeline import align_articles, clean_source

    corpus = Path(__file__).resolve().parents[1] / "src" / "newsdiff" / "demo" / "corpus"
    a = clean_source(corpus / "port-strike-2026-03__meridian-daily.html")
    b = clean_source(corpus / "port-strike-2026-03__northern-ledger.txt")
    fresh = align_articles(a, b)
    again = load(dump(fresh), a, b)
    assert [p.basis for p in again.pairs] == [p.basis for p in fresh.pairs]
    assert "same count of dockworkers" in [p.basis for p in again.pairs]
