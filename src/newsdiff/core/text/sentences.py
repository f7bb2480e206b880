"""Split an article body into sentences with character offsets: paragraphs first, then sentences.

The sentence splitter is swappable (any ``Segmenter``). The default, ``news_spans``, cuts at the
boundaries no one disputes (a full stop after an ordinary word or a number, then a capital) and
asks syntok only about the rest (abbreviations, initials, "p.m."), which keeps syntok's judgement
at a fraction of its cost. News fixes on top: a quotation that runs over a full stop stays one
sentence ("...alone. Not for Europe," Rutte said), and a piece that starts in lower case belongs
to the sentence before it.
"""

from __future__ import annotations

import itertools
import re
from typing import Protocol

from newsdiff.core.models import Sentence
from newsdiff.core.text.tokens import OTHER_CLOSERS, OTHER_STOPS, word_set

MAX_SENTENCE = 2000  # characters; longer runs (a page with no punctuation) are cut at a space

_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence-final mark, closing quotes or brackets, space, then what may open a sentence.
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[^\W\d_])")
_ANY_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")
# A sentence's end in scripts whose full stop is no "." (tokens.OTHER_STOPS), with its closing quotes.
_OTHER_END = re.compile(f"[{OTHER_STOPS}]+[{OTHER_CLOSERS}”’\"]*")
# Words after which a full stop always ends the sentence: plain lower-case words and numbers.
_PLAIN_WORD = re.compile(r"[\"“‘'(\[]*[$£€¥]?(?:[a-z][a-z’'-]{2,}|\d[\d,]*(?:\.\d+)?(?:%|bn|mn|m|tn|k|s)?)$")
# Lower-case words that are often abbreviations: leave them to syntok.
_LOWER_ABBREVIATIONS = word_set(
    "approx etc incl excl esp vs cf viz est dept govt univ corp assn min max nos fig vol"
)


# Titles that precede a name or number and never end a sentence in news copy ("Gov. Newsom").
_TITLE_END = re.compile(
    r"\b(?:Gov|Sen|Rep|Gen|Lt|Col|Maj|Capt|Cpt|Sgt|Adm|Cmdr|Gen|Dr|Mr|Mrs|Ms|Prof|Rev|Hon|Pres|Supt|"
    r"Insp|Det|St|Mt|Ft|ST|MT|FT|No|Nos|Art|Sec|Fig|Vol)\.$"
)

# A dateline, the place a report is filed from in capitals, with its region abbreviated or a date
# and agency ("LAS VEGAS, Nev.", "ST. LOUIS, Mo.", "YEREVAN, JANUARY 3, ARMENPRESS."): it opens the
# sentence after it, it does not end one.
_DATELINE = re.compile(r"^[A-Z][A-Z.'’\- ]{1,30}, (?:[A-Z][A-Za-z.]{1,12}|[A-Z0-9][A-Z0-9 ,]{1,40})\.$")


class Segmenter(Protocol):
    """Anything that turns one paragraph into (start, end) spans within it."""

    def __call__(self, paragraph: str) -> list[tuple[int, int]]: ...


def syntok_spans(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph by syntok alone."""
    from syntok import segmenter

    spans: list[tuple[int, int]] = []
    for para in segmenter.analyze(paragraph):
        for sentence in para:
            tokens = list(sentence)
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


def _clear_breaks(paragraph: str) -> list[int]:
    """Offsets where a sentence surely starts (after an undisputed boundary)."""
    cuts = []
    for m in _CANDIDATE.finditer(paragraph):
        if not paragraph[m.end():m.end() + 2].lstrip("\"“‘'([")[:1].isupper():
            continue
        mark = m.group()
        if "!" in mark or "?" in mark:
            cuts.append(m.end())
            continue
        before = paragraph[:m.start()].rsplit(None, 1)
        token = before[-1] if before else ""
        if _PLAIN_WORD.match(token) and token.strip("\"“‘'([").lower() not in _LOWER_ABBREVIATIONS:
            cuts.append(m.end())
    return cuts


def news_spans(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph: undisputed boundaries by rule, the rest by syntok; a sentence
    of Chinese, Japanese or Hindi ends at its own full stop (。, ।)."""
    if not _OTHER_END.search(paragraph):
        return _spans(paragraph)
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [m.end() for m in _OTHER_END.finditer(paragraph)] + [len(paragraph)]:
        if paragraph[start:end].strip():
            spans.extend((start + s, start + e) for s, e in _spans(paragraph[start:end]))
        start = end
    return spans


def _spans(paragraph: str) -> list[tuple[int, int]]:
    bounds = [0, *_clear_breaks(paragraph), len(paragraph)]
    spans: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(bounds):
        piece = paragraph[start:end].rstrip()
        if not piece.strip():
            continue
        if _ANY_BREAK.search(piece):
            spans.extend((start + s, start + e) for s, e in syntok_spans(piece))
        else:
            spans.append((start, start + len(piece)))
    return spans


def _opens_quote(text: str) -> str | None:
    """The closing mark awaited when ``text`` leaves a quotation open, else None."""
    depth = text.count("“") - text.count("”")
    if depth > 0:
        return "”"
    if "“" not in text and "”" not in text and text.count('"') % 2 == 1:
        return '"'
    return None


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip("\"“”'‘’([ ")
    return bool(stripped) and stripped[0].islower()


def join_spans(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join spans split inside a quotation that closes later, after a title (Gov.) or a dateline
    (LAS VEGAS, Nev.), or before lower case."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            awaited = _opens_quote(paragraph[prev_start:prev_end])
            # A quote left open to the end of the paragraph runs on into the next paragraph
            # (news style): joining would glue the whole paragraph, so only join when it closes.
            quoted = awaited is not None and awaited in paragraph[start:]
            previous = paragraph[prev_start:prev_end]
            after_title = bool(_TITLE_END.search(previous) or _DATELINE.match(previous.strip()))
            if quoted or after_title or _starts_lower(paragraph[start:end]):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def _cap(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut a runaway span into pieces of at most MAX_SENTENCE characters at spaces."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def segment(body: str, segmenter: Segmenter = news_spans) -> tuple[Sentence, ...]:
    """Sentences of ``body``; each one satisfies ``body[s.start:s.end] == s.text``."""
    out: list[Sentence] = []
    for para in _PARAGRAPH.finditer(body):
        text = para.group()
        if not text.strip():
            continue
        for span in join_spans(text, segmenter(text) or [(0, len(text))]):
            for start, end in _cap(*span, text):
                chunk = text[start:end]
                stripped = chunk.strip()
                if stripped:
                    s = para.start() + start + len(chunk) - len(chunk.lstrip())
                    out.append(Sentence(stripped, s, s + len(stripped)))
    return tuple(out)
