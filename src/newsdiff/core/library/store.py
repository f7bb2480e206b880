"""The article library: a SQLite store of outlets, articles, stories and their membership.

One connection per Library object; WAL mode so readers never block the writer, a
busy timeout so two processes take turns, and every write inside BEGIN IMMEDIATE.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from newsdiff.core.library.schema import SCHEMA_VERSION, current_version, migrate
from newsdiff.core.models import Article
from newsdiff.core.text import segment
from newsdiff.errors import NewsdiffError

BUSY_TIMEOUT_S = 15.0


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article row as the library keeps it."""

    id: str
    article: Article
    story: str | None
    added: str
    updated: str
    copy_of: str | None = None


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story row with the figures the story list shows."""

    id: str
    title: str
    articles: int
    outlets: int
    first: str | None
    last: str | None
    pinned: int = 0  # articles the user put here (moved, merged, split); re-clustering keeps them


@dataclass(frozen=True, slots=True)
class AddResult:
    """What happened to one article on add: new, updated (text changed) or unchanged."""

    id: str
    status: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _new_id(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:12]


class Library:
    """Open (and create or migrate) the library database at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            version = current_version(self.conn)
            if version > SCHEMA_VERSION:
                raise NewsdiffError(
                    f"{path}: library schema version {version} is newer than this newsdiff "
                    f"understands ({SCHEMA_VERSION}); upgrade newsdiff (nothing was changed)"
                )
            migrate(self.conn)
        except sqlite3.DatabaseError as err:
            hint = _advice(err) or "; is it a newsdiff database?"
            raise NewsdiffError(f"{path}: cannot open the library ({err}){hint}") from err
        except OSError as err:
            raise NewsdiffError(f"{path}: cannot open the library ({err.strerror})") from err

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn, self.path)

    def _outlet_id(self, name: str | None) -> int | None:
        if not name:
            return None
        self.conn.execute("INSERT OR IGNORE INTO outlets(name) VALUES (?)", (name,))
        row = self.conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()
        return int(row[0])

    def _find_existing(self, article: Article) -> sqlite3.Row | None:
        probes = (
            ("url", article.url),
            ("path", article.path),
            ("content_hash", article.content_hash),
        )
        for column, value in probes:
            if value:
                row = self.conn.execute(
                    f"SELECT id, content_hash, title, body FROM articles WHERE {column} = ? LIMIT 1",
                    (value,),
                ).fetchone()
                if row is not None:
                    return row  # type: ignore[no-any-return]
        return None

    def add(self, article: Article, raw: str = "") -> AddResult:
        """Insert ``article`` or update the one it replaces (same URL, path or content)."""
        with self.transaction():
            return self._add(article, raw)

    def add_many(self, articles: Iterable[tuple[Article, str]]) -> list[AddResult]:
        """Add several articles in one transaction."""
        with self.transaction():
            return [self._add(article, raw) for article, raw in articles]

    def _add(self, article: Article, raw: str) -> AddResult:
        now = _now()
        values = (
            article.url, article.path, article.title, self._outlet_id(article.outlet), article.byline,
            article.published, article.lang, article.dateline, article.source_format, raw,
            article.body, article.content_hash, now,
        )
        existing = self._find_existing(article)
        if existing is None:
            article_id = _new_id(article.url or article.path or article.content_hash)
            while self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                article_id = _new_id(article_id + article.content_hash)
            self.conn.execute(
                "INSERT INTO articles(url, path, title, outlet_id, byline, published, lang, dateline,"
                " source_format, raw, body, content_hash, updated, added, id)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*values, now, article_id),
            )
            status = "new"
        else:
            article_id = existing["id"]
            status = "unchanged" if existing["content_hash"] == article.content_hash else "updated"
            if status == "updated":
                self.conn.execute(
                    "INSERT INTO article_versions(article_id, title, body, content_hash, saved)"
                    " VALUES (?,?,?,?,?)",
                    (article_id, existing["title"], existing["body"], existing["content_hash"], now),
                )
            self.conn.execute(
                "UPDATE articles SET url=coalesce(?, url), path=coalesce(?, path), title=?, outlet_id=?,"
                " byline=?, published=?, lang=?, dateline=?, source_format=?, raw=?, body=?,"
                " content_hash=?, updated=? WHERE id = ?",
                (*values, article_id),
            )
            self.conn.execute("DELETE FROM articles_fts WHERE article_id = ?", (article_id,))
        self.conn.execute(
            "INSERT INTO articles_fts(article_id, title, body) VALUES (?,?,?)",
            (article_id, article.title, article.body),
        )
        if status != "unchanged":
            self.conn.execute("INSERT OR IGNORE INTO unplaced(article_id) VALUES (?)", (article_id,))
        return AddResult(article_id, status)

    def set_stories(self, stories: Iterable[tuple[str, str, Iterable[tuple[str, str | None, str | None]]]]) -> None:
        """Replace the story table: (story id, title, [(article id, copy_of, evidence)]); pinned members stay."""
        with self.transaction():
            self.write_stories(stories)

    def unplaced(self) -> list[str]:
        """Articles stored or changed since they were last put in a story (placing them failed, or
        has not run yet), in id order."""
        return [r[0] for r in self.conn.execute("SELECT article_id FROM unplaced ORDER BY article_id")]

    def placed(self, article_ids: Iterable[str]) -> None:
        """Mark these articles as put in their stories, inside the transaction that did it."""
        self.conn.executemany("DELETE FROM unplaced WHERE article_id = ?", ((a,) for a in article_ids))

    def write_stories(self, stories: Iterable[tuple[str, str, Iterable[tuple[str, str | None, str | None]]]]) -> None:
        """``set_stories`` inside a transaction the caller holds."""
        pinned = {r[0] for r in self.conn.execute("SELECT article_id FROM story_members WHERE pinned")}
        self.conn.execute("DELETE FROM story_members WHERE NOT pinned")
        now = _now()
        for story_id, title, members in stories:
            self.conn.execute(
                "INSERT INTO stories(id, title, updated) VALUES (?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET title=excluded.title, updated=excluded.updated",
                (story_id, title, now),
            )
            for article_id, copy_of, evidence in members:
                if article_id in pinned:
                    continue
                self.conn.execute(
                    "INSERT INTO story_members(article_id, story_id, copy_of, evidence) VALUES (?,?,?,?)",
                    (article_id, story_id, copy_of, evidence),
                )
        self.conn.execute(
            "DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM story_members)"
        )
        self.conn.execute("DELETE FROM unplaced WHERE EXISTS"  # a probe per unplaced row, not a scan of members
                          " (SELECT 1 FROM story_members m WHERE m.article_id = unplaced.article_id)")

    def move_article(self, article_id: str, story_id: str) -> None:
        """Pin ``article_id`` to ``story_id`` (a user decision that re-clustering keeps)."""
        with self.transaction():
            if not self.conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
                raise NewsdiffError(f"no story with id {story_id!r}")
            self.conn.execute(
                "INSERT INTO story_members(article_id, story_id, pinned, evidence) VALUES (?,?,1,'moved here by you')"
                " ON CONFLICT(article_id) DO UPDATE SET story_id=excluded.story_id, pinned=1,"
                " evidence=excluded.evidence",
                (article_id, story_id),
            )

    # -- reading -----------------------------------------------------------------

    def pinned(self) -> dict[str, str]:
        """Articles the user moved to a story: article id -> story id."""
        rows = self.conn.execute("SELECT article_id, story_id FROM story_members WHERE pinned").fetchall()
        return {r[0]: r[1] for r in rows}

    _SELECT = (
        "SELECT a.*, o.name AS outlet, m.story_id AS story, m.copy_of AS copy_of FROM articles a"
        " LEFT JOIN outlets o ON o.id = a.outlet_id LEFT JOIN story_members m ON m.article_id = a.id"
    )

    def _stored(self, row: sqlite3.Row, sentences: bool = True) -> StoredArticle:
        # Segmenting is the costly part of a read; listings skip it.
        article = Article(
            title=row["title"], body=row["body"], sentences=segment(row["body"]) if sentences else (),
            outlet=row["outlet"],
            byline=row["byline"], published=row["published"], lang=row["lang"], dateline=row["dateline"],
            url=row["url"], path=row["path"], source_format=row["source_format"],
        )
        return StoredArticle(row["id"], article, row["story"], row["added"], row["updated"], row["copy_of"])

    def articles(self, story: str | None = None, sentences: bool = False) -> Iterator[StoredArticle]:
        """All articles (of one story when given), newest first; sentences only when asked for."""
        sql, args = self._SELECT, cast("tuple[str, ...]", ())
        if story is not None:
            sql, args = sql + " WHERE m.story_id = ?", (story,)
        rows = self.conn.execute(sql + " ORDER BY coalesce(a.published, a.added) DESC, o.name, a.title, a.id", args)
        for row in rows.fetchall():
            yield self._stored(row, sentences)

    def cluster_inputs(self) -> Iterator[tuple[str, Article]]:
        """Every article as clustering reads it (no raw page, no sentences), streamed in id order."""
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.body, a.published, a.lang, o.name AS outlet FROM articles a"
            " LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.id")
        while batch := rows.fetchmany(1000):
            for r in batch:
                yield r["id"], Article(title=r["title"], body=r["body"], published=r["published"], lang=r["lang"],
                                       outlet=r["outlet"])

    def get(self, article_id: str, sentences: bool = True) -> StoredArticle | None:
        row = self.conn.execute(self._SELECT + " WHERE a.id = ?", (article_id,)).fetchone()
        return None if row is None else self._stored(row, sentences)

    def find(self, ref: str) -> StoredArticle | None:
        """An article by id, id prefix (unique), URL or source path."""
        for sql in ("a.id = ?", "a.url = ?", "a.path = ?"):
            row = self.conn.execute(self._SELECT + f" WHERE {sql}", (ref,)).fetchone()
            if row is not None:
                return self._stored(row)
        rows = self.conn.execute(self._SELECT + " WHERE a.id LIKE ? LIMIT 2", (ref + "%",)).fetchall()
        return self._stored(rows[0]) if len(rows) == 1 else None

    def search(self, query: str, limit: int = 50) -> list[tuple[StoredArticle, str]]:
        """Full-text search over titles and bodies; each hit with a short snippet."""
        fts = " ".join('"' + term.replace('"', '""') + '"' for term in query.split())
        if not fts:
            return []
        rows = self.conn.execute(
            "SELECT article_id, snippet(articles_fts, 2, '[', ']', '…', 12) AS snip FROM articles_fts"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (fts, limit),
        ).fetchall()
        hits = []
        for row in rows:
            found = self.conn.execute(self._SELECT + " WHERE a.id = ?", (row["article_id"],)).fetchone()
            if found is not None:
                hits.append((self._stored(found, sentences=False), row["snip"]))
        return hits

    _STORIES = (
        "SELECT s.id, s.title, count(a.id) AS n, count(DISTINCT a.outlet_id) AS outlets,"
        " min(a.published) AS first, max(a.published) AS last, sum(m.pinned) AS pinned FROM stories s"
        " JOIN story_members m ON m.story_id = s.id JOIN articles a ON a.id = m.article_id"
    )

    @staticmethod
    def _summary(r: sqlite3.Row) -> StorySummary:
        return StorySummary(r["id"], r["title"], r["n"], r["outlets"], r["first"], r["last"], r["pinned"] or 0)

    def stories(self) -> list[StorySummary]:
        """Stories newest first, with article and outlet counts and time span."""
        rows = self.conn.execute(
            self._STORIES + " GROUP BY s.id ORDER BY max(coalesce(a.published, a.added)) DESC, s.id"
        ).fetchall()
        return [self._summary(r) for r in rows]

    def story(self, story_id: str) -> StorySummary | None:
        """One story's figures (None when it has no articles or does not exist)."""
        row = self.conn.execute(self._STORIES + " WHERE s.id = ? GROUP BY s.id", (story_id,)).fetchone()
        return None if row is None else self._summary(row)

    def evidence(self, story_id: str) -> dict[str, str]:
        """Why each article is in the story: article id -> clustering evidence, or what the user did."""
        rows = self.conn.execute(
            "SELECT article_id, pinned, evidence FROM story_members WHERE story_id = ?", (story_id,)
        ).fetchall()
        return {r[0]: (r[2] or "moved here by you") if r[1] else (r[2] or "") for r in rows}

    def versions(self, article_id: str) -> list[tuple[str, str, str]]:
        """Earlier versions of an article: (saved, title, body), oldest first."""
        rows = self.conn.execute(
            "SELECT saved, title, body FROM article_versions WHERE article_id = ? ORDER BY id", (article_id,)
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def story_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM stories").fetchone()[0])

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def _advice(err: sqlite3.Error) -> str:
    """What the user can do about a SQLite error, when it is one they can act on ('' otherwise)."""
    if getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return "; free some disk space and try again"
    return ""


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error; SQLite errors become one-line messages."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn, self.path = conn, path

    def __enter__(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise NewsdiffError(f"{self.path}: library is busy or locked ({err}); try again") from err

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: object) -> None:
        if kind is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.Error as commit_err:
                err = commit_err
        if self.conn.in_transaction:  # SQLite rolls back by itself on some errors (a full disk, I/O)
            self.conn.execute("ROLLBACK")
        if isinstance(err, sqlite3.Error):
            message = f"{self.path}: library write failed ({err}); nothing was changed{_advice(err)}"
            raise NewsdiffError(message) from err
