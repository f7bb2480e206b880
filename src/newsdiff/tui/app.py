"""NewsdiffApp and the make_app() factory shared by the CLI, the tests and the screenshot script."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from newsdiff.config import Settings, load_settings

if TYPE_CHECKING:
    from newsdiff.core.align import Comparison


@dataclass(frozen=True)
class Launch:
    """What the app opens on: the library, the demo corpus, or two files to compare."""

    mode: str = "library"  # "library" | "demo" | "compare" (two refs) | "previous" (one ref)
    files: tuple[str, ...] = ()
    library: Path | None = None
    # compare: a comparison already under way (the CLI starts it before Textual loads)
    prepared: Callable[[], Comparison] | None = field(default=None, compare=False)


class NewsdiffApp(App[int]):
    """Owns settings and the launch target; screens do the work."""

    CSS_PATH = "newsdiff.tcss"
    TITLE = "newsdiff"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.command-palette"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, id="app.theme"),
    ]

    def __init__(self, launch: Launch, settings: Settings) -> None:
        super().__init__()
        self.launch = launch
        self.settings = settings
        self.animation_level = "none"  # no animations: every frame costs bytes over SSH
        self.theme = "textual-light" if settings.theme == "light" else "textual-dark"

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))
        if self.launch.mode == "compare":
            from newsdiff.tui.screens.compare import CompareScreen

            a, b = self.launch.files
            prepared = self.launch.prepared
            self.push_screen(CompareScreen(prepared, f"{a} ↔ {b}") if prepared else CompareScreen.from_files(a, b))
        elif self.launch.mode == "previous":
            from newsdiff.tui.screens.compare import CompareScreen

            self.push_screen(CompareScreen.from_previous(self.launch.files[0]))
        else:
            from newsdiff.tui.screens.story_list import StoryListScreen

            self.push_screen(StoryListScreen(self.launch.library))

    def action_help(self) -> None:
        from newsdiff.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every binding of the screen and its focused widget is a palette command."""
        yield from super().get_system_commands(screen)
        seen = set()
        for node in (screen.focused, screen):
            for binding in getattr(node, "BINDINGS", ()):
                if not isinstance(binding, Binding) or binding.action in seen:
                    continue
                seen.add(binding.action)
                key = binding.key.split(",")[0]
                yield SystemCommand(
                    f"{binding.description} ({key})", f"run {binding.action}",
                    lambda node=node, action=binding.action: self.run_action(action, node),
                )


def make_app(mode: str = "library", files: tuple[str, ...] = (), library: Path | None = None,
             settings: Settings | None = None, prepared: Callable[[], Comparison] | None = None) -> NewsdiffApp:
    """Build the app (used by the CLI, the tests and scripts/screenshots.py)."""
    return NewsdiffApp(Launch(mode, files, library, prepared), settings or load_settings())


def run_app(mode: str, files: tuple[str, ...] = (), prepared: Callable[[], Comparison] | None = None) -> int:
    """Open the TUI; returns the exit status. Errors before the UI starts are raised as NewsdiffError."""
    settings = load_settings()
    library = None
    if mode == "demo":
        from newsdiff.core.demo_library import demo_library_path

        library = demo_library_path()
    elif mode in ("compare", "previous") and prepared is None:
        from newsdiff.core.pipeline import check_ref

        for ref in files:
            check_ref(ref)  # a missing file or unknown id is reported before the screen takes over
        if mode == "previous":
            from newsdiff.core.pipeline import previous_version

            previous_version(files[0])  # "no earlier version" is reported the same way
    app = make_app(mode, files, library, settings, prepared)
    result = app.run(mouse=settings.mouse)
    return result or 0
