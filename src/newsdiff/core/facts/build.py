"""Who reported what: the pairwise alignments of a story's reports joined into facts.

Every pair of reports in the story's main language is aligned; each aligned pair is a link
between the sentences of two reports. Links are joined strongest first into facts: by kind, then by
how many other reports confirm them (a third report whose sentence both ends are linked to; for a
merge, one of its sentences and the other end), then by score, so that where outlets split a fact
differently, the links most reports agree on decide it before any lone weak one.

A fact holds at most one sentence, or one run of at most three neighbouring sentences (a merge),
of each report (or the sentences one aligned pair gives it where that report says the fact twice,
``align.restating``), and a link never joins two facts that both hold a report when it is weaker than
the links that made them. This is what stops one weak link from chaining two facts together:
A1~B1~C1 and A2~B2~C2 stay two facts whatever a later weak B2~C1 says. Links as weak as the facts
they join may join them when every report they share keeps one run of neighbours: one outlet's lede
in two sentences, each linked to another outlet's one-sentence lede, is one fact.

Each sentence is in exactly one fact. A sentence that carries two facts another report tells apart
(the aligner pairs it with both) is in the fact its stronger part joins, and the other fact lists it
among the sentences that tell it too (``Fact.also``): its report carries that fact in part. Such a
listing joins nothing, so it cannot chain facts either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from newsdiff.core.align import restating
from newsdiff.core.models import Alignment, Article, Pair
from newsdiff.core.text import written_tokens

Progress = Callable[[int, int], None]
Aligner = Callable[[Article, Article], Alignment]
KIND_RANK = {"identical": 4, "edited": 3, "paraphrase": 2, "partial": 1, "exclusive": 0}
KIND_NAME = {r: k for k, r in KIND_RANK.items()}


@dataclass(frozen=True, slots=True)
class Member:
    """One sentence of one report in a fact."""

    article: int  # index into StoryFacts.articles
    index: int  # the sentence's number in that article
    text: str


@dataclass(frozen=True, slots=True)
class FactDiscrepancy:
    """Values that differ between the reports carrying a fact: numbers, quotes or names."""

    kind: str  # "number" | "quote" | "name"
    values: tuple[tuple[int, str], ...]  # (article, the value as that report gives it)


@dataclass(frozen=True, slots=True)
class Fact:
    sentences: tuple[Member, ...]
    outlets: int  # how many outlets carry it (reports without an outlet count one each)
    kind: str  # the strongest agreement among its links, or "exclusive"
    discrepancies: tuple[FactDiscrepancy, ...] = ()
    carried: tuple[tuple[int, str], ...] = ()  # (article, the strongest kind of its links into the fact)
    # Sentences that are another fact's and tell this one too: a sentence carrying two facts its
    # partner tells apart is one fact's sentence (each sentence is in exactly one fact) and here.
    also: tuple[Member, ...] = ()

    @property
    def articles(self) -> tuple[int, ...]:
        """The reports that carry the fact."""
        return tuple(sorted({m.article for m in (*self.sentences, *self.also)}))

    @property
    def own_articles(self) -> tuple[int, ...]:
        """The reports with a sentence of their own in the fact (not one they share with another fact)."""
        return tuple(sorted({m.article for m in self.sentences}))

    def of(self, article: int) -> tuple[Member, ...]:
        """Report ``article``'s sentence (or merge) that tells the fact, its own or one it shares."""
        own = tuple(m for m in self.sentences if m.article == article)
        return own or tuple(m for m in self.also if m.article == article)

    def kind_of(self, article: int) -> str | None:
        """How closely report ``article`` carries the fact: its strongest link into it ("partial": it
        carries part of it), "exclusive" for a report's own fact, None when the report lacks it."""
        for art, kind in self.carried:  # a few entries, read for every cell the facts view draws
            if art == article:
                return kind
        return self.kind if article in self.articles else None


@dataclass(frozen=True, slots=True)
class StoryFacts:
    articles: tuple[Article, ...]
    facts: tuple[Fact, ...]
    main: int | None  # the report whose reading order orders the facts
    language: str | None  # the story's main language
    apart: tuple[int, ...] = ()  # reports in another language: listed, not aligned


@dataclass(slots=True)
class _Group:
    """A fact being built: sentence indices per article, links' best kind, discrepancies seen."""

    members: dict[int, set[int]]
    rank: int = 0
    ranks: dict[int, int] = field(default_factory=dict)  # article -> the strongest of its links here
    also: dict[int, set[int]] = field(default_factory=dict)  # sentences of other facts that tell it too
    issues: list[tuple[str, int, str, int, str]] = field(default_factory=list)  # (kind, article, value, article, value)


