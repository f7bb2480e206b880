"""Word tokens normalised for comparison: case, quotes, dashes, per cent, U.S., numbers as values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
    }
)
# A clock time or score is one token ("1:53", not the numbers 1 and 53), and so is an ordinal
# ("4th") or a name that opens with digits ("49ers", "3Com"); a unit glued to its figure is not
# ("10km", "30mph" are two tokens).
_WORD = re.compile(
    r"\d{1,2}(?::\d\d)+(?!\d)|\d+(?:st|nd|rd|th)\b|\d+(?!(?:mph|kph|kmh|km|mm|cm|kg|mg|ml|hrs|mins|secs|lbs|yds|pts|bps)\b)[^\W\d_]{3,}(?:['\-]\w+)*"
    r"|\d+(?:[.,]\d+)*|\w+(?:['\-]\w+)*", re.UNICODE)


def _clock(m: re.Match[str]) -> str:
    return ":".join([m[1], f"{int(m[2]):02d}", *([f"{int(m[3]):02d}"] if m[3] else [])])


_MONTHS = {m[:3]: m for m in ("January", "February", "March", "April", "June", "July", "August", "September",
                             "October", "November", "December")}
_MONTH_HINT = re.compile("|".join(_MONTHS))  # where _month can apply: an abbreviation occurs
_DAY_AFTER = re.compile(r" \d{1,2}\b")
_DAY_BEFORE = re.compile(r"(?:^|\D)\d{1,2} $")


def _month(m: re.Match[str]) -> str:
    """The abbreviation as the month's name when a day stands beside it; otherwise as written ("Jan
    said", "to mar")."""
    text, start, end = m.string, m.start(), m.end()
    if _DAY_AFTER.match(text, end) or _DAY_BEFORE.search(text[max(0, start - 4):start]):
        return _MONTHS[m[0][:3]]
    return m[0]


# Spelling variants that mean the same thing in news copy, folded before tokenising.
_VARIANTS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\bU\.\s?S\.(?:\s?A\.)?(?!\w)"), "US"),
    (re.compile(r"\bUnited States(?: of America)?\b", re.I), "US"),
    (re.compile(r"\bU\.\s?K\.(?!\w)"), "UK"),
    (re.compile(r"\bUnited Kingdom\b", re.I), "UK"),
    (re.compile(r"\bU\.\s?N\.(?!\w)"), "UN"),
    (re.compile(r"\bper\s?cent\b|%", re.I), " percent "),
    # The three below start with a letter or comma and look back at the digit from after it
    # ((?<=\db), not (?<=\d)b): the regex engine then scans for that letter instead of trying every
    # position, the same matches in half the time or less.
    (re.compile(r"(b(?<=\db)(?:n|illion))\b", re.I), " billion"),
    (re.compile(r"(m(?<=\dm)(?:n|illion)?)\b", re.I), " million"),
    (re.compile(r",(?<=\d,)(?=\d{3}\b)"), ""),
    # a month abbreviated next to its day ("Dec. 8", "8 Dec") is the month: "December 8"
    (re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"), _month),
    # a duration spelled out is the clock time another outlet writes: "2 hours, 24 minutes and 10
    # seconds" = "2:24:10"
    (re.compile(r"\b(\d{1,2}) hours?,? (?:and )?(\d{1,2}) minutes?(?:,? and (\d{1,2}) seconds?)?", re.I),
     _clock),
]
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000",
}
# ...and the tens with their units, as a sentence that opens with a number spells it ("Twenty-two
# people died" is another report's "22 people died")
NUMBER_WORDS |= {f"{tens}-{unit}": str(int(NUMBER_WORDS[tens]) + int(NUMBER_WORDS[unit]))
                 for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
                 for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}

STOPWORDS = frozenset(
    [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
        "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that",
        "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "my",
        "me", "him", "them", "us", "not", "no", "so", "than", "then", "there", "here", "has", "have", "had",
        "do", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "shall",
        "said", "says", "say", "also", "into", "over", "about", "after", "before", "up", "down", "out",
        "off", "more", "most", "some", "any", "all", "each", "other", "such", "only", "own", "same", "very",
        "just", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "while", "told",
        "added", "according", "there's", "it's", "that's", "s", "t"
    ]
) - {"us", "not", "no"}


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated literal, as a set."""
    return frozenset(text.split())


# Transliteration marks, written inside a name by some outlets and left out by most ("Hayʼat Tahrir
# al-Sham" / "Hayat Tahrir al-Sham", "Hawaiʻi" / "Hawaii"): left out of the words compared. They are
# letters to a regex, so kept they made another word; the text shown keeps them.
_MARKS = str.maketrans("", "", "\u02bc\u02bb\u02be\u02bf")


def unaccented(token: str) -> str:
    """Pérec and Perec, São and Sao: one name with or without its accents."""
    if token.isascii():
        return token
    return "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c)) or token


def normalise(text: str) -> str:
    """Typographic variants folded to ASCII quotes and dashes."""
    return text.translate(_TRANSLATE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` after typographic normalisation."""
    return [w.lower() for w in _WORD.findall(normalise(text).translate(_MARKS))]


