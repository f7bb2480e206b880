"""What clustering sees of an article: weighted terms from title, lead and body, names, numbers, date.

Terms are weighted by where they stand (a headline word counts more than one deep in the
body) and by rarity (document frequency across the articles seen, with an English-wide
prior from wordfreq so that the first few articles are weighed sensibly too).
"""

from __future__ import annotations

import math
import re
import sys
import zlib
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from newsdiff.core.cluster.bridge import number_keys, spelled_names
from newsdiff.core.models import Article
from newsdiff.core.text import NUMBER_WORDS, STOPWORDS, canonical, is_number, number_value, zipf

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_][\w'’-]*", re.UNICODE)
_CAPITAL = re.compile(r"\b[^\W\d_][\w'’-]+")  # a word; entities are those with a capital (any script)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")
FEATURES_VERSION = 4  # bump when what make_doc or vectorise produce changes: stored states are rebuilt
TITLE_BOOST, LEAD_BOOST = 3.0, 1.5
LEAD_CHARS = 600
BODY_CHARS = 4000  # a story is told in its first paragraphs; the rest adds noise and cost


@dataclass(frozen=True, slots=True)
class Doc:
    """An article reduced to what clustering compares."""

    key: str
    title: str
    lead: str  # the start of the text, standing in for a missing headline
    terms: dict[str, float]  # term -> raw weight (position boosts, before rarity)
    entities: frozenset[str]
    shingles: array[int]  # sorted distinct 32-bit hashes of word 5-grams, for near-duplicate detection
    names: frozenset[str]  # language-neutral keys of the names in the title and lead (bridge)
    figures: frozenset[str]  # specific numbers there
    day: int | None  # days since 1970 of publication, when known
    lang: str | None
    outlet: str | None
    spelled: Mapping[str, str] = field(default_factory=dict)  # name key -> the word; dropped once placed


def _tokens(text: str) -> list[str]:
    out = []
    intern = sys.intern
    for raw in _TOKEN.findall(canonical(text)):
        t = raw.lower().strip("'’-")
        if t[:1].isdigit() or t in NUMBER_WORDS:
            t = number_value(t)
        if t and t not in STOPWORDS and (len(t) > 2 or is_number(t)):
            out.append(intern(t))  # one string per distinct term across 100,000 articles
    return out


def _day(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal() - date(1970, 1, 1).toordinal()
    except ValueError:
        return None


def make_doc(key: str, article: Article) -> Doc:
    """The clustering view of one cleaned article."""
    body = article.body[:BODY_CHARS]
    terms: dict[str, float] = {}
    for boost, text in ((TITLE_BOOST, article.title), (LEAD_BOOST, body[:LEAD_CHARS]), (1.0, body)):
        for t in _tokens(text):
            terms[t] = terms.get(t, 0.0) + boost
    words = [w.lower() for w in _TOKEN.findall(body)]
    # crc32, not hash(): the library keeps shingles between runs, and str hashes change per process.
    shingles = array("I", sorted({zlib.crc32(" ".join(words[k:k + 5]).encode("utf-8"))
                                  for k in range(max(0, len(words) - 4))}))
    entities = frozenset(e.lower() for e in _CAPITAL.findall(article.title + " " + body[:LEAD_CHARS])
                         if e[0].isupper() and e.lower() not in STOPWORDS)
    opening = article.title + "\n" + body[:2 * LEAD_CHARS]
    spelled = spelled_names(opening)
    names = frozenset(sys.intern(k) for k in spelled)  # interned: the same few keys recur
    figures = frozenset(sys.intern(k) for k in number_keys(opening))
    return Doc(key, article.title, lead_line(article), terms, entities, shingles, names, figures,
               _day(article.published), article.lang, article.outlet, spelled)


def lead_line(article: Article, limit: int = 90) -> str:
    """The article's first sentence, cut at a word near ``limit`` characters."""
    start = article.body.lstrip()[:400].split("\n", 1)[0]
    first = _SENTENCE_END.split(start, 1)[0]
    first = " ".join(first.split())
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit)
    return first[:cut if cut > limit // 2 else limit].rstrip(" ,;:-") + "…"


def prior_idf(term: str, lang: str | None = None) -> float:
    """Rarity in the article's language at large (numbers count as moderately rare).

    Without it, every word of a Russian or Italian page would count as rare, its function words
    too ("что", "della"), and two pages in that language on different events would look alike.
    """
    if is_number(term):
        return 2.0
    return max(0.3, 7.0 - (zipf(term) if lang in (None, "en") else _zipf_in(term, lang))) / 2.0


@lru_cache(maxsize=65536)
def _zipf_in(term: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(term, lang))
    except LookupError:  # a language wordfreq has no list for: as if English (names and numbers still tell)
        return zipf(term)


VECTOR_TERMS = 80  # an article is represented by its heaviest terms; the tail adds memory, not meaning


def vectorise(doc: Doc, df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """L2-normalised weights of the heaviest terms: sublinear term counts times corpus and prior rarity."""
    vec: dict[str, float] = {}
    for t, w in doc.terms.items():
        corpus = math.log((n_docs + 1) / (df.get(t, 0) + 1)) + 1.0
        vec[t] = (1.0 + math.log(w)) * corpus * prior_idf(t, doc.lang)
    if len(vec) > VECTOR_TERMS:
        vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS])
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def top_terms(vec: dict[str, float], k: int) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def jaccard(a: array[int] | frozenset[int], b: array[int] | frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb)
