"""Align the sentences of two articles through reordering, merges, splits and rewording.

1. Analyse every sentence once (tokens, content words, numbers, quotes).
2. Candidates: only sentence pairs sharing a rare word (inverted index), so cost grows gently.
3. Score candidates with the fitted similarity model; keep those above a floor.
4. Assign globally: strongest links first, each sentence at most once (competitive linking),
   so a sentence goes to its best partner, wherever it stands in the other article.
5. Grow 1:1 pairs into merges/splits when a neighbour's content sits inside the partner.
6. Recall pass (``pairing.py``): sentences still alone are paired when a model fitted on real
   aligned article pairs says they report the same fact, and neighbours join pairs they complete.
7. Kinds, moved (longest increasing subsequence), word diffs, discrepancies, stats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsdiff.core.align.groups import grow_groups, grow_pairs
from newsdiff.core.align.pairing import MODEL, PairModel, Reading, contested, pair_features, read, recall
from newsdiff.core.align.similarity import (
    FEATURE_NAMES,
    SAME_THRESHOLD,
    Analysed,
    Weigher,
    analyse,
    coverage,
    features,
    kind_features,
    make_weigher,
    probability,
    same_kind,
    shared_weights,
    strongest_partners,
)
from newsdiff.core.align.worddiff import number_discrepancies, quote_discrepancies, word_ops
from newsdiff.core.models import Alignment, AlignStats, Discrepancy, Pair

# Changes whenever the same two texts may align differently (a refit, a new feature, a new pass):
# alignments stored under another version are stale.
ALIGNER_VERSION = "2026-12-10.1"


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """Thresholds of the aligner (defaults measured on the seed pair, MSRP and the demo gold)."""

    same_threshold: float = SAME_THRESHOLD  # probability that links a pair strongly (its kind: similarity.same_kind)
    floor: float = 0.35  # below this probability nothing pairs on similarity alone
    partial_cover: float = 0.7  # share of the smaller side's content found in the other, for partial
    partial_shared: float = 4.0  # and at least this much shared rare-word weight
    mutual_cover: float = 0.55  # share of each side's content found in the other, for a reworded pair
    rare_weight: float = 0.5  # words at least this rare index candidates
    max_postings: int = 60  # words in more sentences than this do not index (too common here)
    max_partners: int = 6  # candidates a sentence keeps, those sharing the most rare weight
    edited_similarity: float = 0.6  # word-sequence similarity for "edited" rather than "paraphrase"
    quote_echo_weight: float = 1.0  # a word this rare quoted by both sides links otherwise weak pairs
    weak_shared: float = 4.5  # shared weight that links the two ledes
    anchor_weight: float = 2.2  # a shared word this rare anchors a weak pair
    pairing: PairModel | None = MODEL  # the recall pass's model (None: no recall pass)
    min_cover: float = 0.25  # a pair sharing less of either side's content is not scored (see _score)
    word_diffs: bool = True  # word-level changes of each pair (facts need none)
    weak_links: bool = True  # the first pass's hand-set rules for weak pairs (ledes, anchors, quote echoes)
    recall_keeps_weak: bool = True  # the recall pass keeps the first pass's partial links (False: re-decides them)


def _candidates(sa: Sequence[Analysed], sb: Sequence[Analysed], weigh: Weigher,
                options: AlignOptions) -> set[tuple[int, int]]:
    """Pairs sharing a rare word, each sentence keeping the ``max_partners`` sharing the most rare
    weight with it (a pair stays when either side keeps it)."""
    shared = shared_weights(sa, sb, weigh, options.max_postings, options.rare_weight)
    return strongest_partners(shared, options.max_partners)


@dataclass(frozen=True, slots=True)
class _Link:
    i: int
    j: int
    prob: float
    strength: float
    partial: bool
    values: tuple[float, ...] = ()  # the pair's similarity features, when the first pass read them
    basis: str = ""  # why the recall pass paired it, when not by the model's say (``Pair.basis``)


def _content_coverage(a: Analysed, b: Analysed, weigh: Weigher,
                      cover: tuple[float, float, float] | None = None) -> tuple[float, float, float]:
    """Coverage where a number changed between the sides still counts half: the same fact, revised."""
    shared, cov_a, cov_b = cover or coverage(a, b, weigh)
    changed = min(len(a.numbers - b.numbers), len(b.numbers - a.numbers))
    if not changed:
        return shared, cov_a, cov_b
    bonus = 0.5 * 2.0 * changed  # numbers weigh 2.0 (similarity.prior_weight)
    wa, wb = (shared / cov_a if cov_a else 0.0), (shared / cov_b if cov_b else 0.0)
    shared += bonus
    return shared, min(1.0, shared / wa) if wa else 0.0, min(1.0, shared / wb) if wb else 0.0


def _score(a: Analysed, b: Analysed, weigh: Weigher, options: AlignOptions, i: int, j: int,
           seen: dict[tuple[int, int], float]) -> _Link | None:
    """The first pass's link for one candidate pair, if any; the sentence model's probability,
    when computed, is kept in ``seen`` for the recall pass."""
    cover = coverage(a, b, weigh)  # computed once: the features and the coverage test both use it
    shared, cov_a, cov_b = _content_coverage(a, b, weigh, cover)
    if max(cov_a, cov_b) < options.min_cover:
        return None  # too little in common for the model to reach its floor: not worth its features
    values = tuple(features(a, b, weigh, cover))
    prob = seen[(i, j)] = probability(values)
    contained = max(cov_a, cov_b) >= options.partial_cover and shared >= options.partial_shared
    # Most of the rare content of both sides agrees: the same fact in other words.
    mutual = min(cov_a, cov_b) >= options.mutual_cover and shared >= options.partial_shared
    if prob >= options.same_threshold or mutual:
        # A mutual-coverage link pairs strongly but is called the same only if the model agrees.
        return _Link(i, j, prob, 1.0 + max(prob, min(cov_a, cov_b)), prob < options.same_threshold, values)
    if prob >= options.floor or contained:
        return _Link(i, j, prob, 0.5 * max(prob, min(1.0, max(cov_a, cov_b))), True, values)
    return None


def _assign(links: list[_Link]) -> list[_Link]:
    """Strongest links first; a sentence joins at most one pair."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for link in sorted(links, key=lambda k: (-k.strength, k.i, k.j)):
        if link.i in used_a or link.j in used_b:
            continue
        used_a.add(link.i)
        used_b.add(link.j)
        chosen.append(link)
    return chosen


