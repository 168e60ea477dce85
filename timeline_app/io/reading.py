"""Read a file's text with clear messages for missing files and unexpected encodings."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Callable
from typing import Any

from timeline_app.core.problems import LoadError, Problem

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_bytes(file: str) -> bytes:
    """Return a file's bytes, or raise :class:`LoadError` saying why it cannot be read."""
    try:
        mode = os.stat(file).st_mode
    except OSError:
        mode = stat.S_IFREG  # open() below says what is wrong
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        # A named pipe would block open() for ever, and /dev/zero never ends.
        raise LoadError(file, [Problem("file", "not a file of data (a device, pipe or "
                                       "socket): nothing was read from it")])
    try:
        with open(file, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise LoadError(file, [Problem("file", "no such file")]) from None
    except IsADirectoryError:
        raise LoadError(file, [Problem("file", "this is a folder, not a file")]) from None
    except PermissionError:
        raise LoadError(file, [Problem("file", "permission denied")]) from None
    except OSError as error:
        raise LoadError(file, [Problem("file", error.strerror or str(error))]) from None


def decode(data: bytes, file: str, fallback: str | None = None) -> str:
    """Decode UTF-8 (or UTF-16/32 with a byte order mark), dropping the mark.

    Without a mark, text that is not UTF-8 is decoded with ``fallback`` when one is
    given (spreadsheets saved as Windows-1252, say), and is an error otherwise.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise LoadError(file, [Problem(f"byte {error.start + len(bom)}",
                                               f"invalid {encoding.upper()} text")]) from None
    if b"\x00" in data[:4096] and _looks_utf16(data):
        raise LoadError(file, [Problem("byte 0", "looks like UTF-16 without a byte order "
                                       "mark; save it as UTF-8")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        binary = _binary_byte(data)
        if binary is not None:
            # Not text in any encoding: say so, rather than suggest Latin-1 (or import
            # an image as Windows-1252 "text" where a fallback is allowed).
            raise LoadError(file, [Problem(f"byte {binary}", "binary data, not a text file "
                                           f"(byte {binary} is 0x{data[binary]:02X}, a "
                                           "control code that text never contains)")]) from None
        if fallback is not None:
            return data.decode(fallback, errors="replace")
        line = data[:error.start].count(b"\n") + 1
        raise LoadError(file, [Problem(f"line {line} (byte {error.start})",
                                       "not UTF-8 text (perhaps Latin-1 or Windows-1252); "
                                       "save the file as UTF-8")]) from None


#: Control codes that text files contain: tab, line feed, form feed, carriage return.
_TEXT_CONTROLS = frozenset(b"\t\n\f\r")


def _binary_byte(data: bytes) -> int | None:
    """The offset of the first NUL byte, or of the first control code when more than one
    byte in twenty of the first 4 KB are control codes; None when the data may be text."""
    sample = data[:4096]
    if b"\x00" in sample:
        return sample.index(b"\x00")
    controls = [i for i, byte in enumerate(sample) if byte < 32 and byte not in _TEXT_CONTROLS]
    return controls[0] if len(controls) * 20 > len(sample) else None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def utf8_for_sniffing(data: bytes) -> bytes:
    """UTF-16 or UTF-32 bytes (with or without a mark) as UTF-8, for format detection.

    Sniffers look for ASCII keys such as ``"events"``; in UTF-16 those bytes are
    interleaved with zeros, so such a file was "not a format this app reads" unless its
    name said otherwise. Readers still get the original bytes, and accept (a mark) or
    explain (no mark) the encoding themselves. Other bytes are returned unchanged.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return data
            return data[len(bom):].decode(encoding, "replace").encode("utf-8")
    if b"\x00" in data[:4096] and _looks_utf16(data):
        sample = data[:4096]
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return data.decode(encoding, "replace").encode("utf-8")
    return data


def is_blank(data: bytes) -> bool:
    """Whether the bytes hold no text: nothing, or only a byte order mark and white space."""
    body = next((data[len(bom):] for bom, _ in _BOMS if data.startswith(bom)), data)
    # Text usually starts within its first bytes: stripping the whole of a large file
    # would copy it (a quarter of a second for 380 MB) to find what the head shows.
    if body[:4096].strip(b" \t\r\n\x00"):
        return False
    return not body.strip(b" \t\r\n\x00")


def read_text(file: str, fallback: str | None = None) -> str:
    """Read and decode a text file (see :func:`decode`)."""
    return decode(read_bytes(file), file, fallback)


def huge_number_problem(text: str) -> Problem:
    """The problem of JSON text that Python refuses for holding an enormous integer.

    ``json.loads`` raises a bare ValueError (no position) for integers longer than
    CPython's 4,300-digit limit; the number is found again so the user sees where.
    """
    found = re.search(r"\d{4301,}", text)
    if found is None:
        return Problem("$", "not readable JSON: a number is too long")
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return Problem(f"line {line}, column {column}",
                   f"a number with {len(found.group()):,} digits; no field takes a number "
                   "that long")


def json_problem(location: str, error: json.JSONDecodeError, text: str) -> Problem:
    """The problem of text that is not JSON; says so when the file stops mid-way.

    A file cut off while saving gets Python's message about what it expected next
    ("Expecting property name enclosed in double quotes"), which does not say why.
    """
    message = f"not valid JSON: {error.msg}"
    if error.pos >= len(text.rstrip()):
        message += "; the file ends in the middle (cut off while being written or copied?)"
    return Problem(location, message)


def decoded_json(text: str, file: str, decode_json: Callable[[str], Any] = json.loads) -> Any:
    """Decode JSON text, turning every way it can fail into a located :class:`LoadError`."""
    try:
        return decode_json(text)
    except json.JSONDecodeError as error:
        location = f"line {error.lineno}, column {error.colno}"
        raise LoadError(file, [json_problem(location, error, text)]) from None
    except RecursionError:
        raise LoadError(file, [Problem("$", "JSON nested too deeply to read")]) from None
    except ValueError:  # an integer longer than CPython's 4,300-digit limit
        raise LoadError(file, [huge_number_problem(text)]) from None
