"""Terminal safety: no page text may drive the user's terminal (escape sequences, controls, bidi)."""

from __future__ import annotations

import re

# Whole escape sequences, so that their payload goes too (an OSC 52 clipboard write carries
# base64 that would otherwise land in the text). OSC/DCS/SOS/PM/APC strings must be terminated
# (BEL or ST) on the same line to count as one: an unterminated one loses only its introducer,
# never the rest of the page.
_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c\n]{0,4096}(?:\x07|\x1b\\|\x9c)"  # OSC, DCS...
    r"|\x1b[ -/]*[0-~]"  # two-byte and nF escapes (ESC 7, ESC ( B, ESC c ...)
)
# C0 controls except tab and newline, DEL, C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates ("Trojan Source"): they reorder what is displayed.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _picture(match: re.Match[str]) -> str:
    """The Unicode control picture of a C0 control or DEL, or a visible code for the others."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def sanitize(text: str, *, visible: bool = False) -> str:
    """``text`` safe to print: escape sequences, controls and bidi overrides removed.

    Line breaks of every kind become ``\\n``; tab and newline are kept. With ``visible`` the
    controls are shown as control pictures (␛, ␀, ...) instead of being removed, for views
    that must show the user what a page contained.
    """
    text = _LINE_BREAKS.sub("\n", text)
    # Every escape sequence starts with a control (ESC or a C1 byte). Made visible, no ESC
    # survives as itself, so a sequence can stay on show as harmless text.
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(_picture, text) if visible else _CONTROLS.sub("", _SEQUENCES.sub("", text))
    if visible:
        return _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
    return _BIDI.sub("", text)


def has_controls(text: str) -> bool:
    """Whether ``text`` still holds anything a terminal would act on."""
    return bool(_CONTROLS.search(text) or _BIDI.search(text) or "\r" in text)