def main_language(articles: Sequence[Article]) -> str | None:
    """The language most reports are in (reports with none count for the majority)."""
    counts: dict[str | None, int] = {}
    for art in articles:
        counts[art.lang] = counts.get(art.lang, 0) + 1
    known = {k: v for k, v in counts.items() if k}
    if not known:
        return None
    return max(sorted(known), key=lambda k: known[k] + counts.get(None, 0))


def _links(articles: Sequence[Article], members: Sequence[int], align: Aligner,
           on_progress: Progress | None) -> list[tuple[int, int, int, Pair, bool]]:
    """(rank, x, y, pair, part) for every aligned pair of every two reports, strongest first; ``part``
    when the pair is one part of a sentence that carries two facts its partner tells apart."""
    found: list[tuple[int, int, int, Pair, bool]] = []
    todo = list(combinations(members, 2))
    for done, (x, y) in enumerate(todo, 1):
        a, b = articles[x], articles[y]
        if a.sentences and b.sentences:
            for k, pair in enumerate(align(a, b).pairs):
                parts = _parts(pair, a, b)
                found.extend((k, x, y, part, len(parts) > 1) for part in parts)
        if on_progress:
            on_progress(done, len(todo))
    partners: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for _, x, y, pair, _ in found:
        for i in pair.a:
            for j in pair.b:
                partners.setdefault((x, i), set()).add((y, j))
                partners.setdefault((y, j), set()).add((x, i))

    nothing: set[tuple[int, int]] = set()

    def near(art: int, indices: tuple[int, ...]) -> set[tuple[int, int]]:
        if len(indices) == 1:  # most links: no union to build
            return partners.get((art, indices[0]), nothing)
        return set().union(*(partners.get((art, i), nothing) for i in indices))

    def reports(both: set[tuple[int, int]]) -> int:
        return len({art for art, _ in both}) if len(both) > 1 else len(both)

    def confirmed(x: int, y: int, pair: Pair) -> int:
        """How many other reports hold a sentence both ends of the link are linked to. For a merge,
        the best of its sentences: partners of its several sentences, pooled, would count a report
        linked to one of them and a report linked to another as two confirming the whole, and a
        merge of two facts would go before the links that tell them apart (the Syrian prime
        minister's "cooperate with any leadership chosen by the people" and his "ready for the
        handover process", one sentence in one report, two far apart in another)."""
        if len(pair.a) > 1:
            return max(reports(near(x, (i,)) & near(y, pair.b)) for i in pair.a)
        if len(pair.b) > 1:
            return max(reports(near(x, pair.a) & near(y, (j,))) for j in pair.b)
        return reports(near(x, pair.a) & near(y, pair.b))

    # Strongest kind first, then links other reports confirm; then a pair of two sentences before a
    # merge: a merge's extra sentence is the least sure part of any link, and taken first it can
    # hold a sentence away from the one-to-one link that tells its fact (a lede grown by the next
    # sentence, a quote, keeps the quote from the fact that quote is).
    found.sort(key=lambda t: (-KIND_RANK[t[3].kind], -confirmed(t[1], t[2], t[3]), len(t[3].a) + len(t[3].b) > 2,
                              -t[3].score, t[1], t[2], t[0]))
    return [(KIND_RANK[pair.kind], x, y, pair, part) for _, x, y, pair, part in found]


