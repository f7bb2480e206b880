"""The help screen: every key of the screen underneath, with its description and binding id."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _keys(binding: Binding) -> str:
    names = {"question_mark": "?", "slash": "/", "escape": "esc", "space": "space"}
    return ", ".join(names.get(k, k) for k in binding.key.split(","))


class HelpScreen(ModalScreen[None]):
    """Lists the active keys; any of q, escape or ? closes it."""

    BINDINGS = [Binding("q,escape,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("newsdiff keys", style="bold")
        text.append("  (remap any of them by id in the [keys] table of config.toml)\n\n", style="dim")
        sources = [("This view", getattr(self.under.focused, "BINDINGS", [])),
                   ("Screen", self.under.BINDINGS), ("Everywhere", self.app.BINDINGS)]
        for heading, bindings in sources:
            rows = [b for b in bindings if isinstance(b, Binding)]
            if not rows:
                continue
            text.append(f"{heading}\n", style="bold underline")
            for b in rows:
                text.append(f"  {_keys(b):28}", style="bold")
                text.append(f"{b.description:24}")
                text.append(f"{b.id or ''}\n", style="dim")
            text.append("\n")
        text.append("Markers: = identical  ~ edited  ≈ reworded  ± partial  + only one outlet  ↕ moved  • note\n")
        yield VerticalScroll(Static(text), id="help-body")
