"""What clustering sees of an article: weighted terms from title, lead and body, names, numbers, date.

Terms are weighted by where they stand (a headline word counts more than one deep in the
body) and by rarity (document frequency across the articles seen, with an English-wide
prior from wordfreq so that the first few articles are weighed sensibly too). The body is
read sentence by sentence, and each sentence keeps a fingerprint, so that a sentence the
library repeats across unrelated articles can be taken out again (``boilerplate``).
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import mul

from newsdiff.core.cluster.bridge import number_keys, spelled_names
from newsdiff.core.models import Article
from newsdiff.core.text import NUMBER_WORDS, STOPWORDS, Memo, canonical, is_number, number_value, zipf

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_][\w'’-]*", re.UNICODE)
_CAPITAL = re.compile(r"\b[^\W\d_][\w'’-]+")  # a word; entities are those with a capital (any script)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")
_SENTENCE_BREAK = re.compile(_SENTENCE_END.pattern + r"|\s*\n\s*")
FEATURES_VERSION = 11  # bump when what make_doc or vectorise produce changes: stored states are rebuilt
PRINT_TERMS = 3  # a sentence with fewer terms gets no fingerprint: short ones recur by chance and weigh little
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
    # Fingerprints of the body's sentences (``sentence_print``), in order; the first ``lead_prints``
    # stand in the lead (their terms carry LEAD_BOOST), and ``lead_part`` holds the terms of the
    # next one that stand before the lead's end, when it runs past it. ``print_terms`` (each
    # sentence's terms, in step with ``prints``) is what taking a sentence out subtracts (with
    # ``print_weights``); dropped once the doc is placed.
    prints: array[int] = field(default_factory=lambda: array("q"))
    lead_prints: int = 0
    lead_part: tuple[str, ...] = ()
    print_terms: tuple[tuple[str, ...], ...] = ()
    left_out: int = 0  # sentences taken out as the library's boilerplate


def _term(raw: str) -> str:
    """A token as a clustering term ('' for none): lower case, numbers as values, stopwords out."""
    t = raw.lower().strip("'’-")
    if t[:1].isdigit() or t in NUMBER_WORDS:
        t = number_value(t)
    if t and t not in STOPWORDS and (len(t) > 2 or is_number(t)):
        return sys.intern(t)  # one string per distinct term across 100,000 articles
    return ""


_TERMS = Memo(_term, 200_000)  # raw token -> _term(raw): words recur, so most tokens are one lookup


def _tokens(text: str) -> list[str]:
    terms = _TERMS
    return [t for raw in _TOKEN.findall(canonical(text)) if (t := terms[raw])]


_EPOCH = date(1970, 1, 1).toordinal()  # a Doc's day counts days since


def _day(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal() - _EPOCH
    except ValueError:
        return None


def day_iso(day: int) -> str:
    """A Doc's ``day`` as the date it stands for (YYYY-MM-DD)."""
    return date.fromordinal(_EPOCH + day).isoformat()


def sentence_print(terms: Iterable[str]) -> int | None:
    """A sentence's fingerprint from its terms (``_tokens``: lower case, stopwords out, numbers
    canonical), so that copies differing in case, punctuation or a function word match; None for
    a sentence too short to tell. 64 bits: a library has millions of sentences."""
    terms = tuple(terms)
    if len(terms) < PRINT_TERMS:
        return None
    digest = hashlib.blake2b(" ".join(terms).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)  # signed: SQLite integers are


def print_of(sentence: str) -> int | None:
    """The fingerprint of one sentence as clustering reads it."""
    return sentence_print(_tokens(sentence))


def sentences(body: str) -> Iterator[tuple[int, str]]:
    """(start, text) of each sentence of ``body`` (split at sentence ends and line breaks)."""
    start = 0
    for m in _SENTENCE_BREAK.finditer(body):
        if m.start() > start:
            yield start, body[start:m.start()]
        start = m.end()
    if start < len(body):
        yield start, body[start:]


