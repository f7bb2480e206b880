"""newsdiff: compare how different outlets tell the same story.

Importing the package is cheap: the public API is re-exported lazily
(PEP 562) so that ``import newsdiff`` never pulls in Textual.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsdiff' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
