"""Split an article body into sentences with character offsets (paragraphs first, then syntok)."""

from __future__ import annotations

import re
from typing import Protocol

from newsdiff.core.models import Sentence

_PARAGRAPH = re.compile(r"[^\n]+")


class Segmenter(Protocol):
    """Anything that turns one paragraph into (start, end) spans within it."""

    def __call__(self, paragraph: str) -> list[tuple[int, int]]: ...


def syntok_spans(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph using syntok's segmenter."""
    from syntok import segmenter

    spans: list[tuple[int, int]] = []
    for para in segmenter.analyze(paragraph):
        for sentence in para:
            tokens = list(sentence)
            if not tokens:
                continue
            first, last = tokens[0], tokens[-1]
            start = first.offset
            end = last.offset + len(last.value)
            spans.append((start, end))
    return spans


def _quote_open(text: str) -> bool:
    """Whether a quotation opened in ``text`` is still open at its end."""
    depth = text.count("“") - text.count("”")
    if depth > 0:
        return True
    if depth == 0 and "“" not in text and text.count('"') % 2 == 1:
        return True
    return False


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip("\"“”'‘’([ ")
    return bool(stripped) and stripped[0].islower()


_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’)\]]*$")


def join_spans(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join spans split inside an open quotation, before a lower-case continuation, or after a
    fragment that does not end a sentence (a dateline such as 'PORTAVIA (Harbor Wire)')."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            previous = paragraph[prev_start:prev_end].rstrip()
            unfinished = _quote_open(previous) or not _ENDS_SENTENCE.search(previous)
            if unfinished or _starts_lower(paragraph[start:end]):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def segment(body: str, segmenter: Segmenter = syntok_spans) -> tuple[Sentence, ...]:
    """Sentences of ``body``; each one satisfies ``body[s.start:s.end] == s.text``."""
    out: list[Sentence] = []
    for para in _PARAGRAPH.finditer(body):
        text = para.group()
        if not text.strip():
            continue
        spans = join_spans(text, segmenter(text) or [(0, len(text))])
        for start, end in spans:
            chunk = text[start:end]
            stripped = chunk.strip()
            if not stripped:
                continue
            lead = len(chunk) - len(chunk.lstrip())
            s = para.start() + start + lead
            out.append(Sentence(stripped, s, s + len(stripped)))
    return tuple(out)
