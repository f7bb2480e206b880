"""Sentence-pair similarity that sees content, not characters: weighted features and a fitted model.

Each sentence is analysed once (``analyse``); a pair's features are cheap set and
sequence measures over those analyses; ``probability`` turns them into the chance that
the two say the same thing, with weights fitted on MSRP by ``tools/fit_similarity.py``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

from newsdiff.core.text import STOPWORDS, canonical, compare_tokens, is_number, unaccented, zipf

_QUOTE = re.compile(
    r"[\"“”„«»]([^\"“”„«»]{4,})[\"“”„«»]"  # double quotes
    r"|(?<!\w)['‘]([^'‘’]{12,}?)['’](?!\w)"  # single typographic quotes around a phrase
)
_CAPITAL = re.compile(r"(?<!^)(?<![.!?]\s)\b([A-Z][\w'-]+)")

FEATURE_NAMES = (
    "cover_min", "cover_max", "bigram_dice", "lcs_content", "token_sort", "number_clash",
    "number_only_one", "length_ratio", "entity_miss", "extra_weight", "char_ratio", "cover_gap",
    "unigram_min", "unigram_max", "bigram_min", "trigram_dice", "cover_min_sq",
)
KIND_FEATURES = (*FEATURE_NAMES, "partial_ratio", "length_gap", "token_edit")
# Fitted by tools/fit_similarity.py on MSRP train (2,419 pairs; 5-fold CV accuracy 0.753): the
# probability the aligner links and ranks pairs by.
WEIGHTS = (
    -2.280, -0.587, -2.733, 0.354, 3.243, -0.659, -0.629, 2.356, 0.213, -0.963, 5.387, 1.693,
    2.893, 1.797, 4.172, -4.401, 2.546,
)
BIAS = -8.361
SAME_THRESHOLD = 0.60  # probability at or above which a pair "says the same thing"
# ...and over KIND_FEATURES: whether a pair says the same thing or only part of it (its kind). 5-fold CV
# accuracy 0.765 (0.753 without partial_ratio, length_gap and token_edit; over eight other shuffles of
# the folds 0.746 -> 0.762).
KIND_WEIGHTS = (
    -1.921, -0.141, -1.421, 0.716, 4.390, -0.652, -0.616, -1.262, 0.220, -0.625, 6.019, 1.780,
    2.018, 1.907, 2.755, -3.094, 2.179, -5.839, -3.505, 1.526,
)
KIND_BIAS = -3.051
KIND_THRESHOLD = 0.59


@dataclass(frozen=True, slots=True)
class Analysed:
    """What similarity needs of one sentence."""

    text: str
    tokens: tuple[str, ...]  # compare tokens, stopwords included
    content: frozenset[str]
    content_seq: tuple[str, ...]
    numbers: frozenset[str]
    entities: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    trigrams: frozenset[tuple[str, str, str]]
    unigrams: frozenset[str]
    quotes: tuple[str, ...]
    folded: str


def quotes_of(text: str, min_words: int = 2) -> tuple[str, ...]:
    """Text inside quotation marks (double, or single typographic) of at least ``min_words`` words."""
    found = []
    for m in _QUOTE.finditer(text):
        quote = (m.group(1) or m.group(2) or "").strip(" ,.")
        if len(quote.split()) >= min_words:
            found.append(quote)
    return tuple(found)


@lru_cache(maxsize=8192)  # a story's facts align each report with every other: read each sentence once
def analyse(text: str) -> Analysed:
    """Tokens, content words, numbers, capitalised names and quotes of one sentence."""
    tokens = tuple(unaccented(t) for t in compare_tokens(text))
    content_seq = tuple(stem(t) for t in tokens if t not in STOPWORDS and (len(t) > 1 or is_number(t)))
    entities = frozenset(unaccented(m.lower()) for m in _CAPITAL.findall(canonical(text)) if m.lower() not in STOPWORDS)
    return Analysed(
        text=text, tokens=tokens, content=frozenset(content_seq), content_seq=content_seq,
        numbers=frozenset(t for t in content_seq if is_number(t)), entities=entities,
        bigrams=frozenset(pairwise(tokens)),
        trigrams=frozenset(zip(tokens, tokens[1:], tokens[2:], strict=False)), unigrams=frozenset(tokens),
        quotes=quotes_of(text, min_words=1),
        folded=" ".join(tokens),
    )


def stem(token: str) -> str:
    """A crude stem: inflections folded by keeping a word's first six letters (numbers kept whole)."""
    return token if is_number(token) else token[:STEM_LENGTH]


