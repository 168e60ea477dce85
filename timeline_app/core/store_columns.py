"""The column types of an event store: text blobs, code lists, offset arrays and date texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, overload

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]


class TextColumn(Sequence[str]):
    """Strings as one UTF-8 blob with ``offsets`` (one more than strings, int64).

    ``perm`` (optional) says which stored string is at each position, so that sorting
    or deleting rows never copies the blob: position ``i`` holds stored string
    ``perm[i]``. Strings are stored in the order they were read.
    """

    __slots__ = ("__weakref__", "_inverse", "blob", "offsets", "perm")

    def __init__(self, blob: bytes, offsets: npt.NDArray[Any], perm: I32 | None = None) -> None:
        self.blob = blob
        # Four bytes an offset while the blob is under 2 GB.
        self.offsets: npt.NDArray[Any] = offsets.astype(np.int32) if \
            offsets.dtype != np.int32 and len(blob) < 2**31 - 1 else offsets
        self.perm = perm
        self._inverse: npt.NDArray[Any] | None = None

    @staticmethod
    def from_strings(strings: Sequence[str],
                     order: npt.NDArray[np.integer[Any]] | None = None) -> TextColumn:
        """A column holding ``strings`` (any sequence of ``str``), optionally reordered."""
        count = len(strings)
        offsets = np.zeros(count + 1, np.int64)
        if count:
            joined = "".join(strings)
            if joined.isascii():
                lengths = np.fromiter(map(len, strings), np.int64, count)
                blob = joined.encode("ascii")
            else:
                encoded = [s.encode("utf-8", "surrogatepass") for s in strings]
                lengths = np.fromiter(map(len, encoded), np.int64, count)
                blob = b"".join(encoded)
            np.cumsum(lengths, out=offsets[1:])
        else:
            blob = b""
        perm = None if order is None else np.asarray(order, np.int32)  # shared if int32
        return TextColumn(blob, offsets, perm)

    def stored(self) -> int:
        """How many strings the blob holds (positions may show fewer, or reorder them)."""
        return len(self.offsets) - 1

    def __len__(self) -> int:
        return len(self.offsets) - 1 if self.perm is None else len(self.perm)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(index)
        if self.perm is not None:
            index = int(self.perm[index])
        start, end = self.offsets[index], self.offsets[index + 1]
        return self.blob[start:end].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        blob = self.blob
        bounds = self.offsets.tolist()
        if self.perm is None:
            for start, end in zip(bounds, bounds[1:]):
                yield blob[start:end].decode("utf-8", "surrogatepass")
            return
        for i in self.perm.tolist():
            yield blob[bounds[i]:bounds[i + 1]].decode("utf-8", "surrogatepass")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (TextColumn, tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @property
    def nbytes(self) -> int:
        """Memory held (blob, offsets and order)."""
        return len(self.blob) + self.offsets.nbytes + (0 if self.perm is None
                                                       else self.perm.nbytes)

    def lengths(self) -> I64:
        """Byte length of each string, by position."""
        lengths: I64 = np.diff(self.offsets)
        return lengths if self.perm is None else lengths[self.perm]

    def inverse(self) -> npt.NDArray[Any] | None:
        """The position showing each stored string (−1 where none does; None: no ``perm``).

        Built on first use and kept (a store's id index uses it as its rows).
        """
        if self.perm is None:
            return None
        inverse = self._inverse
        if inverse is None:
            inverse = np.full(self.stored(), -1, np.int32 if self.stored() < 2**31 else np.int64)
            inverse[self.perm] = np.arange(len(self.perm), dtype=inverse.dtype)
            self._inverse = inverse
        return inverse

    def positions_of_stored(self, stored: I64) -> I64:
        """The positions showing these stored strings (−1 where none does)."""
        inverse = self.inverse()
        if inverse is None:
            return stored
        found: I64 = inverse[stored].astype(np.int64)
        return found

    def take(self, indices: npt.NDArray[np.integer[Any]]) -> TextColumn:
        """The strings at ``indices``, in that order (the blob is shared, not copied)."""
        indices = np.asarray(indices, np.int64)
        perm = indices if self.perm is None else self.perm[indices]
        return TextColumn(self.blob, self.offsets, np.asarray(perm, np.int32))

    def compact(self) -> TextColumn:
        """The same strings with the blob in position order (after many edits)."""
        if self.perm is None:
            return self
        starts, ends = self.offsets[self.perm], self.offsets[self.perm + 1]
        offsets = np.zeros(len(self.perm) + 1, np.int64)
        np.cumsum(ends - starts, out=offsets[1:])
        blob = self.blob
        return TextColumn(b"".join([blob[a:b] for a, b in zip(starts.tolist(), ends.tolist())]),
                          offsets)

    def concat(self, other: TextColumn) -> TextColumn:
        """This column followed by ``other``."""
        blob = self.blob + other.blob
        offsets = np.concatenate((self.offsets, other.offsets[1:] + len(self.blob)))
        if self.perm is None and other.perm is None:
            return TextColumn(blob, offsets)
        mine = np.arange(self.stored(), dtype=np.int32) if self.perm is None else self.perm
        theirs = np.arange(other.stored(), dtype=np.int32) if other.perm is None \
            else other.perm
        return TextColumn(blob, offsets,
                          np.concatenate((mine, theirs + self.stored())).astype(np.int32))

    def find_all(self, needle: bytes) -> npt.NDArray[np.int64]:
        """Positions whose string contains ``needle`` (bytes), ascending, each once."""
        return self.find_all_in(self.blob, needle)

    def find_all_in(self, blob: bytes, needle: bytes) -> npt.NDArray[np.int64]:
        """:meth:`find_all` in a blob laid out like this column's (e.g. lower-cased)."""
        hits: list[int] = []
        start = blob.find(needle)
        while start != -1:
            hits.append(start)
            start = blob.find(needle, start + 1)
        if not hits:
            return np.zeros(0, np.int64)
        at = np.asarray(hits, self.offsets.dtype)
        rows: npt.NDArray[Any] = np.searchsorted(self.offsets, at, side="right") - 1
        # A hit must lie wholly inside one string.
        ends: npt.NDArray[Any] = self.offsets[rows + 1]
        rows = rows[at + len(needle) <= ends]
        positions = self.positions_of_stored(np.unique(rows))
        return np.sort(positions[positions >= 0])


def merged_names(mine: tuple[str, ...], theirs: tuple[str, ...]
                 ) -> tuple[tuple[str, ...], list[int]]:
    """The code table of two coded columns joined, and the new code of each of ``theirs``.

    The table holds ``mine`` (their codes unchanged), then the names only ``theirs`` has.
    """
    names = list(mine)
    index = {name: i for i, name in enumerate(names)}
    for name in theirs:
        if name not in index:
            index[name] = len(names)
            names.append(name)
    return tuple(names), [index[n] for n in theirs]


class CodeLists:
    """A list of small codes per row (tags, actors), in CSR form, with the names."""

    __slots__ = ("codes", "names", "offsets")

    def __init__(self, names: tuple[str, ...], offsets: npt.NDArray[Any],
                 codes: npt.NDArray[np.int32]) -> None:
        self.names = names
        self.offsets: npt.NDArray[Any] = offsets.astype(np.int32) if offsets.dtype == np.int64 and \
            offsets.strides[0] and len(codes) < 2**31 - 1 else offsets
        self.codes = codes

    @staticmethod
    def empty(count: int) -> CodeLists:
        """No lists at all: the offsets are one zero seen ``count + 1`` times (no memory)."""
        return CodeLists((), np.broadcast_to(np.int64(0), (count + 1,)),
                         np.zeros(0, np.int32))

    @staticmethod
    def from_lists(lists: Sequence[Sequence[str]]) -> CodeLists:
        index: dict[str, int] = {}
        count = len(lists)
        lengths = np.fromiter(map(len, lists), np.int64, count)
        offsets = np.zeros(count + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        setdefault = index.setdefault
        codes = [setdefault(item, len(index)) for item in chain.from_iterable(lists)]
        return CodeLists(tuple(index), offsets, np.asarray(codes, np.int32))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def of(self, row: int) -> tuple[str, ...]:
        start, end = int(self.offsets[row]), int(self.offsets[row + 1])
        if start == end:
            return ()
        return tuple(self.names[c] for c in self.codes[start:end].tolist())

    def take(self, indices: npt.NDArray[np.int64]) -> CodeLists:
        if not len(self.codes):
            return CodeLists.empty(len(indices))
        starts, ends = self.offsets[indices], self.offsets[indices + 1]
        lengths = ends - starts
        offsets = np.zeros(len(indices) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        positions = np.repeat(starts - offsets[:-1], lengths) + np.arange(int(offsets[-1]))
        return CodeLists(self.names, offsets, self.codes[positions])

    def concat(self, other: CodeLists) -> CodeLists:
        names, recode = merged_names(self.names, other.names)
        remap = np.asarray(recode or [0], np.int32)
        codes = np.concatenate((self.codes, remap[other.codes] if len(other.codes)
                                else other.codes))
        offsets = np.concatenate((self.offsets, other.offsets[1:] + self.offsets[-1]))
        return CodeLists(names, offsets, codes.astype(np.int32))

    def mask_any(self, wanted: Iterable[str]) -> npt.NDArray[np.bool_]:
        """Rows holding at least one of ``wanted``."""
        chosen = {self.names.index(w) for w in wanted if w in self.names}
        rows = np.zeros(len(self), bool)
        if not chosen or not len(self.codes):
            return rows
        hit = np.isin(self.codes, np.asarray(sorted(chosen), np.int32))
        owner = np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.offsets))
        rows[owner[hit]] = True
        return rows

    def counts(self, rows: npt.NDArray[np.bool_] | None = None) -> dict[str, int]:
        """How many rows (of ``rows``, default all) carry each name."""
        codes = self.codes
        if rows is not None and len(codes):
            owner = np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.offsets))
            codes = codes[rows[owner]]
        found = np.bincount(codes, minlength=len(self.names)) if len(codes) else \
            np.zeros(len(self.names), np.int64)
        return {name: int(n) for name, n in zip(self.names, found.tolist()) if n}


