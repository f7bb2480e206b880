"""SQLite schema of the article library and its forward migrations, one function per version."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 9

_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE outlets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT UNIQUE,
    path TEXT,
    title TEXT NOT NULL,
    outlet_id INTEGER REFERENCES outlets(id),
    byline TEXT,
    published TEXT,
    lang TEXT,
    dateline TEXT,
    source_format TEXT NOT NULL DEFAULT 'text',
    raw TEXT NOT NULL,
    body TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    added TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_path ON articles(path);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    pinned INTEGER NOT NULL DEFAULT 0,
    copy_of TEXT REFERENCES articles(id) ON DELETE SET NULL,
    score REAL
);
CREATE INDEX story_members_story ON story_members(story_id);
CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, body);
"""

# v2: keep earlier versions of an article when a re-ingest changes its text.
_V2 = """
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    saved TEXT NOT NULL
);
CREATE INDEX article_versions_article ON article_versions(article_id);
"""


# v3: feed subscriptions with the validators that make an unchanged feed cost one 304.
_V3 = """
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    added TEXT NOT NULL,
    checked TEXT,
    status TEXT
);
"""


# v4: why the clustering put each article in its story (shared terms and score), for the reader.
_V4 = """
ALTER TABLE story_members ADD COLUMN evidence TEXT;
"""


# v5: the clustering's own state, so that adding an article places it in a story without
# re-clustering the library: term frequencies, story centroids, the candidate index, and each
# article's clustering view. All of it is derived data, rebuilt by a full re-cluster. Triggers
# note every story whose membership changed by any other path (a user's move, a deleted
# article), and the next update rebuilds those stories' state from their members. (They insert
# with WHERE NOT EXISTS, not OR IGNORE: an outer upsert's conflict clause would override that.)
_V5 = """
CREATE TABLE cluster_terms (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL DEFAULT 0,
    stories INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE cluster_stories (
    id TEXT PRIMARY KEY,
    total BLOB NOT NULL,
    sumsq REAL NOT NULL,
    lo INTEGER,
    hi INTEGER,
    langs TEXT NOT NULL DEFAULT '',
    entities TEXT NOT NULL DEFAULT '',
    names TEXT NOT NULL DEFAULT '',
    figures TEXT NOT NULL DEFAULT '',
    flags TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE cluster_postings (
    term TEXT NOT NULL,
    story_id TEXT NOT NULL,
    PRIMARY KEY (term, story_id)
) WITHOUT ROWID;
CREATE INDEX cluster_postings_story ON cluster_postings(story_id);
CREATE TABLE cluster_docs (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    lead TEXT NOT NULL,
    day INTEGER,
    lang TEXT,
    outlet TEXT,
    entities TEXT NOT NULL,
    names TEXT NOT NULL DEFAULT '',
    figures TEXT NOT NULL DEFAULT '',
    vec BLOB NOT NULL,
    shingles BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE cluster_dirty (story_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER story_members_added AFTER INSERT ON story_members
BEGIN INSERT INTO cluster_dirty SELECT NEW.story_id
      WHERE NOT EXISTS (SELECT 1 FROM cluster_dirty WHERE story_id = NEW.story_id); END;
CREATE TRIGGER story_members_moved AFTER UPDATE OF story_id ON story_members WHEN OLD.story_id IS NOT NEW.story_id
BEGIN INSERT INTO cluster_dirty SELECT OLD.story_id
      WHERE NOT EXISTS (SELECT 1 FROM cluster_dirty WHERE story_id = OLD.story_id);
      INSERT INTO cluster_dirty SELECT NEW.story_id
      WHERE NOT EXISTS (SELECT 1 FROM cluster_dirty WHERE story_id = NEW.story_id); END;
CREATE TRIGGER story_members_removed AFTER DELETE ON story_members
BEGIN INSERT INTO cluster_dirty SELECT OLD.story_id
      WHERE NOT EXISTS (SELECT 1 FROM cluster_dirty WHERE story_id = OLD.story_id); END;
"""


# v6: the user's corrections of the stories (merge, split, move, unpin), each with the
# memberships and titles it replaced (JSON), so that the latest can be undone.
_V6 = """
CREATE TABLE story_edits (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL,
    before TEXT NOT NULL,
    undone TEXT
);
"""


# v7: alignments of two stored articles, so a story's facts are computed once: keyed by both
# texts' content hashes and the aligner's version (a new aligner never reads an old alignment),
# with a digest of both sentence splits (a new segmenter never reads old sentence numbers).
# Derived data: safe to delete, rebuilt on demand.
_V7 = """
CREATE TABLE alignment_cache (
    a_hash TEXT NOT NULL,
    b_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    split TEXT NOT NULL,
    data TEXT NOT NULL,
    saved TEXT NOT NULL,
    PRIMARY KEY (a_hash, b_hash, version)
) WITHOUT ROWID;
"""


# v8: sentence fingerprints for clustering's boilerplate (``cluster/boilerplate``): how many
# articles carry each sentence, the first few of them, and how many carriers were unrelated to
# those. Derived data like the rest of ``cluster_*``, rebuilt by a full re-cluster (which the new
# clustering features version asks for). The fingerprint is the row id: one B-tree, no index.
_V8 = """
CREATE TABLE cluster_prints (
    print INTEGER PRIMARY KEY,
    articles INTEGER NOT NULL,
    contexts INTEGER NOT NULL,
    sample TEXT NOT NULL
);
"""


# v9: articles stored but not yet put in a story. Written in the transaction that stores the
# article and cleared in the one that places it, so an article whose placing failed (a full disk,
# a crash between the two) is placed by the next add, refresh or re-cluster instead of staying out
# of every story. An existing library starts with the articles no story holds.
_V9 = """
CREATE TABLE unplaced (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO unplaced SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_members);
"""


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    # Statement by statement inside the caller's transaction (executescript would commit first);
    # complete_statement keeps a trigger's BEGIN ... END body, semicolons and all, in one piece.
    def run(conn: sqlite3.Connection) -> None:
        statement = ""
        for piece in sql.split(";"):
            statement += piece + ";"
            if sqlite3.complete_statement(statement):
                if statement.strip(" \n;"):
                    conn.execute(statement)
                statement = ""

    return run


# MIGRATIONS[n] brings a database from version n-1 to version n.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _script(_V1),
    2: _script(_V2),
    3: _script(_V3),
    4: _script(_V4),
    5: _script(_V5),
    6: _script(_V6),
    7: _script(_V7),
    8: _script(_V8),
    9: _script(_V9),
}


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database (0 for an empty database)."""
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply each missing migration in its own transaction; return the version reached."""
    version = current_version(conn)
    while version < target:
        version += 1
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if current_version(conn) >= version:
                conn.execute("COMMIT")
                continue
            MIGRATIONS[version](conn)
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (str(version),),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite rolls back by itself on some errors (a full disk, I/O)
                conn.execute("ROLLBACK")
            raise
    return version
