"""A plan as it is published (.pdf, .docx or .txt) turned into the plain text the plan parser
reads (app.plan_parser.parse_plan), its paragraphs one a line with a blank line between them
(as a plan text has them), with its footnotes kept apart.

The file's real type decides how it is read (its first bytes, not its name); a name that says
one type over content of another, or a file that is no plan at all, is refused with one line.
Every text passes the text gate (app.text_clean); ligatures (U+FB00-FB06) are spelt out and
soft hyphens dropped; nothing else in the text changes.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from app.errors import InputError
from app.limits import check_input_file, read_input_bytes
from app.text_clean import REMOVED, clean_text

PlanKind = Literal["pdf", "docx", "txt"]
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_SOFT_HYPHEN = "\u00ad"
_WHAT = "a plan (.pdf, .docx or .txt)"
_NAMED = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt"}
_KIND_NAMES = {"pdf": "a PDF", "docx": "a Word document", "txt": "a text file"}


@dataclass(frozen=True, slots=True)
class PlanSource:
    """What a plan file holds, ready for the parser: `text` its paragraphs, a blank line
    between them (a .txt as it is); `footnotes` ("1 text", in order); `pages` (1 for a .txt
    or .docx: Word lays its pages out itself); `kind`."""

    text: str
    kind: PlanKind
    pages: int = 1
    footnotes: tuple[str, ...] = field(default_factory=tuple)


def normalise(text: str) -> str:
    """Ligatures spelt out (NFKC on them alone: "ﬁ" -> "fi") and soft hyphens dropped."""
    text = text.replace(_SOFT_HYPHEN, "")
    return _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _zip_kind(path: Path) -> str:
    """What a zip file is: "docx", or the name of what it is instead."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = (archive.read("mimetype")[:100].decode("ascii", "replace")
                        if "mimetype" in names else "")
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError,
            KeyError, NotImplementedError):
        return "a binary file (a damaged zip archive)"
    if "word/document.xml" in names or any(n.endswith("/document.xml") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names) or "spreadsheet" in mimetype:
        return "a workbook"
    if any(n.startswith("ppt/") for n in names) or "presentation" in mimetype:
        return "a presentation"
    if "opendocument.text" in mimetype:
        return "an OpenDocument text (save it as .docx or PDF first)"
    return "a zip archive"


def detect_kind(path: Path, head: bytes) -> str:
    """"pdf", "docx" or "txt" from the first bytes; else what the file is, for a message."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Office file (.doc or .xls: save it as .docx or PDF first)"
    if head.startswith(b"{\\rtf"):
        return "an RTF file (save it as .docx or PDF first)"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "an image (POA Desk cannot read scans)"
    return "txt"


def _head(path: Path, name: str) -> bytes:
    check_input_file(path, "plan document")  # the whole path: which file is missing
    try:
        with path.open("rb") as fh:
            return fh.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None


def _gate(lines: list[str], name: str, warnings: list[str] | None) -> list[str]:
    out, dirty = [], []
    for number, line in enumerate(lines, start=1):
        cleaned, changed = clean_text(normalise(line))
        if changed:
            dirty.append(number)
        out.append(cleaned)
    if dirty and warnings is not None:
        shown = ", ".join(str(n) for n in dirty[:10]) + (", ..." if len(dirty) > 10 else "")
        warnings.append(f"{name}, paragraph{'s' if len(dirty) > 1 else ''} {shown}: {REMOVED}")
    return out


def read_text_file(path: Path, warnings: list[str] | None = None) -> str:
    """A plan text (.txt): UTF-8 (with or without a BOM), through the text gate; the lines it
    cleaned are named in `warnings`."""
    raw = read_input_bytes(path, "plan")
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not a UTF-8 text file (is it a Word or PDF file?)") from None
    if "\x00" in decoded:
        raise InputError(f"{path}: this is a binary file, not a plan text")
    text, cleaned = clean_text(normalise(decoded))
    if cleaned and warnings is not None:
        dirty = [n for n, line in enumerate(decoded.split("\n"), start=1) if clean_text(line)[1]]
        shown = ", ".join(str(n) for n in dirty[:10]) + (", ..." if len(dirty) > 10 else "")
        warnings.append(f"{path.name}, line{'s' if len(dirty) > 1 else ''} {shown}: {REMOVED}")
    return text


def read_plan_source(path: Path, warnings: list[str] | None = None) -> PlanSource:
    """The text of the plan in `path` (.pdf, .docx or .txt, told by its content), ready for
    parse_plan; InputError (one line) for anything that cannot be read as a plan."""
    name = path.name
    kind = detect_kind(path, _head(path, name))
    named = _NAMED.get(path.suffix.lower())
    if kind not in _KIND_NAMES:
        raise InputError(f"{name} is {kind}, not {_WHAT}")
    if named is not None and named != kind:
        raise InputError(f"{name} is not {_KIND_NAMES[named]}: it is {_KIND_NAMES[kind]} "
                         f"under the wrong name; rename it to .{kind} to import it")
    if kind == "txt":
        return PlanSource(read_text_file(path, warnings), "txt")
    if kind == "pdf":
        from app.interchange.plan_pdf import read_pdf

        paragraphs, notes, pages = read_pdf(path, name)
    else:
        from app.interchange.plan_docx import read_docx

        paragraphs, notes = read_docx(path, name)
        pages = 1
    lines = _gate(paragraphs, name, warnings)
    return PlanSource("\n\n".join(lines), "pdf" if kind == "pdf" else "docx", pages,
                      tuple(_gate(notes, f"{name} (footnotes)", warnings)))