def _runs(indices: tuple[int, ...]) -> list[tuple[int, ...]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [tuple(run) for run in runs]


def _parts(pair: Pair, a: Article, b: Article) -> list[Pair]:
    """The pair as links a fact can hold: one per run of neighbours on each side. A sentence that
    carries two facts its partner tells apart (sentences 3 and 6 of A with 5 of B) is two links, and
    one sentence is in one fact, so the stronger fact keeps it (the other lists it: ``_echo``). Each
    part's discrepancies are its own."""
    runs_a, runs_b = _runs(pair.a), _runs(pair.b)
    if len(runs_a) == len(runs_b) == 1:
        return [pair]
    if restating(a.sentence_texts, runs_a) and restating(b.sentence_texts, runs_b):
        return [pair]  # the report tells the one fact twice: both its sentences are the fact's
    from newsdiff.core.align import discrepancies

    out = []
    for ra in runs_a:
        for rb in runs_b:
            ta, tb = " ".join(a.sentences[i].text for i in ra), " ".join(b.sentences[j].text for j in rb)
            out.append(replace(pair, a=ra, b=rb, diff=(), discrepancies=discrepancies(ta, tb)))
    return out


def join(articles: Sequence[Article], members: Sequence[int], align: Aligner,
         on_progress: Progress | None = None) -> list[_Group]:
    """Facts as groups of sentences, joined from pairwise links strongest first; sentences no link
    holds are facts of their own."""
    owner: dict[tuple[int, int], _Group] = {}
    refused: list[tuple[int, int, int, Pair]] = []
    for rank, x, y, pair, part in _links(articles, members, align, on_progress):
        ends = [(x, i) for i in pair.a] + [(y, j) for j in pair.b]
        groups = list({id(g): g for e in ends if (g := owner.get(e)) is not None}.values())
        if len(groups) > 1 and _share_a_report(groups) and rank < max(g.rank for g in groups):
            took = False  # a weaker link never joins what stronger links told apart in one report
        else:
            took = _absorb(groups[0] if groups else _Group({}), groups[1:], rank, x, y, pair, ends, owner)
        if part and not took:
            refused.append((rank, x, y, pair))
    _echo(refused, owner)
    joined = list({id(g): g for g in owner.values()}.values())
    return joined + [_Group({art: {i}}) for art in members for i in range(len(articles[art].sentences))
                     if (art, i) not in owner]


def _echo(refused: list[tuple[int, int, int, Pair]], owner: dict[tuple[int, int], _Group]) -> None:
    """A sentence that tells two facts its partner tells apart (the cranes an operator wants and the
    payment it offered, in one sentence), already in one fact, is listed by the other (``also``)
    when the part of its pair that tells it could not join: its report is not shown as lacking that
    fact. A listing only: no link is joined through it, so it chains nothing; the part's own
    disagreements (``_parts``) come with it. Only such parts: a plain link refused is most often a weak pair, and
    echoing those (who reported what 0.743 -> 0.752 on the dev pairs) showed two reports of the
    demo's dock strike carrying quotes they do not (two quotes of one union leader, paired by her
    name)."""
    for rank, x, y, pair in refused:
        for (u, us), (v, vs) in (((x, pair.a), (y, pair.b)), ((y, pair.b), (x, pair.a))):
            if not all((u, i) in owner for i in us):
                continue  # a sentence alone is a fact of its own: nothing to echo
            facts = {id(g): g for j in vs if (g := owner.get((v, j))) is not None}
            if not facts and _neighbours(set(vs)):  # the other side is a fact of its own so far
                facts = {0: _Group({v: set(vs)}, rank, {v: rank})}
                owner.update(((v, j), facts[0]) for j in vs)
            if len(facts) != 1:
                continue
            fact = next(iter(facts.values()))
            if u not in fact.members and u not in fact.also:
                fact.also[u] = set(us)
                fact.ranks[u] = max(fact.ranks.get(u, 0), rank)
                fact.issues.extend(_issues(x, y, pair))


def _absorb(group: _Group, others: list[_Group], rank: int, x: int, y: int, pair: Pair,
            ends: list[tuple[int, int]], owner: dict[tuple[int, int], _Group]) -> bool:
    """``group`` takes the ``others`` the link joins it to and the link's ends it lacks, in place,
    when each report's part stays one run of neighbours (in a story of 50 reports most links find
    both ends in one fact already, and nothing is copied)."""
    new: dict[int, set[int]] = {}
    for g in others:
        for art, idx in g.members.items():
            new.setdefault(art, set()).update(idx)
    for art, i in ends:
        if owner.get((art, i)) is not group:
            new.setdefault(art, set()).add(i)
    sides = {x: set(pair.a), y: set(pair.b)}
    if any(not _neighbours(whole := group.members.get(art, set()) | idx)
           and not (len(whole) <= MAX_MERGE and whole <= sides.get(art, set())) for art, idx in new.items()):
        # a fact holds one sentence, or one run of neighbouring sentences, per report, or the
        # sentences one pair gives it where the report restates itself (``align.restating``)
        return False
    for art, idx in new.items():
        group.members.setdefault(art, set()).update(idx)
        for i in idx:
            owner[(art, i)] = group
    group.rank = max(group.rank, rank, *(g.rank for g in others))
    for art, r in [(x, rank), (y, rank), *(item for g in others for item in g.ranks.items())]:
        group.ranks[art] = max(group.ranks.get(art, 0), r)
    for g in others:
        group.issues.extend(g.issues)
    group.issues.extend(_issues(x, y, pair))
    return True


def _issues(x: int, y: int, pair: Pair) -> list[tuple[str, int, str, int, str]]:
    """A link's disagreements as a fact keeps them: (kind, article, value, article, value)."""
    return [("number" if d.kind == "number" else "quote", x, d.a, y, d.b) for d in pair.discrepancies]


MAX_MERGE = 3


def _share_a_report(groups: list[_Group]) -> bool:
    seen: set[int] = set()
    for g in groups:
        if seen & g.members.keys():
            return True
        seen |= g.members.keys()
    return False


def _neighbours(indices: set[int]) -> bool:
    """A report's part of a fact is one sentence or a merge of neighbouring sentences."""
    return max(indices) - min(indices) + 1 == len(indices) and len(indices) <= MAX_MERGE


def _discrepancies(group: _Group) -> tuple[FactDiscrepancy, ...]:
    """The values each report gives, per disagreement. Links that share a report's value are one
    disagreement: "€640 million" against another report's "€610 million" and a third's "610
    million" is one, and so is a quote given whole by one report, reworded by another and trimmed by
    a third (before, one for each two reports). Two reports that give the same value are on one side
    of one disagreement though no link between them disagreed ("$69 billion" / "$68.7 billion" twice
    over, four reports joined by links that agree), when the value says what it is (``_says_what``)."""
    parent: dict[tuple[str, int, str], tuple[str, int, str]] = {}

    def root(end: tuple[str, int, str]) -> tuple[str, int, str]:
        while parent.setdefault(end, end) != end:
            end = parent[end]
        return end

    same_value: dict[tuple[str, str], tuple[str, int, str]] = {}
    for kind, x, va, y, vb in group.issues:
        parent[root((kind, x, va))] = root((kind, y, vb))
        for end in ((kind, x, va), (kind, y, vb)):
            if _says_what(kind, end[2]):
                first = same_value.setdefault((kind, value_key(kind, end[2])), end)
                parent[root(end)] = root(first)
    joined: dict[tuple[str, int, str], dict[tuple[int, str], None]] = {}
    for kind, x, va, y, vb in group.issues:  # in the order the links came, each report's value once
        values = joined.setdefault(root((kind, x, va)), {})
        values[(x, va)] = values[(y, vb)] = None
    return tuple(FactDiscrepancy(kind, tuple(sorted(values))) for (kind, _, _), values in joined.items())


def _says_what(kind: str, value: str) -> bool:
    """A quote, or a figure that names what it is ($, billion, %, metre): a bare "40" may be two
    different counts, so two reports' "40" are not taken for one value by its spelling alone."""
    return kind != "number" or any(not (c.isdigit() or c in " ,.") for c in value)


def value_key(kind: str, value: str) -> str:
    """A disagreement's value as compared: a figure by its currency and words read ("$69bn" is
    "$69 billion"), a quote by its words. Two reports giving one key give the same value."""
    if kind == "number":
        return "".join(c for c in value if c in "$£€¥") + " ".join(written_tokens(value))
    return " ".join(value.casefold().split())


def _outlets(articles: Sequence[Article], arts: Sequence[int]) -> int:
    return len({(articles[a].outlet or "").casefold() or f"#{a}" for a in arts})


def assemble(articles: Sequence[Article], groups: Sequence[_Group], main: int | None) -> tuple[Fact, ...]:
    """Facts in the order a reader wants: carried by most outlets first, each report's exclusive
    facts last; within those, the reading order of the main report (facts it lacks by where they
    stand in the reports that carry them)."""
    facts = []
    for g in groups:
        members = tuple(Member(a, i, articles[a].sentences[i].text)
                        for a in sorted(g.members) for i in sorted(g.members[a]))
        also = tuple(Member(a, i, articles[a].sentences[i].text) for a in sorted(g.also) for i in sorted(g.also[a]))
        arts = sorted({*g.members, *g.also})
        kind = "exclusive" if len(arts) == 1 else KIND_NAME[g.rank]
        carried = tuple((a, KIND_NAME[g.ranks[a]]) for a in arts if a in g.ranks)
        facts.append(Fact(members, _outlets(articles, arts), kind, _discrepancies(g), carried, also))

    def place(fact: Fact) -> tuple[int, int, float, int]:
        own = [m.index for m in fact.sentences if m.article == main]
        if own:
            where = own[0] / max(1, len(articles[main].sentences)) if main is not None else 0.0
        else:
            first = fact.sentences[0]
            where = first.index / max(1, len(articles[first.article].sentences))
        exclusive = len(fact.articles) == 1
        return (int(exclusive), -fact.outlets if not exclusive else fact.sentences[0].article, where,
                fact.sentences[0].index)

    return tuple(sorted(facts, key=place))


def story_facts(articles: Sequence[Article], align: Aligner, on_progress: Progress | None = None) -> StoryFacts:
    """Each fact of a story, which reports carry it and where they disagree (see the module doc)."""
    language = main_language(articles)
    members = [k for k, a in enumerate(articles) if a.lang in (language, None) or language is None]
    apart = tuple(k for k in range(len(articles)) if k not in members)
    main = max(members, key=lambda k: (len(articles[k].sentences), -k)) if members else None
    groups = join(articles, members, align, on_progress)
    return StoryFacts(tuple(articles), assemble(articles, groups, main), main, language, apart)
