"""Grow 1:1 sentence pairs into merges and splits (n:m groups) where the texts ask for it.

A neighbour of a paired sentence joins the pair when most of its content sits inside the
partner and adding it clearly raises how much of the partner is covered: one outlet
split what the other said in one sentence, or merged two into one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from newsdiff.core.align.similarity import Analysed, Weigher, coverage

NEIGHBOUR_INSIDE = 0.6  # share of the neighbour's content found in the partner
NEIGHBOUR_SHARED = 2.0  # and at least this much shared weight
GAIN = 0.12  # rise in the partner's coverage the neighbour must bring
MAX_GROUP = 3


class LinkLike(Protocol):
    @property
    def i(self) -> int: ...
    @property
    def j(self) -> int: ...


def _covered(group: list[int], side: Sequence[Analysed], partner: Analysed, weigh: Weigher) -> float:
    content = frozenset().union(*(side[k].content for k in group))
    shared = sum(weigh(t) for t in content & partner.content)
    total = sum(weigh(t) for t in partner.content)
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


def grow_groups(
    links: Sequence[L], sa: Sequence[Analysed], sb: Sequence[Analysed], weigh: Weigher
) -> list[tuple[tuple[int, ...], tuple[int, ...], L]]:
    """Each link as (A indices, B indices, link), neighbours merged in where they belong."""
    used_a = {link.i for link in links}
    used_b = {link.j for link in links}
    groups = []
    for link in sorted(links, key=lambda k: (k.i, k.j)):
        ga = _grow(link.i, sa, sb[link.j], used_a, weigh)
        gb = _grow(link.j, sb, sa[link.i], used_b, weigh) if len(ga) == 1 else [link.j]
        groups.append((tuple(ga), tuple(gb), link))
    return groups
