"""Frozen domain records shared by every stage: articles, sentences, alignments, stories."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal
from urllib.parse import urlsplit

PairKind = Literal["identical", "edited", "paraphrase", "partial"]
PAIR_KINDS: tuple[PairKind, ...] = ("identical", "edited", "paraphrase", "partial")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article body; ``body[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: metadata, the body a reader would call the article, its sentences."""

    title: str
    body: str
    sentences: tuple[Sentence, ...] = ()
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO-8601 date or datetime
    lang: str | None = None
    dateline: str | None = None
    url: str | None = None
    path: str | None = None
    source_format: str = "text"  # "text" | "html" | "feed"
    warnings: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        """Stable identity of the cleaned text (title + body), independent of where it came from."""
        digest = hashlib.sha256()
        digest.update(self.title.encode("utf-8"))
        digest.update(b"\0")
        digest.update(self.body.encode("utf-8"))
        return digest.hexdigest()

    @property
    def sentence_texts(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.sentences)

    def source(self) -> str | None:
        """What the report is called: its outlet, else its site, else its file (``story__outlet.txt``,
        as the demo corpus names them, gives the outlet part); None when nothing names it."""
        if self.outlet:
            return self.outlet
        host = urlsplit(self.url).hostname if self.url else None
        if host:
            return host.removeprefix("www.")
        if self.path:
            stem = PurePath(self.path.replace("\\", "/")).stem
            return stem.rsplit("__", 1)[-1] or stem
        return None

    def shown_title(self, width: int = 48) -> str:
        """The headline; a page without one is named by how it opens, as the story list names it
        ("(no headline) Microsoft has just filed a notice with the US…"), and one without text
        "(untitled)"."""
        if self.title:
            return self.title
        lead = self.sentences[0].text if self.sentences else ""
        return f"(no headline) {lead[:width]}{'…' if len(lead) > width else ''}" if lead else "(untitled)"


@dataclass(frozen=True, slots=True)
class WordOp:
    """One step of a word-level diff: op is equal, insert, delete or replace."""

    op: Literal["equal", "insert", "delete", "replace"]
    a: str  # the A-side words (space-joined), "" for insert
    b: str  # the B-side words, "" for delete


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A quote or number that differs between the two sides of a pair."""

    kind: Literal["trimmed quote", "altered quote", "number"]
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Pair:
    """Sentences of A and of B that say the same thing (in whole or, for partial, in part)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: PairKind
    score: float
    moved: bool = False
    diff: tuple[WordOp, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    # Why a pair the pairing model rates low is a pair all the same ("same count of dockworkers": the
    # only count of them in each report); empty for the rest.
    basis: str = ""


@dataclass(frozen=True, slots=True)
class AlignStats:
    """Article-level figures of an alignment."""

    coverage_a: float  # share of A's characters in some pair
    coverage_b: float
    kinds: dict[str, int] = field(default_factory=dict)
    moved: int = 0
    quote_discrepancies: int = 0
    number_discrepancies: int = 0
    same_wire_copy: bool = False
    unrelated: bool = False


@dataclass(frozen=True, slots=True)
class Alignment:
    """The pairs linking the sentences of two texts; unpaired sentences are unique to their side."""

    a: tuple[str, ...]
    b: tuple[str, ...]
    pairs: tuple[Pair, ...]
    stats: AlignStats

    @property
    def unique_a(self) -> tuple[int, ...]:
        used = {i for p in self.pairs for i in p.a}
        return tuple(i for i in range(len(self.a)) if i not in used)

    @property
    def unique_b(self) -> tuple[int, ...]:
        used = {i for p in self.pairs for i in p.b}
        return tuple(i for i in range(len(self.b)) if i not in used)


@dataclass(frozen=True, slots=True)
class Cluster:
    """A group of inputs judged to report the same story."""

    id: str
    title: str
    members: tuple[str, ...]  # caller's keys (paths or article ids), in a stable order
    copies: tuple[tuple[str, str], ...] = ()  # (copy, original) near-duplicate links
    evidence: tuple[str, ...] = ()  # human-readable reasons: shared terms and scores
    flags: tuple[str, ...] = ()  # e.g. "mixed-language"
