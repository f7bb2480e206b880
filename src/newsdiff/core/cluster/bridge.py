"""Language-neutral evidence for linking an article to a story told in another language.

Two reports of one event in Russian and English share almost no words, but they name the same
people and places and give the same figures. Names are written in each language's script and
spelling (Асад / Assad, Дамаск / Damascus, Трамп / Trump), so each is reduced to a key: Cyrillic
transliterated, accents dropped, doubled letters and vowels after the first letter removed
(asd, dmsk, trmp). Inflected forms (Дамаске) still start with the key of the base form, so keys
match when one is a prefix of the other. Figures are kept when they are specific: decimals and
numbers of two or more digits that are not years. Shared names alone never link stories (the
same people are in the news every week); names, figures and dates together may, flagged as low
confidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from newsdiff.core.text import Memo

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієґ",
    "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i e g".split(), strict=True))
_CAPITALISED = re.compile(r"(?<![.!?:;\"“«]\s)(?<!^)\b([^\W\d_][^\W\d_'’-]{2,})", re.MULTILINE)
# A figure: digits not inside another number, with thousands grouped by spaces, or a decimal. The
# first digit comes before the look behind it ((?<![\d.,]\d), not (?<![\d.,])\d) so that the regex
# engine scans for digits instead of trying every position: four times faster, the same matches.
_NUMBER = re.compile(r"(\d(?<![\d.,]\d)(?:\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d*(?:[.,]\d+)?))(?![\d]|[.,]\d)")
_VOWELS = str.maketrans("", "", "aeiouy")
_SOFT_C = re.compile(r"c(?=[eiy])")
_LOOKALIKE = str.maketrans({"c": "k", "q": "k", "w": "v", "j": "i"})
KEY_PREFIX = "\x01"  # index terms made of bridge keys, kept apart from words
MIN_KEY = 3


def latin(word: str) -> str:
    """A word in Latin letters, lower case, without accents."""
    word = word.lower()
    out = "".join(_CYRILLIC.get(ch, ch) for ch in word).replace("-", "")
    return "".join(ch for ch in unicodedata.normalize("NFKD", out) if ch.isascii() and ch.isalpha())


def name_key(word: str) -> str:
    """The consonant skeleton a name keeps across scripts and spellings ('Assad' and 'Асад' -> 'asd')."""
    text = latin(word).replace("ph", "f").replace("kh", "h").replace("ck", "k")
    text = _SOFT_C.sub("s", text).translate(_LOOKALIKE)  # Valencia / Валенсия: a c before e, i, y says s
    text = re.sub(r"(.)\1+", r"\1", text)
    return text[:1] + text[1:].translate(_VOWELS) if text else ""


def name_keys(text: str) -> frozenset[str]:
    """Keys of the capitalised words of ``text`` that do not open a sentence (so: names)."""
    return frozenset(spelled_names(text))


def _word_key(word: str) -> str:
    """The name key of a word that may be a name, or '' when it is none (not capitalised, or a long
    all-capitals word) or its key is too short to tell."""
    if (word[0].isupper() and not word.isupper()) or (len(word) <= 5 and word.isupper()):
        key = name_key(word)
        return key if len(key) >= MIN_KEY else ""
    return ""


_WORD_KEYS = Memo(_word_key, 100_000)  # words and names recur across articles


def spelled_names(text: str) -> dict[str, str]:
    """Each name key of ``text`` with the word it was first written as (for evidence a reader can follow)."""
    keys: dict[str, str] = {}
    known = _WORD_KEYS
    for word in _CAPITALISED.findall(text):
        if key := known[word]:
            keys.setdefault(key, word)
    return keys


def number_keys(text: str) -> frozenset[str]:
    """Specific figures: decimals, and whole numbers of two or more digits that are not years."""
    out = set()
    for raw in _NUMBER.findall(text):
        value = re.sub(r"[ \u00a0\u202f]", "", raw).replace(",", ".")  # 1 200 (Russian) is 1200
        if "." in value:
            whole, _, frac = value.partition(".")
            if len(frac) == 3 and whole != "0":  # 1,200 and 1.200 (Italian) are twelve hundred, not 1.2
                value = whole + frac
            else:
                out.add(value.rstrip("0").rstrip(".") or "0")
                continue
        number = int(value)
        if number >= 10 and not 1900 <= number <= 2100:
            out.add(str(number))
    return frozenset(out)


def index_keys(names: Iterable[str], numbers: Iterable[str]) -> list[str]:
    """Terms to find stories by: a name's first four key letters (inflection changes the end), figures."""
    return sorted({KEY_PREFIX + n[:4] for n in names} | {KEY_PREFIX + "#" + n for n in numbers})


def shared_names(a: Iterable[str], b: Iterable[str]) -> list[str]:
    """Keys of ``a`` that match one of ``b`` (equal, or one a prefix of the other)."""
    by_start: dict[str, list[str]] = {}
    for key in b:
        by_start.setdefault(key[:MIN_KEY], []).append(key)
    return sorted(k for k in a if any(k.startswith(o) or o.startswith(k) for o in by_start.get(k[:MIN_KEY], ())))