def _cut(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, without a word cut in two at the end: half a word
    would be a term ("remote-controlle") that only copies share, and the evidence would show it."""
    if len(text) <= limit:
        return text
    if text[limit - 1].isspace() or text[limit].isspace():
        return text[:limit]
    space = max(text.rfind(" ", 0, limit), text.rfind("\n", 0, limit))
    return text[:space] if space > 0 else ""


def make_doc(key: str, article: Article) -> Doc:
    """The clustering view of one cleaned article."""
    body = _cut(article.body, BODY_CHARS)
    terms: dict[str, float] = {}
    for t in _tokens(article.title):
        terms[t] = terms.get(t, 0.0) + TITLE_BOOST
    prints: array[int] = array("q")
    print_terms: list[tuple[str, ...]] = []
    lead_prints = 0
    lead_part: tuple[str, ...] = ()
    for start, sentence in sentences(body):
        tokens = _tokens(sentence)
        # Every term once, and those of the lead's first LEAD_CHARS characters LEAD_BOOST more.
        lead = (tokens if start + len(sentence) <= LEAD_CHARS else _tokens(_cut(sentence, LEAD_CHARS - start))
                ) if start < LEAD_CHARS else []
        for part, boost in ((tokens, 1.0), (lead, LEAD_BOOST)):
            for t in part:
                terms[t] = terms.get(t, 0.0) + boost
        if (fp := sentence_print(tokens)) is not None:
            prints.append(fp)
            print_terms.append(tuple(tokens))
            if lead is tokens:
                lead_prints += 1
            elif lead:
                lead_part = tuple(lead)
    words = [w.lower() for w in _TOKEN.findall(body)]
    # crc32, not hash(): the library keeps shingles between runs, and str hashes change per process.
    shingles = array("I", sorted({zlib.crc32(" ".join(words[k:k + 5]).encode("utf-8"))
                                  for k in range(max(0, len(words) - 4))}))
    entities = frozenset(e.lower() for e in _CAPITAL.findall(article.title + " " + _cut(body, LEAD_CHARS))
                         if e[0].isupper() and e.lower() not in STOPWORDS)
    opening = article.title + "\n" + _cut(body, 2 * LEAD_CHARS)
    spelled = spelled_names(opening)
    names = frozenset(sys.intern(k) for k in spelled)  # interned: the same few keys recur
    figures = frozenset(sys.intern(k) for k in number_keys(opening))
    return Doc(key, article.title, lead_line(article), terms, entities, shingles, names, figures,
               _day(article.published), article.lang, article.outlet, spelled, prints, lead_prints,
               lead_part, tuple(print_terms))


def print_weights(doc: Doc, k: int, words: Sequence[str]) -> list[tuple[Sequence[str], float]]:
    """What ``doc``'s k-th fingerprinted sentence (its terms: ``words``) added to its terms, as
    (terms, weight each) parts."""
    if k < doc.lead_prints:
        return [(words, 1.0 + LEAD_BOOST)]
    return [(words, 1.0), (doc.lead_part, LEAD_BOOST)] if k == doc.lead_prints else [(words, 1.0)]


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


_UNREADABLE: set[str] = set()  # languages whose word list needs a tokenizer that is not installed


@lru_cache(maxsize=65536)
def _zipf_in(term: str, lang: str) -> float:
    """Zipf frequency of ``term`` in ``lang``; as if English (names and numbers still tell) for a
    language wordfreq has no list for, or whose words it splits with an optional tokenizer that is
    not installed (MeCab for Japanese and Korean, jieba for Chinese)."""
    if lang not in _UNREADABLE:
        from wordfreq import zipf_frequency

        try:
            return float(zipf_frequency(term, lang))
        except LookupError:
            pass
        except ImportError:
            _UNREADABLE.add(lang)
    return zipf(term)


VECTOR_TERMS = 80  # an article is represented by its heaviest terms; the tail adds memory, not meaning
# Corpus rarity is counted as if the library held this many more articles, none with the term. In a
# library of a few articles every word the reports of one story share is in all of them, and plain
# inverse document frequency gives exactly those words the least weight (log 1 = 0): six reports of
# one deal added to an empty library made two stories. Two is enough for them to make one; larger
# values (5-20) also let invented reports of a deal's blocking and of its completion, alone in a
# library, read as one event. Negligible once the library is large.
VIRTUAL_DOCS = 2


def vectorise(doc: Doc, df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """L2-normalised weights of the heaviest terms: sublinear term counts times corpus and prior rarity."""
    vec: dict[str, float] = {}
    for t, w in doc.terms.items():
        corpus = math.log((n_docs + VIRTUAL_DOCS + 1) / (df.get(t, 0) + 1)) + 1.0
        vec[t] = (1.0 + math.log(w)) * corpus * prior_idf(t, doc.lang)
    if len(vec) > VECTOR_TERMS:
        vec = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS])
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    product: float = sum(map(mul, a.values(), map(b.get, a.keys(), repeat(0.0))))  # a loop's sum, in C
    return product


def top_terms(vec: dict[str, float], k: int) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def jaccard(a: array[int] | frozenset[int], b: array[int] | frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb)
