"""Process memory habits for large timelines: what a load frees goes back to the system.

Large files are read on a worker thread. glibc gives each thread that allocates its own
malloc arena, and memory freed in a thread's arena stayed resident after the load: about
60 bytes per event of a 10^5-event file. The reading threads run under the GIL, so one
arena costs them nothing, and ``malloc_trim`` then returns what a load freed.
(Fixing glibc's mmap threshold instead saved as much but made every large array a fresh
mapping: a million-event load took 0.5 s longer.)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import linecache
import sys

_M_ARENA_MAX = -8  # glibc's mallopt parameter number
_tuned = False


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def tune_allocator() -> bool:
    """Keep one malloc arena for every thread (glibc); False where there is nothing to tune."""
    global _tuned
    if _tuned:
        return True
    libc = _libc()
    if libc is None or not hasattr(libc, "mallopt"):
        return False
    _tuned = bool(libc.mallopt(_M_ARENA_MAX, 1))
    return _tuned


def release_after_load() -> None:
    """Give back what reading a large file left behind.

    PySide's import hook reads the source of each module imported after it and
    linecache keeps those lines; the allocator keeps freed pages until trimmed.
    """
    linecache.clearcache()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
