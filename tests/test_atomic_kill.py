"""Saves killed with SIGKILL at random moments leave the old file or the new one, whole.

A child process saves a large timeline (20,000 events, about 9 MB) again and again
with ``native.save``, alternating two versions, and is killed at a random moment:
anywhere in a save, or within its write-sync-rename. After each kill the file must be
exactly one of the two versions, and the only other files may be temporary files
named ``.NAME.XXXXXXXX.tmp``, which the next save removes once their writer is gone.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import Event, Timeline
from timeline_app.io import native
from timeline_app.io.atomic import (
    ABANDONED_AFTER,
    remove_abandoned,
    temporary_name_pattern,
    write_atomic,
)

ROOT = Path(__file__).parents[1]
EVENTS = 20_000
TRIALS_PER_WORKER = 26
WORKERS = 2

# ----------------------------------------------------------------------------- leftovers


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_temporary_files_are_named_as_the_pattern_says(tmp_path: Path) -> None:
    target = tmp_path / "a b[1].chronology.json"
    pattern = temporary_name_pattern(target)
    for _ in range(20):
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=tmp_path)
        os.close(fd)
        assert pattern.fullmatch(Path(name).name)


def test_a_save_removes_what_a_killed_save_left_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "t.chronology.json"
    target.write_bytes(b"old")
    left = tmp_path / ".t.chronology.json.k1lled_x.tmp"
    kept = [tmp_path / name for name in (".t.chronology.json.backup", "t.chronology.json.tmp",
                                         ".other.json.k1lled_x.tmp",
                                         ".t.chronology.json.k1lled_x.tmp.keep",
                                         ".t.chronology.json.toolongname.tmp")]
    for path in (left, *kept):
        path.write_bytes(b"partial")
        _age(path, ABANDONED_AFTER + 60)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert not left.exists()
    assert all(path.exists() for path in kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, *(p.name for p in kept)])


def test_a_fresh_temporary_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "t.chronology.json"
    fresh = tmp_path / ".t.chronology.json.abcd1234.tmp"
    fresh.write_bytes(b"being written")
    assert remove_abandoned(target) == [] and fresh.exists()


def test_a_temporary_file_its_writer_still_holds_is_kept(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")  # POSIX locks
    target = tmp_path / "t.chronology.json"
    busy = tmp_path / ".t.chronology.json.abcd1234.tmp"
    busy.write_bytes(b"being written slowly")
    _age(busy, ABANDONED_AFTER + 60)
    with busy.open("rb") as handle:  # another open file: as another process would hold it
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        assert remove_abandoned(target) == [] and busy.exists()
    assert remove_abandoned(target) == [busy] and not busy.exists()


# ----------------------------------------------------------------------------- SIGKILL

_CHILD = r"""
import sys
from timeline_app.io import native

target, *sources = sys.argv[1:]
versions = [native.load(source)[0] for source in sources]
write = native.write_atomic


def announced(path, data):
    sys.stdout.write("w")  # the text is made; writing, syncing and renaming begin
    sys.stdout.flush()
    write(path, data)


native.write_atomic = announced
with open(target, "rb") as current, open(sources[0], "rb") as first:
    turn = 1 if current.read() == first.read() else 0  # save the other version first
sys.stdout.write("r")
sys.stdout.flush()
while True:
    sys.stdout.write("s")
    sys.stdout.flush()
    native.save(versions[turn % 2], target)
    turn += 1
