"""A bounded memo for the per-word work done over a whole library: words recur, so most lookups are
one dict access in C, and the memo is emptied when it holds ``limit`` entries (memory stays bounded
over 100,000 articles)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")


class Memo(dict[_K, _V], Generic[_K, _V]):
    """``memo[key]`` is ``compute(key)``, computed once until the memo fills and starts again."""

    def __init__(self, compute: Callable[[_K], _V], limit: int) -> None:
        super().__init__()
        self.compute, self.limit = compute, limit

    def __missing__(self, key: _K) -> _V:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.compute(key)
        return value