STEM_LENGTH = 40  # effectively off: measured on MSRP, prefix stems did not help


@lru_cache(maxsize=65536)  # every alignment of a story weighs its reports' words again
def prior_weight(token: str) -> float:
    """Rarity of a word in English at large: rare words and numbers weigh more."""
    if is_number(token):
        return 2.0
    return min(2.5, max(0.3, (7.0 - zipf(token)) / 2.0))


class HasContent(Protocol):
    """A sentence as weighing sees it: its content words (or stems)."""

    @property
    def content(self) -> frozenset[str]: ...


class Weigher:
    """Token weights: the English-wide prior, damped for words that fill many sentences of these
    texts; sums over a sentence's content are cached (each sentence is compared many times)."""

    def __init__(self, corpus: Sequence[HasContent]) -> None:
        self.df: dict[str, int] = {}
        for a in corpus:
            for t in a.content:
                self.df[t] = self.df.get(t, 0) + 1
        self.n = max(1, len(corpus))
        # Every word of the texts weighed once, up front: the hot loops look weights up in this
        # dict (``known``) rather than calling the weigher a million times for a story's facts.
        self.known: dict[str, float] = {t: self._weigh(t) for t in self.df}
        self._totals: dict[frozenset[str], float] = {}

    def _weigh(self, token: str) -> float:
        share = self.df.get(token, 0) / self.n
        damp = 1.0 if self.n < 8 else max(0.35, 1.0 - 1.5 * share)
        return prior_weight(token) * damp

    def __call__(self, token: str) -> float:
        w = self.known.get(token)
        if w is None:  # a word from outside the texts
            w = self.known[token] = self._weigh(token)
        return w

    def add_up(self, tokens: Iterable[str]) -> float:
        """The weights of ``tokens`` added up (no cache: for sets made on the fly, such as the words
        two sentences share)."""
        known = self.known
        return sum(known[t] if t in known else self(t) for t in tokens)

    def total(self, tokens: frozenset[str]) -> float:
        w = self._totals.get(tokens)
        if w is None:
            w = self._totals[tokens] = self.add_up(tokens)
        return w


def shared_weights(sa: Sequence[HasContent], sb: Sequence[HasContent], weigh: Weigher, max_postings: int,
                   min_weight: float | None = None) -> dict[tuple[int, int], float]:
    """The weight of the words each sentence of A shares with each of B; words in more than
    ``max_postings`` sentences of B (too common here), or lighter than ``min_weight``, left out."""
    index: dict[str, list[int]] = {}
    for j, b in enumerate(sb):
        for t in b.content:
            if min_weight is None or weigh(t) >= min_weight:
                index.setdefault(t, []).append(j)
    weights = {t: weigh(t) for t, postings in index.items() if len(postings) <= max_postings}
    shared: dict[tuple[int, int], float] = {}
    for i, a in enumerate(sa):
        row: dict[int, float] = {}  # a row at a time: no pair key built per shared word
        for t in a.content:
            if t in weights:
                w = weights[t]
                for j in index[t]:
                    row[j] = row.get(j, 0.0) + w
        shared.update(((i, j), w) for j, w in row.items())
    return shared


def strongest_partners(shared: dict[tuple[int, int], float], limit: int) -> set[tuple[int, int]]:
    """The pairs of ``shared`` that either sentence keeps among its ``limit`` heaviest, so long
    articles that repeat their names do not compare every sentence with every other."""
    by_a: dict[int, list[tuple[float, int]]] = {}
    by_b: dict[int, list[tuple[float, int]]] = {}
    for (i, j), w in shared.items():
        by_a.setdefault(i, []).append((-w, j))
        by_b.setdefault(j, []).append((-w, i))
    keep = {(i, j) for i, ranked in by_a.items() for _, j in _lightest(ranked, limit)}
    keep |= {(i, j) for j, ranked in by_b.items() for _, i in _lightest(ranked, limit)}
    return keep


def _lightest(ranked: list[tuple[float, int]], limit: int) -> list[tuple[float, int]]:
    """The ``limit`` smallest of ``ranked``, as ``sorted(ranked)[:limit]`` gives them (no sort when
    all are kept)."""
    return ranked if len(ranked) <= limit else sorted(ranked)[:limit]  # faster than heapq at these sizes


