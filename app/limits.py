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
import zlib
from pathlib import Path

from app.errors import InputError

MB = 1024 * 1024

# files, by kind: (largest size on disk, what it is called in messages)
MAX_FILE_BYTES = {
    "json": 200 * MB,  # a backup: 10,000 focal points and 500 meetings take about 15 MB
    "plan": 10 * MB,  # a plan text: the ASEAN-EU plan is 60 KB
    "plan document": 50 * MB,  # a plan as .pdf or .docx: the ASEAN-EU plan's PDF is ~0.2 MB
    "workbook": 50 * MB,  # a register workbook (.xlsx)
    "template": 50 * MB,  # a Word template (.docx)
}
# zip files (workbooks, templates): everything inside, uncompressed, and how many members
# (a register of 40,000 rows with long texts expands to 41 MB)
MAX_ZIP_UNCOMPRESSED = {"workbook": 100 * MB, "template": 100 * MB, "plan document": 100 * MB}
MAX_ZIP_MEMBERS = 10_000
# the XML inside a workbook or template, counted in its decompressed bytes before any parser
# sees it (openpyxl and python-docx build an object for every style and string they read: a
# 0.24 MB workbook declaring 1.5 million cell formats took 25 s and 2.1 GB to be refused).
# Elements counted by name, with what a real file never reaches: Excel itself allows 65,490
# cell formats, Word 4,079 styles; a register at its row limit holds about 200,000 strings.
COUNTED_ELEMENTS = {
    "workbook": {"xf": ("cell formats", 100_000), "si": ("shared strings", 500_000)},
    "template": {"style": ("styles", 10_000)},
    "plan document": {"style": ("styles", 10_000)},
}
# elements whose attribute declares how many the part holds: (attribute, element counted)
DECLARED_COUNTS = {
    "workbook": {"cellXfs": ("count", "xf"), "cellStyleXfs": ("count", "xf"),
                 "sst": ("uniqueCount", "si")},
    "template": {},
    "plan document": {},
}
# all the elements of the parts that are read whole, together (a workbook's worksheets are
# read row by row, their rows and cells limited as they are read; its shared strings one by
# one, in a budget of their own). A ministry template of 40 pages holds about 30,000; a workbook
# at Excel's own limit of cell formats about 300,000 (outside its sheets).
MAX_XML_ELEMENTS = {"workbook": 500_000, "template": 1_000_000, "plan document": 1_000_000}
MAX_SHARED_STRINGS_ELEMENTS = 2_000_000
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
    "action reference": 24,  # "1.3(b)", "1.1.1", "I.A.2" (a plan's own notation)
    "part label": 8,  # a part's number as published: "1", "I"
    "source name": 255,
    "tag": 80,
    "acronym": 40,
    "acronym expansion": 500,
    "meeting kind": 60,
    "meeting title": 300,
    "venue": 300,
    "marking": 120,
}
# a plan as a PDF: its pages (a plan of action runs to 10-60), and the text read from them
# (pypdf itself limits what one compressed stream may expand to)
MAX_PDF_PAGES = 2_000
MAX_PLAN_TEXT = 10 * MB
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
    """Refuse a zip (a workbook, a template) that would expand past the limit for `kind`, has
    too many members, is encrypted or uses a compression method that cannot be read (from its
    central directory), then one whose XML holds more than its limits allow (counted in the
    decompressed bytes, read in chunks: nothing is parsed). A file that is not a zip at all
    passes: the reader says so."""
    name = what or path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    with archive:
        members = archive.infolist()
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
                raise InputError(f"{name} is encrypted (password-protected); save it without "
                                 "a password first")
            if m.compress_type not in _ZIP_METHODS:
                raise InputError(f"{name} uses a compression method that cannot be read "
                                 f"({m.compress_type}); save it again in Excel or Word")
        _check_parts(archive, members, kind, name)


# -- what the XML parts of a zip hold ----------------------------------------------------------

_SPREADSHEET = b"application/vnd.openxmlformats-officedocument.spreadsheetml."
# the parts a workbook opened read-only never parses whole: its worksheets (read row by row)
# and what hangs on them (a pivot table's cached records can run to millions of elements)
_NOT_READ_WHOLE = frozenset(_SPREADSHEET + name + b"+xml" for name in (
    b"worksheet", b"pivotCacheRecords", b"pivotCacheDefinition", b"pivotTable", b"table",
    b"comments", b"queryTable"))
_SHARED_STRINGS = _SPREADSHEET + b"sharedStrings+xml"
# parts openpyxl reads whole from a fixed place, whatever the content types say of them
_FIXED_PARTS = frozenset({"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                          "xl/styles.xml", "docProps/core.xml", "docProps/app.xml",
                          "docProps/custom.xml"})