def _quoted_words(a: Analysed) -> frozenset[str]:
    return frozenset(t for q in a.quotes for t in analyse(q).content)


def _weak_links(sa: Sequence[Analysed], sb: Sequence[Analysed], pool: set[tuple[int, int]], chosen: list[_Link],
                weigh: Weigher, options: AlignOptions) -> list[_Link]:
    """Second pass over sentences still alone: a rare word quoted by both sides, or two ledes
    with substantial shared content, link mutual best partners as partial pairs."""
    free_a = set(range(len(sa))) - {k.i for k in chosen}
    free_b = set(range(len(sb))) - {k.j for k in chosen}
    scored: list[tuple[float, int, int]] = []
    for i, j in pool:
        if i not in free_a or j not in free_b:
            continue
        shared, cov_a, cov_b = _content_coverage(sa[i], sb[j], weigh)
        quoted = _quoted_words(sa[i]) & _quoted_words(sb[j])
        quote_echo = any(weigh(t) >= options.quote_echo_weight for t in quoted) and shared >= 2.5
        # News is written as an inverted pyramid: two ledes on one event summarise the same facts.
        ledes = i == 0 and j == 0 and shared >= options.weak_shared and min(cov_a, cov_b) >= 0.2
        # A very rare word (a name, a code, a figure) both sentences turn on.
        anchor = (max(cov_a, cov_b) >= 0.5 and shared >= 3.0
                  and any(weigh(t) >= options.anchor_weight for t in sa[i].content & sb[j].content))
        # Much rare content in common, a fair share of each side: the same fact, retold.
        substantial = (shared >= options.weak_shared + 0.5 and min(cov_a, cov_b) >= 0.3
                       and max(cov_a, cov_b) >= 0.45)
        if quote_echo or ledes or anchor or substantial:
            scored.append((shared, i, j))
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for shared, i, j in scored:
        best_a[i] = max(best_a.get(i, (0.0, -1)), (shared, j))
        best_b[j] = max(best_b.get(j, (0.0, -1)), (shared, i))
    return [_Link(i, j, 0.0, 0.3, True) for shared, i, j in sorted(scored)
            if best_a[i][1] == j and best_b[j][1] == i]


Group = tuple[tuple[int, ...], tuple[int, ...], _Link]


