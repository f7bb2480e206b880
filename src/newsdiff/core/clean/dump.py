"""Page text dump -> article body plus title, outlet, byline, date and dateline.

A line classifier over features, not phrase lists of particular pages (see ``features``):
prose lines are long, sentence-shaped, mostly lower case and end in terminal punctuation;
chrome is short, repeated, link-like, promotional or a caption/credit. The body is the densest
run of prose, where chrome interrupts little and a list header ("Related stories") ends it;
the metadata comes from the lines around it (``dump_meta``, ``metadata``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from newsdiff.core.clean.dump_meta import choose_byline, choose_outlet, choose_title
from newsdiff.core.clean.features import (
    Kind,
    LineInfo,
    describe,
    normalise,
    split_date_label,
    unwrap,
    without_credits,
)
from newsdiff.core.clean.metadata import date_in, dateline_prefix, find_date


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """Thresholds of the text-dump cleaner."""

    min_prose_words: int = 7  # a shorter line is never prose on its own
    max_gap: float = 3.0  # weight of non-prose lines a body may hold between two prose lines
    gap_toll: float = 10.0  # words a run loses per unit of interruption
    after_header: float = 0.6  # weight of a run that starts after a list header closed another run
    keep_truncated_tail: bool = True  # keep a last paragraph the dump cut off mid-sentence (it is article text)
    max_lines: int = 100_000  # lines examined at most (bounded time on huge input)


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
    dropped: int = 0  # lines judged page chrome


DEFAULT_OPTIONS = CleanOptions()


def _gap_weight(li: LineInfo) -> float:
    """How much a non-prose line separates the prose around it."""
    if li.kind is Kind.HEADER:
        return math.inf  # what follows is a list of other stories
    if li.kind is Kind.BLANK or li.kind is Kind.SHORT:
        return 0.0
    if li.credit:
        return 0.25  # a photo inside the article
    if li.kind is Kind.OTHER and li.words >= 15:
        return 0.5
    return 1.0


def body_span(info: list[LineInfo], options: CleanOptions = DEFAULT_OPTIONS) -> tuple[int, int] | None:
    """First and last line of the densest run of prose.

    A run's mass is its prose words less a toll for every interruption, so that a list of teasers
    (title, summary, date, title, summary...) weighs less than consecutive paragraphs; a run that
    starts after a list header which closed an earlier run (the article, then "More from us")
    counts for less again.
    """
    runs: list[list[float]] = []  # [mass, first, last]
    gap = 0.0
    discount = 1.0
    for k, li in enumerate(info):
        if li.kind is not Kind.PROSE:
            if runs:
                gap += _gap_weight(li)
                if li.kind is Kind.HEADER:
                    discount = options.after_header
            continue
        if not runs or gap > options.max_gap:
            runs.append([0.0, k, k])
            factor, gap = discount, 0.0
        runs[-1][0] += factor * (li.words - options.gap_toll * gap)
        runs[-1][2] = k
        gap = 0.0
    if not runs:
        return None
    best = max(runs, key=lambda run: run[0])
    return int(best[1]), int(best[2])


def _keep(info: list[LineInfo], k: int, last: int) -> bool:
    li = info[k]
    if li.kind in (Kind.PROSE, Kind.SHORT):
        return True
    if li.kind is not Kind.OTHER:
        return False
    # An introduction to a quote ("Police Chief Stacey Graves stated:"), a paragraph that lost its
    # full stop, or a quote set between paragraphs; headings and names stay out.
    return ((_introduces_quote(info, k) or _pull_quote(li)) and k < last) or _prose_like(li)


_OPEN_QUOTES, _CLOSE_QUOTES = "\"“‘'«„", "\"”’'»“"


def _pull_quote(li: LineInfo) -> bool:
    """A line that is one quotation and nothing else (a crosshead: ``"This success belongs to all of
    humanity"``): the article's words, set between paragraphs. Where the body repeats it, the body's
    copy stays (``_dedupe``); where the page was cut off before it, it is the quote's one copy."""
    text = li.text.strip()
    return (li.kind is Kind.OTHER and li.words >= 4 and len(text) > 2 and text[0] in _OPEN_QUOTES
            and text.rstrip(".!?,")[-1:] in _CLOSE_QUOTES and li.lower_share >= 0.3)


def _introduces_quote(info: list[LineInfo], k: int) -> bool:
    """Line ``k`` introduces a quotation: it reads as one (``_quote_intro``), or it ends in a colon
    over a line that opens a quotation ("Kansas City Police Chief Stacey Graves stated:", heavy with
    names and titles, known by what follows it rather than by its case)."""
    li = info[k]
    if _quote_intro(li):
        return True
    if li.kind is not Kind.OTHER or not li.text.endswith(":") or li.words < 4:
        return False
    nxt = next((x.text for x in info[k + 1:] if x.text), "")
    return nxt[:1] in _OPEN_QUOTES


def _quote_intro(li: LineInfo) -> bool:
    """"Microsoft's president Brad Smith took to Twitter and said:" (the quote follows)."""
    return li.kind is Kind.OTHER and li.text.endswith(":") and li.words >= 6 and li.lower_share >= 0.45


def _truncated_tail(info: list[LineInfo], last: int) -> list[int]:
    """A last line cut off mid-sentence by the end of the dump, after the body and chrome only, with
    the line that introduced it when it was a quote ("... took to Twitter and said:")."""
    rest = [k for k in range(last + 1, len(info)) if info[k].text]
    if not rest:
        return []
    li = info[rest[-1]]

    def text(k: int) -> bool:  # article text between: a paragraph, a quote, the cut quote's introduction
        return (_prose_like(info[k]) or _pull_quote(info[k])
                or (k == rest[-2] and _introduces_quote(info, k)))

    between_ok = len(rest) <= 8 and all(
        info[k].kind is Kind.CHROME or (info[k].kind is Kind.OTHER and info[k].words <= 8) or text(k)
        for k in rest[:-1])
    if between_ok and _cut_off_text(li):
        return [*(k for k in rest[:-1] if text(k)), rest[-1]]
    return []


def _cut_off_text(li: LineInfo) -> bool:
    """A line that reads as a sentence the dump cut off: no full stop, so not prose, but words in
    lower case. A cut-off line full of names ("leaders including US President Joe Biden, French
    President Emmanuel Macron,") is mostly capitals, but a long one is still prose."""
    reads = (li.words >= 8 and li.lower_share >= 0.45) or (li.words >= 20 and li.lower_share >= 0.3)
    # A few words cut off mid-sentence ("The Chiefs trailed 10-0 in t"): mostly lower case, and
    # ending where no sentence, credit or label ends.
    text = li.text.rstrip()
    short = li.words >= 4 and li.lower_share >= 0.5 and (text[-1:].isalnum() or text.endswith(","))
    return li.kind is Kind.OTHER and (reads or short) and not text.endswith(":")


def _prose_like(li: LineInfo) -> bool:
    """A paragraph the classifier could not call prose but that reads as one (an embedded post
    ending in hashtags, a quote without its full stop)."""
    return li.kind is Kind.OTHER and li.words >= 15 and li.lower_share >= 0.5


def select_body(info: list[LineInfo], span: tuple[int, int], options: CleanOptions) -> list[int]:
    """Indices of the lines of the body (with a last paragraph the dump cut off, when there is one)."""
    first, last = span
    nxt = next((k for k in range(last + 1, len(info)) if info[k].text), None)
    if nxt is not None and info[nxt].kind is Kind.SHORT and info[nxt].words >= options.min_prose_words:
        last = nxt  # a last sentence heavy with names still belongs to the body
    keep = [k for k in range(first, last + 1) if _keep(info, k, last)]
    if options.keep_truncated_tail:
        keep.extend(_truncated_tail(info, last))
    return _dedupe(info, keep)


def _dedupe(info: list[LineInfo], keep: list[int]) -> list[int]:
    """Drop a paragraph printed twice (standfirst and lede); the copy with a dateline wins."""
    where: dict[str, int] = {}
    out: list[int] = []
    texts = [info[k].text.casefold() for k in keep]
    for n, k in enumerate(keep):
        if _pull_quote(info[k]):
            quote = info[k].text.strip().strip(".!?,").strip(_OPEN_QUOTES + _CLOSE_QUOTES).casefold()
            if any(quote in t for m, t in enumerate(texts) if m != n):
                continue  # the paragraph that says it keeps it, in its place
        li = info[k]
        key = li.text[li.dateline:].casefold()
        if key not in where:
            where[key] = len(out)
            out.append(k)
        elif li.dateline and not info[out[where[key]]].dateline:
            out[where[key]] = k
    # A standfirst that repeats a sentence of the body word for word ("The ceremonies opened under
    # overcast skies..." over "Instead, the ceremonies opened under overcast skies... Volunteers"):
    # the body keeps its own copy, in its place.
    if len(out) > 1:
        first = info[out[0]].text[info[out[0]].dateline:].strip().casefold()
        if len(first) >= 40 and any(first in info[k].text.casefold() for k in out[1:]):
            out = out[1:]
    return out


def _paragraph(li: LineInfo) -> str:
    """The text a kept line gives the body: no credit of a caption glued onto a paragraph. A tail
    the dump cut off mid-sentence is kept whole: excerpts, feed summaries and paywalled pages end
    that way, and the cut-off sentence is still the article's (often its one copy of a fact)."""
    return without_credits(li.text) if li.credit else li.text


def _without_prose(info: list[LineInfo]) -> Cleaned:
    """No line reads as prose (one endless line, a list, a page cut short): keep the longest
    unpunctuated text rather than nothing, so that the reader still sees what there was."""
    title, _ = choose_title(info, len(info), [])
    longest = max((li for li in info if li.kind is Kind.OTHER and li.text != title), key=lambda li: li.words,
                  default=None)
    body = longest.text if longest is not None and longest.words >= 20 else ""
    return Cleaned(title=title, body=body, dropped=sum(1 for li in info if li.text) - bool(body))


def _cut_short(info: list[LineInfo]) -> int | None:
    """The page's last line when it reads as a sentence cut off, on a page with no prose: an
    excerpt or feed item that ends inside its first sentence is still that article's text."""
    k = next((k for k in range(len(info) - 1, -1, -1) if info[k].text), None)
    return k if k is not None and _cut_off_text(info[k]) else None


def _lines(text: str, options: CleanOptions) -> tuple[list[str], str | None]:
    lines = unwrap([normalise(line) for line in text.splitlines()[: options.max_lines]])
    labelled = None
    for k, line in enumerate(lines[:10]):
        if line:
            lines[k], found = split_date_label(line)
            labelled = labelled or found
    return lines, labelled


DATE_BLOCK = 6  # lines after the body's first where a page sets its byline and date block


def clean_text(text: str, options: CleanOptions = DEFAULT_OPTIONS) -> Cleaned:
    """Split a page dump into article body and metadata; unknown fields are None."""
    lines, labelled = _lines(text, options)
    info = describe(lines, min_prose_words=options.min_prose_words)
    span = body_span(info, options)
    if span is not None:
        kept = select_body(info, span, options)
    else:
        fallback, cut = _without_prose(info), _cut_short(info)
        if fallback.body or cut is None:
            return fallback
        span, kept = (cut, cut), [cut]  # the page's one sentence, cut off: its body
    first, last = span
    body_lines = [line for k in kept if (line := _paragraph(info[k]))]
    title, from_body = choose_title(info, first, body_lines)
    if from_body:
        body_lines = body_lines[1:]
    head = [li.text for li in info[:first] if li.text and li.words < 20]
    # A byline and date block set under the standfirst ("- Post By Ivan Kolekevski", "- 10:31, 27
    # July, 2024") stands inside the body's span, and the body leaves it out.
    near_top = [info[k].text for k in range(first, min(last, first + DATE_BLOCK) + 1)
                if k not in kept and info[k].text and info[k].words < 20]
    # A wire dateline ("Paris, 27 July 2024 (dpa/MIA) - ...") names the place and may date the copy;
    # only a date inside it counts: one the first sentence tells ("On October 29, 2024, a cold drop
    # formed ...") may be the event's, a year before the report.
    prefix = dateline_prefix(body_lines[0]) if body_lines else None
    filed = date_in(body_lines[0][:prefix[1]]) if prefix else None
    return Cleaned(
        title=title,
        body="\n\n".join(body_lines),
        outlet=choose_outlet(info, first, last, title),
        byline=choose_byline(info, first, last, kept),
        published=find_date(head) or labelled or find_date(near_top) or filed,
        dateline=prefix[0] if prefix else None,
        dropped=sum(1 for li in info if li.text) - len(kept),
    )
