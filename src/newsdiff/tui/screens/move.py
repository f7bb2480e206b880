"""Pick the story an article should move to."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class MoveScreen(ModalScreen[str | None]):
    """Dismisses with the chosen story id, or None."""

    BINDINGS = [Binding("escape,q", "dismiss", "Cancel", id="move.cancel")]

    def __init__(self, title: str, stories: list[tuple[str, str]]) -> None:
        super().__init__()
        self.article_title, self.stories = title, stories

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield Static(Text.assemble(("Move ", "bold"), (self.article_title, "italic"), " to which story?"))
            if self.stories:
                yield OptionList(*(Option(Text(title), id=sid) for sid, title in self.stories), id="notes-list")
            else:
                yield Static("There is no other story.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
