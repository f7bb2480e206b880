"""Terminal safety: no page text may drive the user's terminal (escape sequences, controls, bidi)."""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC, and 2-byte ESC x.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"
)
# C0 controls except tab and newline, DEL, C1 controls, and bidi embeddings/overrides/isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def sanitize(text: str) -> str:
    """``text`` with escape sequences and control characters removed; \\r\\n and \\r become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    """Whether ``text`` still holds anything a terminal would act on."""
    return bool(_CONTROLS.search(text) or "\x1b" in text)
