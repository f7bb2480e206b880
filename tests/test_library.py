"""The SQLite article library: add, re-add, versions, search, stories, migrations, concurrency."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsdiff.core.library import Library
from newsdiff.core.library.schema import MIGRATIONS, SCHEMA_VERSION, current_version
from newsdiff.core.models import Article
from newsdiff.errors import NewsdiffError


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
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[1](conn)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
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
