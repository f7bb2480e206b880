"""Alignments of two stored articles kept in the library, so a story's facts are aligned only once."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime

from newsdiff.core.models import Alignment, AlignStats, Article, Discrepancy, Pair

log = logging.getLogger(__name__)
Aligner = Callable[[Article, Article], Alignment]


def _split(a: Article, b: Article) -> str:
    """A digest of both sentence splits: the stored sentence numbers are valid only for these."""
    digest = hashlib.blake2b(digest_size=8)
    for art in (a, b):
        digest.update("\x1f".join(art.sentence_texts).encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def dump(alignment: Alignment) -> str:
    """An alignment as compact JSON: pairs (kinds, scores, moves, discrepancies) and stats, not word diffs."""
    pairs = [[list(p.a), list(p.b), p.kind, p.score, p.moved, [[d.kind, d.a, d.b] for d in p.discrepancies],
              *([p.basis] if p.basis else [])] for p in alignment.pairs]
    return json.dumps({"pairs": pairs, "stats": asdict(alignment.stats)}, ensure_ascii=False, separators=(",", ":"))


def load(text: str, a: Article, b: Article) -> Alignment:
    """The alignment ``dump`` wrote, on the two articles' sentences (word diffs left empty)."""
    data = json.loads(text)
    pairs = tuple(Pair(tuple(pa), tuple(pb), kind, float(score), bool(moved), (),
                       tuple(Discrepancy(dk, da, db) for dk, da, db in issues), str(basis[0]) if basis else "")
                  for pa, pb, kind, score, moved, issues, *basis in data["pairs"])
    return Alignment(a.sentence_texts, b.sentence_texts, pairs, AlignStats(**data["stats"]))


class AlignmentCache:
    """The ``alignment_cache`` table, keyed by both articles' content hashes and the aligner's version.

    The cache never fails its caller: a row that cannot be read is a miss, and the first write that
    fails (a full disk, a read-only or locked file) logs one warning, kept in ``problem``, and turns
    writing off for the rest of this object's life; the alignments are then simply computed again.
    """

    def __init__(self, conn: sqlite3.Connection, version: str) -> None:
        self.conn, self.version = conn, version
        self.hits = self.misses = 0
        self.problem: str | None = None
        self._wrote = False

    def get(self, a: Article, b: Article) -> Alignment | None:
        try:
            row = self.conn.execute(
                "SELECT split, data FROM alignment_cache WHERE a_hash = ? AND b_hash = ? AND version = ?",
                (a.content_hash, b.content_hash, self.version)).fetchone()
            if row is not None and row[0] == _split(a, b):
                return load(row[1], a, b)
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            pass  # unreadable: align again (and overwrite the row)
        return None

    def put(self, a: Article, b: Article, alignment: Alignment) -> None:
        """Keep one alignment (its own statement: work done survives an interrupted story)."""
        if self.problem is not None:
            return
        saved = datetime.now(UTC).isoformat(timespec="seconds")
        self._write("INSERT OR REPLACE INTO alignment_cache(a_hash, b_hash, version, split, data, saved)"
                    " VALUES (?,?,?,?,?,?)",
                    (a.content_hash, b.content_hash, self.version, _split(a, b), dump(alignment), saved))
        self._wrote = self.problem is None

    def through(self, align: Aligner) -> Aligner:
        """``align`` reading from the cache first and keeping what it computes."""

        def cached(a: Article, b: Article) -> Alignment:
            found = self.get(a, b)
            if found is not None:
                self.hits += 1
                return found
            self.misses += 1
            found = align(a, b)
            self.put(a, b, found)
            return found

        return cached

    def prune(self) -> None:
        """After new rows: drop those of another aligner version or of texts no article has any more."""
        if self._wrote:
            self._write("DELETE FROM alignment_cache WHERE version != ?"
                        " OR a_hash NOT IN (SELECT content_hash FROM articles)"
                        " OR b_hash NOT IN (SELECT content_hash FROM articles)", (self.version,))
            self._wrote = False

    def _write(self, sql: str, args: tuple[str, ...]) -> None:
        try:
            self.conn.execute(sql, args)
        except sqlite3.Error as err:
            self.problem = (f"cannot keep alignments in the library ({err}): "
                            "the facts were computed, and will be computed again next time")
            log.warning("newsdiff: %s", self.problem)
