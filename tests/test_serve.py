"""`mkdocs serve` with content errors: the errors are shown, and the site keeps serving."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from conftest import MKDOCS_YML_ALL, ROOT, VALID, make_site_project, write_library
from metodbank.build import engine_env

from benchmarks.serve import free_port


def fetch(url: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_shows_errors_and_keeps_serving(site_project):
    write_library(
        site_project, {"cases/fallet.md": VALID["cases/fallet.md"].replace("status: avslutad", "status: x")}
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=site_project,
        env=engine_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        errors_page = fetch(f"http://127.0.0.1:{port}/innehallsfel/")
        assert "cases/fallet.md:12: ogiltigt värde &#39;x&#39; i status" in errors_page
        start = fetch(f"http://127.0.0.1:{port}/")
        assert "Välkommen" in start
        assert '1 fel i innehållet – <a href="innehallsfel/">se listan</a>' in start
        # Valid files are still published; the broken one is not.
        assert "Kvällsöppen mötesplats" in fetch(f"http://127.0.0.1:{port}/metoder/motesplats/")
        assert server.poll() is None
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "cases/fallet.md:12: ogiltigt värde 'x' i status" in output


def wait_for(url: str, text: str, timeout: float = 60.0) -> str:
    """The page at `url` once it contains `text` (the server rebuilds after a change)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            page = fetch(url, timeout=5)
        except OSError:
            page = ""
        if text in page:
            return page
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared on {url}:\n{page[:2000]}")
        time.sleep(0.5)


def test_a_broken_file_shows_its_own_page_with_swedish_errors(site_project):
    """The contributor looks at the page of the file they edit: after a mistake it shows what is
    wrong, line by line in Swedish, and the last version that worked, never an English 404."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],  # watches files: rebuilds
        cwd=site_project,
        env=engine_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/fall/fallet/"
    try:
        good = wait_for(page, "Mötesplats i Hageby")
        # Completeness is shown to the contributor in the preview (never on the published site).
        assert "Fullständighet (syns bara i förhandsgranskningen)" in good
        time.sleep(1.5)  # the watcher has taken its first look at the files (as in the edit test)
        write_library(
            site_project,
            {"cases/fallet.md": VALID["cases/fallet.md"].replace("status: avslutad", "status: x")},
        )
        broken = wait_for(page, "Fel i cases/fallet.md")
        assert "404" not in broken and "Not found" not in broken
        assert "<strong>Rad 12:</strong> ogiltigt värde &#39;x&#39; i status" in broken
        assert "välj ett av: planerad, pågår, avslutad" in broken
        assert "den senast fungerande versionen" in broken and "Brödtext om fallet." in broken
        # A new file that has never worked gets a page of its own with its errors.
        write_library(
            site_project,
            {"cases/nytt-fall.md": VALID["cases/fallet.md"].replace("status: avslutad", "status: klar")},
        )
        new = wait_for(f"http://127.0.0.1:{port}/fall/nytt-fall/", "Fel i cases/nytt-fall.md")
        assert "<strong>Rad 12:</strong> ogiltigt värde &#39;klar&#39; i status" in new
        assert "Så citerar du" not in new
        assert server.poll() is None
    finally:
        server.terminate()
        server.communicate(timeout=20)


# --- edits under `invoke serve` (mkdocs serve --dirtyreload) -----------------------------------


def session_processes(session: int) -> list[str]:
    """Processes (pid, state, command) still in the session that `session` leads."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == session:  # field 6 of stat: the session id
            found.append(f"{entry.name} {fields[0]} {command}")
    return found


class Serve:
    """`mkdocs serve --dirtyreload -v` in its own session, its log collected line by line."""

    def __init__(self, project: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirtyreload", "-v", "-a", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=engine_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def wait_for(self, path: str, text: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.base + path, timeout=5) as response:
                    page = response.read().decode("utf-8")
                if text in page:
                    return page
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} did not show {text!r}:\n" + "\n".join(self.lines[-40:]))
            time.sleep(0.1)

    @property
    def site_dir(self) -> Path:
        """The temporary folder serve builds into (from its verbose log)."""
        line = next(line for line in self.lines if "Config value 'site_dir' = " in line)
        return Path(line.split(" = ", 1)[1].strip("'"))

    def written(self) -> dict[str, int]:
        """Each built page's modification time (ns), by page address."""
        site = self.site_dir
        return {p.parent.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("index.html")}

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=60)


