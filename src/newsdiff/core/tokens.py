"""Word tokens normalised for comparison: case, quotes, dashes, per cent, U.S., numbers as values."""

from __future__ import annotations

import re

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
    }
)
_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:['\-]\w+)*", re.UNICODE)

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those he she they we you i his her their our your my me him them us
    not no so than then there here has have had do does did will would can could should may might
    must shall said says say also into over about after before up down out off more most some any
    all each other such only own same very just which who whom whose what when where why how""".split()
)


def normalise(text: str) -> str:
    """Typographic variants folded to ASCII quotes and dashes."""
    return text.translate(_TRANSLATE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` after typographic normalisation."""
    return [w.lower() for w in _WORD.findall(normalise(text))]


def content_words(text: str) -> list[str]:
    """Words that carry content (stopwords and one-letter tokens dropped)."""
    return [w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
