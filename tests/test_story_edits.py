"""The user's corrections of the stories on real SQLite libraries: merge, split, move, unpin, undo, migration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdiff.core.library import Library
from newsdiff.core.library.schema import SCHEMA_VERSION, current_version
from newsdiff.core.notes import AnnotationStore
from newsdiff.core.pipeline import (
    add_sources,
    article_ref,
    find_story,
    merge_stories,
    move_articles,
    noted_stories,
    recluster,
    split_story,
    undo_story_edit,
    unpin_articles,
)
from newsdiff.errors import NewsdiffError
from tests.conftest import demo_copy, library_at

# A fourth report of the minister's resignation, from an outlet the demo corpus does not have.
LATE_REPORT = """THE EVENING STAR
Politics

Varga resignation leaves budget in the hands of acting minister Solheim

By Mara Quint
May 15, 2026

BRENHOLM - Lena Varga's resignation as finance minister over consultancy contracts awarded to a firm
co-founded by her former chief of staff, Daniel Roos, leaves her budget in the hands of acting minister
Erik Solheim.

Prime Minister Tomas Brandt accepted Varga's resignation on Thursday, ten days after she presented the
budget, and said the government would not change course.

The contracts with Harrow Advisory, worth 4.6 million euros and awarded without a public tender, are the
subject of a preliminary inquiry by the public prosecutor's office.

