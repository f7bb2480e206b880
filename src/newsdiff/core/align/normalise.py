"""What a sentence says, normalised for pairing: Snowball stems, numbers as values with what they
count (1.2mn = 1.2 million = 1200000), acronyms with their expansions (found in the texts or well
known), names and quoted words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from newsdiff.core.text import STOPWORDS, canonical, compare_tokens, is_number, unaccented, zipf

MULTIPLIER = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Metric units as their family's base unit: "a 0.8 meter tsunami" is the other outlet's "tsunamis of
# 80 centimeters". Only prefixes of one system: a converted mile or pound is a rounded figure.
METRIC = {
    **dict.fromkeys(("mm", "millimeter", "millimeters", "millimetre", "millimetres"), ("meter", 1e-3)),
    **dict.fromkeys(("cm", "centimeter", "centimeters", "centimetre", "centimetres"), ("meter", 1e-2)),
    **dict.fromkeys(("meter", "meters", "metre", "metres"), ("meter", 1.0)),
    **dict.fromkeys(("km", "kilometer", "kilometers", "kilometre", "kilometres"), ("meter", 1e3)),
    **dict.fromkeys(("mg", "milligram", "milligrams", "milligramme", "milligrammes"), ("gram", 1e-3)),
    **dict.fromkeys(("gram", "grams", "gramme", "grammes"), ("gram", 1.0)),
    **dict.fromkeys(("kg", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos"), ("gram", 1e3)),
    **dict.fromkeys(("tonne", "tonnes"), ("gram", 1e6)),
    **dict.fromkeys(("ml", "milliliter", "milliliters", "millilitre", "millilitres"), ("liter", 1e-3)),
    **dict.fromkeys(("liter", "liters", "litre", "litres"), ("liter", 1.0)),
}
# Acronyms news copy uses without spelling them out; others are found in the texts themselves. A
# well-known one stands for its expansion as one word ("CTO" = "chief technology officer" = "cto"):
# read as its three or four words, two sentences that both write "CEO" or "NATO" shared four stems
# for one, which paired sentences that only name the same office or alliance (the seed pair's NATO
# sentences: 0.91 -> 1.00 read as one word). An acronym found in the texts (CMA / Competition and
# Markets Authority) is read with its words, as either side may write either form.
KNOWN_ACRONYMS = {
    "ceo": "chief executive officer", "cto": "chief technology officer", "cfo": "chief financial officer",
    "coo": "chief operating officer", "pm": "prime minister", "uae": "united arab emirates",
    "eu": "european union", "un": "united nations", "nato": "north atlantic treaty organization",
    "gdp": "gross domestic product", "mp": "member of parliament",
}
_ACRONYM = re.compile(r"\b([A-Z]{2,6})s?\b")
_LINKING = frozenset({"of", "and", "the", "for", "on", "in", "&"})
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'-]+)")
_CREDIT = re.compile(r"\baccording to ([^,.;:!?]+)", re.I)
_QUOTED = re.compile(r"[\"“”]([^\"“”]{4,})[\"“”]")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of an English word; numbers whole."""
    if is_number(word):
        return word
    return _stemmer().stemWord(word)  # type: ignore[attr-defined,no-any-return]


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("english")


def _expansion(acronym: str, words: list[str]) -> tuple[str, ...] | None:
    """Words whose initials spell ``acronym`` (linking words skipped): CMA / Competition and Markets Authority."""
    n = len(acronym)
    for start, first in enumerate(words):
        if first[0].upper() != acronym[0] or first.lower() in _LINKING:
            continue
        got, k = 0, start
        out: list[str] = []
        while k < len(words) and got < n:
            w = words[k]
            if w.lower() in _LINKING and out:
                k += 1
                continue
            if w[0].upper() != acronym[got]:
                break
            out.append(w.lower())
            got, k = got + 1, k + 1
        if got == n and n > 1:
            return tuple(out)
    return None


