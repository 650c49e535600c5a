"""One problem found in a content file, and the ways it is printed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at `path:line`: what is wrong, and how to fix it."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        label = "varning: " if self.severity == "warning" else ""
        path = "".join(c if c.isprintable() else "?" for c in self.path)  # a file name cannot forge a line
        text = f"{path}:{self.line}: {label}{self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the PR's line."""
        text = f"{self.message} — {self.hint}" if self.hint else self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line}::{text}"
