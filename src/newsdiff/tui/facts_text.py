"""The facts view in words: outlet columns and labels, a fact's text, its disagreements, the pair to compare."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from rich.text import Text

from newsdiff.core.facts import CARRY_MARKS, Fact, StoryFacts, carriage, value_key
from newsdiff.core.facts import fact_text as fact_text  # the main report's words, as the report gives them
from newsdiff.core.facts import label as outlet_name  # how the text renderings name a report, too

WIDE = 110  # columns from which outlets are named in full, when their names fit
MIN_TEXT = 50  # what full names must leave to the facts' text
MAX_NAME = 16  # a full name's column when not all fit whole (longer names are cut with …)
MAX_TEXT = 100  # the facts' text is wrapped at this width at most, so lines stay readable
GUTTER, FLAG = 2, 2  # a row's cursor and a space; a space and the disagreement flag
LEGEND_LINES = 4  # outlets named in the legend on at most this many lines
SYMBOLS = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"  # one cell a report
ARTICLES = {"the", "a", "an"}  # dropped from the front of a heading when the whole name does not fit
# left out of initials: "The Northern Ledger" is NL, "Gazzetta del Porto" GP
SMALL_WORDS = {"the", "a", "an", "of", "and", "la", "le", "les", "il", "el", "der", "die", "das", "de", "del",
               "della", "di", "du", "des"}
KIND_WORDS = {"identical": "word for word", "edited": "lightly edited", "paraphrase": "reworded",
              "partial": "in part"}
MARKS = {"carried": CARRY_MARKS["carried"], "partial": CARRY_MARKS["part"], "absent": CARRY_MARKS["absent"],
         "flag": "!"}  # the report's marks: the view and the shared report read alike


@dataclass(frozen=True, slots=True)
class Columns:
    """The outlet columns: which report each shows, its heading, its width; short headings need a legend."""

    reports: tuple[int, ...]
    labels: tuple[str, ...]
    widths: tuple[int, ...]
    legend: bool

    @property
    def width(self) -> int:
        return sum(self.widths)


def initials(name: str) -> str:
    """ "The Northern Ledger" -> "NL", "Pulse24" -> "PU" (small words left out, at most three letters)."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    kept = [w for w in words if w.casefold() not in SMALL_WORDS] or words
    if len(kept) == 1:
        return kept[0][:2].upper()
    return "".join(w[0] for w in kept[:3]).upper()


def _unique(labels: list[str]) -> list[str]:
    """Labels made distinct by appending the report's number to a repeated one."""
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    return [f"{label}{k + 1}" if seen[label] > 1 else label for k, label in enumerate(labels)]


