"""Page text dump -> article body plus title, outlet, byline, date and dateline.

A line classifier over features, not phrase lists of particular pages: prose lines are
long, sentence-shaped and end in terminal punctuation; chrome is short, repeated,
link-like (a handful of generic web-chrome cue words), or a caption/credit. The body is
the densest run of prose; metadata comes from the lines above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdiff.core.metadata import (
    find_byline, find_copyright_owner, find_date, find_dateline, find_outlet, find_title,
)

# Generic cues of page furniture (navigation, promotion, sharing, credits), in any outlet.
_CHROME_START = re.compile(
    r"^(read more|read also|also read|more from|related( stories| articles|:)?|recommended|sign up|sign in|"
    r"subscribe|download|already a (member|subscriber)|follow us|share (this|on)|click here|advertisement|"
    r"you may also like|top stories|most (read|popular)|trending|watch:|listen:|see also|photo:|photograph:|"
    r"image:|picture:|credit:|caption:|copyright|©|all rights reserved|newsletter|get (the|our|all)|"
    r"log ?in|register|cookie|privacy|terms of|skip to|back to top|next article|previous article)\b",
    re.I,
)
_CREDIT = re.compile(
    r"\b(photograph|photo|image|picture|illustration|video)( credit)?:|getty images|\bafp\b ?/|/ ?afp\b|"
    r"/ ?reuters\b|shutterstock|\bap photo\b|file photo",
    re.I,
)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What cleaning keeps of a page."""

    title: str
    body: str
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    dateline: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class LineInfo:
    """Features of one line of a page."""

    text: str
    words: int
    terminal: bool
    lower_share: float
    chrome: bool
    repeated: bool

    @property
    def prose(self) -> bool:
        return (not self.chrome and not self.repeated and self.terminal and self.words >= 7
                and self.lower_share >= 0.45)


def _lower_share(words: list[str]) -> float:
    return sum(w[0].islower() for w in words) / len(words) if words else 0.0


def describe(lines: list[str]) -> list[LineInfo]:
    """Features of every line (blank lines included, as empty lines)."""
    counts: dict[str, int] = {}
    for line in lines:
        if line:
            counts[line] = counts.get(line, 0) + 1
    out = []
    for line in lines:
        words = _WORDS.findall(line)
        # Menus and tickers: several items joined by separators on one line.
        separated = len(re.findall(r"\s[|·•]\s", line)) >= 2
        chrome = bool(_CHROME_START.match(line)) or bool(_CREDIT.search(line)) or separated
        # A long paragraph cut mid-sentence (truncated page) still reads as prose.
        terminal = bool(_TERMINAL.search(line)) or (len(words) >= 40 and line.count(". ") >= 2)
        out.append(LineInfo(line, len(words), terminal, _lower_share(words), chrome,
                            counts.get(line, 0) > 1 and len(words) < 12))
    return out


def _body_span(info: list[LineInfo]) -> tuple[int, int] | None:
    """First and last line of the densest run of prose (short interruptions allowed)."""
    prose = [k for k, li in enumerate(info) if li.prose]
    if not prose:
        return None
    best: tuple[float, int, int] = (0.0, prose[0], prose[0])
    start = prev = prose[0]
    mass = 0.0
    for k in prose:
        gap = sum(1 for x in info[prev + 1:k] if x.text and not x.chrome)
        if gap > 3:  # too much non-prose between: a new run starts
            start, mass = k, 0.0
        mass += info[k].words
        prev = k
        if mass > best[0]:
            best = (mass, start, k)
    return best[1], best[2]


def _keep_in_body(li: LineInfo) -> bool:
    if not li.text or li.chrome or li.repeated:
        return False
    if li.prose:
        return True
    # Short lines inside the body: quotes and one-line paragraphs that read as sentences.
    return li.terminal and li.words >= 3 and li.lower_share >= 0.3


_DATE_LABEL = re.compile(r"^(?:date|published|posted|updated|last updated)\s*:?\s*(\d{4}-\d\d-\d\d)(?:[T ][\d:.+Z-]*)?\s+", re.I)


def _split_labels(lines: list[str]) -> tuple[list[str], str | None]:
    """Strip 'date 2024-01-02 ' style metadata labels that scrapers glue to the start of a line."""
    labelled = None
    out = []
    for line in lines:
        m = _DATE_LABEL.match(line)
        if m:
            labelled = labelled or m.group(1)
            line = line[m.end():]
        out.append(line)
    return out, labelled


def clean_text(text: str) -> Cleaned:
    """Split a page dump into article body and metadata; unknown fields are None."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    lines, labelled_date = _split_labels(lines)
    info = describe(lines)
    span = _body_span(info)
    if span is None:
        return Cleaned(title=find_title(info, len(info), "") or "", body="")
    first, last = span
    body_lines = [li.text for li in info[first:last + 1] if _keep_in_body(li)]
    body = "\n\n".join(body_lines)
    head = info[:first]
    return Cleaned(
        title=find_title(info, first, body_lines[0] if body_lines else "") or "",
        body=body,
        outlet=find_outlet(head) or find_copyright_owner([li.text for li in info[last + 1:]] + [li.text for li in head]),
        byline=find_byline(head),
        published=labelled_date or find_date([li.text for li in head if li.words < 15] + body_lines[:1]),
        dateline=find_dateline(body_lines[0] if body_lines else ""),
    )