def acronyms(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Acronym (lower case) -> its expansion, from the texts themselves and the known list."""
    texts = list(texts)
    found = {k: tuple(v.split()) for k, v in KNOWN_ACRONYMS.items()}
    words = [re.findall(r"[A-Za-z][\w'-]*|&", t) for t in texts]
    for acronym in sorted({m.group(1) for t in texts for m in _ACRONYM.finditer(t)}):
        if acronym.lower() in found:
            continue
        for ws in words:
            if (expansion := _expansion(acronym, ws)) is not None:
                found[acronym.lower()] = expansion
                break
    return found


@dataclass(frozen=True, slots=True)
class Facts:
    """What pairing needs of one sentence: stems, values, names, quoted words."""

    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    content: frozenset[str]
    values: frozenset[str]
    measures: frozenset[tuple[str, str]]  # (value, the stem of what it counts): 2300 dockwork
    names: frozenset[str]
    quoted: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    folded: str
    credit: frozenset[str]  # stems of its credit ("according to the Japan Meteorological Agency")


def joined(parts: Sequence[Facts]) -> Facts:
    """Neighbouring sentences read as one (one outlet's two sentences against another's one)."""
    return Facts(
        tokens=tuple(t for f in parts for t in f.tokens), stems=tuple(s for f in parts for s in f.stems),
        content=frozenset().union(*(f.content for f in parts)), values=frozenset().union(*(f.values for f in parts)),
        measures=frozenset().union(*(f.measures for f in parts)), names=frozenset().union(*(f.names for f in parts)),
        quoted=frozenset().union(*(f.quoted for f in parts)), bigrams=frozenset().union(*(f.bigrams for f in parts)),
        folded=" ".join(f.folded for f in parts), credit=frozenset().union(*(f.credit for f in parts)),
    )


# Third-person pronouns that open a sentence and stand for someone the sentence before named.
_PRONOUNS = frozenset({"he", "she", "they", "his", "her", "their"})


def with_antecedents(side: Sequence[Facts]) -> tuple[Facts, ...]:
    """Each sentence that opens with a third-person pronoun also holds the names of the sentence
    before it, whom the pronoun most likely stands for: "He added that he is 'ready for the handover
    process'" is about the prime minister the sentence before named, and pairing then sees so, as a
    reader does ("Prime Minister Mohammad Ghazi al-Jalali said the government was ready to hand over
    its functions"). Cross-validated by article pair, dev 0.764 -> 0.781 (worst 0.55 -> 0.67); with
    "it" and "its" as well, the demo gold loses a pair; names from up to two or three sentences
    back, 0.773; a pronoun anywhere in the sentence, 0.781, but who reported what falls from 0.759
    to 0.698."""
    out = list(side)
    for k in range(1, len(side)):
        before, this = side[k - 1], side[k]
        if this.tokens and this.tokens[0] in _PRONOUNS and (extra := before.names - this.content):
            out[k] = replace(this, content=this.content | extra, names=this.names | extra)
    return tuple(out)


def quantity(tokens: Sequence[str], k: int) -> tuple[str, str, int] | None:
    """The number at ``tokens[k]`` as a value, what it counts (its unit's stem) and how many tokens
    it is written in with its multiplier and metric unit: 1.2 million = 1200000; 80 centimetres =
    0.8 metre. None when the token is no number."""
    if not is_number(tokens[k]):
        return None
    if ":" in tokens[k]:  # a clock time or a race time ("1:53", "2:24:10") is its own value
        return tokens[k], "", 1
    try:
        value = float(tokens[k])
    except ValueError:
        return None
    width = 1
    nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
    if nxt in MULTIPLIER:
        value *= MULTIPLIER[nxt]
        width += 1
        nxt = tokens[k + 2] if k + 2 < len(tokens) else ""
    unit = stem(nxt) if nxt and not is_number(nxt) and nxt not in STOPWORDS else ""
    if nxt in METRIC:
        unit, scale = METRIC[nxt]
        value *= scale
        width += 1
    return f"{value:.4g}", unit, width


def is_year(value: str) -> bool:
    """A value that reads as a year (1958, 2024): a date, not a measure."""
    return value.isdigit() and 1800 <= int(value) <= 2100


def _values(tokens: Sequence[str]) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Numbers as values and what each counts (see ``quantity``)."""
    found = [q for k in range(len(tokens)) if (q := quantity(tokens, k)) is not None]
    return frozenset(v for v, _, _ in found), frozenset((v, u) for v, u, _ in found if u)


def analyse(text: str, expansions: dict[str, tuple[str, ...]], tokens: Sequence[str] | None = None) -> Facts:
    """One sentence read for pairing: an acronym also counts as its expansion, and the reverse.
    ``tokens`` are the sentence's words as the first pass read them (``similarity.analyse``: its
    ``compare_tokens`` without accents) when the caller has them already."""
    folded = tuple(tokens) if tokens is not None else tuple(unaccented(t) for t in compare_tokens(text))
    # the expansion is matched with its linking words left out on both sides: "Competition and
    # Markets Authority" is written with the "and" that the found expansion skips
    joined = f" {' '.join(t for t in folded if t not in _LINKING)} "
    words = set(folded)
    applied = tuple((acronym, expansion) for acronym, expansion in expansions.items()
                    if acronym in words or _written(expansion) in joined)
    return _analysed(text, folded, applied)


@lru_cache(maxsize=4096)
def _written(expansion: tuple[str, ...]) -> str:
    """An expansion as ``analyse`` looks for it: its words without linking words, space-delimited."""
    return f" {' '.join(w for w in expansion if w not in _LINKING)} "


_ARTICLED = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ud|ul)-[^\W\d_]{3,}")
_NUMBERED = re.compile(r"[^\W\d_]{3,}-\d+")
_PARTICLES = frozenset({"over", "down", "out", "up", "off", "back"})


def _compounds(tokens: tuple[str, ...]) -> list[str]:
    """A verb and its particle as the one word English also writes ("handed over" / "handover",
    "took over" / "takeover", "shut down" / "shutdown"), when that word is a common one."""
    out = []
    for word, particle in pairwise(tokens):
        if particle in _PARTICLES and word not in STOPWORDS and word.isalpha():
            compound = stem(word) + particle
            if zipf(compound) >= 2.5:
                out.append(compound)
    return out


@lru_cache(maxsize=8192)  # a story's facts read each report once for every other report
def _analysed(text: str, tokens: tuple[str, ...], applied: tuple[tuple[str, tuple[str, ...]], ...]) -> Facts:
    extra = _compounds(tokens)
    # a name numbered with a hyphen is also the name ("Chandrayaan-3" / "Chandrayaan")
    extra.extend(t.rsplit("-", 1)[0] for t in tokens if _NUMBERED.fullmatch(t))
    # a name with its Arabic article is also the name ("al-Assad" / "Assad", "Hayat Tahrir al-Sham")
    extra.extend(t.split("-", 1)[1] for t in tokens if _ARTICLED.fullmatch(t))
    spelled_out: set[str] = set()
    for acronym, expansion in applied:
        if acronym not in tokens:  # the expansion is written: the acronym too
            extra.append(acronym)
            if acronym in KNOWN_ACRONYMS:
                spelled_out.update(expansion)
        elif acronym not in KNOWN_ACRONYMS:  # found in these texts: either side may write either form
            extra.extend(expansion)
    stems = tuple(stem(t) for t in (*tokens, *extra)
                  if t not in STOPWORDS and (len(t) > 1 or is_number(t)) and t not in spelled_out)
    values, measures = _values(tokens)
    joined = " ".join(tokens)
    return Facts(
        tokens=tokens, stems=stems, content=frozenset(stems), values=values, measures=measures,
        names=frozenset(stem(unaccented(m.lower())) for m in _NAME.findall(canonical(text))
                        if m.lower() not in STOPWORDS),
        quoted=frozenset(stem(w) for q in _QUOTED.findall(text) for w in compare_tokens(q) if w not in STOPWORDS),
        bigrams=frozenset(pairwise(stems)), folded=joined,
        credit=frozenset(stem(t) for m in _CREDIT.finditer(text) for t in compare_tokens(m.group(1))
                         if t not in STOPWORDS),
    )
