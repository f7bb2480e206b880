"""Group articles from many outlets into stories, in batches or one article at a time.

Each article joins the story whose centroid it is most similar to (cosine of rarity-weighted
terms), when that is above a threshold and the dates are close; otherwise it starts a story.
Candidates come from an inverted index over each story's top terms, so adding an article
costs about the same at 100 articles or 100,000. A merge pass then joins stories that the
order of arrival split. Dates keep apart different events about the same people; another
language needs a much higher score to join. Decisions carry their evidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from newsdiff.core.cluster_features import Doc, cosine, jaccard, make_doc, top_terms, vectorise
from newsdiff.core.models import Article, Cluster


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Thresholds of story clustering (measured on the shared dev set and the demo gold)."""

    join: float = 0.16  # cosine to a story's centroid for an article to join it
    merge: float = 0.30  # centroid cosine for two stories to merge
    max_days: int = 2  # articles further apart than this (when both dated) are likely different events
    join_far: float = 0.45  # ...and then need this much to join (page dates are often wrong)
    event_far: float = 0.30  # ...and this much agreement on what happened, names left out
    event_near: float = 0.1  # the same agreement asked of articles close in time (or undated)
    other_language_join: float = 0.75  # an article in another language needs this much to join
    copy_jaccard: float = 0.5  # shared word 5-grams for a near-duplicate copy
    index_terms: int = 15  # top terms of a story (and an article) used to find candidates
    max_postings: int = 2000  # index terms held by more stories than this are not used for candidates
    read_postings: int = 3000  # postings read per article at most, rarest terms first (bounds the cost of an add)
    max_candidates: int = 60  # stories scored per article (those sharing the most top terms)
    window_days: int = 30  # stories further apart in time than this are never candidates


