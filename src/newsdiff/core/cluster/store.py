"""The clustering state kept in the library, so one new article finds its story without a re-cluster.

``LibraryStoryIndex`` runs the same algorithm as the in-memory ``StoryIndex`` (it overrides only
the storage hooks) over tables of the library: term frequencies (``cluster_terms``), story
centroids and spans (``cluster_stories``), the candidate index (``cluster_postings``), each
article's clustering view (``cluster_docs``) and the sentence statistics that tell boilerplate
(``cluster_prints``); membership is the library's ``story_members``.
Adding an article reads the few candidate stories it shares terms with, whatever the size of
the library. Everything here is derived data: ``persist`` writes it after a full re-cluster.
"""

from __future__ import annotations

import hashlib
import marshal
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TypeVar

from newsdiff.core.cluster.boilerplate import PrintStat, key_terms
from newsdiff.core.cluster.bridge import index_keys
from newsdiff.core.cluster.features import FEATURES_VERSION, Doc, make_doc, top_terms
from newsdiff.core.cluster.index import ClusterOptions, StoryIndex, candidate_terms
from newsdiff.core.cluster.story import Assignment, StoryState, copy_links, headline, story_id
from newsdiff.core.models import Article

_T = TypeVar("_T")
_MARSHAL_VERSION = 4  # stable since Python 3.4; pinned so a newer Python writes what an older reads


def fingerprint(options: ClusterOptions) -> str:
    """Changes when the features or thresholds change, which makes the stored state stale."""
    return hashlib.sha1(f"{FEATURES_VERSION}|{options!r}".encode()).hexdigest()[:12]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set_meta(conn: sqlite3.Connection, key: str, value: object) -> None:
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                 (key, str(value)))


def _lines(items: Iterable[str]) -> str:
    return "\n".join(sorted(items))


def _unlines(text: str) -> set[str]:
    return set(text.split("\n")) if text else set()


def _chunks(items: list[_T], size: int = 500) -> Iterable[list[_T]]:
    for k in range(0, len(items), size):
        yield items[k:k + size]


