"""Language identification from stopword profiles and scripts: enough to tell en from the rest."""

from __future__ import annotations

import re

_PROFILE_WORDS = {
    "en": "the of and to in is that for on with as was by at from it be are this have said has".split(),
    "it": "il di che la per un una del della è non con sono le dei gli nel alla anche ha".split(),
    "es": "el de que la en los del las por un una con para es al se su más ha".split(),
    "fr": "le de la les et des du un une est en que pour dans qui sur au pas par".split(),
    "de": "der die und das den von zu mit ist im sich des dem nicht ein eine auf für".split(),
    "pt": "de que não para com uma os no se na por mais as dos das ao pelo".split(),
    "nl": "de het een van en in is op dat met voor zijn niet aan ook".split(),
}
_PROFILES = {lang: frozenset(words) for lang, words in _PROFILE_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text`` (None when there is too little text)."""
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 40:
        return None
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if cyrillic > 0.5 * len(letters):
        return "uk" if sum(c in "іїєґ" for c in sample.lower()) > 0.003 * len(letters) else "ru"
    if sum("\u0600" <= c <= "\u06ff" for c in letters) > 0.5 * len(letters):
        return "ar"
    if sum("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in letters) > 0.3 * len(letters):
        return "ja" if any("\u3040" <= c <= "\u30ff" for c in letters) else "zh"
    words = [w.lower() for w in _WORD.findall(sample)]
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _PROFILES.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 else None