"""


def _version(n: int) -> Timeline:
    # In date order: a large file is read into a store kept in date order, so only then
    # does what the child loads save back byte for byte.
    events = tuple(Event(id=f"e{i}", title=f"Event {i}, version {n}",
                         start=UncertainDate(f"{1800 + i // 336}-{1 + i // 28 % 12:02d}-"
                                             f"{1 + i % 28:02d}"),
                         notes="Notes long enough to make a file of several megabytes. " * 2)
                   for i in range(EVENTS))
    return Timeline(f"Version {n}", events=events)


@dataclass
class Trial:
    """What one kill left."""

    outcome: str  # "old": the file is as before the kill; "new": the save got through
    aimed: str  # "anywhere" or "writing"
    strays: int
    oldest_stray: float


def _read_until(process: subprocess.Popen[bytes], wanted: bytes) -> None:
    assert process.stdout is not None
    while True:
        byte = process.stdout.read(1)
        assert byte, f"the saving process ended early ({process.wait()})"
        if byte == wanted:
            return


def _trials(folder: Path, texts: tuple[bytes, bytes], seed: int) -> list[Trial]:
    """Kill a saving process TRIALS_PER_WORKER times; check what each kill left."""
    rng = random.Random(seed)
    target = folder / "big.chronology.json"
    sources = [folder / "a.src", folder / "b.src"]
    for source, text in zip(sources, texts):
        source.write_bytes(text)
    target.write_bytes(texts[0])
    pattern = temporary_name_pattern(target)
    trials = []
    for _ in range(TRIALS_PER_WORKER):
        before = target.read_bytes()
        process = subprocess.Popen([sys.executable, "-c", _CHILD, str(target),
                                    *map(str, sources)], stdout=subprocess.PIPE, cwd=ROOT)
        try:
            _read_until(process, b"r")
            aimed = rng.choice(["anywhere", "writing"])
            if aimed == "anywhere":  # in making the text, or writing it, or between saves
                _read_until(process, b"s")
                time.sleep(rng.uniform(0, 0.45))  # about one save
            else:  # within the write, fsync and rename
                _read_until(process, b"w")
                time.sleep(rng.uniform(0, 0.03))
            os.kill(process.pid, signal.SIGKILL)
        finally:
            process.kill()
            process.wait()
            assert process.stdout is not None
            process.stdout.close()
        data = target.read_bytes()
        assert data in texts, "the file is neither the old nor the new version"
        native.loads(data.decode("utf-8"), str(target))  # and it reads
        strays = [p for p in folder.iterdir() if p != target and p not in sources]
        assert all(pattern.fullmatch(p.name) for p in strays), strays
        ages = [time.time() - p.stat().st_mtime for p in strays]
        trials.append(Trial("old" if data == before else "new", aimed, len(strays),
                            max(ages, default=0.0)))
    return trials


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_saves_killed_at_random_moments_leave_one_whole_version(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = (native.dumps(_version(0)).encode("utf-8"), native.dumps(_version(1)).encode("utf-8"))
    assert len(texts[0]) > 5_000_000
    # Canonical: what the child loads and saves again is byte for byte the same text.
    reloaded = native.loads(texts[1].decode("utf-8"))[0]
    assert native.dumps(reloaded).encode("utf-8") == texts[1]
    folders = [tmp_path / f"worker{n}" for n in range(WORKERS)]
    for folder in folders:
        folder.mkdir()
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(_trials, folders, [texts] * WORKERS, range(WORKERS)))
    trials = [trial for result in results for trial in result]
    assert len(trials) >= 50
    # Kills landed before and after renames alike.
    outcomes = Counter(trial.outcome for trial in trials)
    assert set(outcomes) == {"old", "new"}
    # Leftovers do not pile up: each is removed by a later save once it is abandoned.
    assert max(trial.oldest_stray for trial in trials) < ABANDONED_AFTER + 6
    time.sleep(ABANDONED_AFTER + 0.2)
    for folder in folders:
        native.save(_version(0), folder / "big.chronology.json")
        assert sorted(p.name for p in folder.iterdir()) == [
            "a.src", "b.src", "big.chronology.json"]
    with capsys.disabled():
        aimed = Counter(trial.aimed for trial in trials)
        print(f"\n{len(trials)} kills survived ({aimed['writing']} aimed at the write, "
              f"{aimed['anywhere']} anywhere): {outcomes['old']} left the old version, "
              f"{outcomes['new']} the new; at most {max(t.strays for t in trials)} leftover "
              f"temporary file(s) at once, none after the last save")
