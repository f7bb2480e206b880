"""English Zipf frequencies exactly as ``wordfreq.zipf_frequency(word, "en")`` gives them, fast.

wordfreq costs about half a second to import and unpack. Most words newsdiff asks about are
Latin letters and digits with inner apostrophes and hyphens, whose tokenisation by wordfreq can
be reproduced for certain; those are looked up in the cached table (``freq_table``) and combined
with wordfreq's own arithmetic (its ``numbers`` module for digits). Anything else (other
scripts, digits or underscores next to an apostrophe, ...) goes to wordfreq itself, imported on
first need. ``tests/test_word_freq.py`` checks the two agree over a large sample of wordfreq's
list and crafted cases.
"""

from __future__ import annotations

import importlib.util
import math
import threading
import unicodedata
from types import ModuleType
from typing import Any

from newsdiff.core.text.freq_table import DictTable, FrequencyTable, discard_pending, load_table

# Letters that Unicode word segmentation treats as plain letters (ALetter) and that case-fold to
# themselves: a-z and the lower-case letters of Latin-1 and Latin Extended-A. Text made of these
# and the characters below is tokenised by wordfreq as ``tokens`` does.
_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyz"
    + "".join(c for c in map(chr, range(0xC0, 0x180))
              if unicodedata.category(c) in ("Lu", "Ll") and c.casefold() == c)
)
_DIGITS = frozenset("0123456789")
# Digits and underscores join letters into one token (they never break from them) but follow
# other rules beside an apostrophe.
_ALLOWED = _LETTERS | _DIGITS | {"_", "'", "-"}
# wordfreq's TOKEN_RE splits "l'arc" and "qu'il" (1-2 letters, apostrophe, vowel or h) at the
# apostrophe; its vowel class, lower case (the text is case-folded before it is matched).
_ELISION_VOWELS = frozenset("aehiouyáéíóúàèìòùâêîôûåïöœ")

MINIMUM = 10**0.0 / 1e9  # wordfreq's zipf_to_freq(0), the floor zipf_frequency asks for


def tokens(word: str) -> list[str] | None:
    """wordfreq's ``lossy_tokenize(word, "en")`` when it can be reproduced for certain, else None."""
    # wordfreq: NFC, case-fold, NFC again, then its token expression; tokens are case-folded again.
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", word).casefold())
    if not _ALLOWED.issuperset(text):
        return None
    out: list[str] = []
    # A hyphen is a word break on both sides and never part of a token.
    for piece in text.split("-") if text else []:
        if not piece or piece[0] == "'" or piece[-1] == "'" or "''" in piece:
            return None
        if "'" in piece and not _LETTERS.issuperset(piece.replace("'", "")):
            return None
        while True:  # letters and single inner apostrophes never break, except the elision rule
            if len(piece) > 2 and piece[1] == "'" and piece[2] in _ELISION_VOWELS:
                out.append(piece[0])
                piece = piece[2:]
            elif len(piece) > 3 and piece[2] == "'" and piece[3] in _ELISION_VOWELS:
                out.append(piece[:2])
                piece = piece[3:]
            else:
                out.append(piece)
                break
    return out


class _Numbers:
    """wordfreq's own ``numbers`` module (digit smashing and digit-sequence frequencies), loaded
    from its file so that the package's heavy ``__init__`` is not run."""

    module: ModuleType | None = None

    @classmethod
    def get(cls) -> ModuleType:
        if cls.module is None:
            spec = importlib.util.find_spec("wordfreq")
            assert spec is not None and spec.submodule_search_locations
            location = next(iter(spec.submodule_search_locations)) + "/numbers.py"
            numbers_spec = importlib.util.spec_from_file_location("_newsdiff_wordfreq_numbers", location)
            assert numbers_spec is not None and numbers_spec.loader is not None
            module = importlib.util.module_from_spec(numbers_spec)
            numbers_spec.loader.exec_module(module)
            cls.module = module
        return cls.module


def _frequency(table: FrequencyTable | DictTable, toks: list[str]) -> float:
    """wordfreq's ``_word_frequency`` for English, step for step (same float operations)."""
    if not toks:
        return MINIMUM
    one_over_result = 0.0
    for token in toks:
        numbers: Any = _Numbers.get() if not _DIGITS.isdisjoint(token) else None
        smashed = numbers.smash_numbers(token) if numbers else token
        bucket = table.bucket(smashed)
        if bucket is None:
            return MINIMUM
        freq = 10 ** (-bucket / 100)
        if smashed != token:
            freq *= numbers.digit_freq(token)
        one_over_result += 1.0 / freq
    freq = 1.0 / one_over_result
    unrounded = max(freq, MINIMUM)
    if unrounded == 0.0:
        return 0.0
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(unrounded, leading_zeroes + 3)


class _State:
    table: FrequencyTable | DictTable | None = None
    loaded = False
    lock = threading.Lock()  # workers of the reader may ask at once: build the table once


def _table() -> FrequencyTable | DictTable | None:
    if not _State.loaded:
        with _State.lock:
            if not _State.loaded:
                _State.table = load_table("en")
                _State.loaded = True
    return _State.table


def reset() -> None:
    """Forget the loaded table (tests that move NEWSDIFF_HOME or break the cache file)."""
    _State.table, _State.loaded = None, False
    discard_pending()


def wordfreq_zipf(word: str) -> float:
    """The real ``wordfreq.zipf_frequency(word, "en")`` (imports wordfreq on first use)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def zipf_frequency(word: str) -> float:
    """Zipf frequency of ``word`` in English, equal to ``wordfreq.zipf_frequency(word, "en")``."""
    toks = tokens(word)
    table = _table() if toks is not None else None
    if toks is None or table is None:
        return wordfreq_zipf(word)
    return round(math.log(_frequency(table, toks), 10) + 9, 2)
