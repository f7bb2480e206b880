"""The library's clustering state: articles placed one at a time, kept consistent, rebuilt when due."""

from __future__ import annotations

import marshal
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from newsdiff.core import pipeline
from newsdiff.core.cluster import LibraryStoryIndex
from newsdiff.core.library import Library
from newsdiff.core.models import Article
from tests.conftest import library_at
from tests.test_cluster import FLOOD, RESIGNATION, SPEECH, _story

QUAKE = (["Tarn", "Osk", "Melin"], ["earthquake", "magnitude", "aftershocks", "collapsed"], ["6.8", "41"])


def _add(lib: Library, items: list[tuple[str, Article]]) -> dict[str, str]:
    """Store articles (keyed by name) and place them; returns name -> library id."""
    ids = {name: lib.add(article).id for name, article in items}
    pipeline.update_stories(lib, list(ids.values()))
    return ids


def _story_of(lib: Library) -> dict[str, str]:
    return {r[0]: r[1] for r in lib.conn.execute("SELECT article_id, story_id FROM story_members")}


def assert_consistent(conn: sqlite3.Connection) -> None:
    """The kept state says what the membership says: one row per story, centroids sum their members."""
    members: dict[str, list[str]] = {}
    for article_id, story_id in conn.execute("SELECT article_id, story_id FROM story_members"):
        members.setdefault(story_id, []).append(article_id)
    stored = {r[0]: r for r in conn.execute("SELECT id, total, sumsq FROM cluster_stories")}
    assert set(stored) == set(members)
    assert {r[0] for r in conn.execute("SELECT id FROM stories")} == set(members)
    for sid, article_ids in members.items():
        total: dict[str, float] = {}
        for article_id in article_ids:
            (blob,) = conn.execute("SELECT vec FROM cluster_docs WHERE article_id = ?", (article_id,)).fetchone()
            for t, v in marshal.loads(blob).items():
                total[t] = total.get(t, 0.0) + v
        kept = marshal.loads(stored[sid][1])
        assert set(kept) == {t for t, v in total.items() if abs(v) > 1e-9}
        assert all(abs(kept[t] - total[t]) < 1e-6 for t in kept)
        assert abs(stored[sid][2] - sum(v * v for v in kept.values())) < 1e-6
    postings = Counter(r[0] for r in conn.execute("SELECT term FROM cluster_postings"))
    counts = {r[0]: r[1] for r in conn.execute("SELECT term, stories FROM cluster_terms WHERE stories > 0")}
    assert counts == dict(postings)
    assert not conn.execute("SELECT 1 FROM cluster_postings WHERE story_id NOT IN (SELECT id FROM cluster_stories)"
                            ).fetchone()
    assert not LibraryStoryIndex.dirty(conn)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "lib.sqlite3")
    yield library
    library.close()


@pytest.fixture
def three_stories(lib: Library) -> dict[str, str]:
    items = (_story(SPEECH, "speech", "2026-05-04", 3, 1) + _story(RESIGNATION, "quit", "2026-05-11", 3, 2)
             + _story(FLOOD, "flood", "2026-05-05", 3, 3))
    return _add(lib, items)


def test_the_first_add_clusters_the_library_and_keeps_the_state(lib: Library, three_stories: dict[str, str]) -> None:
    assert LibraryStoryIndex.is_current(lib.conn)
    assert LibraryStoryIndex.adds_since_rebuild(lib.conn) == (0, 9)
    story = _story_of(lib)
    for prefix in ("speech", "quit", "flood"):
        assert len({story[i] for name, i in three_stories.items() if name.startswith(prefix)}) == 1
    assert len(set(story.values())) == 3
    assert_consistent(lib.conn)


def test_a_new_article_joins_its_story_one_at_a_time_and_other_stories_keep_their_ids(
        lib: Library, three_stories: dict[str, str]) -> None:
    before = _story_of(lib)
    late = _add(lib, _story(FLOOD, "flood-late", "2026-05-06", 1, 9))
    quake = _add(lib, _story(QUAKE, "quake", "2026-05-07", 1, 10))
    after = _story_of(lib)
    assert LibraryStoryIndex.adds_since_rebuild(lib.conn) == (2, 9), "placed, not re-clustered"
    assert after[late["flood-late0"]] == before[three_stories["flood0"]]
    assert after[quake["quake0"]] not in set(before.values()), "a new event starts its own story"
    assert all(after[i] == before[i] for i in before), "nothing else moved"
    assert_consistent(lib.conn)


