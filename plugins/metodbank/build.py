"""Build the site into a temporary folder and swap it in only when the build succeeded,
so a failed build never destroys the last good `site/`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def engine_env() -> dict[str, str]:
    """The environment for MkDocs runs: no MkDocs 2 notice from Material."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_site(root: Path, site_dir: Path | None = None, strict: bool = True, engine: str = "mkdocs") -> int:
    """Build with `engine` into a fresh folder beside `site_dir`, then replace `site_dir` with it."""
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    command = [
        sys.executable,
        "-m",
        engine,
        "build",
        "--site-dir",
        str(staging),
        "-f",
        str(root / "mkdocs.yml"),
    ]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, cwd=root, env=engine_env())
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Bygget misslyckades; {site_dir} är orörd.", file=sys.stderr)
        return result.returncode
    previous = site_dir.with_name(site_dir.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return 0