_CHUNK = MB
_OVERRIDE = re.compile(rb"<(?:[\w.-]+:)?Override\b([^>]*)>")
_PART_ATTR = re.compile(rb"""\b(PartName|ContentType)\s*=\s*["']([^"']*)["']""")
_DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError,
            NotImplementedError, ValueError)


def _content_types(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Part name -> content type, from the overrides of [Content_Types].xml (read with a
    pattern, not parsed; a damaged or outsized one gives nothing, and every part is then
    counted as read whole)."""
    try:
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size > 4 * MB:
            return {}
        raw = archive.read(info)
    except (KeyError, *_DAMAGED):
        return {}
    types: dict[str, bytes] = {}
    for match in _OVERRIDE.finditer(raw):
        attrs = dict(_PART_ATTR.findall(match.group(1)))
        part = attrs.get(b"PartName", b"").decode("utf-8", "replace").lstrip("/")
        types[part] = attrs.get(b"ContentType", b"").strip()
    return types


def _check_parts(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], kind: str,
                 name: str) -> None:
    """Count the elements of every part that a reader would parse whole (for a workbook: not
    its worksheets, which are read row by row, nor what hangs on them), refusing at the first
    limit passed."""
    types = _content_types(archive) if kind == "workbook" else {}
    budget = MAX_XML_ELEMENTS[kind]
    total = 0
    for info in members:
        if info.is_dir():
            continue
        fixed = info.filename in _FIXED_PARTS or info.filename.endswith(".rels")
        content_type = b"" if fixed else types.get(info.filename, b"")
        if content_type in _NOT_READ_WHOLE:
            continue
        if content_type == _SHARED_STRINGS:
            _PartScan(kind, name, MAX_SHARED_STRINGS_ELEMENTS, " in its shared strings").run(
                archive, info)
        else:
            total = _PartScan(kind, name, budget, "", total).run(archive, info)


class _PartScan:
    """One part's decompressed bytes, read a chunk at a time and cut at the last '<' (so no
    tag is split), counted: elements, the elements of COUNTED_ELEMENTS, the counts declared
    by DECLARED_COUNTS; a DTD (which no Office file has) is refused."""

    def __init__(self, kind: str, name: str, budget: int, where: str, start: int = 0) -> None:
        self.kind, self.name, self.budget, self.where = kind, name, budget, where
        self.counts = dict.fromkeys(COUNTED_ELEMENTS[kind], 0)
        self.elements = start  # counted before, in the same budget

    def run(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
        carry = b""
        try:
            with archive.open(info) as part:
                while True:
                    chunk = part.read(_CHUNK)
                    data = carry + chunk
                    cut = data.rfind(b"<") if chunk else -1
                    if cut < 0 or len(data) - cut > _CHUNK:
                        cut = len(data)
                    self.count(data[:cut], info.filename)
                    carry = data[cut:]
                    if not chunk:
                        break
        except _DAMAGED:  # the reader finds the same damage and says so
            pass
        return self.elements

    def count(self, data: bytes, part: str) -> None:
        self.elements += data.count(b"<") - data.count(b"</")
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise InputError(f"{self.name} is not a sound {self.kind}: its part {part} "
                             "declares a DTD, which no Office file has")
        for container, (attribute, tag) in DECLARED_COUNTS[self.kind].items():
            declared = _declared(data, container.encode(), attribute.encode())
            what, limit = COUNTED_ELEMENTS[self.kind][tag]
            if declared > limit:
                raise InputError(f"{self.name} declares {declared:,} {what}; at most {limit:,}")
        for tag, (what, limit) in COUNTED_ELEMENTS[self.kind].items():
            t = tag.encode()
            self.counts[tag] += (data.count(b"<" + t) + data.count(b":" + t + b" ")
                                 + data.count(b":" + t + b">") + data.count(b":" + t + b"/"))
            if self.counts[tag] > limit:
                raise InputError(f"{self.name} holds more than {limit:,} {what} (the limit)")
        if self.elements > self.budget:
            raise InputError(f"{self.name} holds more than {self.budget:,} XML elements"
                             f"{self.where} (the limit)")


def _declared(data: bytes, container: bytes, attribute: bytes) -> int:
    """The number in `attribute` of the first `container` element opened in `data` (0)."""
    for opening in (b"<" + container, b":" + container):
        start = data.find(opening)
        while start >= 0:
            after = start + len(opening)
            if after < len(data) and data[after:after + 1] in b" \t\r\n/>":
                tag = data[after:data.find(b">", after)]
                match = re.search(rb"(?:^|\s)(?:[\w.-]+:)?" + attribute
                                  + rb"""\s*=\s*["']\s*(\d{1,30})""", tag)
                return int(match.group(1)) if match else 0
            start = data.find(opening, after)
    return 0


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
