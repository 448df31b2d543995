"""The limits on what comes in from outside, stated once, and the checks that enforce them
before anything is parsed (the README's "Limits" paragraph says the same).

They are generous for real use (a register of 10,000 focal points with several assignments
each, 500 meetings with full agendas, the plan text many times over) and small enough that a
hostile or broken file is refused in a moment, with one line naming the limit, instead of
taking minutes and gigabytes.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from app.errors import InputError

MB = 1024 * 1024

# files, by kind: (largest size on disk, what it is called in messages)
MAX_FILE_BYTES = {
    "json": 200 * MB,  # a backup: 10,000 focal points and 500 meetings take about 15 MB
    "plan": 10 * MB,  # a plan text: the ASEAN-EU plan is 60 KB
    "workbook": 50 * MB,  # a register workbook (.xlsx)
    "template": 50 * MB,  # a Word template (.docx)
}
# zip files (workbooks, templates): everything inside, uncompressed, and how many members
# (a register of 40,000 rows with long texts expands to 41 MB)
MAX_ZIP_UNCOMPRESSED = {"workbook": 100 * MB, "template": 100 * MB}
MAX_ZIP_MEMBERS = 10_000
# JSON: how deep objects and lists may nest (a backup needs 8)
MAX_JSON_DEPTH = 64
# register workbooks: rows read below the header, and cells in them
MAX_WORKBOOK_ROWS = 200_000
MAX_WORKBOOK_CELLS = 5_000_000
# ids and numbers given on the command line or in a file: what the database can hold
MAX_INT = 2**63 - 1
# text: the length of each kind of field, as the database's columns allow (tests check them
# against app.models); a long text (a note, a point to make, an action line) has MAX_LONG_TEXT
MAX_LONG_TEXT = 100_000
TEXT_LENGTHS = {
    "plan title": 500,
    "part title": 500,
    "section title": 500,
    "section number": 16,
    "action letter": 4,
    "source name": 255,
    "tag": 80,
    "acronym": 40,
    "acronym expansion": 500,
    "meeting kind": 60,
    "meeting title": 300,
    "venue": 300,
    "marking": 120,
}
MAX_PREAMBLE = 1_000_000  # a plan's preamble (the whole text before part 1)
MAX_PART_NUMBER = 9_999  # a plan's parts are numbered 1, 2, ...: "5(a)" fits its column

_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


def _size(n: int) -> str:
    return f"{n / MB:,.0f} MB" if n >= MB else f"{n:,} bytes"


def check_input_file(path: Path, kind: str, what: str | None = None) -> int:
    """Refuse, before reading it, anything that is not a regular file of at most the size
    allowed for `kind` (a FIFO, a device such as /dev/zero, a folder); its size otherwise."""
    name = what or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"cannot read {name}: no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name} is not a regular file (a pipe or a device); give a file")
    limit = MAX_FILE_BYTES[kind]
    if info.st_size > limit:
        raise InputError(f"{name} is too large ({_size(info.st_size)}; the limit for a "
                         f"{kind} file is {_size(limit)})")
    return info.st_size


def read_input_bytes(path: Path, kind: str, what: str | None = None) -> bytes:
    """The bytes of a regular file within the limit for `kind` (never more are read, even if
    it grows meanwhile)."""
    check_input_file(path, kind, what)
    limit = MAX_FILE_BYTES[kind]
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {what or path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"{what or path} is too large (the limit for a {kind} file is "
                         f"{_size(limit)})")
    return data


def check_zip(path: Path, kind: str, what: str | None = None) -> None:
    """Read a zip's central directory (nothing is decompressed) and refuse one that would
    expand past the limit for `kind`, has too many members, is encrypted or uses a compression
    method that cannot be read. A file that is not a zip at all passes: the reader says so."""
    name = what or path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    if len(members) > MAX_ZIP_MEMBERS:
        raise InputError(f"{name} holds {len(members):,} files inside (the limit is "
                         f"{MAX_ZIP_MEMBERS:,})")
    total = sum(m.file_size for m in members)
    limit = MAX_ZIP_UNCOMPRESSED[kind]
    if total > limit:
        raise InputError(f"{name} expands to {_size(total)} (the limit for a {kind} is "
                         f"{_size(limit)})")
    for m in members:
        if m.flag_bits & 0x1:
            raise InputError(f"{name} is encrypted (password-protected); save it without a "
                             "password first")
        if m.compress_type not in _ZIP_METHODS:
            raise InputError(f"{name} uses a compression method that cannot be read "
                             f"({m.compress_type}); save it again in Excel or Word")


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth(raw: str) -> int:
    """How deep the objects and lists of a JSON text nest (without parsing it)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", raw))
    depth = deepest = 0
    for ch in brackets:
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest
        else:
            depth -= 1
    return deepest


def check_json_depth(raw: str, what: str) -> None:
    if json_depth(raw) > MAX_JSON_DEPTH:
        raise InputError(f"{what} nests objects or lists more than {MAX_JSON_DEPTH} deep "
                         "(not a POA Desk export)")


def check_int(value: int, what: str) -> int:
    """An id or number the database can hold."""
    if not -MAX_INT <= value <= MAX_INT:
        raise InputError(f"{what} {value} is too large")
    return value