def _cut(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def _headings(names: list[str]) -> list[list[str]]:
    """Outlet headings to try, longest first: whole names, without a leading "The", then cut to MAX_NAME."""
    bare = [" ".join(n.split()[1:]) if len(n.split()) > 1 and n.split()[0].casefold() in ARTICLES else n
            for n in names]
    return [names, bare, [_cut(n, MAX_NAME) for n in bare]]  # shorter cuts read worse than initials


def choose_columns(story: StoryFacts, reports: tuple[int, ...], width: int) -> Columns:
    """Outlets named in the header when ``width`` (the table's) leaves the text MIN_TEXT, else initials,
    else one symbol a report (both with a legend)."""
    names = [outlet_name(story, k) for k in reports]
    room = width - GUTTER - 1 - FLAG
    for headings in _headings(names):
        widths = tuple(max(len(n), 1) + 1 for n in headings)
        if width >= WIDE and sum(widths) + MIN_TEXT <= room:
            return Columns(reports, tuple(headings), widths, legend=False)
    short = _unique([initials(n) for n in names])
    widths = tuple(max(len(s), 1) + 1 for s in short)
    if sum(widths) + room // 3 <= room or len(reports) > len(SYMBOLS):
        return Columns(reports, tuple(short), widths, legend=True)
    return Columns(reports, tuple(SYMBOLS[: len(reports)]), (1,) * len(reports), legend=True)


def legend(story: StoryFacts, columns: Columns, width: int) -> Text:
    """The outlets named (when their columns are short), the marks, and the reports not aligned."""
    out = Text()
    if columns.legend:
        used, lines = 0, 1
        for n, (k, label) in enumerate(zip(columns.reports, columns.labels, strict=True)):
            item = len(label) + 1 + len(outlet_name(story, k))
            # a line breaks between two outlets, never inside a name
            if n and used + 3 + item > width:
                if lines == LEGEND_LINES:
                    out.append(f" · +{len(columns.reports) - n} more")
                    break
                out.append("\n")
                used, lines = 0, lines + 1
            elif n:
                out.append(" · ")
                used += 3
            out.append(label, style="bold")
            out.append(f" {outlet_name(story, k)}")
            used += item
        out.append("\n")
    out.append(f"{MARKS['carried']} carried  {MARKS['partial']} in part  {MARKS['absent']} absent  "
               f"{MARKS['flag']} the reports disagree", style="dim")
    if story.apart:
        names = ", ".join(f"{outlet_name(story, k)} ({story.articles[k].lang or '?'})" for k in story.apart)
        out.append(f"\nNot aligned (another language): {names}", style="italic")
    return out


def mark(fact: Fact, report: int) -> str:
    """carried, partial (the report's links into the fact are all partial) or absent."""
    how = carriage(fact, report)
    return "partial" if how == "part" else how


def where(story: StoryFacts, fact: Fact, width: int) -> str:
    """Who carries the fact and how closely, the outlets named when that fits in ``width``."""
    if len(fact.articles) == 1:
        return f"only in {outlet_name(story, fact.articles[0])}"
    kind = f"closest two {KIND_WORDS[fact.kind]}"
    named = f"{kind} · carried by " + ", ".join(outlet_name(story, k) for k in fact.articles)
    aligned = len(story.articles) - len(story.apart)
    return named if len(named) <= width else f"{kind} · carried by {len(fact.articles)} of {aligned} reports"


def spelled_out(story: StoryFacts, fact: Fact) -> Text:
    """Each disagreement with its values, reports giving the same value named together: "ceo.lk
    $69bn, arkansasonline.com $69 billion · culturanimation.com, neowin.net $68.7 billion" (one
    value, spelled two ways, each report's spelling beside it)."""
    out = Text()
    for n, d in enumerate(fact.discrepancies):
        by_value: dict[str, list[tuple[str, str]]] = {}
        for k, value in d.values:
            by_value.setdefault(value_key(d.kind, value), []).append((outlet_name(story, k), value))
        out.append("\n" if n else "")
        out.append(f"{d.kind}: ", style="bold")
        for m, given in enumerate(by_value.values()):
            out.append(" · " if m else "")
            if len({value for _, value in given}) == 1:  # one spelling: the reports named together
                given = [(", ".join(name for name, _ in given), given[0][1])]
            for p, (names, value) in enumerate(given):
                out.append(f"{', ' if p else ''}{names} ")
                out.append(f"“{value}”" if d.kind == "quote" else value, style="bold")
    return out


def compare_pair(story: StoryFacts, fact: Fact) -> tuple[int, int] | None:
    """The two reports that disagree most on the fact, else the first two carrying it; a report
    alone with the fact is paired with the main report (or the first other aligned one)."""
    differ: dict[tuple[int, int], int] = {}
    for d in fact.discrepancies:
        for (x, vx), (y, vy) in combinations(d.values, 2):
            if value_key(d.kind, vx) != value_key(d.kind, vy):  # "$69bn" and "$69 billion" agree
                key = (min(x, y), max(x, y))
                differ[key] = differ.get(key, 0) + 1
    if differ:
        pair = max(sorted(differ), key=lambda p: differ[p])
    elif len(fact.articles) >= 2:
        pair = (fact.articles[0], fact.articles[1])
    else:
        alone = fact.articles[0]
        others = [k for k in range(len(story.articles)) if k != alone and k not in story.apart]
        if not others:
            return None
        pair = (alone, story.main if story.main in others else others[0])
    return (pair[1], pair[0]) if pair[1] == story.main else pair


def sentences_of(fact: Fact, report: int) -> set[int]:
    return {m.index for m in fact.of(report)}