@dataclass
class _Story:
    id: str
    members: list[Doc] = field(default_factory=list)
    vectors: list[dict[str, float]] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    lo: int | None = None
    hi: int | None = None
    langs: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
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
        return float(sum(v * total.get(t, 0.0) for t, v in vec.items()) / norm)

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


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went and why."""

    story: str
    score: float
    evidence: str


_NO_TERMS: dict[str, float] = {}  # shared, never written to


def _story_id(key: str) -> str:
    return "s" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


class StoryIndex:
    """Stories with an inverted index over their top terms; add articles one at a time.

    This one keeps everything in memory (a batch, ``newsdiff cluster``); the library's index in
    ``cluster_store`` keeps the same state in SQLite and overrides the storage hooks below.
    """

    def __init__(self, options: ClusterOptions | None = None, df: Mapping[str, int] | None = None,
                 n_docs: int = 0) -> None:
        self.options = options or ClusterOptions()
        self.df: dict[str, int] = dict(df or {})
        self.n_docs = n_docs
        self.stories: dict[str, _Story] = {}
        self.index: dict[str, set[str]] = {}
        self._learn_df = df is None  # batch mode passes corpus-wide frequencies up front

    # -- storage hooks -------------------------------------------------------------

    def story(self, sid: str, members: bool = False) -> _Story | None:
        """A story by id (``members``: its member list must be complete, to change it)."""
        return self.stories.get(sid)

    def _frequencies(self, doc: Doc) -> tuple[Mapping[str, int], int]:
        """Document frequencies for ``doc``'s terms and the number of documents, after learning it."""
        if self._learn_df:
            self.n_docs += 1
            for t in doc.terms:
                self.df[t] = self.df.get(t, 0) + 1
        return self.df, self.n_docs

    def _new_story(self, sid: str, fixed: bool) -> _Story:
        return self.stories.setdefault(sid, _Story(sid, fixed_id=fixed))

    def _drop(self, sid: str) -> None:
        del self.stories[sid]

    def _reindex(self, story: _Story, vec: dict[str, float] | None = None) -> None:
        """Index a story under its newest member's top terms (or, after a merge, its centroid's)."""
        for t in top_terms(vec if vec is not None else story.centroid(), self.options.index_terms):
            self.index.setdefault(t, set()).add(story.id)

    def _candidates(self, vec: dict[str, float], day: int | None = None) -> list[str]:
        """Stories sharing top terms with ``vec`` (most shared first, at most max_candidates),
        leaving out those further than the hard time window from ``day``."""
        counts: dict[str, int] = {}
        held = [(t, len(self.index[t])) for t in top_terms(vec, self.options.index_terms) if t in self.index]
        for t in candidate_terms(held, self.options):
            for sid in self.index[t]:
                counts[sid] = counts.get(sid, 0) + 1
        window = self.options.window_days
        if day is not None:
            counts = {sid: n for sid, n in counts.items() if (story := self.stories.get(sid)) is not None
                      and (story.lo is None or story.hi is None
                           or story.lo - window <= day <= story.hi + window)}
        ranked = sorted(counts, key=lambda sid: (-counts[sid], sid))
        return sorted(ranked[:self.options.max_candidates])

    # -- the algorithm ---------------------------------------------------------------

    def _dates_fit(self, story: _Story, day: int | None) -> bool:
        if day is None or story.lo is None or story.hi is None:
            return True
        return story.lo - self.options.max_days <= day <= story.hi + self.options.max_days

    def vectorise(self, doc: Doc) -> dict[str, float]:
        df, n_docs = self._frequencies(doc)
        return vectorise(doc, df, max(n_docs, 1))

    def best(self, doc: Doc, vec: dict[str, float]) -> tuple[_Story | None, float]:
        """The story this article fits best (above the thresholds), with its score."""
        best: tuple[_Story | None, float] = (None, 0.0)
        for sid in self._candidates(vec, doc.day):
            story = self.story(sid)
            if story is None:  # merged into another story since it was indexed
                continue
            score = story.similarity(vec)
            other_language = bool(doc.lang and story.langs and doc.lang not in story.langs)
            need = self.options.other_language_join if other_language else self.options.join
            far = not self._dates_fit(story, doc.day)
            if far:
                need = max(need, self.options.join_far)
            if score >= need and score > best[1]:
                floor = self.options.event_far if far else self.options.event_near
                if floor and story.event_similarity(vec, doc.entities) < floor:
                    continue
                best = (story, score)
        return best

    def add(self, doc: Doc, pinned: str | None = None) -> Assignment:
        """Put ``doc`` in its best story, a pinned one, or a new one."""
        vec = self.vectorise(doc)
        story: _Story | None
        if pinned is not None and (held := self.story(pinned, members=True)) is not None:
            story, score = held, 1.0
        else:
            found, score = self.best(doc, vec)
            story = self.story(found.id, members=True) if found is not None else None
        if story is None:
            story = self._new_story(pinned or _story_id(doc.key), pinned is not None)
            score, why = 1.0, "starts the story"
        else:
            shared = [t for t in top_terms(vec, 30) if t in story.total][:6]
            why = f"score {score:.2f}; shared: {', '.join(shared)}"
            if doc.lang and story.langs and doc.lang not in story.langs:
                story.flags.add("mixed-language")
        story.add(replace(doc, terms=_NO_TERMS), vec)  # the raw counts are not needed again: keep memory flat
        story.evidence.append(f"{doc.key}: {why}")
        self._reindex(story, vec)
        if len(story.members) & (len(story.members) - 1) == 0:  # at sizes 2, 4, 8...: the centroid's terms too
            self._reindex(story)
        return Assignment(story.id, score, why)

    def merge_score(self, story: _Story, other: _Story) -> float | None:
        """Centroid cosine of two stories when they should become one, else None."""
        if story.langs and other.langs and not story.langs & other.langs:
            return None
        if story.fixed_id or other.fixed_id:
            # A story the user shaped (moved, split or merged articles) takes new articles one by
            # one but is never merged wholesale: one moved article would otherwise pull its old
            # story in after it.
            return None
        dates_fit = story.lo is None or other.lo is None or (
            self._dates_fit(story, other.lo) and self._dates_fit(story, other.hi))
        need = self.options.merge if dates_fit else max(self.options.merge, self.options.join_far)
        norms = (story.sumsq * other.sumsq) ** 0.5
        score = cosine(story.total, other.total) / norms if norms else 0.0  # the centroids' cosine
        if score < need:
            return None
        floor = self.options.event_near if dates_fit else self.options.event_far
        if floor and story.event_similarity(other.total, other.entities) < floor:
            return None
        return score

    def merge_into(self, story: _Story, other: _Story, score: float) -> None:
        """Move every member of ``other`` into ``story`` and forget ``other``."""
        for doc, vec in zip(other.members, other.vectors, strict=True):
            story.add(doc, vec)
        story.evidence += [*other.evidence, f"merged with {other.id}: centroid score {score:.2f}"]
        story.flags |= other.flags
        self._drop(other.id)

    def merge_pass(self, ids: Iterable[str] | None = None) -> int:
        """Join stories (all, or those in ``ids``) with others whose centroids agree; returns how many merges."""
        merges = 0
        for sid in sorted(self.stories if ids is None else set(ids)):
            story = self.story(sid)
            if story is None:
                continue
            for other_id in self._candidates(story.centroid()):
                other = None if other_id == sid else self.story(other_id)
                if other is None or (score := self.merge_score(story, other)) is None:
                    continue
                story = self.story(story.id, members=True) or story
                other = self.story(other.id, members=True) or other
                self.merge_into(story, other, score)
                merges += 1
            if (survivor := self.story(sid)) is not None:
                self._reindex(survivor)
        return merges

    def clusters(self) -> list[Cluster]:
        """The stories as Cluster records, members in a stable order, copies detected."""
        out = [self.cluster_of(story) for story in self.stories.values()]
        return sorted(out, key=lambda c: c.members[0])

    def cluster_of(self, story: _Story) -> Cluster:
        centroid = story.centroid()
        ranked = sorted(zip(story.members, story.vectors, strict=True),
                        key=lambda mv: (-cosine(mv[1], centroid), mv[0].key))
        members = sorted(d.key for d in story.members)
        return Cluster(
            id=story.id if story.fixed_id else _story_id(members[0]), title=_headline(d for d, _ in ranked),
            members=tuple(members),
            copies=_copies(story.members, self.options.copy_jaccard),
            evidence=tuple(story.evidence), flags=tuple(sorted(story.flags)),
        )


