"""Pick a story (to move articles to, or merge a story into) from a list filtered as you type."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsdiff.core.library import StorySummary


def _label(story: StorySummary) -> Text:
    first, last = (story.first or "")[:10], (story.last or "")[:10]
    span = first if first == last else f"{first} – {last}"
    # No story id here: ids come from where the articles were found, so they differ between
    # installs (the filter still matches an id typed from `newsdiff stories`).
    figures = [f"{story.articles} art.", f"{story.outlets} outlets", span or "undated"]
    return Text.assemble(story.title, ("\n  " + " · ".join(figures), "dim"))


class MoveScreen(ModalScreen[str | None]):
    """Dismisses with the chosen story id, or None."""

    BINDINGS = [
        Binding("escape", "dismiss", "Cancel", id="move.cancel"),
        Binding("down", "cursor_down", "Next story", show=False, id="move.down"),
        Binding("up", "cursor_up", "Previous story", show=False, id="move.up"),
    ]

    def __init__(self, prompt: Text, stories: list[StorySummary]) -> None:
        super().__init__()
        self.prompt, self.stories = prompt, stories

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield Static(self.prompt)
            if self.stories:
                yield Input(placeholder="type to filter · ↑/↓ choose · enter picks · esc cancels", id="picker-filter")
                yield OptionList(*self._options(""), id="notes-list")
            else:
                yield Static("There is no other story.")

    def on_mount(self) -> None:
        for option_list in self.query(OptionList):
            option_list.highlighted = 0 if option_list.option_count else None

    def _options(self, needle: str) -> list[Option]:
        needle = needle.casefold().strip()
        return [Option(_label(s), id=s.id) for s in self.stories
                if not needle or needle in s.title.casefold() or s.id.startswith(needle)]

    def on_input_changed(self, event: Input.Changed) -> None:
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(self._options(event.value))
        option_list.highlighted = 0 if option_list.option_count else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            self.dismiss(option_list.get_option_at_index(option_list.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cursor_down(self) -> None:
        for option_list in self.query(OptionList):
            option_list.action_cursor_down()

    def action_cursor_up(self) -> None:
        for option_list in self.query(OptionList):
            option_list.action_cursor_up()
