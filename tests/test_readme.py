"""The README's list of what the suite guarantees stays true: every test it names exists,
and its numbers are the numbers the tests use."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
GUARANTEES = README.split("## Vad testsviten garanterar", 1)[1].split("\n## ", 1)[0]


def defined_tests() -> set[str]:
    names = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        names |= set(re.findall(r"^def (test_\w+)\(", path.read_text(encoding="utf-8"), re.M))
    return names


def test_every_test_named_in_the_readme_exists():
    named = set(re.findall(r"`(test_\w+)`", GUARANTEES))
    assert len(named) >= 20, "the list of guarantees should name its tests"
    assert sorted(named - defined_tests()) == []


def test_the_readme_counts_are_the_tables():
    from test_hostile import ROWS
    from test_untrusted import INERT, PAYLOADS

    assert f"En tabell med {len(PAYLOADS)} angrepp" in GUARANTEES
    assert f"{len(PAYLOADS) - len(INERT)} stoppas av" in GUARANTEES
    assert f"de {len(INERT)} som" in GUARANTEES
    assert f"{len(ROWS)} sorters trasiga filer" in GUARANTEES
    links = (ROOT / "tests" / "test_links.py").read_text(encoding="utf-8")
    small, large = re.search(r'"small", (\d+)\).*?"large", (\d+)\)', links, re.S).groups()
    assert f"med {small} fall och i ett med {large} fall" in " ".join(GUARANTEES.split())
