"""The SQLite article library: add, re-add, versions, search, stories, migrations, concurrency."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import newsdiff
from newsdiff.core.library import Library
from newsdiff.core.library.schema import SCHEMA_VERSION, current_version
from newsdiff.core.models import Article
from newsdiff.core.pipeline import NotPlaced, add_sources, read_raw, refresh
from newsdiff.errors import NewsdiffError
from tests.conftest import library_at


def art(title: str, body: str, **kw: object) -> Article:
    return Article(title=title, body=body, **kw)  # type: ignore[arg-type]


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library(tmp_path / "lib.sqlite3")


def test_new_database_is_wal_with_foreign_keys_and_current_schema(lib: Library) -> None:
    assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert lib.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert current_version(lib.conn) == SCHEMA_VERSION


def test_readding_same_content_does_not_duplicate(lib: Library) -> None:
    first = lib.add(art("Port strike ends", "Dockers voted to return.", path="/x/a.txt"))
    again = lib.add(art("Port strike ends", "Dockers voted to return.", path="/y/copy.txt"))
    assert first.status == "new" and again.status == "unchanged" and again.id == first.id
    assert lib.count() == 1


def test_readding_same_url_with_new_text_updates_and_keeps_version(lib: Library) -> None:
    first = lib.add(art("Title", "Old body.", url="https://ex.test/a"))
    second = lib.add(art("Title", "New body, corrected.", url="https://ex.test/a"))
    assert second.id == first.id and second.status == "updated"
    stored = lib.get(first.id)
    assert stored is not None and stored.article.body == "New body, corrected."
    assert [v[2] for v in lib.versions(first.id)] == ["Old body."]
    assert lib.count() == 1


def test_search_finds_title_and_body_words_and_follows_updates(lib: Library) -> None:
    a = lib.add(art("Harbour cranes stand idle", "The dock workers' union called a strike.", path="/a"))
    lib.add(art("Budget vote", "Parliament approved the spending plan.", path="/b"))
    assert [s.id for s, _ in lib.search("cranes")] == [a.id]
    assert [s.id for s, _ in lib.search("union strike")] == [a.id]
    lib.add(art("Harbour cranes stand idle", "Talks resumed on Monday.", path="/a"))
    assert lib.search("union") == []
    assert [s.id for s, _ in lib.search("talks")] == [a.id]
    assert lib.search('"; DROP TABLE articles; --') == []


def test_stories_keep_pinned_moves_across_reclustering(lib: Library) -> None:
    ids = [lib.add(art(f"T{i}", f"Body {i}.", path=f"/{i}")).id for i in range(3)]
    lib.set_stories([("s1", "Story one", [(ids[0], None, None), (ids[1], ids[0], "score 0.9")]),
                     ("s2", "Story two", [(ids[2], None, None)])])
    assert {s.id: s.articles for s in lib.stories()} == {"s1": 2, "s2": 1}
    lib.move_article(ids[1], "s2")
    lib.set_stories([("s1", "Story one", [(ids[0], None, None), (ids[1], None, None)]),
                     ("s2", "Story two", [(ids[2], None, None)])])
    assert lib.evidence("s2")[ids[1]] == "moved here by you"
    assert {s.id: s.articles for s in lib.stories()} == {"s1": 1, "s2": 2}
    with pytest.raises(NewsdiffError, match=r"no story"):
        lib.move_article(ids[0], "nope")


def test_migrates_a_version_1_database_forward_keeping_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = library_at(path, 1)
    conn.execute(
        "INSERT INTO articles(id, title, raw, body, content_hash, added, updated)"
        " VALUES ('abc', 'Kept', '', 'Kept body.', 'h', 'now', 'now')"
    )
    conn.close()
    lib = Library(path)
    assert current_version(lib.conn) == SCHEMA_VERSION
    assert lib.get("abc") is not None
    assert lib.versions("abc") == []


def test_refuses_a_newer_schema_without_touching_it(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    Library(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewsdiffError, match="newer"):
        Library(path)
    assert path.read_bytes() == before


def test_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(NewsdiffError, match=r"junk\.sqlite3"):
        Library(path)
    assert path.read_bytes() == b"this is not sqlite" * 100


def _pages(lib: Library) -> int:
    return int(lib.conn.execute("PRAGMA page_count").fetchone()[0])


def _stories_page() -> Path:
    """A page of the bundled demo corpus: a report long enough that its story takes pages of its own."""
    return Path(newsdiff.__file__).parent / "demo" / "corpus" / "dam-cracks-2026-04__harbor-wire.txt"


def test_a_full_disk_refuses_the_write_clearly_and_keeps_what_was_stored(lib: Library) -> None:
    """SQLite rolls a transaction back by itself when the database is full: the library says the
    disk is full in one line (it used to fail with "cannot rollback - no transaction is active")."""
    kept = lib.add(art("Port strike ends", "Dockers voted to return.", path="/x/a.txt"))
    lib.conn.execute(f"PRAGMA max_page_count = {_pages(lib)}")  # what a full disk looks like to SQLite
    with pytest.raises(NewsdiffError, match=r"database or disk is full\); nothing was changed; free some disk space"):
        lib.add(art("Ferry fire", "A long report. " * 2000, path="/x/b.txt"))
    assert [a.id for a in lib.articles()] == [kept.id]
    assert lib.unplaced() == [kept.id]  # stored, never put in a story: the next update places it


def test_articles_stored_when_placing_them_fails_join_their_stories_next_time(tmp_path: Path) -> None:
    page = _stories_page()
    probe = Library(tmp_path / "probe.sqlite3")  # how many pages storing the page takes, on its own
    add_sources(probe, [str(page)])  # stores and places
    stored_pages = Library(tmp_path / "probe2.sqlite3")
    stored_pages.add(*read_raw(str(page)))
    limit = _pages(stored_pages)
    assert limit < _pages(probe), "placing an article writes clustering state beside it"

    lib = Library(tmp_path / "lib.sqlite3")
    lib.conn.execute(f"PRAGMA max_page_count = {limit}")  # room to store it, not to place it
    with pytest.raises(NotPlaced, match="join their stories on the next add") as failed:
        add_sources(lib, [str(page)])
    [outcome] = failed.value.outcomes
    assert outcome.result is not None and outcome.result.status == "new"  # the CLI still says it was stored
    assert lib.unplaced() == [outcome.result.id] and lib.story_count() == 0

    lib.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    assert refresh(lib).stories == 1  # no feed brought anything: the article left out is placed all the same
    assert lib.unplaced() == [] and lib.get(outcome.result.id).story is not None  # type: ignore[union-attr]
    [another] = add_sources(lib, [str(page.with_name("dam-cracks-2026-04__valley-courier.txt"))])  # placed one by one
    assert another.result is not None and lib.unplaced() == [] and lib.story_count() == 1


def test_a_library_from_before_unplaced_articles_were_kept_lists_those_no_story_holds(tmp_path: Path) -> None:
    path = tmp_path / "v8.sqlite3"
    conn = library_at(path, 8)
    for article_id in ("placed", "lost"):
        conn.execute("INSERT INTO articles(id, title, raw, body, content_hash, added, updated)"
                     f" VALUES ('{article_id}', 'T', '', 'Body.', '{article_id}', 'now', 'now')")
    conn.execute("INSERT INTO stories VALUES ('s1', 'T', 'now')")
    conn.execute("INSERT INTO story_members(article_id, story_id) VALUES ('placed', 's1')")
    conn.close()
    assert Library(path).unplaced() == ["lost"]


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from newsdiff.core.library import Library
    from newsdiff.core.models import Article
    lib = Library(Path(sys.argv[1]))
    for i in range(40):
        lib.add(Article(title=f"{sys.argv[2]} {i}", body=f"Body {sys.argv[2]} {i}.", path=f"/{sys.argv[2]}/{i}"))
    """
)


def test_two_processes_writing_at_once_do_not_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    Library(path).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name]) for name in ("p", "q")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    lib = Library(path)
    assert lib.count() == 80
    assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
