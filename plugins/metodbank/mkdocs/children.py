"""Child processes of a build (the PDF worker, the API reference worker, Pagefind): one at a
time, so that a build's memory is the build's plus that of one child, and the build keeps a
core of its own on a two-core machine. Each child ends with its build (the kernel sends it
SIGTERM when the build's process dies) and is always waited for (no zombie is left)."""

from __future__ import annotations

import contextlib
import ctypes
import signal
import subprocess
import threading

PR_SET_PDEATHSIG = 1

LANE = threading.Lock()
"""Held while a child runs: one background process at a time, whichever plugin starts it."""


def child_setup() -> None:
    """In a new child process: end with SIGTERM when the parent dies (Linux; elsewhere a no-op)."""
    # The running program's own symbols include libc's prctl (no library lookup, no subprocess).
    # Not Linux: nothing to do, the plugins still wait for their children.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Job:
    """A command run in the background as soon as no other child runs (see the module)."""

    def __init__(self, command: list[str]):
        self.command = command
        self.process: subprocess.Popen | None = None
        self.code: int | None = None
        self.output = ""
        self.cancelled = False
        self.thread = threading.Thread(target=self._run, name="metodbank-child", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with LANE:
            if self.cancelled:
                return
            self.process = subprocess.Popen(
                self.command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                preexec_fn=child_setup,
            )
            self.output, _ = self.process.communicate()
            self.code = self.process.returncode

    def wait(self) -> tuple[int | None, str]:
        """Wait for the command; its exit status (None if it was stopped first) and output."""
        self.thread.join()
        return self.code, self.output

    def stop(self) -> None:
        """Cancel or end the command and wait for it."""
        self.cancelled = True
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
        self.thread.join()
