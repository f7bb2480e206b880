"""newsdiff: compare how different outlets tell the same story.

Importing the package is cheap: the public API is re-exported lazily
(PEP 562) so that ``import newsdiff`` never pulls in Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdiff.lazy import lazy_exports
from newsdiff.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from newsdiff.core.align import align
    from newsdiff.core.models import Alignment, Article, Pair, Sentence

_LAZY = {
    "align": "newsdiff.core.align",
    "Alignment": "newsdiff.core.models",
    "Article": "newsdiff.core.models",
    "Pair": "newsdiff.core.models",
    "Sentence": "newsdiff.core.models",
}

__all__ = ["__version__", *_LAZY]

__getattr__ = lazy_exports(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted(__all__)
