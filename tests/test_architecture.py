"""The tree shows the architecture: one package per job, imports only downward, small
modules and functions, and no benchmark or generator code in the runtime package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "plugins" / "metodbank"

ALLOWED = {
    "content": {"content"},
    "search": {"content", "search"},
    "site": {"content", "site"},
    "cards": {"content", "site", "cards"},
    "mkdocs": {"content", "site", "search", "cards", "mkdocs", "project", "build"},
    "project": {"content", "cards"},
    "build": set(),
    "cli": {"content", "search", "cards", "project"},
    "__main__": {"cli"},
    "__init__": set(),
}
"""For each part of the package, the parts it may import (its own included)."""

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def part_of(path: Path) -> str:
    """The part a module belongs to: its sub-package, or its own name at the top."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported_parts(path: Path, package_root: Path = PACKAGE) -> set[str]:
    """The parts of `metodbank` that one module imports (relative and absolute imports)."""
    rel = path.relative_to(package_root)
    package = list(rel.parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = base + (node.module.split(".") if node.module else [])
            if not target:  # `from . import x` at the top: x is a part
                found.update(alias.name for alias in node.names)
            else:
                found.add(target[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("metodbank."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("metodbank."))
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_only_go_downward(path):
    part = part_of(path)
    assert part in ALLOWED, f"{part} är ingen känd del av paketet: lägg till den i ALLOWED med dess regler"
    wrong = imported_parts(path) - ALLOWED[part] - {part}
    assert not wrong, f"{path.relative_to(ROOT)} ({part}) importerar {sorted(wrong)}"


def test_the_rule_catches_an_upward_import(tmp_path):
    """The parser sees relative imports two levels up: content importing site is caught."""
    fake = PACKAGE / "content" / "models.py"
    source = tmp_path / "plugins" / "metodbank" / "content" / "models.py"
    source.parent.mkdir(parents=True)
    source.write_text(
        fake.read_text(encoding="utf-8") + "\nfrom ..site.html import block\n", encoding="utf-8"
    )
    assert "site" in imported_parts(source, tmp_path / "plugins" / "metodbank")


def test_nothing_imports_the_adapters_or_the_benchmarks():
    for path in modules():
        if part_of(path) == "mkdocs":
            continue
        text = path.read_text(encoding="utf-8")
        assert "mkdocs" not in imported_parts(path), path
        assert "benchmarks" not in text, f"{path} nämner benchmarks"


def test_the_runtime_package_holds_no_benchmark_or_generator():
    names = {path.stem for path in modules()}
    assert not names & {"bench", "synthetic"}
    assert (ROOT / "benchmarks" / "bench.py").exists()
    assert (ROOT / "benchmarks" / "synthetic.py").exists()


def test_every_subpackage_says_what_it_owns_and_may_import():
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), f"{init} saknar en docstring om ansvar och importer"


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.name}: {lines} rader, högst {MAX_MODULE_LINES}"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{path.name}: {node.name} har {length} rader"


def test_entry_points_name_the_adapters():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name, module in (
        ("content", "content:ContentPlugin"),
        ("links", "links:LinksPlugin"),
        ("search", "search:SearchPlugin"),
        ("cards", "cards:CardsPlugin"),
    ):
        assert f'metodbank-{name} = "metodbank.mkdocs.{module}"' in text