class Offset:
    """An array stored as another array plus small deltas (four bytes when they fit).

    A store's ``start_latest`` is its ``earliest`` plus the start's span, and its
    ``end_earliest`` is its ``latest`` less the end's span: kept this way they take four
    bytes an event instead of eight. Indexing gives plain int64 values.
    """

    __slots__ = ("base", "delta")

    def __init__(self, base: I64, delta: npt.NDArray[Any]) -> None:
        self.base = base
        self.delta = delta

    @staticmethod
    def of(base: I64, values: I64) -> Offset:
        delta = np.asarray(values, np.int64) - base
        if len(delta) and (int(delta.min()) < -2**31 or int(delta.max()) >= 2**31):
            return Offset(base, delta)
        return Offset(base, delta.astype(np.int32))

    def __len__(self) -> int:
        return len(self.delta)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, (int, np.integer)):
            return int(self.base[index]) + int(self.delta[index])
        return self.base[index] + self.delta[index].astype(np.int64)

    def __array__(self, dtype: Any = None, copy: Any = None) -> I64:
        values: I64 = self.base + self.delta.astype(np.int64)
        return values if dtype is None else values.astype(dtype)

    @property
    def nbytes(self) -> int:
        return int(self.delta.nbytes)


@dataclass(frozen=True)
class DateText:
    """A date kept as text: its EDTF (empty when derived), as written and reasoning."""

    edtf: str = ""
    as_written: str = ""
    reasoning: str = ""


#: A column kept only for the few rows that have a value: row -> value.
Sparse = dict[int, Any]


def remap(sparse: Sparse, new_of_old: npt.NDArray[np.int64]) -> Sparse:
    """Re-key a sparse column after rows moved (``new_of_old[old] = new`` or −1)."""
    result: Sparse = {}
    for old, value in sparse.items():
        new = int(new_of_old[old])
        if new >= 0:
            result[new] = value
    return result