Varga, 51, has denied any wrongdoing and said she would prove she never influenced a contract.
"""


@pytest.fixture
def lib(demo_template: Path, tmp_path: Path) -> Iterator[Library]:
    with Library(demo_copy(demo_template, tmp_path / "library.sqlite3")) as library:
        yield library


def story_with(lib: Library, words: str) -> str:
    return next(s.id for s in lib.stories() if words in s.title)


def members(lib: Library, story_id: str) -> set[str]:
    return {a.id for a in lib.articles(story_id)}


def story_of(lib: Library, article_id: str) -> str | None:
    stored = lib.get(article_id)
    return stored.story if stored else None


def shape(lib: Library) -> dict[str, tuple[str, frozenset[str], int]]:
    """Every story: its title, its articles and how many are pinned."""
    return {s.id: (s.title, frozenset(members(lib, s.id)), s.pinned) for s in lib.stories()}


def assert_consistent(lib: Library, story_id: str) -> None:
    """What the story table shows agrees with the articles the story holds."""
    summary = lib.story(story_id)
    arts = [a.article for a in lib.articles(story_id)]
    assert summary is not None
    dates = sorted(a.published for a in arts if a.published)
    assert summary.articles == len(arts)
    assert summary.outlets == len({a.outlet for a in arts if a.outlet})
    assert (summary.first, summary.last) == (dates[0], dates[-1])
    assert summary.title in {a.title for a in arts}


def test_merge_pins_every_article_to_the_biggest_story_and_survives_reclustering(lib: Library) -> None:
    resign, budget, docks = story_with(lib, "resigns"), story_with(lib, "unveils"), story_with(lib, "dockers")
    resigned = members(lib, resign)
    everything = resigned | members(lib, budget) | members(lib, docks)
    edit = merge_stories(lib, [resign, budget, docks])
    assert edit.stories == (docks,), "the dock strike has four articles, the others three"
    assert members(lib, docks) == everything and lib.story(resign) is None and lib.story(budget) is None
    assert lib.story(docks).pinned == len(everything)  # type: ignore[union-attr]
    assert_consistent(lib, docks)
    assert lib.evidence(docks)[min(resigned)].startswith("merged here by you from “Finance minister Varga resigns")
    title = lib.story(docks).title  # type: ignore[union-attr]
    recluster(lib)
    assert members(lib, docks) == everything and lib.story(docks).title == title  # type: ignore[union-attr]


def test_merge_into_a_chosen_story_and_a_new_article_joins_it(lib: Library, tmp_path: Path) -> None:
    resign, budget = story_with(lib, "resigns"), story_with(lib, "unveils")
    merged = members(lib, resign) | members(lib, budget)
    edit = merge_stories(lib, [resign[:5], budget], into=budget)  # a unique start of an id will do
    assert edit.stories == (budget,) and edit.action == "merge" and "6 articles" in edit.summary
    page = tmp_path / "evening-star.txt"
    page.write_text(LATE_REPORT, encoding="utf-8")
    added = add_sources(lib, [str(page)])[0].result
    assert added is not None and added.status == "new"
    assert members(lib, budget) == merged | {added.id}, "the new report joins the merged story, which keeps its id"
    assert lib.story(budget).pinned == len(merged)  # type: ignore[union-attr]
    assert_consistent(lib, budget)


def test_split_keeps_both_halves_apart_across_reclustering_and_new_articles(lib: Library, tmp_path: Path) -> None:
    docks = story_with(lib, "dockers")
    before = sorted(members(lib, docks))
    recluster(lib)
    assert sorted(members(lib, docks)) == before, "re-clustering alone keeps the story together"
    edit = split_story(lib, docks, before[:2])
    original, new = edit.stories
    assert original == docks and new != docks
    assert members(lib, docks) == set(before[2:]) and members(lib, new) == set(before[:2])
    for sid in (docks, new):
        assert_consistent(lib, sid)
        assert lib.story(sid).pinned == 2  # type: ignore[union-attr]
    assert lib.evidence(new)[before[0]].startswith("split off by you")
    page = tmp_path / "evening-star.txt"
    page.write_text(LATE_REPORT, encoding="utf-8")
    add_sources(lib, [str(page)])
    recluster(lib)
    assert members(lib, docks) == set(before[2:]) and members(lib, new) == set(before[:2])
    assert_consistent(lib, docks)
    assert_consistent(lib, new)


def test_notes_marker_follows_the_noted_article_through_merge_and_split(lib: Library) -> None:
    resign, budget = story_with(lib, "resigns"), story_with(lib, "unveils")
    noted = lib.get(min(members(lib, resign)))
    assert noted is not None
    store = AnnotationStore()
    store.add(article_ref(noted.article), noted.article.body, noted.article.sentences[0].text, "check the date")
    assert noted_stories(lib, store) == {resign}
    merge_stories(lib, [resign, budget], into=budget)
    assert noted_stories(lib, store) == {budget}
    new = split_story(lib, budget, [noted.id]).stories[1]
    assert noted_stories(lib, store) == {new}


def test_move_retitles_both_stories_and_is_kept(lib: Library) -> None:
    resign, budget = story_with(lib, "resigns"), story_with(lib, "unveils")
    headline = next(a for a in lib.articles(resign) if a.article.title == lib.story(resign).title)  # type: ignore[union-attr]
    edit = move_articles(lib, [headline.id], budget)
    assert edit.stories == (budget, resign) and "Moved “" in edit.summary
    assert story_of(lib, headline.id) == budget
    assert lib.story(resign).title != headline.article.title, "the story is titled after what it still holds"  # type: ignore[union-attr]
    assert_consistent(lib, resign)
    recluster(lib)
    assert story_of(lib, headline.id) == budget
    assert lib.evidence(budget)[headline.id].startswith("moved here by you")
    stays = min(members(lib, resign))
    edit = move_articles(lib, [stays], resign)
    assert edit.summary.startswith("Pinned “") and lib.pinned()[stays] == resign
    assert lib.evidence(resign)[stays] == "kept here by you"


def test_unpin_gives_articles_back_to_the_clustering(lib: Library) -> None:
    automatic = shape(lib)
    docks = story_with(lib, "dockers")
    arts = sorted(members(lib, docks))
    new = split_story(lib, docks, arts[:1]).stories[1]
    edit = unpin_articles(lib, arts[:1])
    assert edit.action == "unpin" and edit.articles == (arts[0],) and edit.stories == (docks,)
    assert story_of(lib, arts[0]) == docks and lib.story(new) is None, "re-clustering put it back"
    assert unpin_articles(lib, arts[:1]).id is None, "nothing left to unpin"
    unpin_articles(lib, story_refs=[docks])
    assert shape(lib) == automatic, "with no pins left the stories are the automatic ones, ids and all"


def test_undo_puts_back_what_each_correction_replaced(lib: Library) -> None:
    automatic = shape(lib)
    resign, budget, docks = story_with(lib, "resigns"), story_with(lib, "unveils"), story_with(lib, "dockers")
    merge_stories(lib, [resign, budget])
    after_merge = shape(lib)
    split_story(lib, resign, sorted(members(lib, resign))[:2])
    unpin_articles(lib, story_refs=[docks])  # nothing pinned there: not journalled
    move_articles(lib, sorted(members(lib, docks))[:1], resign)
    undone = undo_story_edit(lib)
    assert undone is not None and undone.summary.startswith("Undid: Moved")
    undone = undo_story_edit(lib)
    assert undone is not None and undone.summary.startswith("Undid: Split")
    assert shape(lib) == after_merge
    undo_story_edit(lib)
    assert shape(lib) == automatic
    assert undo_story_edit(lib) is None


def test_undo_of_an_unpin_pins_again_after_the_rebuild(lib: Library) -> None:
    docks = story_with(lib, "dockers")
    arts = sorted(members(lib, docks))
    new = split_story(lib, docks, arts[:1]).stories[1]
    split = shape(lib)
    unpin_articles(lib, story_refs=[new])
    assert lib.story(new) is None
    undo_story_edit(lib)
    assert shape(lib) == split


def test_bad_ids_and_impossible_corrections_are_clear_errors_and_change_nothing(lib: Library) -> None:
    before = shape(lib)
    docks, resign = story_with(lib, "dockers"), story_with(lib, "resigns")
    with pytest.raises(NewsdiffError, match=r"nope: no story has this id"):
        merge_stories(lib, ["nope", docks])
    with pytest.raises(NewsdiffError, match=r"s: more than one story id starts"):
        find_story(lib, "s")
    with pytest.raises(NewsdiffError, match=r"two or more different stories"):
        merge_stories(lib, [docks, docks])
    with pytest.raises(NewsdiffError, match=r"zzz: no article of the library"):
        split_story(lib, docks, ["zzz"])
    with pytest.raises(NewsdiffError, match=r"is not in story"):
        split_story(lib, docks, [min(members(lib, resign))])
    with pytest.raises(NewsdiffError, match=r"leave the story empty"):
        split_story(lib, docks, sorted(members(lib, docks)))
    with pytest.raises(NewsdiffError, match=r"nope: no story"):
        move_articles(lib, [min(members(lib, resign))], "nope")
    assert shape(lib) == before
    assert undo_story_edit(lib) is None


def test_migrates_a_library_of_the_previous_version_keeping_pins(tmp_path: Path) -> None:
    path = tmp_path / "previous.sqlite3"
    conn = library_at(path, SCHEMA_VERSION - 1)
    for n in (1, 2, 3):
        conn.execute("INSERT INTO articles(id, title, raw, body, content_hash, added, updated)"
                     f" VALUES ('a{n}', 'Headline {n}', '', 'Body {n}.', 'h{n}', 'now', 'now')")
    conn.execute("INSERT INTO stories VALUES ('s1', 'Headline 1', 'now'), ('s2', 'Headline 3', 'now')")
    conn.execute("INSERT INTO story_members(article_id, story_id, pinned, evidence) VALUES"
                 " ('a1', 's1', 0, 'starts the story'), ('a2', 's1', 1, NULL), ('a3', 's2', 0, NULL)")
    conn.close()
    with Library(path) as lib:
        assert current_version(lib.conn) == SCHEMA_VERSION
        assert lib.pinned() == {"a2": "s1"}
        assert lib.evidence("s1") == {"a1": "starts the story", "a2": "moved here by you"}
        before = shape(lib)
        merge_stories(lib, ["s1", "s2"])
        assert members(lib, "s1") == {"a1", "a2", "a3"}
        undo_story_edit(lib)
        assert shape(lib) == before


def test_a_story_of_pages_without_headlines_is_titled_by_the_start_of_a_text(tmp_path: Path) -> None:
    """Text dumps often carry no headline: the story list shows how one begins, never a blank,
    after an add and after re-clustering (which retitles stories whose title is no headline)."""
    page = tmp_path / "untitled.txt"
    page.write_text("KESTREL BAY - Harbour pilots in Kestrel Bay voted on Monday to stop guiding tankers into "
                    "the port from next week, after talks on night-shift pay broke down.\n\n"
                    "The pilots' association said 41 of its 44 members backed the action. The port "
                    "authority said it regretted the decision and would seek mediation.\n", encoding="utf-8")
    with Library(tmp_path / "library.sqlite3") as library:
        add_sources(library, [str(page)])
        expected = "KESTREL BAY - Harbour pilots in Kestrel Bay voted on Monday to stop guiding tankers into…"
        assert [s.title for s in library.stories()] == [expected]
        recluster(library)
        assert [s.title for s in library.stories()] == [expected]