class LibraryStoryIndex(StoryIndex):
    """The library's stories as a StoryIndex; call inside a library transaction, then ``flush``."""

    def __init__(self, conn: sqlite3.Connection, options: ClusterOptions | None = None) -> None:
        super().__init__(options)
        self.conn = conn
        self.n_docs = int(_get_meta(conn, "cluster.n_docs") or 0)
        self._full: set[str] = set()  # stories loaded with every member (and so free to change)
        self._dropped: set[str] = set()

    # -- state -------------------------------------------------------------------------

    @staticmethod
    def is_current(conn: sqlite3.Connection, options: ClusterOptions | None = None) -> bool:
        """True when the stored state was written by these features and thresholds."""
        return _get_meta(conn, "cluster.version") == fingerprint(options or ClusterOptions())

    @staticmethod
    def adds_since_rebuild(conn: sqlite3.Connection) -> tuple[int, int]:
        """(articles placed one by one since the last full re-cluster, library size at that re-cluster)."""
        return int(_get_meta(conn, "cluster.adds") or 0), int(_get_meta(conn, "cluster.rebuilt_size") or 0)

    @staticmethod
    def dirty(conn: sqlite3.Connection) -> list[str]:
        """Stories whose membership changed outside the clustering (a user's move, a deleted article)."""
        return [r[0] for r in conn.execute("SELECT story_id FROM cluster_dirty ORDER BY story_id")]

    # -- storage hooks -------------------------------------------------------------------

    def story(self, sid: str, members: bool = False) -> StoryState | None:
        story = self.stories.get(sid)
        if story is None and sid not in self._dropped:
            self._load_many([sid])
            story = self.stories.get(sid)
        if story is not None and members and sid not in self._full:
            self._load_members(story)
        return story

    def _all_stories(self, limit: int) -> list[str] | None:
        stored = [r[0] for r in self.conn.execute("SELECT id FROM cluster_stories LIMIT ?", (limit + 1,))]
        if len(stored) > limit:
            return None
        every = (set(stored) | set(self.stories)) - self._dropped
        return sorted(every) if len(every) <= limit else None

    def _load_many(self, sids: list[str]) -> None:
        """Read the stories not yet in memory, two queries for all of them."""
        wanted = [sid for sid in sids if sid not in self.stories and sid not in self._dropped]
        if not wanted:
            return
        marks = ",".join("?" * len(wanted))
        fixed = {r[0] for r in self.conn.execute(
            f"SELECT DISTINCT story_id FROM story_members WHERE pinned AND story_id IN ({marks})", wanted)}
        for row in self.conn.execute(f"SELECT * FROM cluster_stories WHERE id IN ({marks})", wanted):
            self.stories[row["id"]] = StoryState(
                row["id"], total=marshal.loads(row["total"]), lo=row["lo"], hi=row["hi"],
                langs=_unlines(row["langs"]), entities=_unlines(row["entities"]), names=_unlines(row["names"]),
                figures=_unlines(row["figures"]), flags=_unlines(row["flags"]), fixed_id=row["id"] in fixed,
                sumsq=row["sumsq"])

    def _load_members(self, story: StoryState) -> None:
        rows = self.conn.execute(
            "SELECT d.*, m.evidence FROM story_members m JOIN cluster_docs d ON d.article_id = m.article_id"
            " WHERE m.story_id = ? ORDER BY d.article_id", (story.id,)).fetchall()
        story.members = [_doc(row) for row in rows]
        story.vectors = [marshal.loads(row["vec"]) for row in rows]
        story.evidence = [f"{row['article_id']}: {row['evidence']}" for row in rows if row["evidence"]]
        self._full.add(story.id)

    def _frequencies(self, doc: Doc, copy: bool = False) -> tuple[Mapping[str, int], int]:
        terms = sorted(doc.terms)
        df: dict[str, int] = {}
        for chunk in _chunks(terms):
            marks = ",".join("?" * len(chunk))
            df.update(self.conn.execute(f"SELECT term, df FROM cluster_terms WHERE term IN ({marks})", chunk))
        if copy:
            return df, self.n_docs
        self.conn.executemany("INSERT INTO cluster_terms(term, df) VALUES (?, 1)"
                              " ON CONFLICT(term) DO UPDATE SET df = df + 1", ((t,) for t in terms))
        self.n_docs += 1
        return {t: df.get(t, 0) + 1 for t in terms}, self.n_docs

    def _print_stats(self, prints: Sequence[int]) -> dict[int, PrintStat]:
        stats = {fp: PrintStat() for fp in prints}
        for chunk in _chunks(list(prints)):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                    f"SELECT print, articles, contexts, sample FROM cluster_prints WHERE print IN ({marks})", chunk):
                stats[row[0]] = PrintStat(row[1], row[2], row[3].split("\n") if row[3] else [])
        return stats

    def _keys_of(self, keys: set[str]) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for chunk in _chunks(sorted(keys)):
            marks = ",".join("?" * len(chunk))
            out.update((r[0], key_terms(marshal.loads(r[1]))) for r in self.conn.execute(
                f"SELECT article_id, vec FROM cluster_docs WHERE article_id IN ({marks})", chunk))
        return out

    def _counted(self, key: str, terms: tuple[str, ...], stats: Mapping[int, PrintStat]) -> None:
        # The key terms need no keeping: a sampled article's are read back from its stored vector.
        self.conn.executemany(_PRINT_INSERT, (_print_row(fp, s) for fp, s in stats.items()))

    def _new_story(self, sid: str, fixed: bool) -> StoryState:
        while not fixed and (sid in self.stories or self.conn.execute(
                "SELECT 1 FROM stories WHERE id = ?", (sid,)).fetchone()):
            sid = story_id(sid)  # an id from an earlier story of this key is still in use
        story = StoryState(sid, fixed_id=fixed)
        self.stories[sid] = story
        self._full.add(sid)
        self._dropped.discard(sid)
        return story

    def _drop(self, sid: str) -> None:
        """Forget a story's state at once, so that it is never a candidate again."""
        self.stories.pop(sid, None)
        self._full.discard(sid)
        self._dropped.add(sid)
        terms = [r[0] for r in self.conn.execute("SELECT term FROM cluster_postings WHERE story_id = ?", (sid,))]
        self.conn.executemany("UPDATE cluster_terms SET stories = stories - 1 WHERE term = ?", ((t,) for t in terms))
        self.conn.execute("DELETE FROM cluster_postings WHERE story_id = ?", (sid,))
        self.conn.execute("DELETE FROM cluster_stories WHERE id = ?", (sid,))

    def _index_terms(self, story: StoryState, terms: Iterable[str]) -> None:
        terms = sorted(set(terms))
        if not terms:
            return
        marks = ",".join("?" * len(terms))
        known = {r[0] for r in self.conn.execute(
            f"SELECT term FROM cluster_postings WHERE story_id = ? AND term IN ({marks})", (story.id, *terms))}
        new = [t for t in terms if t not in known]
        self.conn.executemany("INSERT INTO cluster_postings(term, story_id) VALUES (?, ?)",
                              ((t, story.id) for t in new))
        self.conn.executemany("INSERT INTO cluster_terms(term, stories) VALUES (?, 1)"
                              " ON CONFLICT(term) DO UPDATE SET stories = stories + 1", ((t,) for t in new))

    def _held(self, terms: Sequence[str]) -> list[tuple[str, int]]:
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        return [(r[0], r[1]) for r in self.conn.execute(
            f"SELECT term, stories FROM cluster_terms WHERE term IN ({marks})", list(terms))]

    def _candidates_for(self, terms: Sequence[str], day: int | None = None) -> list[str]:
        usable = candidate_terms(self._held(terms), self.options)
        if not usable:
            return []
        marks = ",".join("?" * len(usable))
        window = self.options.window_days
        rows = self.conn.execute(
            "SELECT p.story_id, count(*) AS n FROM cluster_postings p JOIN cluster_stories s ON s.id = p.story_id"
            f" WHERE p.term IN ({marks}) AND (? IS NULL OR s.lo IS NULL OR ? BETWEEN s.lo - ? AND s.hi + ?)"
            " GROUP BY p.story_id ORDER BY n DESC, p.story_id LIMIT ?",
            (*usable, day, day, window, window, self.options.max_candidates)).fetchall()
        found = sorted(r[0] for r in rows)
        self._load_many(found)  # they are about to be scored: read them in one go
        return found

    def add(self, doc: Doc, pinned: str | None = None) -> Assignment:
        assignment = super().add(doc, pinned)
        self._write_state(self.stories[assignment.story])
        return assignment

    def merge_into(self, story: StoryState, other: StoryState, score: float, why: str | None = None) -> None:
        super().merge_into(story, other, score, why)
        self._write_state(story)

    def split_off(self, story: StoryState) -> StoryState | None:
        new = super().split_off(story)
        if new is not None:
            self._write_state(story)
            self._write_state(new)
        return new

    def _write_state(self, story: StoryState) -> None:
        """The centroid and span of a story, written as soon as they change: the candidate query reads them."""
        self.conn.execute(_STATE_INSERT, _state_row(story.id, story))

    # -- the library's operations ------------------------------------------------------------

    def place(self, article_id: str, article: Article, pinned: str | None = None) -> str:
        """Put a new or changed article in a story; returns the story id."""
        row = self.conn.execute("SELECT story_id, pinned FROM story_members WHERE article_id = ?",
                                (article_id,)).fetchone()
        if row is not None:
            old = self.story(row["story_id"], members=True)
            if old is not None and old.remove(article_id):
                if old.members:
                    self._write_state(old)
                else:
                    self._drop(old.id)
            if row["pinned"] and pinned is None:
                pinned = row["story_id"]  # the user's choice holds for a new version of the text
        doc = make_doc(article_id, article)
        assignment = self.add(doc, pinned)
        story = self.stories[assignment.story]
        self.conn.execute(_DOC_INSERT, _doc_row(doc, story.vectors[-1]))
        return story.id

    def resync(self, story_ids: Iterable[str]) -> None:
        """Rebuild these stories' state from their current members (after the user moved articles)."""
        for sid in sorted(set(story_ids)):
            self.stories.pop(sid, None)
            self._full.discard(sid)
            story = StoryState(sid)
            self._load_members(story)
            count = self.conn.execute("SELECT count(*) FROM story_members WHERE story_id = ?", (sid,)).fetchone()[0]
            if count != len(story.members):  # a member the clustering never saw: only a re-cluster can place it
                _set_meta(self.conn, "cluster.version", "stale")
            members, vectors = story.members, story.vectors
            story.members, story.vectors = [], []
            for doc, vec in zip(members, vectors, strict=True):
                story.add(doc, vec)
            story.fixed_id = self.conn.execute(
                "SELECT 1 FROM story_members WHERE story_id = ? AND pinned LIMIT 1", (sid,)).fetchone() is not None
            self.stories[sid] = story
            self._dropped.discard(sid)
            if not story.members:
                self._drop(sid)
            else:
                self._write_state(story)
                self._reindex_whole(story)

    def flush(self, adds: int = 0) -> None:
        """Write every changed story's title and members (copy links, evidence); forget emptied stories."""
        for sid in sorted(self._full):
            self._write_members(self.stories[sid])
        for sid in sorted(self._dropped):
            if self.conn.execute("SELECT 1 FROM story_members WHERE story_id = ? LIMIT 1", (sid,)).fetchone() is None:
                self.conn.execute("DELETE FROM stories WHERE id = ?", (sid,))
        # What this index wrote itself is consistent: only other paths' changes stay marked.
        self.conn.executemany("DELETE FROM cluster_dirty WHERE story_id = ?",
                              ((sid,) for sid in sorted(self._full | self._dropped)))
        _set_meta(self.conn, "cluster.n_docs", self.n_docs)
        done, _ = self.adds_since_rebuild(self.conn)
        _set_meta(self.conn, "cluster.adds", done + adds)
        self._full.clear()
        self._dropped.clear()
        self.stories.clear()

    def _write_members(self, story: StoryState) -> None:
        self.conn.execute("INSERT INTO stories(id, title, updated) VALUES (?,?,?)"
                          " ON CONFLICT(id) DO UPDATE SET title=excluded.title, updated=excluded.updated",
                          (story.id, headline(story.ranked()), _now()))
        copies = dict(copy_links(story.members, self.options.copy_jaccard))
        why = dict(e.split(": ", 1) for e in story.evidence if ": " in e)
        self.conn.executemany(
            "INSERT INTO story_members(article_id, story_id, copy_of, evidence) VALUES (?,?,?,?)"
            " ON CONFLICT(article_id) DO UPDATE SET story_id=excluded.story_id, copy_of=excluded.copy_of,"
            " evidence=excluded.evidence",
            ((d.key, story.id, copies.get(d.key), why.get(d.key)) for d in story.members))


