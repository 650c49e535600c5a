"""Command line: `metodbank validate` checks the library without building the site."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .library import load_library


def validate(root: Path, github: bool | None = None, out=sys.stdout) -> int:
    """Print every problem as `path:line: message — hint`; return the exit status."""
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    started = time.perf_counter()
    library = load_library(root)
    for problem in library.diagnostics:
        print(problem, file=out)
        if github:
            print(problem.github_annotation(), file=out)
    errors = len(library.errors)
    files = len({d.path for d in library.errors})
    elapsed = time.perf_counter() - started
    if errors:
        print(
            f"\n{errors} fel i {_files(files)} ({_files(len(library.entries))} utan fel, {elapsed:.2f} s).",
            file=out,
        )
        return 1
    print(f"Inga fel: {_files(len(library.entries))} kontrollerade på {elapsed:.2f} s.", file=out)
    return 0


def _files(count: int) -> str:
    return f"{count} fil" if count == 1 else f"{count} filer"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="metodbank", description="Metodbankens verktyg")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="kontrollera alla innehållsfiler")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="projektets rotmapp")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.root)
    return 2


if __name__ == "__main__":
    sys.exit(main())
