"""Atomic file writes: the old file or the complete new one, never half of either.

A save killed midway (power cut, SIGKILL) leaves at most its temporary file beside the
target, named ``.NAME.XXXXXXXX.tmp``; the next save to the same target removes such
leftovers. A temporary file being written is locked by its writer (POSIX ``flock``;
the lock dies with the process), so only files whose writer is gone are removed, and
never one younger than :data:`ABANDONED_AFTER` seconds (a writer locks its file just
after creating it, and some file systems keep times to two seconds).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there, which suffices
    fcntl = None  # type: ignore[assignment]

#: Seconds after which an unlocked temporary file is taken for a killed save's leftover.
ABANDONED_AFTER = 2.0


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a flushed temporary file and a rename.

    The temporary file lives in the target's directory so that the rename stays on
    one file system; the directory is synced afterwards so the rename survives a
    power cut. Raises ``OSError`` (read-only place, full disk) with the old file intact.
    """
    target = Path(path)
    directory = target.parent
    mode = _mode_for(target)
    remove_abandoned(target)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        _lock(fd)  # held until the file is closed: marks it as being written
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(directory)


def temporary_name_pattern(target: Path) -> re.Pattern[str]:
    """How :func:`write_atomic` names its temporary files for ``target`` (mkstemp's 8 letters)."""
    return re.compile(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}\.tmp")


def remove_abandoned(target: str | os.PathLike[str]) -> list[Path]:
    """Delete the temporary files that killed saves of ``target`` left; return them.

    Only files named as :func:`write_atomic` names them, unlocked (their writer is gone)
    and older than :data:`ABANDONED_AFTER` seconds. Errors are ignored: this is tidying.
    """
    target = Path(target)
    pattern = temporary_name_pattern(target)
    removed: list[Path] = []
    try:
        names = [name for name in os.listdir(target.parent) if pattern.fullmatch(name)]
    except OSError:
        return removed
    for name in names:
        path = target.parent / name
        try:
            if time.time() - path.stat().st_mtime < ABANDONED_AFTER or _in_use(path):
                continue
            path.unlink()
        except OSError:
            continue  # gone already, or in use (Windows refuses to delete open files)
        removed.append(path)
    return removed


def _lock(fd: int) -> None:
    if fcntl is None:
        return
    with contextlib.suppress(OSError):  # some network file systems have no locks
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _in_use(path: Path) -> bool:
    """Whether a live writer holds the file's lock."""
    if fcntl is None:
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False  # no locks here: age alone decides
    finally:
        os.close(fd)  # also releases the lock just taken
    return False


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 minus umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # Some platforms cannot open directories; the rename is still atomic.
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