def _recall(ta: Sequence[str], tb: Sequence[str], sa: Sequence[Analysed], sb: Sequence[Analysed], weigh: Weigher,
            groups: Sequence[Group], model: PairModel, same: Callable[[int, int], float]
            ) -> tuple[list[Group], Reading | None]:
    """The recall pass: new pairs among sentences still alone (partial unless the sentence model
    agrees they say the same), and neighbours joined to the pairs they complete. ``same``: the
    sentence model's probability for a pair (computed once, the first pass's reused); the pass's
    reading of the two texts comes back with the groups (None when there was nothing to recall)."""
    if sum(len(ga) for ga, _, _ in groups) == len(ta) and sum(len(gb) for _, gb, _ in groups) == len(tb):
        return list(groups), None  # every sentence is paired already: nothing left to recall

    def same_unit(ga: Sequence[int], gb: Sequence[int]) -> float:
        return probability(features(_read_whole(ta, sa, ga), _read_whole(tb, sb, gb), weigh))

    reading = read(ta, tb, ([x.tokens for x in sa], [x.tokens for x in sb]))  # tokens read once
    strong_a = {i for ga, _, link in groups if not link.partial for i in ga}
    strong_b = {j for _, gb, link in groups if not link.partial for j in gb}
    weak = [(ga[0], gb[0]) for ga, gb, link in groups if link.partial and len(ga) == len(gb) == 1]
    released = contested(reading, weak, strong_a, strong_b, same, model)
    groups = [g for g in groups if (g[0][0], g[1][0]) not in released or len(g[0]) + len(g[1]) > 2]
    found = recall(reading, [(ga, gb) for ga, gb, _ in groups], same, model, same_unit)
    links = [link for _, _, link in groups]
    links += [_Link(ga[0], gb[0], same(ga[0], gb[0]), p, True, basis=why)
              for (ga, gb), p, why in zip(found.groups[len(groups):], found.new, found.basis, strict=True)]
    return [(ga, gb, link) for (ga, gb), link in zip(found.groups, links, strict=True)], reading


def _fact_probability(reading: Reading, model: PairModel, ga: Sequence[int], gb: Sequence[int],
                      same: Callable[[int, int], float]) -> float:
    """How likely the pairing model finds it that a pair reports one fact: its best two sentences."""
    return max(model.probability(pair_features(reading, i, j, same(i, j))) for i in ga for j in gb)


def _read_whole(texts: Sequence[str], analysed: Sequence[Analysed], group: Sequence[int]) -> Analysed:
    """One side of a group read as one sentence (a lone sentence as the first pass read it)."""
    return analysed[group[0]] if len(group) == 1 else analyse(" ".join(texts[k] for k in group))


