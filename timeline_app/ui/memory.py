"""Process memory habits for large timelines: big arrays go back to the system when freed.

glibc serves allocations of 128 KiB and more with their own mappings, but raises that
threshold (up to 32 MiB) each time such a block is freed. Reading a large file frees
many big temporaries, so later arrays came from the heap and the heap could not shrink
around them: about 50 bytes per event of a 10^5-event file stayed resident for nothing.
Fixing the threshold keeps every large array in a mapping of its own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import linecache
import sys

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter numbers
_M_ARENA_MAX = -8
#: Blocks at least this large get a mapping of their own (glibc's starting value).
MMAP_THRESHOLD = 128 * 1024
_tuned = False


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def tune_allocator() -> bool:
    """Fix glibc's mmap threshold, and keep one malloc arena (reading runs on a thread,
    under the GIL: a second arena only keeps freed memory resident). False elsewhere."""
    global _tuned
    if _tuned:
        return True
    libc = _libc()
    if libc is None or not hasattr(libc, "mallopt"):
        return False
    _tuned = bool(libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and \
        bool(libc.mallopt(_M_ARENA_MAX, 1))
    return _tuned


def release_after_load() -> None:
    """Give back what reading a large file left behind.

    PySide's import hook reads the source of each module imported after it (numpy's
    masked arrays arrive with a first ``np.unique``) and linecache keeps those lines.
    """
    linecache.clearcache()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
