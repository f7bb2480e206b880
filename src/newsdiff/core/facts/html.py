"""A story's report as one self-contained HTML file: inline CSS, no script, nothing fetched, every text escaped."""

from __future__ import annotations

import re
from html import escape
from importlib.resources import files

from newsdiff.core.facts import report as r
from newsdiff.core.facts.render import CARRY_MARKS, carriage
from newsdiff.core.facts.report import Disagreement, StoryReport

# Even if a text slipped through unescaped, the browser would run and fetch nothing.
_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_DIGIT_GAP = "[,.\u00a0\u202f '’]?"


def e(text: str) -> str:
    return escape(text, quote=True)


def _own(text: str) -> str:
    """Article text, escaped, in its own direction: an Arabic sentence inside the page's left-to-right
    lines keeps its full stop at its end."""
    return f"<bdi>{e(text)}</bdi>"


def _who(report: StoryReport, k: int) -> str:
    return f'<span class="ref">{k + 1}</span> {_own(r.name(report.facts.articles[k], k))}'


def highlight(text: str, value: str) -> str:
    """``text`` escaped, with the first place it gives ``value`` (2300 matches "2,300") marked."""
    pattern = "".join(re.escape(c) + (_DIGIT_GAP if c.isdigit() and n + 1 < len(value) and value[n + 1].isdigit()
                                      else "") for n, c in enumerate(value))
    found = re.search(pattern, text, re.IGNORECASE) if value.strip() else None
    if found is None:
        return e(text)
    return f"{e(text[:found.start()])}<mark>{e(found.group())}</mark>{e(text[found.end():])}"


