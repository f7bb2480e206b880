"""Component styles for the line-API widgets, blended the way Textual draws them."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    """A component's own style, with its (possibly translucent) colours blended as Textual draws them."""
    partial = widget.get_component_rich_style(name, partial=True)
    full = widget.get_component_rich_style(name, partial=False)
    return partial.without_color + Style(
        color=full.color if partial.color else None,
        bgcolor=full.bgcolor if partial.bgcolor else None,
    )
