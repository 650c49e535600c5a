"""A fresh machine runs what the README says: CI runs the README's test command in a new
virtualenv, and every import is declared in pyproject.toml."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT
from metodbank.build import engine_env


def readme_commands() -> list[str]:
    """The quick start's commands, in order (the lines of its first sh block)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Snabbstart.*?```sh\n(.*?)```", readme, re.S).group(1)
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_the_quick_start_has_exactly_two_commands_serve_and_test():
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("python3 -m invoke serve")
    assert commands[1].endswith("python3 -m invoke test")


def test_ci_runs_the_readme_test_command_in_a_new_virtualenv():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines() if line.strip() and not line.startswith("#")]
    assert lines[-1] == readme_commands()[1]
    assert 'python3 -m venv "$VENV"' in script
    assert '. "$VENV/bin/activate"' in script
    assert script.index('python3 -m venv "$VENV"') < script.index(readme_commands()[1])


def test_every_import_is_declared():
    """deptry: an import that pyproject.toml does not declare fails (also part of invoke test)."""
    result = subprocess.run(
        [sys.executable, "-m", "deptry", "."], cwd=ROOT, env=engine_env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_invoke_test_runs_the_dependency_check():
    tasks = (ROOT / "tasks.py").read_text(encoding="utf-8")
    body = tasks[tasks.index("def test(") :]
    assert "-m deptry ." in body[: body.index("\n@task")] if "\n@task" in body else "-m deptry ." in body