def _reports(report: StoryReport) -> str:
    story, more, rows = report.facts, r.details(report.facts), []
    for k, art in enumerate(story.articles):
        badges = ('<span class="badge">main report</span>' if k == story.main else "") + (
            f'<span class="badge">in {e(art.lang or "?")}: not aligned</span>' if k in story.apart else "")
        cells = "".join(f'<td class="{field}">{e(getattr(art, field) or "")}</td>' for _, field in more)
        rows.append(f'<tr><td class="num">{k + 1}</td><td class="outlet">{e(r.name(art, k))}'
                    f'<code class="id">{e(report.ids[k])}</code></td>'
                    f'<td class="title"><bdi>{e(art.title) or f"<i>{e(art.shown_title(60))}</i>"}</bdi> {badges}</td>'
                    f'{cells}</tr>')
    heads = "".join(f"<th>{head}</th>" for head, _ in more)
    return ('<section id="reports"><h2>The reports</h2><table class="reports"><thead><tr><th>#</th>'
            f"<th>Outlet</th><th>Title</th>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _legend() -> str:
    marks = "".join(f'<span class="key"><span class="mark {key}">{CARRY_MARKS[key]}</span> {e(words)}</span>'
                    for key, words in r.LEGEND)
    flag = f'<span class="key"><span class="flag">{r.FLAG}</span> the reports disagree</span>'
    return f'<p class="legend">{marks}{flag}</p>'


def _mark(who: str, how: str) -> str:
    return f'<td class="mark {how}" title="{e(who)}: {how}">{CARRY_MARKS[how]}</td>'


def _table(report: StoryReport) -> str:
    story, rows = report.facts, []
    columns = r.columns(story)
    head = "".join(f'<th class="col" scope="col"><span class="who">{e(r.name(story.articles[k], k))}</span>'
                   f'<span class="ref">{k + 1}</span></th>' for k in columns)
    for n, fact in r.shared(story):
        marks = "".join(_mark(r.name(story.articles[k], k), carriage(fact, k)) for k in columns)
        flag = f'<a class="flag" href="#d{n}">{r.FLAG}</a>' if fact.discrepancies else ""
        kind = f"{fact.outlets} outlets · {r.KIND_WORDS.get(fact.kind, fact.kind)}"
        row = '<tr class="disagree">' if flag else "<tr>"
        rows.append(f'{row}<td class="fnum">F{n}</td><td class="text">'
                    f'{_own(r.fact_text(story, fact))}<span class="kind">{e(kind)}</span></td>{marks}'
                    f'<td class="flagcell">{flag}</td></tr>')
    head = (f'<thead><tr><th class="fnum">Fact</th><th>What it says</th>{head}'
            f'<th class="col"><span class="flag">{r.FLAG}</span></th></tr></thead>')
    body = (f'{_legend()}<table class="facts">{head}<tbody>{"".join(rows)}</tbody></table>'
            if rows else "<p>No fact is carried by two or more reports.</p>")
    return f'<section id="facts"><h2>Facts carried by two or more reports</h2>{body}</section>'


def _disagreement(report: StoryReport, d: Disagreement, anchor: bool) -> str:
    sides = "".join(f'<div class="side"><p class="who">{_who(report, k)}</p><p class="value">{e(value)}</p>'
                    f'<p class="sentence" dir="auto">{highlight(text, value)}</p></div>' for k, value, text in d.rows)
    values = " / ".join(f"<b>{e(value)}</b>" for _, value, _ in d.rows)
    where = f' id="d{d.number}"' if anchor else ""  # the table's flag links to a fact's first disagreement
    return (f'<article class="disagreement"{where}><h3><span class="fnum">F{d.number}</span> '
            f'{e(d.discrepancy.kind)}: {values}</h3><div class="sides">{sides}</div></article>')


def _disagreements(report: StoryReport) -> str:
    found = r.disagreements(report.facts)
    parts = [_disagreement(report, d, k == 0 or found[k - 1].number != d.number) for k, d in enumerate(found)]
    body = "".join(parts) or "<p>The reports carry no differing numbers or quotes.</p>"
    return f'<section id="disagreements"><h2>Where the reports disagree</h2>{body}</section>'


def _exclusive(report: StoryReport) -> str:
    blocks = []
    for k, facts in r.exclusive(report.facts).items():
        items = "".join(f'<li><span class="fnum">F{n}</span> {_own(r.sentence(report.facts, fact, k))}</li>'
                        for n, fact in facts)
        count = f"{len(facts)} fact{'s' if len(facts) != 1 else ''}"
        blocks.append(f'<div class="only"><h3>{_who(report, k)} <span class="count">{count}</span></h3>'
                      f"<ol>{items}</ol></div>")
    body = "".join(blocks) or "<p>Every fact is carried by two or more reports.</p>"
    return f'<section id="exclusive"><h2>Facts only one report carries</h2>{body}</section>'


def _notes(report: StoryReport) -> str:
    blocks = []
    for k in sorted({n.article for n in report.notes}):
        title = _own(report.facts.articles[k].shown_title(60))
        notes = "".join(
            f'<figure class="note"><blockquote dir="auto">{e(n.quote)}</blockquote><figcaption dir="auto">{e(n.note)}'
            + "".join(f' <span class="tag">#{e(t)}</span>' for t in n.tags)
            + (' <span class="badge">no longer in the article</span>' if n.orphaned else "")
            + "</figcaption></figure>" for n in report.notes if n.article == k)
        blocks.append(f'<div class="notes-of"><h3>{_who(report, k)}: {title}</h3>{notes}</div>')
    body = "".join(blocks) or "<p>No notes on these reports.</p>"
    return f'<section id="notes"><h2>Your notes</h2>{body}</section>'


def _apart(report: StoryReport) -> str:
    story = report.facts
    if not story.apart:
        return ""
    items = "".join(f"<li>{_who(report, k)}: {_own(story.articles[k].shown_title(60))} "
                    f"({e(story.articles[k].lang or '?')})</li>" for k in story.apart)
    return (f'<section id="apart"><h2>Reports in another language than the story\'s '
            f"({e(story.language or '?')})</h2><p>Listed, not aligned: their sentences are in no fact.</p>"
            f"<ul>{items}</ul></section>")


def to_html(report: StoryReport) -> str:
    """The whole report as one HTML document that loads nothing (see the module docstring)."""
    from newsdiff.version import __version__

    css = files("newsdiff.core.facts").joinpath("report.css").read_text(encoding="utf-8")
    title = e(report.title) or "(untitled story)"
    caveat = f'<p class="caveat">{e(c)}</p>' if (c := r.caveat(report)) else ""
    made = f" · made {e(report.made)}" if report.made else ""
    return (f'<!doctype html>\n<html lang="{e(report.facts.language or "en")}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="newsdiff {e(__version__)}">'
            f"<title>Who reported what: {title}</title><style>{css}</style></head><body><main>"
            f'<header><p class="kicker">Who reported what</p><h1 dir="auto">{title}</h1>'
            f'<p class="summary">{e(r.summary(report))}</p>'
            f'<p class="meta">Story <code>{e(report.story)}</code>{made} by newsdiff {e(__version__)}</p></header>'
            f"{caveat}{_reports(report)}{_table(report)}{_disagreements(report)}{_exclusive(report)}"
            f"{_notes(report)}{_apart(report)}"
            f'<footer>{_legend()}</footer></main></body></html>\n')
