"""Sentences a library repeats across unrelated articles (a site's footer, a stock background paragraph).

Such a sentence glues together every story it is printed under, so it weighs nothing in
clustering, and ``StoryIndex.boilerplate`` tells the cleaner which sentences they are.

How often a sentence recurs does not tell boilerplate from wire copy: ten outlets reprinting one
agency report repeat each of its sentences ten times, and those repeats are what should hold the
story together. What tells them apart is whether the articles carrying the sentence have anything
else in common. So each sentence (by fingerprint, ``features.sentence_print``) keeps how many
articles carry it, the first few of them (``SAMPLE``), and how many of its carriers were
*unrelated* to all of that sample: their key terms (the heaviest of their vector, the sentence's
own words left out) share none with any sampled carrier's. A wire sentence's carriers share the
story's names, places and numbers, so however many outlets print it, it stays at one context; a
footer's carriers are about anything, so nearly each new one is another context. At ``CONTEXTS``
contexts a sentence is boilerplate. (Measured on the 10,000-article MSRP library of
``bench/cluster.py``, whose stories are made of repeated sentences too: 14 of its 3,880 repeated
story sentences reach four contexts; of the 931 sentences repeated across stories, 49 do not, 34
of them shared by two or three stories only. Leaving out exactly the sentences shared across
stories would score F1 0.940 there; this scores 0.932.)

The count is incremental: an article is compared with the sample as it arrives and its vector is
built with the statistics as they then stand (a batch counts first, then builds every vector with
the whole batch's); articles placed before a sentence became boilerplate keep its terms until
the next full re-cluster, and counts only grow in between, like the term frequencies. A
carrier's key terms leave out the sentences already known as boilerplate, so the lines of a
footer stop making each other's carriers look related as soon as one of them is known: a footer
of several sentences takes more pages to find than a one-line footer, one line at a time.

The same statistics tell a copy: an article whose sentences were first carried, four in five of
them, by one article already counted (a wire story under another headline, a page added twice)
adds nothing to the document frequencies (``copied_from``). Counted twice, its words would weigh
less than the same words in its story's other reports, which weakened the pull between them: a
Valencia flood page copied under another headline stayed apart from its story with its copy (0.14
against the 0.16 that joins), and counted once it joins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from newsdiff.core.cluster.features import Doc, print_weights, top_terms, vectorise

CONTEXTS = 4  # unrelated carriers that make a sentence boilerplate
SAMPLE = 4  # carriers kept per sentence to compare later ones with
KEY_TERMS = 12  # a carrier's heaviest terms, what "related" is judged on


@dataclass(slots=True)
class PrintStat:
    """What the library knows of one sentence fingerprint."""

    articles: int = 0  # distinct articles carrying it
    contexts: int = 0  # carriers related to none of the sample
    sample: list[str] = field(default_factory=list)  # keys of its first carriers

    @property
    def boilerplate(self) -> bool:
        return self.contexts >= CONTEXTS


KeysOf = Callable[[set[str]], Mapping[str, Sequence[str]]]  # article keys -> their key terms


def key_terms(vec: dict[str, float]) -> tuple[str, ...]:
    return tuple(top_terms(vec, KEY_TERMS))


def count(stat: PrintStat, key: str, keys: Sequence[str], own: Collection[str],
          sample_keys: Mapping[str, Sequence[str]]) -> None:
    """Count ``key`` (with key terms ``keys``) as one more article carrying the sentence whose
    terms are ``own``."""
    if key in stat.sample:  # a new version of an article already counted
        return
    stat.articles += 1
    if stat.boilerplate:
        return
    mine = set(keys).difference(own)
    # A carrier with nothing of its own to compare (a one-sentence item) says nothing either way.
    if mine and all(mine.isdisjoint(sample_keys.get(k, ())) for k in stat.sample):
        stat.contexts += 1
    if len(stat.sample) < SAMPLE:
        stat.sample.append(key)


def copied_from(prints: Iterable[int], first: Callable[[int], str | None]) -> str | None:
    """The article ``prints`` (a new article's sentence fingerprints) copies, given each seen
    fingerprint's ``first`` carrier: the one that first carried ``COPY_SHARE`` of its sentences (a
    wire copy under another headline, a page added twice). A copy adds nothing to the document
    frequencies: counted twice, its words would weigh less than the same words in its story's
    other reports, and its story's pull on it and on them would weaken."""
    distinct = set(prints)
    owners = Counter(key for fp in distinct if (key := first(fp)) is not None)
    if not owners:
        return None
    key, carried = owners.most_common(1)[0]
    return key if carried >= COPY_SHARE * len(distinct) else None


