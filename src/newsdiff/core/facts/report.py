"""What a shareable report of a story says, shared by its Markdown and HTML renderings."""

from __future__ import annotations

from dataclasses import dataclass

from newsdiff.core.facts.build import Fact, FactDiscrepancy, StoryFacts
from newsdiff.core.models import Article
from newsdiff.core.text import cut_off

FLAG = "!"
LEGEND = (("carried", "carries it"), ("part", "carries part of it (one side adds or drops a clause)"),
          ("absent", "does not carry it"))
KIND_WORDS = {"identical": "word for word", "edited": "lightly edited", "paraphrase": "reworded",
              "partial": "in part", "exclusive": "one report only"}


@dataclass(frozen=True, slots=True)
class ReportNote:
    """A note of the reader's on one of the story's reports."""

    article: int  # index into the story's articles
    quote: str
    note: str
    tags: tuple[str, ...] = ()
    orphaned: bool = False  # the quoted passage is no longer in the article


@dataclass(frozen=True, slots=True)
class StoryReport:
    """Everything a report of one story holds: the facts of its reports and the reader's notes."""

    story: str  # the library's story id
    title: str
    facts: StoryFacts
    ids: tuple[str, ...]  # library ids of the articles, in the order of facts.articles
    notes: tuple[ReportNote, ...] = ()
    made: str = ""  # when the report was made (ISO date), for its footer


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One discrepancy of one fact, with each report's value and its sentence, side by side."""

    number: int  # the fact's number in the report (1-based)
    fact: Fact
    discrepancy: FactDiscrepancy
    rows: tuple[tuple[int, str, str], ...]  # (article, value, that report's sentence)


def details(story: StoryFacts) -> list[tuple[str, str]]:
    """(heading, Article field) of the details some report has: byline, date, URL."""
    fields = (("Byline", "byline"), ("Date", "published"), ("URL", "url"))
    return [(head, field) for head, field in fields if any(getattr(a, field) for a in story.articles)]


def columns(story: StoryFacts) -> list[int]:
    """The reports the facts table has a column for: those aligned (in the story's language)."""
    return [k for k in range(len(story.articles)) if k not in story.apart]


def name(article: Article, k: int) -> str:
    """What a report is called (``Article.source``), else its number."""
    return article.source() or f"report {k + 1}"


def sentence(story: StoryFacts, fact: Fact, k: int) -> str:
    """Report ``k``'s sentence (or merge of neighbouring sentences) in a fact; " …" after the page's
    last sentence when the page stops in the middle of it (an excerpt, a paywall), as the compare
    view says so: "... and added that the company will …" is the page's, not a line cut here."""
    members = fact.of(k)
    text = run_on([m.text for m in members])
    if members and members[-1].index == len(story.articles[k].sentences) - 1 and cut_off(members[-1].text):
        text = text.rstrip() + " …"
    return text


def run_on(texts: list[str]) -> str:
    """Sentences one after another; one that does not end as a sentence does (a headline, a
    standfirst) is set off by a dash rather than run into the next ("... more military spending —
    Lena Varga is asking ...")."""
    out = ""
    for text in texts:
        if out:
            out += " " if out.rstrip()[-1:] in _ENDS else " — "
        out += text
    return out


_ENDS = frozenset(".!?…:;\"'”’)]")


def fact_text(story: StoryFacts, fact: Fact) -> str:
    """A fact in words: the main report's sentence when it carries the fact, else the first carrier's."""
    k = story.main if story.main in fact.own_articles else fact.sentences[0].article
    return sentence(story, fact, k)


def shared(story: StoryFacts) -> list[tuple[int, Fact]]:
    """(number, fact) of the facts two or more reports carry."""
    return [(n, f) for n, f in enumerate(story.facts, 1) if len(f.articles) > 1]


def exclusive(story: StoryFacts) -> dict[int, list[tuple[int, Fact]]]:
    """Each report's facts no other report carries: article -> [(number, fact)], in report order."""
    out: dict[int, list[tuple[int, Fact]]] = {}
    for n, fact in enumerate(story.facts, 1):
        if len(fact.articles) == 1:
            out.setdefault(fact.articles[0], []).append((n, fact))
    return {k: out[k] for k in sorted(out)}


def disagreements(story: StoryFacts) -> list[Disagreement]:
    return [Disagreement(n, fact, d, tuple((k, value, sentence(story, fact, k)) for k, value in d.values))
            for n, fact in enumerate(story.facts, 1) for d in fact.discrepancies]


def summary(report: StoryReport) -> str:
    """One line: how many reports, facts, shared facts and disagreements."""
    story = report.facts
    n, facts, both = len(story.articles), len(story.facts), len(shared(story))
    issues = sum(len(f.discrepancies) for f in story.facts)
    parts = [f"{n} report{'s' if n != 1 else ''}", f"{facts} fact{'s' if facts != 1 else ''}",
             f"{both} carried by two or more reports", f"{facts - both} by one report alone",
             f"{issues} disagreement{'s' if issues != 1 else ''}"]
    return ", ".join(parts)


def caveat(report: StoryReport) -> str | None:
    """What a reader must know before the tables, if anything."""
    aligned = len(report.facts.articles) - len(report.facts.apart)
    if aligned < 2:
        return ("This story has one report in its language only: there is nothing to compare, "
                "so each of its sentences is listed as a fact of its own.")
    return None
