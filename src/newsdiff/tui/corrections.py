"""Story corrections from the reader: run one in a worker, then say what it did and how to undo it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from newsdiff.core.library import Library
from newsdiff.core.pipeline import StoryEdit
from newsdiff.errors import NewsdiffError

Change = Callable[[Library], StoryEdit | None]


class StoryEdited(Message):
    """A correction ran: what it did (None: nothing to undo), or why it failed; whether ``watch`` still exists."""

    def __init__(self, edit: StoryEdit | None, error: str | None = None, exists: bool = False) -> None:
        super().__init__()
        self.edit, self.error, self.exists = edit, error, exists


class CorrectingScreen(Screen[None]):
    """A screen that corrects stories: each correction runs in a worker; u undoes the latest."""

    STATUS = "#stories-title"  # the line that says a correction is running

    def __init__(self, library: Path | None) -> None:
        super().__init__()
        self.library = library

    def watched(self) -> str | None:
        """The story whose survival the StoryEdited message reports."""
        return None

    def correct(self, change: Change) -> None:
        """Run ``change`` on the library in a thread; this screen then gets a StoryEdited message."""
        from newsdiff.core.pipeline import open_library

        self.query_one(self.STATUS, Static).update("Updating the stories…")
        watch = self.watched()

        def run() -> None:
            try:
                with open_library(self.library) as lib:
                    edit = change(lib)
                    exists = watch is not None and lib.story(watch) is not None
                self.post_message(StoryEdited(edit, exists=exists))
            except NewsdiffError as err:
                self.post_message(StoryEdited(None, str(err)))

        # Not exclusive: two quick presses (u u) are two corrections, which SQLite runs one after the other.
        self.run_worker(run, thread=True, group="story-edit")

    def action_undo(self) -> None:
        from newsdiff.core.pipeline import undo_story_edit

        self.correct(undo_story_edit)


def tell(screen: Screen[Any], message: StoryEdited) -> bool:
    """Notify what a correction did; False when it failed or changed nothing."""
    edit = message.edit
    if message.error:
        screen.notify(message.error, severity="error", timeout=6)
        return False
    if edit is None:
        screen.notify("Nothing to undo: no merge, split, move or unpin is recorded.", severity="warning")
        return False
    if edit.id is None:
        screen.notify(edit.summary, severity="warning")
        return False
    if edit.action == "undo":
        hint = ""
    elif edit.action == "unpin":
        hint = "\nStories rebuilt. u pins them again."
    else:
        hint = "\nKept when stories are rebuilt. u undoes."
    screen.notify(edit.summary + hint, timeout=8)
    return True
