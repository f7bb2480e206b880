"""A story's report as Markdown: its reports, the facts table, disagreements, exclusive facts and notes."""

from __future__ import annotations

import re

from newsdiff.core.facts import report as r
from newsdiff.core.facts.render import CARRY_MARKS, carriage
from newsdiff.core.facts.report import StoryReport

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_BLOCK = re.compile(r"^(?:([#+-])|(\d+)([.)]))(?=\s|$)")  # what would open a heading or a list item


def md(text: str) -> str:
    """Untrusted text as one line of Markdown that shows as written: no HTML, links, emphasis or
    table cells of its own (CommonMark backslash escapes; entities kept literal)."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    text = re.sub(r"&(?=#?\w+;)", r"\\&", text)
    return _BLOCK.sub(lambda m: "\\" + m[1] if m[1] else f"{m[2]}\\{m[3]}", text)


def _ref(report: StoryReport, k: int) -> str:
    return f"[{k + 1}] {md(r.name(report.facts.articles[k], k))}"


def _reports(report: StoryReport) -> list[str]:
    story, more = report.facts, r.details(report.facts)
    lines = ["## The reports", "", "| # | Outlet | Title |" + "".join(f" {head} |" for head, _ in more),
             "|---:|---|---|" + "---|" * len(more)]
    for k, art in enumerate(story.articles):
        main = " (main report)" if k == story.main else ""
        apart = f" (in {md(art.lang or '?')}: not aligned)" if k in story.apart else ""
        cells = [str(k + 1), f"{md(r.name(art, k))} `{report.ids[k]}`", md(art.shown_title(60)) + main + apart]
        cells += [md(getattr(art, field) or "") for _, field in more]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _legend() -> str:
    marks = " · ".join(f"{CARRY_MARKS[key]} {words}" for key, words in r.LEGEND)
    return f"Marks: {marks} · **{r.FLAG}** the reports disagree on it (see below)."


def _table(report: StoryReport) -> list[str]:
    story = report.facts
    lines = ["## Facts carried by two or more reports", ""]
    rows = r.shared(story)
    if not rows:
        return [*lines, "No fact is carried by two or more reports.", ""]
    columns = r.columns(story)
    lines += [_legend(), "",
              "| Fact | What it says | " + " | ".join(str(k + 1) for k in columns) + f" | {r.FLAG} |",
              "|---|---|" + ":-:|" * len(columns) + ":-:|"]
    for n, fact in rows:
        marks = " | ".join(CARRY_MARKS[carriage(fact, k)] for k in columns)
        flag = f"**{r.FLAG}**" if fact.discrepancies else ""
        kind = f"{fact.outlets} outlets, {r.KIND_WORDS.get(fact.kind, fact.kind)}"
        lines.append(f"| F{n} | {md(r.fact_text(story, fact))} _({kind})_ | {marks} | {flag} |")
    return [*lines, ""]


def _disagreements(report: StoryReport) -> list[str]:
    lines = ["## Where the reports disagree", ""]
    found = r.disagreements(report.facts)
    if not found:
        return [*lines, "The reports carry no differing numbers or quotes.", ""]
    for d in found:
        values = " / ".join(md(value) for _, value, _ in d.rows)
        lines += [f"### F{d.number}: {d.discrepancy.kind}, {values}", "",
                  "| Report | Value | Its sentence |", "|---|---|---|"]
        lines += [f"| {_ref(report, k)} | **{md(value)}** | {md(text)} |" for k, value, text in d.rows]
        lines.append("")
    return lines


def _exclusive(report: StoryReport) -> list[str]:
    lines = ["## Facts only one report carries", ""]
    found = r.exclusive(report.facts)
    if not found:
        return [*lines, "Every fact is carried by two or more reports.", ""]
    for k, facts in found.items():
        lines += [f"### {_ref(report, k)}: {len(facts)} fact{'s' if len(facts) != 1 else ''}", ""]
        lines += [f"- F{n}: {md(r.sentence(report.facts, fact, k))}" for n, fact in facts]
        lines.append("")
    return lines


def _notes(report: StoryReport) -> list[str]:
    lines = ["## Your notes", ""]
    if not report.notes:
        return [*lines, "No notes on these reports.", ""]
    for k in sorted({n.article for n in report.notes}):
        title = md(report.facts.articles[k].shown_title(60))
        lines += [f"### {_ref(report, k)}: {title}", ""]
        for note in (n for n in report.notes if n.article == k):
            tags = " ".join(f"#{md(t)}" for t in note.tags)
            gone = " _(this passage is no longer in the article)_" if note.orphaned else ""
            lines += [f"> {md(note.quote)}", "", f"{md(note.note)} {tags}".rstrip() + gone, ""]
    return lines


def to_markdown(report: StoryReport) -> str:
    """The whole report as one Markdown document (every outside text escaped, see ``md``)."""
    story = report.facts
    made = f", made {md(report.made)}" if report.made else ""
    lines = [f"# Who reported what: {md(report.title) or '(untitled story)'}", "",
             f"{r.summary(report)}. Story `{report.story}`{made} by newsdiff.", ""]
    if (caveat := r.caveat(report)) is not None:
        lines += [f"> {caveat}", ""]
    lines += _reports(report) + _table(report) + _disagreements(report) + _exclusive(report) + _notes(report)
    if story.apart:
        lines += [f"## Reports in another language than the story's ({md(story.language or '?')})", "",
                  "Listed, not aligned: their sentences are in no fact.", ""]
        lines += [f"- {_ref(report, k)}: {md(story.articles[k].shown_title(60))} "
                  f"({md(story.articles[k].lang or '?')})" for k in story.apart]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