def test_the_same_people_a_week_later_in_another_event_start_a_story_of_their_own(
        lib: Library, three_stories: dict[str, str]) -> None:
    later = _add(lib, _story(RESIGNATION, "quit-late", "2026-05-12", 1, 11))
    second_speech = _add(lib, _story(SPEECH, "speech-late", "2026-05-05", 1, 12))
    story = _story_of(lib)
    assert story[later["quit-late0"]] == story[three_stories["quit0"]]
    assert story[second_speech["speech-late0"]] == story[three_stories["speech0"]]
    assert story[three_stories["speech0"]] != story[three_stories["quit0"]]


def test_the_librarys_index_knows_when_it_holds_few_stories(lib: Library, three_stories: dict[str, str]) -> None:
    index = LibraryStoryIndex(lib.conn)
    stored = sorted(r[0] for r in lib.conn.execute("SELECT id FROM cluster_stories"))
    assert len(stored) == 3
    assert index._all_stories(3) == stored and index._all_stories(2) is None
    index._drop(stored[0])  # a story merged away in this transaction is no candidate
    assert index._all_stories(3) == stored[1:]
    lib.conn.rollback()


def test_an_article_whose_text_changed_follows_its_new_text(lib: Library, three_stories: dict[str, str]) -> None:
    flood_story = _story_of(lib)[three_stories["flood0"]]
    (_, rewritten), = _story(QUAKE, "x", "2026-05-07", 1, 13)
    # The same URL-less path means the same article, now about something else.
    path = "/news/flood-2.txt"
    first = lib.add(Article(title="Flood", body=_story(FLOOD, "y", "2026-05-05", 1, 14)[0][1].body, path=path))
    pipeline.update_stories(lib, [first.id])
    assert _story_of(lib)[first.id] == flood_story
    second = lib.add(Article(title=rewritten.title, body=rewritten.body, path=path, published="2026-05-07"))
    assert second == type(second)(first.id, "updated")
    pipeline.update_stories(lib, [second.id])
    assert _story_of(lib)[first.id] != flood_story
    assert sum(1 for s in _story_of(lib).values() if s == flood_story) == 3
    assert_consistent(lib.conn)


def test_a_users_move_brings_both_stories_state_up_to_date(lib: Library, three_stories: dict[str, str]) -> None:
    story = _story_of(lib)
    target = story[three_stories["speech0"]]
    pipeline.move_article(lib, three_stories["flood0"], target)
    assert _story_of(lib)[three_stories["flood0"]] == target
    assert_consistent(lib.conn)
    # The next article of the flood still finds the flood story, and the move holds.
    late = _add(lib, _story(FLOOD, "flood-late", "2026-05-06", 1, 15))
    assert _story_of(lib)[late["flood-late0"]] == story[three_stories["flood1"]]
    assert _story_of(lib)[three_stories["flood0"]] == target
    assert_consistent(lib.conn)


