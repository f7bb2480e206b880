"""Grow 1:1 sentence pairs into merges and splits (n:m groups) where the texts ask for it.

A neighbour of a paired sentence joins the pair when most of its content sits inside the
partner and adding it clearly raises how much of the partner is covered: one outlet
split what the other said in one sentence, or merged two into one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from newsdiff.core.align.similarity import Analysed, Weigher, coverage

NEIGHBOUR_INSIDE = 0.4  # share of the neighbour's content found in the partner
NEIGHBOUR_SHARED = 1.5  # and at least this much shared weight
GAIN = 0.1  # rise in the partner's coverage the neighbour must bring
MAX_GROUP = 3


class LinkLike(Protocol):
    @property
    def i(self) -> int: ...
    @property
    def j(self) -> int: ...


def _covered(group: list[int], side: Sequence[Analysed], partner: Analysed, weigh: Weigher) -> float:
    content = frozenset().union(*(side[k].content for k in group))
    shared = weigh.add_up(content & partner.content)
    total = weigh.total(partner.content)
    return shared / total if total else 0.0


def _grow(start: int, side: Sequence[Analysed], partner: Analysed, used: set[int], weigh: Weigher) -> list[int]:
    group = [start]
    while len(group) < MAX_GROUP:
        best, best_gain = None, GAIN
        base = _covered(group, side, partner, weigh)
        for k in (min(group) - 1, max(group) + 1):
            if k < 0 or k >= len(side) or k in used:
                continue
            shared, inside, _ = coverage(side[k], partner, weigh)
            if inside < NEIGHBOUR_INSIDE or shared < NEIGHBOUR_SHARED:
                continue
            gain = _covered([*group, k], side, partner, weigh) - base
            if gain >= best_gain:
                best, best_gain = k, gain
        if best is None:
            break
        group.append(best)
        used.add(best)
    return sorted(group)


L = TypeVar("L", bound=LinkLike)
Group = tuple[tuple[int, ...], tuple[int, ...], L]


def grow_groups(
    links: Sequence[L], sa: Sequence[Analysed], sb: Sequence[Analysed], weigh: Weigher
) -> list[Group[L]]:
    """Each link as (A indices, B indices, link), neighbours merged in where they belong."""
    return grow_pairs([((link.i,), (link.j,), link) for link in links], sa, sb, weigh)


def grow_pairs(groups: Sequence[Group[L]], sa: Sequence[Analysed], sb: Sequence[Analysed],
               weigh: Weigher) -> list[Group[L]]:
    """The groups with each 1:1 pair grown by the free neighbours that belong to it, in reading
    order of A (the recall pass's new pairs grow as the first pass's do: "Four people were in a
    serious condition ..." + "Most of the others had breathed in smoke ..." / "Four people remain
    in hospital ..., and most of the others were treated for smoke inhalation at the scene")."""
    used_a = {i for ga, _, _ in groups for i in ga}
    used_b = {j for _, gb, _ in groups for j in gb}
    out = []
    for ga, gb, link in sorted(groups, key=lambda g: (g[0][0], g[1][0])):
        if len(ga) == len(gb) == 1:
            ga = tuple(_grow(ga[0], sa, sb[gb[0]], used_a, weigh))
            gb = tuple(_grow(gb[0], sb, sa[ga[0]], used_b, weigh)) if len(ga) == 1 else gb
        out.append((ga, gb, link))
    return out