def _moved(groups: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[bool]:
    """Pairs outside the longest increasing subsequence of B positions (in A order) are moved."""
    order = sorted(range(len(groups)), key=lambda k: min(groups[k][0]))
    seq = [min(groups[k][1]) for k in order]
    # patience sorting with back-pointers
    tails: list[int] = []
    tails_idx: list[int] = []
    back = [-1] * len(seq)
    for pos, value in enumerate(seq):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < value:
                lo = mid + 1
            else:
                hi = mid
        back[pos] = tails_idx[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(value)
            tails_idx.append(pos)
        else:
            tails[lo], tails_idx[lo] = value, pos
    keep = set()
    pos = tails_idx[-1] if tails_idx else -1
    while pos >= 0:
        keep.add(order[pos])
        pos = back[pos]
    return [k not in keep for k in range(len(groups))]


def _kind(text_a: str, text_b: str, a: Analysed, b: Analysed, prob: float, partial: bool,
          options: AlignOptions) -> str:
    if a.tokens == b.tokens:
        return "identical"
    if partial:
        return "partial"
    from rapidfuzz.distance import LCSseq

    similar = LCSseq.normalized_similarity(a.tokens, b.tokens)
    return "edited" if similar >= options.edited_similarity else "paraphrase"


def _as_sentences(side: str | Sequence[str]) -> list[str]:
    if isinstance(side, str):
        from newsdiff.core.text import segment

        return [s.text for s in segment(side)]
    return [str(s) for s in side]


def align(a: str | Sequence[str], b: str | Sequence[str], options: AlignOptions | None = None) -> Alignment:
    """Pair the sentences of ``a`` and ``b`` (article bodies, or sequences of sentences)."""
    options = options or AlignOptions()
    ta, tb = _as_sentences(a), _as_sentences(b)
    sa, sb = [analyse(t) for t in ta], [analyse(t) for t in tb]
    weigh = make_weigher(sa + sb)
    pool = _candidates(sa, sb, weigh, options) if len(sa) * len(sb) > 4 else {
        (i, j) for i in range(len(sa)) for j in range(len(sb))}
    seen: dict[tuple[int, int], float] = {}
    links = [link for i, j in sorted(pool) if (link := _score(sa[i], sb[j], weigh, options, i, j, seen))]
    chosen = _assign(links)
    chosen += _weak_links(sa, sb, pool, chosen, weigh, options) if options.weak_links else []
    groups = grow_groups(chosen, sa, sb, weigh)

    def same(i: int, j: int) -> float:  # the sentence model's probability, the first pass's reused
        if (i, j) not in seen:
            seen[(i, j)] = probability(features(sa[i], sb[j], weigh))
        return seen[(i, j)]

    reading: Reading | None = None
    if options.pairing is not None:
        kept = groups if options.recall_keeps_weak else [g for g in groups if not g[2].partial]
        recalled, reading = _recall(ta, tb, sa, sb, weigh, kept, options.pairing, same)
        groups = grow_pairs(recalled, sa, sb, weigh)
    moved = _moved([(ga, gb) for ga, gb, _ in groups])
    pairs = []
    for (ga, gb, link), is_moved in zip(groups, moved, strict=True):
        text_a, text_b = " ".join(ta[i] for i in ga), " ".join(tb[j] for j in gb)
        whole_a, whole_b = _read_whole(ta, sa, ga), _read_whole(tb, sb, gb)
        single = len(ga) + len(gb) == 2  # a 1:1 pair: its link is its own, features and all
        if whole_a.tokens == whole_b.tokens:  # word for word: identical, whatever the models say
            prob, partial = link.prob if single else 1.0, False
        else:
            values = kind_features(whole_a, whole_b, weigh, link.values if single else None)
            prob = link.prob if single else probability(values[:len(FEATURE_NAMES)])
            partial = not same_kind(values)  # the kind model's say, whatever linked the pair
        kind = _kind(text_a, text_b, whole_a, whole_b, prob, partial, options)
        issues = discrepancies(text_a, text_b)
        if kind == "identical":
            score = 1.0
        elif kind == "partial" and options.pairing is not None:
            # A partial pair's score is how likely the pairing model finds it that the two report
            # one fact: who reported what joins the likeliest first, and the view shows it.
            if reading is None:  # the recall pass had nothing to read: every sentence was paired
                reading = read(ta, tb, ([x.tokens for x in sa], [x.tokens for x in sb]))
            score = round(_fact_probability(reading, options.pairing, ga, gb, same), 4)
        else:
            score = round(max(prob, link.strength / 2 if partial else prob), 4)
        pairs.append(Pair(ga, gb, kind, min(1.0, score), is_moved,  # type: ignore[arg-type]
                          word_ops(text_a, text_b) if kind != "identical" and options.word_diffs else (), issues,
                          link.basis))
    pairs.sort(key=lambda p: (min(p.a), min(p.b)))
    return Alignment(tuple(ta), tuple(tb), tuple(pairs), _stats(ta, tb, pairs))


def discrepancies(text_a: str, text_b: str) -> tuple[Discrepancy, ...]:
    """The quotes and numbers two texts of one fact give differently (a pair's ``discrepancies``)."""
    return (*quote_discrepancies(text_a, text_b), *number_discrepancies(text_a, text_b))


def _stats(ta: list[str], tb: list[str], pairs: list[Pair]) -> AlignStats:
    def covered(texts: list[str], used: set[int]) -> float:
        total = sum(len(t) for t in texts)
        return round(sum(len(texts[i]) for i in used) / total, 4) if total else 0.0

    cov_a = covered(ta, {i for p in pairs for i in p.a})
    cov_b = covered(tb, {j for p in pairs for j in p.b})
    kinds: dict[str, int] = {}
    for p in pairs:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    close = kinds.get("identical", 0) + kinds.get("edited", 0)
    return AlignStats(
        coverage_a=cov_a, coverage_b=cov_b, kinds=kinds, moved=sum(p.moved for p in pairs),
        quote_discrepancies=sum(d.kind != "number" for p in pairs for d in p.discrepancies),
        number_discrepancies=sum(d.kind == "number" for p in pairs for d in p.discrepancies),
        same_wire_copy=bool(pairs) and min(cov_a, cov_b) >= 0.7 and close >= 0.7 * len(pairs),
        unrelated=not pairs or max(cov_a, cov_b) < 0.1,
    )


def to_json(alignment: Alignment) -> dict[str, object]:
    """The ``pairs`` and ``stats`` parts of the CLI contract's align JSON."""
    from dataclasses import asdict

    return {
        "pairs": [
            {"a": list(p.a), "b": list(p.b), "kind": p.kind, "score": p.score, "moved": p.moved,
             "diff": [asdict(op) for op in p.diff if op.op != "equal"],
             "discrepancies": [asdict(d) for d in p.discrepancies]} | ({"basis": p.basis} if p.basis else {})
            for p in alignment.pairs
        ],
        "stats": asdict(alignment.stats) | {"unique_a": len(alignment.unique_a), "unique_b": len(alignment.unique_b)},
    }


def render_text(alignment: Alignment, width: int) -> str:
    """A readable two-column rendering for pipes and plain terminals."""
    from newsdiff.core.align.render import render

    return render(alignment, width)
