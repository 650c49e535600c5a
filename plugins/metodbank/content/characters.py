"""Characters that never belong in a content file, and how much of a text is visible.

Control characters (NUL, BEL, ESC …) reach terminals and pages as live bytes, and the
bidirectional overrides (U+202A–U+202E, U+2066–U+2069) make text read differently from
how it is stored ("Trojan source"). Both are rejected where the file is read, with the line.
"""

from __future__ import annotations

import re
import unicodedata

_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_INVISIBLE = re.compile("[\\s\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u034f\u115f\u1160\u3164]+")

NAMES = {
    "\x00": "NUL",
    "\x07": "BEL (ljudsignal)",
    "\x08": "backsteg",
    "\x0b": "vertikal tabb",
    "\x0c": "sidbrytning",
    "\x1b": "ESC (terminalkod)",
    "\x7f": "DEL",
    "\u2028": "radavgränsare",
    "\u2029": "styckeavgränsare",
}


def describe(char: str) -> str:
    """'U+0007 BEL (ljudsignal)' — the code point and a Swedish name where there is one."""
    name = NAMES.get(char)
    if name is None:
        name = "riktningstecken" if "\u202a" <= char <= "\u2069" else "styrtecken"
    return f"U+{ord(char):04X} {name}"


def bad_characters(text: str) -> list[tuple[int, str]]:
    """(0-based line, character) of the first bad character on each line that has one."""
    found: dict[int, str] = {}
    for match in _BAD.finditer(text):
        line = text.count("\n", 0, match.start())
        found.setdefault(line, match.group())
    return sorted(found.items())


def visible(text: str) -> str:
    """The characters of `text` that show: letters, digits, punctuation and symbols (no
    whitespace, zero-width characters, fillers or lone combining marks)."""
    return "".join(c for c in _INVISIBLE.sub("", text) if unicodedata.category(c)[0] in "LNPS")


def strip_controls(text: str) -> str:
    """The text with every control and override character removed (for terminal output)."""
    return _BAD.sub("", text)
