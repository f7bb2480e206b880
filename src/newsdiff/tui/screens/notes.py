"""The notes screen: an article pair's notes; enter edits, d deletes, escape closes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from newsdiff.core.notes import Annotation


class NotesScreen(ModalScreen[tuple[str, str] | None]):
    """Lists notes; dismisses with ("edit", id), ("delete", id) or None."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="notes.close"),
        Binding("d", "delete", "Delete", id="notes.delete"),
        Binding("e", "edit", "Edit", id="notes.edit"),
    ]

    def __init__(self, notes: list[tuple[str, Annotation]]) -> None:
        super().__init__()
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield Static(Text.assemble(("Notes", "bold"), "  enter/e edit · d delete · esc close"))
            options = []
            for side, n in self.notes:
                label = Text.assemble((f"{side} ", "bold"), ("[orphaned] " if n.orphaned else "", "bold"),
                                      f"“{n.selector.quote[:70]}”\n   {n.note[:80]} ",
                                      (" ".join(f"#{t}" for t in n.tags), "italic"))
                options.append(Option(label, id=n.id))
            yield OptionList(*options, id="notes-list") if options else Static("No notes yet: press a on a sentence.")

    def _selected(self) -> str | None:
        lists = self.query(OptionList)
        if not lists:
            return None
        option_list = lists.first()
        index = option_list.highlighted
        return option_list.get_option_at_index(index).id if index is not None else None

    def action_delete(self) -> None:
        if (note_id := self._selected()) is not None:
            self.dismiss(("delete", note_id))

    def action_edit(self) -> None:
        if (note_id := self._selected()) is not None:
            self.dismiss(("edit", note_id))

    def on_option_list_option_selected(self) -> None:
        self.action_edit()
