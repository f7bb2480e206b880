"""Keys typed right behind the key that opens a text box go into the box, not to the screen's bindings.

Textual runs a binding only once the key has passed the screen, so the keys queued behind `/` (a
paste, tmux send-keys, a fast typist over a slow SSH link) would reach the screen before the box
opens and run as commands: `/crane` opened the annotate dialog (`a`) in the compare view. A screen
calls ``route_key`` from its ``on_key``: the opening key opens the box at once, and printable keys
that still reach the screen while the box shows are typed into it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.screen import Screen
from textual.widgets import Input


def hidden_box(placeholder: str, box_id: str) -> Input:
    """A hidden box for ``show`` and ``route_key`` to drive. It does not select its text on focus:
    the focus arrives after keys already typed into it, and selecting then let the next key replace
    them (`/crane` sent in one burst became "ne"); ``show`` selects what it held instead."""
    return Input(placeholder=placeholder, id=box_id, classes="hidden", select_on_focus=False)


def show(screen: Screen[Any], box: Input) -> None:
    """Show ``box`` with what it holds selected (the next key typed replaces it, as a new search in
    less does) and focus it at once."""
    box.remove_class("hidden")
    box.select_all()
    screen.set_focus(box)


def route_key(screen: Screen[Any], event: events.Key, box: Input, opener: str, open_box: Callable[[], None]) -> None:
    """Open ``box`` for the key bound to action ``opener``; type keys that arrive meanwhile into it."""
    active = screen.active_bindings.get(event.key)
    if active is not None and active.binding.action == opener and box.has_class("hidden"):
        event.stop()
        open_box()
    elif not box.has_class("hidden") and event.is_printable and event.character:
        # A key queued behind the opening one: it belongs in the box, whether or not the box has
        # taken focus yet (a key can reach the screen between the box showing and its focus: the
        # `c` of `/crane` sent by tmux in one burst was lost that way, now and then).
        event.stop()
        if screen.focused is not box:
            screen.set_focus(box)
        if box.selection.is_empty:
            box.insert_text_at_cursor(event.character)
        else:
            box.replace(event.character, *box.selection)