def test_a_stale_state_and_a_due_rebuild_re_cluster_everything(
        lib: Library, three_stories: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    lib.conn.execute("UPDATE meta SET value = 'older features' WHERE key = 'cluster.version'")
    _add(lib, _story(QUAKE, "quake", "2026-05-07", 1, 16))
    assert LibraryStoryIndex.is_current(lib.conn)
    assert LibraryStoryIndex.adds_since_rebuild(lib.conn) == (0, 10)
    monkeypatch.setattr(pipeline, "REBUILD_MIN", 3)
    _add(lib, _story(QUAKE, "quake-b", "2026-05-07", 2, 17))
    assert LibraryStoryIndex.adds_since_rebuild(lib.conn) == (2, 10)
    _add(lib, _story(QUAKE, "quake-c", "2026-05-08", 1, 18))
    assert LibraryStoryIndex.adds_since_rebuild(lib.conn) == (0, 13), "the third add made a rebuild due"
    assert_consistent(lib.conn)


def test_a_deleted_article_leaves_its_story_consistent(lib: Library, three_stories: dict[str, str]) -> None:
    with lib.transaction():
        lib.conn.execute("DELETE FROM articles WHERE id = ?", (three_stories["flood0"],))
    assert LibraryStoryIndex.dirty(lib.conn)
    pipeline.update_stories(lib, [])
    assert_consistent(lib.conn)


def test_a_library_from_before_the_kept_state_is_re_clustered_on_its_next_add(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite3"
    conn = library_at(path, 4)
    conn.close()
    with Library(path) as lib:
        assert not LibraryStoryIndex.is_current(lib.conn)
        _add(lib, _story(FLOOD, "flood", "2026-05-05", 3, 19))
        assert LibraryStoryIndex.is_current(lib.conn)
        assert len(set(_story_of(lib).values())) == 1
        assert_consistent(lib.conn)


def test_the_command_line_adds_one_by_one_and_rebuilds_on_request(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import subprocess

    from newsdiff.demo import corpus_files
    from tests.test_cluster import NEWSDIFF

    monkeypatch.setenv("NEWSDIFF_HOME", str(tmp_path / "home"))
    texts = [str(f) for f in corpus_files() if f.suffix == ".txt"]
    pages = [str(f) for f in corpus_files() if f.suffix == ".html"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([NEWSDIFF, *args], capture_output=True, text=True, timeout=120, check=True)

    run("add", *texts)
    for page in pages:  # one at a time, as pages arrive
        run("add", page)
    stories = json.loads(run("stories", "--json").stdout)["stories"]
    with Library(tmp_path / "home" / "data" / "library.sqlite3") as lib:
        assert LibraryStoryIndex.adds_since_rebuild(lib.conn) == (len(pages), len(texts))
        assert_consistent(lib.conn)
    rebuilt = json.loads(run("recluster", "--json").stdout)
    assert rebuilt == {"articles": len(texts) + len(pages), "stories": len(stories)}
    after = json.loads(run("stories", "--json").stdout)["stories"]
    assert sorted(s["articles"] for s in after) == sorted(s["articles"] for s in stories)


def test_a_full_re_cluster_keeps_the_ids_of_the_stories_it_keeps(lib: Library, three_stories: dict[str, str]) -> None:
    _add(lib, _story(QUAKE, "quake", "2026-05-07", 2, 20))  # placed one by one: ids of their own
    before = _story_of(lib)
    pipeline.recluster(lib)
    assert _story_of(lib) == before
    assert_consistent(lib.conn)


def test_a_story_of_two_events_splits_in_the_library_and_the_kept_state_follows(lib: Library) -> None:
    from tests.test_cluster_events import FESTIVAL, MINE

    ids = _add(lib, [(f"mine{k}", Article(title=t, body=b)) for k, (t, b) in enumerate(MINE)]
               + [(f"jazz{k}", Article(title=t, body=b)) for k, (t, b) in enumerate(FESTIVAL)])
    events = {frozenset(ids[n] for n in ids if n.startswith(p)) for p in ("mine", "jazz")}

    def stories() -> set[frozenset[str]]:
        grouped: dict[str, set[str]] = {}
        for article_id, story_id in _story_of(lib).items():
            grouped.setdefault(story_id, set()).add(article_id)
        return {frozenset(g) for g in grouped.values()}

    assert stories() == events
    with lib.transaction():  # what arrival order can do: one story holding both events
        index = LibraryStoryIndex(lib.conn)
        first, second = (index.story(_story_of(lib)[ids[n]], members=True) for n in ("mine0", "jazz0"))
        assert first is not None and second is not None
        index.merge_into(first, second, 0.0, "held together")
        index.flush()
    assert stories() == {events.pop() | events.pop()}
    with lib.transaction():
        index = LibraryStoryIndex(lib.conn)
        made = index.split_pass([_story_of(lib)[ids["mine0"]]])
        index.flush()
    assert len(made) == 1
    assert stories() == {frozenset(ids[n] for n in ids if n.startswith(p)) for p in ("mine", "jazz")}
    assert_consistent(lib.conn)
