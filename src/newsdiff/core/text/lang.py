"""Language identification from scripts and stopword profiles: enough to tell en from the rest."""

from __future__ import annotations

import re

from newsdiff.core.text.tokens import word_set

# The commonest function words of each language: frequent in any news text, rare in the others.
_PROFILE_WORDS = {
    "en": word_set("the of and to in is that for on with as was by at from it be are this have said has were "
          "will which their not but they been"),
    "it": word_set("il di che la per un una del della è non con sono le dei gli nel alla anche ha delle nella "
          "degli più dal sul"),
    "es": word_set("el de que la en los del las por un una con para es al se su más ha como pero sus fue este"),
    "fr": word_set("le de la les et des du un une est en que pour dans qui sur au pas par ont aux été cette avec"),
    "de": word_set("der die und das den von zu mit ist im sich des dem nicht ein eine auf für auch wurde wird "
          "sind bei nach"),
    "pt": word_set("de que não para com uma os no se na por mais as dos das ao pelo foi são também pela"),
    "nl": word_set("de het een van en in is op dat met voor zijn niet aan ook werd bij naar wordt"),
}
_PROFILES = {lang: frozenset(words) for lang, words in _PROFILE_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Scripts that settle the language (or its family) on their own.
_SCRIPTS = (
    ("ar", re.compile("[\u0600-\u06ff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("el", re.compile("[\u0370-\u03ff]")),
    ("hi", re.compile("[\u0900-\u097f]")),
    ("ko", re.compile("[\uac00-\ud7af]")),
    ("ja", re.compile("[\u3040-\u30ff]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")
MIN_LETTERS = 40


def detect(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text`` (None when there is too little to tell)."""
    sample = text[:20000]
    words = _WORD.findall(sample)
    letters = sum(map(len, words))
    if letters < 10:
        return None
    if max(sample) < "\u0370":  # Latin script only: the stopword profiles decide
        return _by_profile(words) if letters >= MIN_LETTERS else None
    if len(_CYRILLIC.findall(sample)) > 0.5 * letters and letters >= MIN_LETTERS:
        return "uk" if len(_UKRAINIAN.findall(sample)) > 0.003 * letters else "ru"
    # Japanese mixes kana with Chinese characters, so kana are looked for before Han.
    for code, pattern in _SCRIPTS:
        share = len(pattern.findall(sample)) / letters
        if share > (0.05 if code == "ja" else 0.3):
            return code
    return _by_profile(words) if letters >= MIN_LETTERS else None


def _by_profile(words: list[str]) -> str | None:
    words = [w.lower() for w in words]
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _PROFILES.items()}
    best = max(counts, key=lambda k: counts[k])
    # Too few function words (a list of names, a headline): say nothing rather than guess.
    return best if counts[best] >= 3 and counts[best] >= 0.05 * len(words) else None


def is_english(text: str) -> bool:
    """Whether ``text`` reads as English (False when unknown)."""
    return detect(text) == "en"
