"""The suite tests the code it claims to: every child process (safe build, serve, ProperDocs,
invoke) runs this checkout's `metodbank` with this interpreter, never another installed copy
or a bare `python3`; a tool a test needs is skipped locally when missing, but fails in CI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT, missing_tool, require_tool
from metodbank.build import build_site, engine_env

DECOY = 'raise ImportError("the decoy metodbank was imported, not the checkout under test")\n'
"""An installed copy of the package that must never be the one a child imports."""


@pytest.fixture
def decoy_first(tmp_path: Path, monkeypatch) -> Path:
    """Another `metodbank` first on PYTHONPATH, as when an older copy is installed elsewhere."""
    package = tmp_path / "elsewhere" / "metodbank"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(DECOY, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(package.parent))
    return package.parent


def test_a_child_started_with_engine_env_imports_this_checkout(decoy_first, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import metodbank, sys; print(metodbank.__file__); print(sys.executable)"],
        cwd=tmp_path,
        env=engine_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    module, interpreter = result.stdout.splitlines()
    assert Path(module) == ROOT / "plugins" / "metodbank" / "__init__.py"
    assert interpreter == sys.executable
    # The caller's own PYTHONPATH is kept, after the checkout.
    assert engine_env()["PYTHONPATH"].split(":") == [str(ROOT / "plugins"), str(decoy_first)]


def test_the_safe_build_runs_the_engine_on_this_checkout(decoy_first, site_project):
    assert build_site(site_project, site_dir=site_project / "site", strict=True) == 0
    assert (site_project / "site" / "fall" / "fallet" / "index.html").exists()


# --- every child process in the tests, the tasks and the bench --------------------------------

SUBPROCESS = {"run", "Popen", "call", "check_call", "check_output"}
PYTHON_PROGRAMS = {"mkdocs", "properdocs", "pytest", "invoke", "ruff", "deptry", "pip", "metodbank"}


def python_files() -> list[Path]:
    return [
        *sorted((ROOT / "tests").glob("*.py")),
        ROOT / "tasks.py",
        *sorted((ROOT / "benchmarks").glob("*.py")),
    ]


def child_calls(tree: ast.AST):
    """(call, command expressions) for every subprocess call and every invoke `c.run`."""
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        assigned = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.For) and isinstance(node.target, ast.Name):
                values = node.iter.elts if isinstance(node.iter, ast.Tuple | ast.List) else [node.iter]
                assigned.setdefault(node.target.id, []).extend(values)
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = node.func.value
            is_subprocess = isinstance(owner, ast.Name) and owner.id == "subprocess"
            is_invoke = isinstance(owner, ast.Name) and owner.id == "c" and node.func.attr == "run"
            if (is_subprocess and node.func.attr in SUBPROCESS) or is_invoke:
                command = node.args[0] if node.args else None
                commands = (
                    [command, *assigned.get(command.id, [])] if isinstance(command, ast.Name) else [command]
                )
                yield node, [c for c in commands if c is not None], function


def runs_python(commands) -> bool:
    return any(
        isinstance(node, ast.Attribute)
        and node.attr == "executable"
        and getattr(node.value, "id", "") == "sys"
        for command in commands
        for node in ast.walk(command)
    )


def bare_python(commands) -> list[str]:
    """Commands that start with a program found on PATH that runs Python (`python3`, `mkdocs` …)."""
    found = []
    for command in commands:
        first = command.elts[0] if isinstance(command, ast.List) and command.elts else command
        if isinstance(first, ast.JoinedStr) and first.values:
            first = first.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            program = first.value.split(" ", 1)[0]
            if program.startswith("python") or program in PYTHON_PROGRAMS:
                found.append(program)
    return found


def has_engine_env(call: ast.Call) -> bool:
    """`env=engine_env()`, or `env={**engine_env(), …}`."""

    def is_engine_env(node) -> bool:
        return isinstance(node, ast.Call) and getattr(node.func, "id", "") == "engine_env"

    for keyword in call.keywords:
        if keyword.arg != "env":
            continue
        value = keyword.value
        if is_engine_env(value):
            return True
        if isinstance(value, ast.Dict):
            return any(
                key is None and is_engine_env(item)
                for key, item in zip(value.keys, value.values, strict=True)
            )
    return False


def test_every_child_process_runs_this_interpreter_on_this_checkout():
    problems, pythons = [], 0
    for path in python_files():
        for call, commands, _ in child_calls(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            problems += [f"{where}: bare {text!r}, use sys.executable" for text in bare_python(commands)]
            if not runs_python(commands):
                continue
            pythons += 1
            engine = path.name != "tasks.py" or "mkdocs" in ast.unparse(call)
            if engine and not has_engine_env(call):
                problems.append(f"{where}: a Python child without env=engine_env()")
    assert pythons >= 8, "the scan no longer sees the suite's child processes"
    assert problems == []


def is_guard(node) -> bool:
    """A call to `require_tool(...)` or another `require_…` helper (skip locally, fail in CI)."""
    return isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("require_")


def guarded_tool(commands, function: ast.FunctionDef) -> bool:
    """Whether the program a command starts comes from a `require_…` guard in the same function."""
    lists = [command for command in commands if isinstance(command, ast.List) and command.elts]
    first = lists[0].elts[0] if lists else None
    required = {
        (node.args[0].value if isinstance(node.args[0], ast.Constant) else None)
        for node in ast.walk(function)
        if is_guard(node) and node.args
    }
    if isinstance(first, ast.Constant):
        return first.value in required
    if isinstance(first, ast.Name):
        return any(
            isinstance(node, ast.Assign)
            and any(getattr(target, "id", "") == first.id for target in node.targets)
            and is_guard(node.value)
            for node in ast.walk(function)
        )
    return False


def test_every_tool_a_test_runs_is_required_first():
    """A test that runs git, pdftoppm, java … asks `require_tool` (or another `require_…`
    guard) first: skipped locally without it, a failure in CI (never a FileNotFoundError,
    never a silent pass)."""
    problems, tools = [], 0
    for path in sorted((ROOT / "tests").glob("*.py")):
        for call, commands, function in child_calls(ast.parse(path.read_text(encoding="utf-8"))):
            if runs_python(commands):
                continue
            tools += 1
            if not guarded_tool(commands, function):
                problems.append(f"{path.relative_to(ROOT)}:{call.lineno}: {ast.unparse(call)[:60]}")
    assert tools >= 3, "the scan no longer sees the tools the tests run"
    assert problems == []


def test_the_scan_sees_a_bare_python3_and_a_missing_engine_env():
    bad = ast.parse(
        "def f():\n"
        "    subprocess.run(['python3', '-m', 'mkdocs', 'build'])\n"
        "    c.run('mkdocs serve')\n"
        "    command = [sys.executable, '-m', 'mkdocs', 'serve']\n"
        "    subprocess.Popen(command, cwd=root)\n"
        "    subprocess.run(command, env={**engine_env(), 'X': '1'})\n"
        "    subprocess.run(command, env={'X': '1'})\n"
    )
    calls = list(child_calls(bad))
    assert [bare_python(commands) for _, commands, _ in calls] == [["python3"], ["mkdocs"], [], [], []]
    assert [runs_python(commands) for _, commands, _ in calls] == [False, False, True, True, True]
    assert [has_engine_env(call) for call, _, _ in calls[2:]] == [False, True, False]
    tools = ast.parse(
        "def g():\n"
        "    git = 'git'\n"
        "    subprocess.run([git, 'init'])\n"
        "    subprocess.run(['zbarimg', 'x.png'])\n"
        "    pdftoppm = require_tool('pdftoppm', 'poppler-utils')\n"
        "    subprocess.run([pdftoppm, 'x.pdf'])\n"
        "    java = require_vnu()\n"
        "    subprocess.run([java, '-jar', 'vnu.jar'])\n"
    )
    assert [guarded_tool(commands, function) for _, commands, function in child_calls(tools)] == [
        False,
        False,
        True,
        True,
    ]


# --- tools a test needs --------------------------------------------------------------------------


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_a_missing_tool_skips_locally_and_fails_in_ci(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("PATH", "")
    either = (pytest.fail.Exception, pytest.skip.Exception)  # a wrong outcome must fail, not skip
    with pytest.raises(either, match="git is not installed") as raised:
        require_tool("git", "git")
    assert type(raised.value) is outcome
    with pytest.raises(either) as raised:
        missing_tool("x")
    assert type(raised.value) is outcome


def _cards_plugin_with_job(tmp_path, serving: bool, seconds: float):
    """A cards plugin at the end of a build whose PDF worker (a real child) still runs."""
    from metodbank.mkdocs.cards import CardsPlugin
    from metodbank.mkdocs.children import Job

    plugin = CardsPlugin()
    plugin.load_config({"pdf": False})
    plugin.serving = serving
    plugin.cache = tmp_path / "cache"
    plugin.cards, plugin.plans, plugin.session_pages = [], {}, {}
    plugin.pdf_job = Job([sys.executable, "-c", f"import time; time.sleep({seconds})"])
    return plugin


def test_a_rebuild_under_serve_does_not_wait_for_its_pdfs(tmp_path):
    import time

    plugin = _cards_plugin_with_job(tmp_path, serving=True, seconds=30)
    job = plugin.pdf_job
    started = time.perf_counter()
    plugin.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path / "site")))
    assert time.perf_counter() - started < 5, "the rebuild waited for the PDF worker"
    assert plugin.finishing is job and job.thread.is_alive() and job.code is None
    # The next rebuild (or the end of serve) stops the worker: no process is left behind.
    plugin.stop()
    assert not job.thread.is_alive() and plugin.finishing is None
    assert job.process is None or job.process.poll() is not None


def test_a_full_build_waits_for_its_pdfs(tmp_path):
    import time

    plugin = _cards_plugin_with_job(tmp_path, serving=False, seconds=2)
    started = time.perf_counter()
    plugin.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path / "site")))
    assert time.perf_counter() - started >= 2
    assert plugin.finishing is None
