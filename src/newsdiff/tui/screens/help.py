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
        # Ours first (the focused view's, like the compare view's n/N, then the screen's); a stock
        # widget's keys (a table's arrows and page keys) are the least surprising, so they come
        # last, without the keys already listed. Ours carry binding ids; Textual's do not.
        widget = [b for b in getattr(self.under.focused, "BINDINGS", []) if isinstance(b, Binding)]
        ours = any(b.id for b in widget)
        sources: list[tuple[str, list[object]]] = [
            ("This view", list(widget) if ours else []), ("This screen", list(self.under.BINDINGS)),
            ("Everywhere", list(self.app.BINDINGS)), ("Moving around", [] if ours else list(widget))]
        seen: set[str] = set()
        groups = []
        for heading, bindings in sources:
            rows = [b for b in bindings if isinstance(b, Binding) and not set(b.key.split(",")) <= seen]
            seen.update(k for b in rows for k in b.key.split(","))
            groups.append((heading, rows))
        everything = [b for _, rows in groups for b in rows]
        key_w = min(28, max((len(_keys(b)) for b in everything), default=8) + 2)
        desc_w = max((len(b.description) for b in everything), default=8) + 2
        id_w = max((len(b.id or "") for b in everything), default=0)
        # The box is 90% of the screen up to 100 cells, less border, padding and scrollbar;
        # binding ids are shown only where they fit on the key's own line.
        inner = min(int(self.app.size.width * 0.9), 100) - 8
        show_ids = 2 + key_w + desc_w + id_w <= inner
        if not show_ids:
            text.append("(a wider terminal also shows each key's id)\n\n", style="dim")
        for heading, rows in groups:
            if not rows:
                continue
            text.append(f"{heading}\n", style="bold underline")
            for b in rows:
                text.append(f"  {_keys(b):{key_w}}", style="bold")
                if show_ids:
                    text.append(f"{b.description:{desc_w}}")
                    text.append(f"{b.id or ''}\n", style="dim")
                else:
                    text.append(f"{b.description}\n")
            text.append("\n")
        text.append("Markers: = identical  ~ edited  ≈ reworded  ± partial  + only one outlet  ↕ moved  • note\n")
        text.append("Stories: ✓ marked  ◦ suggested pair  • has notes  * pinned by you (re-clustering keeps it)\n")
        text.append("Facts: ● carried  ◐ carried in part  ○ absent  ! the reports disagree (bottom line: how)\n")
        yield VerticalScroll(Static(text), id="help-body")
