"""Metadata from the lines above an article body: headline, outlet, byline, date, dateline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdiff.core.clean import LineInfo

_MONTHS = {m: k for k, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATES = [
    (re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b"), ("y", "m", "d")),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH},? (20\d\d|19\d\d)\b", re.I), ("d", "M", "y")),
    (re.compile(rf"\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?,? (20\d\d|19\d\d)\b", re.I), ("M", "d", "y")),
]
_BYLINE_BY = re.compile(r"^(?:by|words by|written by)\s+(.{3,80}?)(?:\s*[,|/–-]\s*(?:\w+ )?(?:correspondent|reporter|editor|staff).*)?$", re.I)
_NAME = r"[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|da|al|bin|le|la))*"
_BYLINE_IN = re.compile(rf"^({_NAME}(?: and {_NAME})?) in [A-Z][\w'’. -]+$")
_DATELINE = re.compile(r"^([A-Z][A-Z .'/-]{2,40}?)(?:,\s*[A-Z][\w. ]{1,20})?\s*(?:\([^)]{2,40}\))?\s*[:—–-]\s+(?=[A-Z“\"‘'])")
_OUTLET_SUFFIX = re.compile(r"\s+[-–|]\s+(?:[A-Z]{2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)$")


def _iso(parts: dict[str, str]) -> str | None:
    try:
        month = int(parts["m"]) if "m" in parts else _MONTHS[parts["M"][:3].lower()]
        return date(int(parts["y"]), month, int(parts["d"])).isoformat()
    except (KeyError, ValueError):
        return None


_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](20\d\d)\b")


def _numeric_date(line: str) -> str | None:
    """30/08/2026 or 08/30/2026 when the order is unambiguous (a part above 12); else None."""
    m = _NUMERIC.search(line)
    if not m:
        return None
    a, b, y = m.groups()
    if int(a) > 12:
        return _iso({"d": a, "m": b, "y": y})
    if int(b) > 12:
        return _iso({"d": b, "m": a, "y": y})
    return None


def find_date(lines: Sequence[str]) -> str | None:
    """The first calendar date written in ``lines``, as ISO YYYY-MM-DD."""
    for line in lines:
        numeric = _numeric_date(line)
        if numeric:
            return numeric
        for pattern, order in _DATES:
            m = pattern.search(line)
            if m:
                found = _iso(dict(zip(order, m.groups(), strict=True)))
                if found:
                    return found
    return None


def find_dateline(first_paragraph: str) -> str | None:
    """'WARSAW/BRUSSELS: NATO ...' gives 'WARSAW/BRUSSELS'."""
    m = _DATELINE.match(first_paragraph)
    if not m:
        return None
    place = m.group(1).strip(" -")
    letters = [c for c in place if c.isalpha()]
    return place if letters and all(c.isupper() for c in letters) else None


def byline_name(line: str) -> str | None:
    """The person named by a byline line ('By Ana Ribeiro', 'Dan Sabbagh in Kyiv'), else None."""
    line = line.strip()
    if len(line.split()) > 10:
        return None
    m = _BYLINE_BY.match(line)
    if m:
        name = re.split(r"\s*[,|]\s*|\s+in\s+(?=[A-Z])", m.group(1))[0].strip()
        return name if name[:1].isupper() else None
    m = _BYLINE_IN.match(line)
    return m.group(1) if m else None


def find_byline(head: Sequence[LineInfo]) -> str | None:
    """The nearest byline above the body."""
    for li in reversed(head):
        name = byline_name(li.text)
        if name:
            return name
    return None


def find_outlet(head: Sequence[LineInfo]) -> str | None:
    """An outlet the page names itself: a short title-case line repeated above the body."""
    for li in head:
        words = li.text.split()
        if li.repeated and 1 <= len(words) <= 6 and li.text[:1].isupper() and not li.terminal:
            capitals = sum(w[:1].isupper() for w in words if w[:1].isalpha())
            if capitals >= max(1, len(words) - 1) and len(words) >= 2:
                return _OUTLET_SUFFIX.sub("", li.text).strip()
    return None


_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?(.{2,60}?)(?:\.|,| all rights| ltd\b|$)", re.I)


def find_copyright_owner(lines: Sequence[str]) -> str | None:
    """'© 2026 Harbor Wire. All rights reserved.' gives 'Harbor Wire'."""
    for line in lines:
        m = _COPYRIGHT.match(line.strip())
        if m:
            owner = m.group(1).strip(" .,")
            if owner and owner[0].isupper() and len(owner.split()) <= 6:
                return owner
    return None


def _echoes(line: str, first_paragraph: str) -> bool:
    """A truncated standfirst: the line's words begin the first paragraph (dateline aside)."""
    words = line.lower().split()[:6]
    para = first_paragraph.lower()
    return len(words) >= 4 and " ".join(words) in para


def _caption_next(info: Sequence[LineInfo], k: int, first: int) -> bool:
    nxt = next((x for x in info[k + 1:first] if x.text), None)
    return nxt is not None and nxt.chrome and bool(re.search(r":", nxt.text))


def _headline_shaped(info: Sequence[LineInfo], k: int, first: int, first_paragraph: str) -> bool:
    li = info[k]
    n = li.words
    if not li.text or li.chrome or li.repeated or n < 4 or n > 30:
        return False
    if byline_name(li.text) or (find_date([li.text]) and n < 8):
        return False
    if _echoes(li.text, first_paragraph) or _caption_next(info, k, first):
        return False
    return not (li.text.endswith(".") and n > 20)  # a standfirst sentence, not a headline


def find_title(info: Sequence[LineInfo], first: int, first_paragraph: str) -> str | None:
    """The headline: the nearest headline-shaped line above the body, or the shorter line just
    above it when the two stack as headline and standfirst."""
    for k in range(first - 1, -1, -1):
        if not _headline_shaped(info, k, first, first_paragraph):
            continue
        above = next((j for j in range(k - 1, -1, -1) if info[j].text), None)
        if (above is not None and _headline_shaped(info, above, first, first_paragraph)
                and len(info[above].text) < len(info[k].text)):
            return info[above].text
        return info[k].text
    return None
