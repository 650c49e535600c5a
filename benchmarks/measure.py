"""Measuring one build: wall time, CPU time and the peak memory of the whole process tree.

Peak memory is the largest sum of the resident memory of the build and all its children
at any moment, sampled from /proc every 20 ms (the PDF worker, Pagefind and the API worker
run beside the build), and never less than the largest single process the kernel saw
(`ru_maxrss`), which catches a child too short-lived to be sampled.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
        except OSError:
            pass
    return found


def tree_rss_kib(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in KiB."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE_KIB
        except (OSError, IndexError, ValueError):
            continue
        stack += _children(current)
    return total


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree until stopped; `peak_kib` is the largest sum."""

    def __init__(self, pid: int, interval: float = 0.02):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self.pid))
            self.done.wait(self.interval)

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak_kib


@dataclass
class Sample:
    wall: float
    cpu: float
    """User and system time of the build and every child it waited for."""
    peak_mib: float


def run_measured(command: list[str], cwd: Path, env: dict) -> Sample:
    """Run `command` and measure it (see the module); raise with its output if it fails."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)  # this build's own usage, children included
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = sampler.stop()
        if process.returncode != 0:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{output[-4000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, max(peak, usage.ru_maxrss) / 1024)


def median(values: list[float]) -> float:
    return statistics.median(values)


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]
