"""The one exception type that carries a user-facing message (CLI prints it, exit 1)."""

from __future__ import annotations


class NewsdiffError(Exception):
    """A problem with the user's input or environment, explained in one line."""


class InputError(NewsdiffError):
    """An input file, URL or text cannot be used (empty, binary, missing...)."""
