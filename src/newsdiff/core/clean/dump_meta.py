"""Choosing a text dump's headline, outlet and byline among the lines around its body."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdiff.core.clean.features import CJK_CHARS, Kind, LineInfo
from newsdiff.core.clean.metadata import (
    byline_name,
    copyright_owner,
    date_in,
    has_outlet_word,
    is_name,
    outlet_shaped,
    tidy_outlet,
)
from newsdiff.core.text import word_set

_CONTENT = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_CJK_RUN = re.compile(f"[{CJK_CHARS}\uac00-\ud7a3]{{2,}}")  # and Korean syllables
_STOP = word_set(
    "the and for with from that this have has had was were are will would its his her their they "
    "not but who said says after over into about than more new"
)
_SEPARATED = re.compile(r"\s[|•·›»]\s")
_NOT_AUTHOR = re.compile(r"^(?:edited|editing|produced|photos|photographs|graphics|design|video)\b", re.I)
_BIO_NAME = re.compile(r"^((?:[A-Z][\w'’.-]+ ){1,2}[A-Z][\w'’.-]+) (?:is|was) (?:a|an|the)\b")
_DETERMINER_START = re.compile(r"^(?:a|an|the|this|these|those|on|in|at|it|he|she|they|we|i)\b", re.I)


def content_words(text: str) -> set[str]:
    """Lower-cased words of three letters or more, function words aside; and each two characters in a
    row of Chinese, Japanese or Korean (words there run together, or carry their particles, and are
    often two characters or syllables long), so a headline's words are found in its body."""
    words = {w.lower() for w in _CONTENT.findall(text)} - _STOP
    for run in _CJK_RUN.findall(text):
        words.update(run[k:k + 2] for k in range(len(run) - 1))
    return words


def _nonblank(info: Sequence[LineInfo], start: int, stop: int, step: int) -> list[int]:
    return [k for k in range(start, stop, step) if 0 <= k < len(info) and info[k].text]


def _echoes(line: str, lede: str) -> bool:
    """A truncated standfirst: the line's opening words recur in the lede."""
    words = line.lower().split()[:6]
    return len(words) >= 4 and " ".join(words) in lede.lower()


_ROLE_LINE = re.compile(
    r"^(?:[\w'’-]+ ){0,3}(?:reporter|correspondent|editor|writer|columnist|journalist|contributor)\b", re.I)


def _is_meta_line(li: LineInfo) -> bool:
    """A byline, a date line or an author's role line (what sits just under a headline)."""
    if li.words >= 14:
        return False
    text = li.text
    return (bool(byline_name(text)) or (bool(date_in(text)) and li.words < 12)
            or text.lower() in ("updated:", "published:") or bool(_ROLE_LINE.match(text))
            or text.lower().startswith("reporting from "))


def headline_part(text: str) -> str:
    """'Headline | Site' gives 'Headline': a page title copied with its site's name."""
    head, separator, site = text.rpartition(" | ")
    if separator and len(head.split()) >= 4 and len(site.split()) <= 4 and "|" not in head:
        return head
    return text


def _candidate(info: Sequence[LineInfo], k: int, lede: str) -> bool:
    li = info[k]
    if _SEPARATED.search(headline_part(li.text)) or (li.text.isupper() and li.words > 1):
        return False  # a kicker ("SPORT | MARATHON") or a section banner
    if li.cued or li.credit or li.kind is Kind.HEADER or li.dateline or not 3 <= li.words <= 28:
        return False
    if _is_meta_line(li) or _echoes(li.text, lede) or (li.kind is Kind.PROSE and li.words > 22):
        return False
    if li.words > 18 and li.lower_share >= 0.5:
        return False  # a sentence-case line this long is a standfirst or summary, not a headline
    after = _nonblank(info, k + 1, len(info), 1)[:1]
    if after and info[after[0]].credit:
        return False  # alt text of a photo, then its caption
    if li.words == 3:  # three words make a headline only right above a byline or date
        return any(_is_meta_line(info[j]) for j in after)
    return True


def _overlap(li: LineInfo, body_words: set[str]) -> float:
    words = content_words(li.text)
    return len(words & body_words) / len(words) if words else 0.0


def _score(info: Sequence[LineInfo], k: int, body_words: set[str], first: int) -> float:
    li = info[k]
    score = 2.0 * _overlap(li, body_words) + (0.2 if li.lower_share < 0.5 else 0.0)
    if li.text.endswith(".") and not li.text.endswith("..."):
        score -= 0.6
    score -= 0.04 * max(0, li.words - 16)
    if li.repeated and li.words >= 5:
        score += 0.4
    score -= min(0.5, 0.05 * len(_nonblank(info, k + 1, first, 1)))
    if any(_is_meta_line(info[j]) for j in _nonblank(info, k + 1, first, 1)[:3]):
        score += 0.3
    return score


def _stacked(info: Sequence[LineInfo], upper: int, lower: int) -> bool:
    """Whether ``lower`` sits right under ``upper`` (a headline over its standfirst or photo)."""
    return not _nonblank(info, upper + 1, lower, 1)


