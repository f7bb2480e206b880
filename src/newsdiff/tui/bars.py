"""Share bars drawn in text, readable without colour (coverage in the story view, progress in the facts view)."""

from __future__ import annotations


def bar(share: float, width: int = 10) -> str:
    """A text bar for a share in 0..1."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)
