"""One story as clustering holds it: members, the sum of their vectors, time span, names, languages."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import mul

from newsdiff.core.cluster.features import Doc, cosine, jaccard


@dataclass
class StoryState:
    """A story's members and what scoring needs of them, kept up to date as members come and go."""

    id: str
    members: list[Doc] = field(default_factory=list)
    vectors: list[dict[str, float]] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    lo: int | None = None
    hi: int | None = None
    langs: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # language-neutral name keys (bridge)
    figures: set[str] = field(default_factory=set)  # specific numbers
    flags: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    fixed_id: bool = False  # a story the user pinned an article to keeps its id
    sumsq: float = 0.0  # squared norm of total, kept up to date so scoring never walks the centroid

    def centroid(self) -> dict[str, float]:
        norm = self.sumsq ** 0.5 or 1.0
        return {t: v / norm for t, v in self.total.items()}

    def similarity(self, vec: dict[str, float]) -> float:
        """Cosine of a (normalised) article vector with the centroid, in time of the article's terms."""
        norm = self.sumsq ** 0.5
        if not norm:
            return 0.0
        total = self.total
        common = vec.keys() & total.keys()  # iterated twice in one order: the same sum as a loop, in C
        return float(sum(map(mul, map(vec.__getitem__, common), map(total.__getitem__, common))) / norm)

    def centroid_cosine(self, other: StoryState) -> float:
        norms = (self.sumsq * other.sumsq) ** 0.5
        return cosine(self.total, other.total) / norms if norms else 0.0

    def cohesion(self) -> float | None:
        """Mean cosine of two members (None under two): how tightly the story holds together.

        The members' vectors have unit length, so the squared norm of their sum is the number of
        members plus every cross cosine twice; nothing is walked.
        """
        n = len(self.members)
        return (self.sumsq - n) / (n * (n - 1)) if n > 1 else None

    def event_vectors(self, names: set[str] | frozenset[str] | None = None) -> list[dict[str, float]]:
        """Each member's vector without the story's names (or ``names``), at unit length (empty when
        nothing is left): what each report says happened, for telling two events about the same
        people apart."""
        names = self.entities if names is None else names
        out = []
        for vec in self.vectors:
            rest = {t: v for t, v in vec.items() if t not in names}
            norm = sum(v * v for v in rest.values()) ** 0.5
            out.append({t: v / norm for t, v in rest.items()} if norm else {})
        return out

    def mean_cosine(self, other: StoryState) -> float:
        """Mean cosine of a member of this story with a member of ``other`` (average linkage)."""
        n = len(self.members) * len(other.members)
        return cosine(self.total, other.total) / n if n else 0.0

    def add(self, doc: Doc, vec: dict[str, float]) -> None:
        self.members.append(doc)
        self.vectors.append(vec)
        total = self.total
        for t, v in vec.items():
            old = total.get(t, 0.0)
            total[t] = old + v
            self.sumsq += (old + v) ** 2 - old * old
        if doc.day is not None:
            self.lo = doc.day if self.lo is None else min(self.lo, doc.day)
            self.hi = doc.day if self.hi is None else max(self.hi, doc.day)
        if doc.lang:
            self.langs.add(doc.lang)
        self.entities.update(doc.entities)
        self.names.update(doc.names)
        self.figures.update(doc.figures)

    def remove(self, key: str) -> bool:
        """Take one member out (its text changed or the user moved it); True when it was here."""
        at = next((k for k, d in enumerate(self.members) if d.key == key), None)
        if at is None:
            return False
        del self.members[at]
        vec = self.vectors.pop(at)
        total = self.total
        for t, v in vec.items():
            old = total.get(t, 0.0)
            new = old - v
            if abs(new) < 1e-9:
                total.pop(t, None)
                new = 0.0
            else:
                total[t] = new
            self.sumsq += new * new - old * old
        self.sumsq = max(self.sumsq, 0.0)
        days = [d.day for d in self.members if d.day is not None]
        self.lo, self.hi = (min(days), max(days)) if days else (None, None)
        self.langs = {d.lang for d in self.members if d.lang}
        self.entities = set().union(*(d.entities for d in self.members))
        self.names = set().union(*(d.names for d in self.members))
        self.figures = set().union(*(d.figures for d in self.members))
        self.evidence = [e for e in self.evidence if not e.startswith(key + ": ")]
        return True

    def event_similarity(self, vec: dict[str, float], entities: frozenset[str] | set[str]) -> float:
        """Cosine with the centroid over the terms that are not names: what happened, not who.

        The same people a week apart are often a different event (a second speech, a tariff
        and then its pause); the words and numbers of the event tell them apart.
        """
        names = self.entities | entities
        a = {t: v for t, v in vec.items() if t not in names}
        b = {t: v for t, v in self.total.items() if t not in names}
        na = sum(v * v for v in a.values()) ** 0.5
        nb = sum(v * v for v in b.values()) ** 0.5
        return cosine(a, b) / (na * nb) if na and nb else 0.0

    def ranked(self) -> list[Doc]:
        """Members, the most representative (closest to the centroid) first."""
        centroid = self.centroid()
        pairs = sorted(zip(self.members, self.vectors, strict=True),
                       key=lambda mv: (-cosine(mv[1], centroid), mv[0].key))
        return [d for d, _ in pairs]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went and why."""

    story: str
    score: float
    evidence: str


def _group_sums(vectors: Sequence[dict[str, float]], side: Sequence[int]
                ) -> tuple[list[dict[str, float]], list[int], list[int]]:
    """Per group of ``side`` (0 or 1): the sum of its vectors, its size, and how many are not empty."""
    sums: list[dict[str, float]] = [{}, {}]
    sizes, filled = [0, 0], [0, 0]
    for vec, g in zip(vectors, side, strict=True):
        sizes[g] += 1
        filled[g] += bool(vec)
        acc = sums[g]
        for t, v in vec.items():
            acc[t] = acc.get(t, 0.0) + v
    return sums, sizes, filled


def halves(vectors: Sequence[dict[str, float]], rounds: int = 10, tries: int = 1) -> list[list[int]]:
    """Splits of unit vectors in two groups (0 or 1 each) that hold together better than the whole:
    one for each of the ``tries`` members least like the whole taken as a seed.

    A seed's split starts from it and the member least like it; then each member goes to the group
    whose members it is closer to on average (average linkage, computed through each group's sum
    of vectors, so a round costs one pass over the members), until no member moves. All members in
    one group means no split was found. One seed can settle on a split that mixes two events (a
    report of a deal's completion that recounts its blocking, grouped with the blocking): the
    caller asks for more tries where dates cannot part the events, and keeps the split whose groups
    agree least across.
    """
    n = len(vectors)
    if n < 2:
        return [[0] * n]
    total = _group_sums(vectors, [0] * n)[0][0]
    order = sorted(range(n), key=lambda k: (cosine(vectors[k], total), k))
    out = []
    for a in order[:tries]:
        b = min((k for k in range(n) if k != a), key=lambda k: (cosine(vectors[k], vectors[a]), k))
        side = [0 if cosine(vec, vectors[a]) >= cosine(vec, vectors[b]) else 1 for vec in vectors]
        out.append(_settle(vectors, side, rounds))
    return out


def _settle(vectors: Sequence[dict[str, float]], side: list[int], rounds: int) -> list[int]:
    """Members moved to the group they agree with most, round after round, until none moves."""
    for _ in range(rounds):
        sums, sizes, _ = _group_sums(vectors, side)
        moved = []
        for vec, g in zip(vectors, side, strict=True):
            # Mean cosine with the other members of each group (a member counts 1 with itself).
            mean = [(cosine(vec, sums[h]) - (h == g)) / max(1, sizes[h] - (h == g)) for h in (0, 1)]
            moved.append(0 if mean[0] >= mean[1] else 1)
        if moved == side or len(set(moved)) < 2:
            break
        side = moved
    return side


def agreement(vectors: Sequence[dict[str, float]], side: Sequence[int]) -> tuple[float, float]:
    """(mean cosine across the two groups of ``side``, the lower of the two groups' own mean cosine)
    for unit vectors (an empty vector counts as agreeing with nothing)."""
    sums, sizes, filled = _group_sums(vectors, side)
    own = [(sum(v * v for v in sums[g].values()) - filled[g]) / (sizes[g] * (sizes[g] - 1))
           for g in (0, 1) if sizes[g] > 1]
    cross = cosine(sums[0], sums[1]) / (sizes[0] * sizes[1]) if sizes[0] and sizes[1] else 0.0
    return cross, min(own) if own else 0.0


def story_id(key: str) -> str:
    return "s" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def headline(ranked: Iterable[Doc]) -> str:
    """The most representative headline; pages without one lend the start of their text."""
    ranked = list(ranked)
    return next((d.title for d in ranked if d.title), None) or next((d.lead for d in ranked if d.lead), "")


def reports_in(members: Sequence[Doc], group: Sequence[int]) -> int:
    """How many reports the members ``group`` indexes are, a page and its excerpt or copy counting
    once: a feed's summary, or a page's first paragraphs, beside the page (``EXCERPT_SHARE`` of the
    shorter one's word 5-grams in the longer). Groups of more than ``EXCERPT_GROUP`` members are not
    read (they are more than two reports however many copies they hold)."""
    if len(group) > EXCERPT_GROUP:
        return len(group)
    kept: list[set[int]] = []
    for k in sorted(group, key=lambda k: -len(members[k].shingles)):
        grams = set(members[k].shingles)
        if not any(len(grams & longer) >= EXCERPT_SHARE * len(grams) for longer in kept if grams):
            kept.append(grams)
    return len(kept)


EXCERPT_SHARE = 0.8
EXCERPT_GROUP = 3


def copy_links(members: Sequence[Doc], threshold: float) -> tuple[tuple[str, str], ...]:
    """(copy, original) for each member that repeats an earlier one's word 5-grams."""
    ordered = sorted(members, key=lambda d: (d.day if d.day is not None else 10**9, d.key))
    links: list[tuple[str, str]] = []
    for k, doc in enumerate(ordered):
        for original in ordered[:k]:
            if jaccard(doc.shingles, original.shingles) >= threshold:
                links.append((doc.key, original.key))
                break
    return tuple(links)