def content_words(text: str) -> list[str]:
    """Words that carry content (stopwords and one-letter tokens dropped)."""
    return [w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


def canonical(text: str) -> str:
    """Text with variant spellings folded (U.S. -> US, per cent -> percent, 1,000 -> 1000)."""
    text = normalise(text).translate(_MARKS)
    lower = text.lower()
    # Each pattern runs only where its literal part occurs: most text has no "U." and no "united",
    # and skipping those regex passes halves the cost of reading an article for clustering.
    guards = ("U." in text, "united" in lower, "U." in text, "united" in lower, "U." in text,
              "per" in lower or "%" in text, True, True, "," in text, _MONTH_HINT.search(text) is not None,
              "minute" in lower)
    for (pattern, repl), needed in zip(_VARIANTS, guards, strict=True):
        if needed:
            text = pattern.sub(repl, text)
    return text


def number_value(token: str) -> str:
    """A number token as a canonical value ('5.50' -> '5.5', 'five' -> '5'); other tokens unchanged."""
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token]
    if token[:1].isdigit():
        cleaned = token.replace(",", "")
        try:
            value = float(cleaned)
        except ValueError:
            return token
        return f"{value:g}"
    return token


def compare_tokens(text: str) -> list[str]:
    """Tokens for similarity: canonical spellings, lower case, numbers as values, stopwords kept."""
    return [spelling(t) for t in written_tokens(text)]


def written_tokens(text: str) -> list[str]:
    """``compare_tokens`` with each word spelled as written (British or American): what a figure's
    unit is shown as ("62 metres")."""
    return [number_value(w.lower()) for w in _WORD.findall(canonical(text))]


# British and American spellings of one word, read as the American (both outlets' words folded the
# same way, so a word that has one spelling only, folded too, still matches itself).
_SPELLINGS = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "programme": "program", "programmes": "programs", "catalogue": "catalog", "dialogue": "dialog",
    "analogue": "analog", "grey": "gray", "aluminium": "aluminum", "jewellery": "jewelry",
    "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "sceptical": "skeptical", "paediatric": "pediatric",
    "anaesthetic": "anesthetic", "oestrogen": "estrogen", "plough": "plow", "mould": "mold", "cheque": "check",
}
_BRITISH = re.compile(
    r"(?P<ise>(?<=[a-z]{3})is(?=(?:e|ed|es|ing|ation|ations)$))"  # organise, organisation
    r"|(?P<yse>(?<=[a-z]{2})ys(?=(?:e|ed|es|ing)$))"  # analyse, paralysed
    # colour, favourite, neighbourhood (not four, pour, your, hour, sour, tour)
    r"|(?P<our>(?<=[a-z]{2})(?<![fpyhst])our(?=(?:s|ed|ing|ite|ites|ful|able|ably|hood|hoods|er|ers|al|ally)?$))"
    r"|(?P<re>(?<=[a-z]{2})(?<=[tb])re(?=s?$))"  # centre, fibre
)


@lru_cache(maxsize=65536)
def spelling(token: str) -> str:
    """A word in its American spelling where British writes it otherwise ("organised" -> "organized",
    "colour" -> "color", "centre" -> "center", "defence" -> "defense"); anything else unchanged."""
    if token in _SPELLINGS:
        return _SPELLINGS[token]
    if len(token) < 5:
        return token
    if not token.isalpha():  # each word of "centre's", "well-organised", not a number
        parts = re.split(r"(['-])", token)
        return "".join(spelling(p) if p.isalpha() else p for p in parts) if len(parts) > 1 else token
    return _BRITISH.sub(lambda m: "iz" if m["ise"] else "yz" if m["yse"] else "or" if m["our"] else "er", token)


def is_number(token: str) -> bool:
    """A figure ("2300", "1.25", "1:53"), not a word that opens with digits ("4th", "49ers")."""
    return token[:1].isdigit() and not token[-1:].isalpha()


# Sentence ends in scripts whose full stop is no ".": Chinese and Japanese (written with no space
# after), Hindi and other Devanagari, Arabic's question mark; and the closing brackets of CJK quotes.
OTHER_STOPS = "。！？।॥؟"
OTHER_CLOSERS = "」』）》"
_SENTENCE_ENDS = frozenset(".!?…:;\"'”’»)]" + OTHER_STOPS + OTHER_CLOSERS)


def cut_off(sentence: str) -> bool:
    """A sentence that stops short: no full stop, question or exclamation mark, ellipsis or closing
    quote ends it. Said of a page's last sentence, it means the page was cut off mid-sentence
    (an excerpt, a feed summary, a paywall)."""
    text = sentence.rstrip()
    return bool(text) and text[-1] not in _SENTENCE_ENDS


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of an English word (0 for unknown words), as the wordfreq package gives it."""
    from newsdiff.core.text.word_freq import zipf_frequency

    return zipf_frequency(word)