def candidate_terms(held: Iterable[tuple[str, int]], options: ClusterOptions) -> list[str]:
    """Of (term, stories indexed under it), those whose stories are candidates: rarest first, within
    the read budget. A term shared by very many stories says little and would make every add
    slow; the rare terms (names, places, numbers) are the ones that find the story."""
    out: list[str] = []
    read = 0
    for term, n in sorted((h for h in held if 0 < h[1] <= options.max_postings), key=lambda h: (h[1], h[0])):
        if out and read + n > options.read_postings:
            break
        out.append(term)
        read += n
    return out


def _headline(ranked: Iterable[Doc]) -> str:
    """The most representative headline; pages without one lend the start of their text."""
    ranked = list(ranked)
    return next((d.title for d in ranked if d.title), None) or next((d.lead for d in ranked if d.lead), "")


def _copies(members: Sequence[Doc], threshold: float) -> tuple[tuple[str, str], ...]:
    ordered = sorted(members, key=lambda d: (d.day if d.day is not None else 10**9, d.key))
    links: list[tuple[str, str]] = []
    for k, doc in enumerate(ordered):
        for original in ordered[:k]:
            if jaccard(doc.shingles, original.shingles) >= threshold:
                links.append((doc.key, original.key))
                break
    return tuple(links)


def build_index(items: Iterable[tuple[str, Article]], options: ClusterOptions | None = None,
                on_progress: Callable[[int, int], None] | None = None,
                pinned: Mapping[str, str] | None = None) -> StoryIndex:
    """Cluster keyed articles in one batch; the index holds the stories (see ``clusters``).

    ``items`` may be a generator: each article is reduced to its Doc as it comes, so a large
    library never holds every body in memory at once. A key given twice is one input (the last).
    """
    docs = list({key: make_doc(key, art) for key, art in items}.values())
    df: dict[str, int] = {}
    for doc in docs:
        for t in doc.terms:
            df[t] = df.get(t, 0) + 1
    index = StoryIndex(options, df, len(docs))
    # Oldest first, ties by headline (then key): the result depends neither on the order of the
    # inputs nor on where the files live.
    order = sorted(docs, key=lambda d: (d.day if d.day is not None else 10**9,
                                        hashlib.sha1(d.title.encode()).hexdigest(), d.key),
                   reverse=True)
    del docs
    total = len(order)
    while order:  # popping lets each full Doc go as soon as the index holds its slim copy
        doc = order.pop()
        index.add(doc, (pinned or {}).get(doc.key))
        if on_progress:
            on_progress(total - len(order), total)
    while index.merge_pass():
        pass
    return index


def cluster_articles(items: Sequence[tuple[str, Article]], options: ClusterOptions | None = None,
                     on_progress: Callable[[int, int], None] | None = None,
                     pinned: Mapping[str, str] | None = None) -> list[Cluster]:
    """Group keyed articles into stories; every key lands in exactly one cluster."""
    return build_index(items, options, on_progress, pinned).clusters()
