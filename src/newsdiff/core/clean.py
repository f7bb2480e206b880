"""Page text dump -> article body plus title, outlet, byline, date (initial line filter)."""

from __future__ import annotations

from dataclasses import dataclass


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


def clean_text(text: str) -> Cleaned:
    """Keep lines that look like prose; the longest short line before the body is the title."""
    lines = [line.strip() for line in text.splitlines()]
    body = [line for line in lines if len(line) > 80 and line[-1:] in ".\"”’'"]
    title = next((line for line in lines if 20 <= len(line) <= 150 and line not in body), "")
    return Cleaned(title=title, body="\n\n".join(body))
