"""Child processes of a build (the PDF worker, Pagefind, the API reference worker) never
outlive it: each is started so that the kernel ends it when the build's process dies, and
the plugins wait for every child they start (no zombie is left)."""

from __future__ import annotations

import contextlib
import ctypes
import signal

PR_SET_PDEATHSIG = 1


def child_setup() -> None:
    """In a new child process: end with SIGTERM when the parent dies (Linux; elsewhere a no-op)."""
    # The running program's own symbols include libc's prctl (no library lookup, no subprocess).
    # Not Linux: nothing to do, the plugins still wait for their children.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