def make_weigher(corpus: Sequence[Analysed]) -> Weigher:
    """Weights for comparing the sentences of ``corpus``."""
    return Weigher(corpus)


def coverage(a: Analysed, b: Analysed, weigh: Weigher) -> tuple[float, float, float]:
    """(shared weight, share of A's content weight found in B, share of B's found in A)."""
    shared = weigh.add_up(a.content & b.content)
    wa, wb = weigh.total(a.content), weigh.total(b.content)
    return shared, (shared / wa if wa else 0.0), (shared / wb if wb else 0.0)


def features(a: Analysed, b: Analysed, weigh: Weigher,
             cover: tuple[float, float, float] | None = None) -> list[float]:
    """The feature vector of a pair, in FEATURE_NAMES order (each in 0..1); ``cover`` is the pair's
    ``coverage`` when the caller has it already."""
    shared, cov_a, cov_b = cover or coverage(a, b, weigh)
    bigram = 2 * len(a.bigrams & b.bigrams) / (len(a.bigrams) + len(b.bigrams) or 1)
    lcs = LCSseq.normalized_similarity(a.content_seq, b.content_seq) if a.content_seq and b.content_seq else 0.0
    clash = 1.0 if a.numbers and b.numbers and a.numbers != b.numbers else 0.0
    only_one = min(1.0, len(a.numbers ^ b.numbers) / 2) if not (a.numbers and b.numbers) else 0.0
    la, lb = len(a.tokens), len(b.tokens)
    ents = a.entities | b.entities
    entity_miss = len(a.entities ^ b.entities) / len(ents) if ents else 0.0
    wa, wb = weigh.total(a.content), weigh.total(b.content)
    extra = min(1.0, max(wa - shared, wb - shared) / 12.0)
    return [
        min(cov_a, cov_b), max(cov_a, cov_b), bigram, lcs,
        fuzz.token_sort_ratio(a.folded, b.folded) / 100.0, clash, only_one,
        min(la, lb) / max(la, lb, 1), entity_miss, extra, fuzz.ratio(a.folded, b.folded) / 100.0,
        abs(cov_a - cov_b), *_min_max(a.unigrams, b.unigrams), _min_max(a.bigrams, b.bigrams)[0],
        2 * len(a.trigrams & b.trigrams) / (len(a.trigrams) + len(b.trigrams) or 1), min(cov_a, cov_b) ** 2,
    ]


def kind_features(a: Analysed, b: Analysed, weigh: Weigher, base: Sequence[float] | None = None) -> list[float]:
    """The feature vector of the kind model, in KIND_FEATURES order: a pair's ``features`` (``base``,
    when the caller has them) and how well the shorter sentence matches the best stretch of the
    longer, how many more words one has, and the word-level edit distance (a paraphrase rewords in
    place; a partial pair adds a clause)."""
    return [*(base or features(a, b, weigh)), fuzz.partial_ratio(a.folded, b.folded) / 100.0,
            min(1.0, abs(len(a.tokens) - len(b.tokens)) / 20.0), Levenshtein.normalized_similarity(a.tokens, b.tokens)]


def _min_max(x: frozenset[object], y: frozenset[object]) -> tuple[float, float]:
    """Overlap as a share of the smaller and of the larger set's... min and max of both precisions."""
    shared = len(x & y)
    p, r = shared / (len(x) or 1), shared / (len(y) or 1)
    return min(p, r), max(p, r)


def logistic(bias: float, weights: Sequence[float], values: Sequence[float]) -> float:
    """A logistic model's probability for one feature vector (the sentence, kind and pairing models)."""
    z = bias + sum(w * v for w, v in zip(weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def probability(values: Sequence[float]) -> float:
    """Chance that a pair with these features says the same thing (logistic model)."""
    return logistic(BIAS, WEIGHTS, values)


def same_kind(values: Sequence[float]) -> bool:
    """The pair says the same thing, not only part of it (the kind model over ``kind_features``)."""
    return logistic(KIND_BIAS, KIND_WEIGHTS, values) >= KIND_THRESHOLD


def same_meaning(a: str, b: str) -> float:
    """Probability that two standalone sentences say the same thing."""
    aa, bb = analyse(a), analyse(b)
    return probability(features(aa, bb, make_weigher([aa, bb])))