def choose_title(info: Sequence[LineInfo], first: int, body: Sequence[str]) -> tuple[str, bool]:
    """(headline, whether it is the body's first line).

    The headline is the line about the body's subject that sits nearest above the byline/date
    block (its standfirst aside); without such a block, the line that reads most like one.
    """
    lede = body[0] if body else ""
    body_words = content_words(" ".join(body[:6]))
    window = range(max(0, first - 40), first)
    cands = [k for k in window if info[k].text and _candidate(info, k, lede)
             and _overlap(info[k], body_words) > 0]
    metas = [k for k in window if info[k].text and _is_meta_line(info[k])]
    above = [k for k in cands if metas and k < metas[-1]]
    if above:
        k = above[-1]
        if len(above) > 1 and _stacked(info, above[-2], k):
            k = above[-2]
        return headline_part(info[k].text), False
    scored = sorted(((_score(info, k, body_words, first), k) for k in cands), reverse=True)
    if scored and scored[0][0] > 0.25:
        return headline_part(info[scored[0][1]].text), False
    if len(body) > 1 and _headline_sentence(lede, body[1]) and first == _first_text(info):
        return lede, True
    return "", False


def _first_text(info: Sequence[LineInfo]) -> int:
    return next((k for k, li in enumerate(info) if li.text and not li.chrome), len(info))


def _headline_sentence(line: str, following: str) -> bool:
    """A first line that is a headline written as a sentence ('X completes Y deal.')."""
    words = line.split()
    return (3 <= len(words) <= 14 and ". " not in line and not _DETERMINER_START.match(line)
            and not re.search(r"[“”\"]|\bsaid\b", line) and len(following) > len(line) * 1.5)


def choose_outlet(info: Sequence[LineInfo], first: int, last: int, title: str) -> str | None:
    """The publication the page names: a repeated name, a masthead, a name beside the headline or
    byline, or the copyright holder."""
    head = [li for li in info[:first] if li.text and li.text != title]
    for li in head:
        if li.repeated and li.words <= 6 and outlet_shaped(li.text) and has_outlet_word(li.text) \
                and not li.cued:
            return tidy_outlet(li.text)
    first_line = next((li.text for li in info if li.text), "")
    name, _, slogan = first_line.partition(" | ")
    if slogan and "|" not in slogan and outlet_shaped(name) and len(name.split()) <= 4:
        return tidy_outlet(name)  # "Pulse24 | News as it happens": a masthead and its slogan
    for n, li in enumerate([li for li in head if not li.chrome or li.repeated][:4]):
        if not outlet_shaped(li.text) or li.cued or _is_meta_line(li):
            continue
        masthead = li.text.isupper() and li.words >= 2
        if masthead or (has_outlet_word(li.text) and (n == 0 or li.text.startswith("The "))):
            return tidy_outlet(li.text)
    for k in _near_title(info, first, title):
        li = info[k]
        if outlet_shaped(li.text) and has_outlet_word(li.text) and not _is_meta_line(li):
            return tidy_outlet(li.text)
    for li in head:
        if _ROLE_LINE.match(li.text) or byline_name(li.text):
            tail = re.split(r",\s*", li.text)[-1]
            if tail != li.text and outlet_shaped(tail) and has_outlet_word(tail) and not _ROLE_LINE.search(tail):
                return tidy_outlet(tail)  # "Business reporter, BBC News"; "By X, CNN"
    tail_lines = [li.text for li in info[last + 1:] if li.text][-15:]
    return copyright_owner(tail_lines + [li.text for li in head])


def _near_title(info: Sequence[LineInfo], first: int, title: str) -> list[int]:
    at = next((k for k in range(first - 1, -1, -1) if info[k].text == title), None)
    if at is None:
        return []
    return _nonblank(info, at - 1, -1, -1)[:2] + _nonblank(info, at + 1, first, 1)[:3]


def choose_byline(info: Sequence[LineInfo], first: int, last: int, kept: Sequence[int]) -> str | None:
    """The author: a byline line above the body (nearest first) or among the lines dropped from
    the body's top, else a bare name beside a date."""
    top = [k for k in range(first, min(last, first + 12)) if k not in kept]
    head: list[int] = [*range(first - 1, max(-1, first - 41), -1), *top]
    for k in head:
        li = info[k]
        if li.text and not li.credit and li.words <= 12 and not _NOT_AUTHOR.match(li.text):
            name = byline_name(li.text)
            if name:
                return name
    for k in head:
        line = info[k]
        name = line.text.split(" | ")[0]  # "Jane Doe | Reuters"
        if line.kind is Kind.OTHER and 2 <= len(name.split()) <= 4 and is_name(name) and not line.repeated:
            around = _nonblank(info, k - 1, -1, -1)[:1] + _nonblank(info, k + 1, len(info), 1)[:1]
            if any(_is_meta_line(info[j]) for j in around):
                return name
    for li in info[last + 1:]:
        if li.text.lower().startswith(("reporting by", "written by")):
            return byline_name(li.text.split(";")[0])
        bio = _BIO_NAME.match(li.text)
        if bio and is_name(bio.group(1)):
            return bio.group(1)
    return None
