"""A story's facts as the CLI contract's JSON and as plain text for pipes and plain SSH."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from newsdiff.core.facts.build import Fact, StoryFacts
from newsdiff.core.facts.report import sentence

MARKS = {"identical": "=", "edited": "~", "paraphrase": "≈", "partial": "±", "exclusive": "+"}
# How a report carries a fact, in marks that read without colour on screen and on paper.
CARRY_MARKS = {"carried": "●", "part": "◐", "absent": "○"}


def carriage(fact: Fact, k: int) -> str:
    """How report ``k`` carries a fact: "carried", "part" (its links into the fact are all partial:
    it adds or drops a clause) or "absent"."""
    kind = fact.kind_of(k)
    return "absent" if kind is None else "part" if kind == "partial" else "carried"


def to_json(story: StoryFacts, ids: Sequence[str], paths: Sequence[str | None]) -> dict[str, object]:
    """``{"articles": [...], "facts": [...]}`` as ../shared/CLI-CONTRACT.md (section facts) gives it."""
    return {
        "articles": [{"id": ids[k], "path": paths[k], "title": a.title, "outlet": a.outlet, "lang": a.lang,
                      "main": k == story.main, "aligned": k not in story.apart}
                     for k, a in enumerate(story.articles)],
        "language": story.language,
        "facts": [{"sentences": [{"article": m.article, "index": m.index, "text": m.text} for m in f.sentences],
                   "outlets": f.outlets, "kind": f.kind,
                   "carried": [{"article": a, "kind": f.kind_of(a)} for a in f.articles],
                   "also": [{"article": m.article, "index": m.index, "text": m.text} for m in f.also],
                   "discrepancies": [{"kind": d.kind, "values": [{"article": a, "text": t} for a, t in d.values]}
                                     for d in f.discrepancies]}
                  for f in story.facts],
    }


def label(story: StoryFacts, k: int) -> str:
    """How the facts view and text name report ``k``: its outlet, site or file (``Article.source``),
    else the start of its headline, else its number."""
    art = story.articles[k]
    return art.source() or art.title[:30] or f"report {k + 1}"


def to_text(story: StoryFacts, width: int = 100) -> str:
    """One block a fact: its mark and outlets, its text from the first report carrying it, and the
    values the reports disagree on."""
    lines = [f"{len(story.articles)} reports, {len(story.facts)} facts ({CARRY_MARKS['part']}: that report "
             "carries only part of the fact)"]
    for k in range(len(story.articles)):
        apart = "  (another language: not aligned)" if k in story.apart else ""
        main = "  (main report)" if k == story.main else ""
        lines.append(f"  [{k + 1}] {label(story, k)}: {story.articles[k].shown_title(60)}{main}{apart}")
    for fact in story.facts:
        carried = ", ".join(f"[{a + 1}]" + (CARRY_MARKS["part"] if carriage(fact, a) == "part" else "")
                            for a in fact.articles)
        head = f"{MARKS.get(fact.kind, '?')} {fact.outlets} outlet{'s' if fact.outlets != 1 else ''} {carried}"
        if fact.discrepancies:
            head += "  ! disagree"
        lines.append("")
        lines.append(head)
        text = sentence(story, fact, fact.sentences[0].article)
        lines.extend(textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="    "))
        for d in fact.discrepancies:
            values = " / ".join(f"[{a + 1}] {t}" for a, t in d.values)
            lines.extend(textwrap.wrap(f"{d.kind}: {values}", width, initial_indent="    ! ",
                                       subsequent_indent="      "))
    return "\n".join(lines) + "\n"