def _doc(row: sqlite3.Row) -> Doc:
    shingles: array[int] = array("I")
    shingles.frombytes(row["shingles"])
    return Doc(row["article_id"], row["title"], row["lead"], {}, frozenset(_unlines(row["entities"])), shingles,
               frozenset(_unlines(row["names"])), frozenset(_unlines(row["figures"])), row["day"], row["lang"],
               row["outlet"])


_DOC_INSERT = ("INSERT OR REPLACE INTO cluster_docs(article_id, title, lead, day, lang, outlet, entities, names,"
               " figures, vec, shingles) VALUES (?,?,?,?,?,?,?,?,?,?,?)")


def _doc_row(doc: Doc, vec: dict[str, float]) -> tuple[object, ...]:
    return (doc.key, doc.title, doc.lead, doc.day, doc.lang, doc.outlet, _lines(doc.entities), _lines(doc.names),
            _lines(doc.figures), marshal.dumps(vec, _MARSHAL_VERSION), doc.shingles.tobytes())


_PRINT_INSERT = "INSERT OR REPLACE INTO cluster_prints(print, articles, contexts, sample) VALUES (?,?,?,?)"


def _print_row(fp: int, stat: PrintStat) -> tuple[object, ...]:
    return (fp, stat.articles, stat.contexts, "\n".join(stat.sample))


