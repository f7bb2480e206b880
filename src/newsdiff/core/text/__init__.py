"""Shared text utilities: plain strings in, tokens, word rarity, language and sentences out.

Every stage that reads words uses these: ``canonical`` and ``compare_tokens`` fold spellings and
numbers so that two outlets' wordings compare, ``zipf`` says how rare an English word is (from
wordfreq's list, served from a table cached under the cache folder, ``write_pending`` saving a
first run's table), ``detect`` names a text's language and ``segment`` splits a body into
``Sentence`` records with character offsets. Only the tokens load with the package: the rest
(their regular expressions, the word table) loads when first asked for, so that importing the
aligner, which needs tokens alone, stays as cheap as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdiff.core.text.memo import Memo
from newsdiff.core.text.tokens import (
    NUMBER_WORDS,
    OTHER_CLOSERS,
    OTHER_STOPS,
    STOPWORDS,
    canonical,
    compare_tokens,
    cut_off,
    is_number,
    number_value,
    spelling,
    unaccented,
    word_set,
    written_tokens,
    zipf,
)
from newsdiff.core.text.width import cells, fit, wrap_spans
from newsdiff.lazy import lazy_exports

if TYPE_CHECKING:
    from newsdiff.core.text.freq_table import write_pending
    from newsdiff.core.text.lang import detect
    from newsdiff.core.text.sentences import Segmenter, segment

__all__ = [
    "NUMBER_WORDS", "OTHER_CLOSERS", "OTHER_STOPS", "STOPWORDS", "Memo", "Segmenter", "canonical", "cells",
    "compare_tokens", "cut_off", "detect", "fit", "is_number", "number_value", "segment", "spelling", "unaccented",
    "word_set", "wrap_spans", "write_pending", "written_tokens", "zipf",
]

__getattr__ = lazy_exports(__name__, {
    "detect": ".lang", "Segmenter": ".sentences", "segment": ".sentences", "write_pending": ".freq_table",
})