COPY_SHARE = 0.8  # as for an excerpt beside its page (story.EXCERPT_SHARE)


def without(doc: Doc, drop: Collection[int], words: Mapping[int, Sequence[str]]) -> Doc:
    """``doc`` with the terms of its sentences whose fingerprints are in ``drop`` taken out
    (``words``: fingerprint -> the sentence's terms)."""
    if not any(fp in drop for fp in doc.prints):
        return doc
    terms = dict(doc.terms)
    left = 0
    for k, fp in enumerate(doc.prints):
        if fp not in drop:
            continue
        for part, weight in print_weights(doc, k, words[fp]):
            for t in part:
                w = terms.get(t, 0.0) - weight
                if w > 1e-9:
                    terms[t] = w
                else:
                    terms.pop(t, None)
        left += 1
    return replace(doc, terms=terms, left_out=left)


def observe(doc: Doc, words: Mapping[int, Sequence[str]], stats: Mapping[int, PrintStat],
            df: Mapping[str, int], n_docs: int, keys_of: KeysOf) -> tuple[tuple[str, ...], set[int]]:
    """Count ``doc`` as a carrier of the sentences in ``stats`` (its own); returns its key terms
    and which of its sentences are boilerplate now."""
    before = {fp for fp, s in stats.items() if s.boilerplate}
    keys = key_terms(vectorise(without(doc, before, words), df, n_docs))
    sample_keys = keys_of({k for s in stats.values() if not s.boilerplate for k in s.sample})
    for fp, stat in stats.items():
        count(stat, doc.key, keys, words[fp], sample_keys)
    return keys, {fp for fp, s in stats.items() if s.boilerplate}


class BatchCounts:
    """A batch's first pass: how many articles carry each sentence, and the terms of those that recur."""

    def __init__(self) -> None:
        self.carriers: dict[int, int] = {}
        self.words: dict[int, tuple[str, ...]] = {}  # only for sentences seen twice: most are seen once

    def add(self, doc: Doc) -> Doc:
        """Count ``doc``'s sentences; returns it without the per-sentence terms (kept here once)."""
        carriers, words = self.carriers, self.words
        for fp, terms in dict(zip(doc.prints, doc.print_terms, strict=True)).items():
            seen = carriers.get(fp, 0)
            carriers[fp] = seen + 1
            if seen and fp not in words:
                words[fp] = terms
        return replace(doc, print_terms=())

    def remove(self, doc: Doc) -> None:
        """Forget a doc counted before (its key came again)."""
        for fp in set(doc.prints):
            self.carriers[fp] -= 1

    def contexts(self, docs: Iterable[Doc], df: Mapping[str, int], n_docs: int) -> dict[int, PrintStat]:
        """The statistics of every recurring sentence, counting ``docs`` in the order given."""
        stats = {fp: PrintStat() for fp, n in self.carriers.items() if n > 1}
        kept: dict[str, tuple[str, ...]] = {}
        for doc in docs:
            mine = {fp: stats[fp] for fp in doc.prints if fp in stats}
            if mine:
                keys, _ = observe(doc, self.words, mine, df, n_docs,
                                  lambda wanted: {k: kept[k] for k in wanted if k in kept})
                if any(s.sample and s.sample[-1] == doc.key for s in mine.values()):
                    kept[doc.key] = keys
        return stats