_STATE_INSERT = ("INSERT OR REPLACE INTO cluster_stories(id, total, sumsq, lo, hi, langs, entities, names, figures,"
                 " flags) VALUES (?,?,?,?,?,?,?,?,?,?)")


def _state_row(sid: str, story: StoryState) -> tuple[object, ...]:
    return (sid, marshal.dumps(story.total, _MARSHAL_VERSION), story.sumsq, story.lo, story.hi, _lines(story.langs),
            _lines(story.entities), _lines(story.names), _lines(story.figures), _lines(story.flags))


def persist(conn: sqlite3.Connection, index: StoryIndex, ids: Mapping[str, str], library_size: int) -> None:
    """Write a batch index's whole state (``ids``: its story ids -> the library's story ids)."""
    for table in ("cluster_postings", "cluster_stories", "cluster_docs", "cluster_terms", "cluster_prints"):
        conn.execute(f"DELETE FROM {table}")
    postings: set[tuple[str, str]] = set()
    for internal, story in index.stories.items():
        sid = ids[internal]
        conn.execute(_STATE_INSERT, _state_row(sid, story))
        for vec in (*story.vectors, story.centroid()):
            postings.update((t, sid) for t in top_terms(vec, index.options.index_terms))
        for doc in story.members:
            postings.update((t, sid) for t in index_keys(doc.names, doc.figures))
        conn.executemany(_DOC_INSERT, (_doc_row(d, v) for d, v in zip(story.members, story.vectors, strict=True)))
    conn.executemany("INSERT INTO cluster_postings(term, story_id) VALUES (?, ?)", sorted(postings))
    # The batch kept statistics for the sentences it saw more than once; each other sentence has
    # one carrier, its first context and sample (written as they come: most sentences are these).
    conn.executemany(_PRINT_INSERT, (_print_row(fp, s) for fp, s in index.prints.items()))
    conn.executemany(_PRINT_INSERT, ((fp, 1, 1, doc.key) for story in index.stories.values()
                                     for doc in story.members for fp in doc.prints if fp not in index.prints))
    stories = Counter(t for t, _ in postings)
    conn.executemany("INSERT INTO cluster_terms(term, df, stories) VALUES (?, ?, ?)",
                     ((t, index.df.get(t, 0), stories.get(t, 0)) for t in sorted(set(index.df) | set(stories))))
    _set_meta(conn, "cluster.version", fingerprint(index.options))
    _set_meta(conn, "cluster.n_docs", index.n_docs)
    _set_meta(conn, "cluster.adds", 0)
    _set_meta(conn, "cluster.rebuilt_size", library_size)
    conn.execute("DELETE FROM cluster_dirty")  # the story rows written with this state fired the triggers