def retitle(path: Path, old: str, new: str) -> None:
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"title: {old}", f"title: {new}"), encoding="utf-8"
    )


def test_an_edit_under_serve_rebuilds_the_case_and_the_pages_that_show_it(tmp_path):
    project = make_site_project(tmp_path, MKDOCS_YML_ALL)
    serve = Serve(project)
    try:
        serve.wait_for("fall/fallet/", "Mötesplats i Hageby")
        serve.wait_for("metoder/motesplats/", "Mötesplats i Hageby")
        time.sleep(1.5)  # the watcher has taken its first look at the files
        before = serve.written()
        retitle(project / "cases" / "fallet.md", "Mötesplats i Hageby", "Ungdomsgården i Hageby")
        serve.wait_for("fall/fallet/", "<h1>Ungdomsgården i Hageby</h1>")
        # The method page lists the case under "Använd i fall": it shows the new title too.
        method = serve.wait_for("metoder/motesplats/", "Ungdomsgården i Hageby")
        assert "Mötesplats i Hageby" not in method
        serve.wait_for("aktorer/bolaget/", "Ungdomsgården i Hageby")
        after = serve.written()
        built = {page for page, mtime in after.items() if before.get(page) != mtime}
        assert {"fall/fallet", "metoder/motesplats", "aktorer/bolaget", "teman/motesplatser", "fall"} <= built
        # Pages that do not show the case are not built again (MkDocs' dirty reload skips them).
        untouched = {"bidra/falt", "bidra/vokabular", "oppna-data", ".", "hitta-metod"}
        assert not built & untouched, sorted(built & untouched)

        # A save that breaks validation: the error is shown, the last good page stays.
        mark = len(serve.lines)
        case = project / "cases" / "fallet.md"
        case.write_text(
            case.read_text(encoding="utf-8").replace("status: avslutad", "status: x"), encoding="utf-8"
        )
        errors = serve.wait_for("innehallsfel/", "ogiltigt värde &#39;x&#39; i status")
        assert "cases/fallet.md:12:" in errors
        page = serve.wait_for("fall/fallet/", "fel i innehållet")
        assert "<h1>Ungdomsgården i Hageby</h1>" in page  # the last good version
        assert "Ungdomsgården i Hageby" in serve.wait_for("metoder/motesplats/", "Ungdomsgården")
        assert any("cases/fallet.md:12: ogiltigt värde 'x' i status" in line for line in serve.lines[mark:])
        # The broken file's page lists its own errors above the last good version.
        assert "<strong>Rad 12:</strong> ogiltigt värde &#39;x&#39; i status" in page

        # A new file that has never worked: its own error page, then its page once fixed.
        fixed = VALID["cases/fallet.md"].replace("Mötesplats i Hageby", "Läxhjälp i Hageby")
        new = project / "cases" / "nytt-fall.md"
        new.write_text(fixed.replace("status: avslutad", "status: klar"), encoding="utf-8")
        serve.wait_for("fall/nytt-fall/", "ogiltigt värde &#39;klar&#39; i status")
        new.write_text(fixed, encoding="utf-8")
        serve.wait_for("fall/nytt-fall/", "<h1>Läxhjälp i Hageby</h1>")
    finally:
        serve.stop()
    assert session_processes(serve.process.pid) == []


def test_no_process_is_left_after_a_build(tmp_path):
    """A full build starts the PDF worker, Pagefind and the API reference worker: none outlives it."""
    top = {"site", ".cache", ".git", "metodbank.egg-info"}  # the package's own site/ stays
    shutil.copytree(
        ROOT, tmp_path / "project", ignore=lambda d, names: top & set(names) if d == str(ROOT) else []
    )
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path / "project",
        env=engine_env(),
        start_new_session=True,
    )
    seen: set[str] = set()
    while build.poll() is None:
        seen |= {
            line.split(" ", 2)[2]
            for line in session_processes(build.pid)
            if line.split(" ", 2)[0] != str(build.pid)
        }
        time.sleep(0.05)
    assert build.returncode == 0
    assert any("pagefind" in command for command in seen), seen  # children did run
    assert session_processes(build.pid) == [], seen


def test_no_process_is_left_after_serve_stops(tmp_path):
    project = make_site_project(tmp_path, MKDOCS_YML_ALL)
    serve = Serve(project)
    try:
        serve.wait_for("fall/fallet/", "Mötesplats i Hageby")
    finally:
        serve.stop()
    assert session_processes(serve.process.pid) == []
