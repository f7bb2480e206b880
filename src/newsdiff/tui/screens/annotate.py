"""The annotate modal: note text, tags and highlight colour for one sentence."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

COLOURS = ("yellow", "green", "blue", "red", "purple")


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the user typed: note text, tags and colour."""

    note: str
    tags: tuple[str, ...]
    colour: str


class AnnotateScreen(ModalScreen[NoteDraft | None]):
    """Edit a note on ``quote``; ctrl+s saves, escape cancels (nothing is written)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="annotate.save"),
        Binding("escape", "cancel", "Cancel", id="annotate.cancel"),
    ]

    def __init__(self, quote: str, source: str, draft: NoteDraft | None = None) -> None:
        super().__init__()
        self.quote, self.source = quote, source
        self.draft = draft or NoteDraft("", (), COLOURS[0])

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate-box"):
            yield Static(Text.assemble(("Note on ", "bold"), (self.source, "italic"),
                                       ("  ctrl+s saves · esc cancels", "dim")), id="annotate-title")
            yield Static(Text(f"“{self.quote}”"), id="annotate-quote")
            yield Label("Note")
            yield TextArea(self.draft.note, id="annotate-note", soft_wrap=True)
            yield Label("Tags (comma-separated)")
            yield Input(", ".join(self.draft.tags), id="annotate-tags", placeholder="trimmed-quote, numbers")
            yield Label("Highlight colour")
            yield Select([(c, c) for c in COLOURS], value=self.draft.colour, allow_blank=False,
                         id="annotate-colour")
            with Horizontal(id="annotate-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#annotate-note", TextArea).focus()

    def action_save(self) -> None:
        note = self.query_one("#annotate-note", TextArea).text.strip()
        tags = tuple(t.strip() for t in self.query_one("#annotate-tags", Input).value.split(",") if t.strip())
        colour = str(self.query_one("#annotate-colour", Select).value)
        if not note and not tags:
            self.notify("Write a note or a tag first (escape cancels)", severity="warning")
            return
        self.dismiss(NoteDraft(note, tags, colour))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        self.action_save()
