"""A plan published as a PDF: its text as paragraphs, read with pypdf.

The page furniture (running headers and footers, page numbers, the title repeated on every
page), a table of contents and the footnotes are taken out first (app.interchange.pdf_lines);
the lines left are joined into the paragraphs they were printed from, across page breaks. A
line starts a new paragraph when the one before it ends short of the text's width, when a
wider gap than the line spacing comes before it, when it starts left of the line before (a
list's next number) or right of it (unless it is where the first line's text starts after its
number), when its number stands apart (a list number followed by a tab) or is typed after a
sentence's end, when a heading in capitals begins or ends, or when its font size changes.
Joined lines meet with one space, or none after a hyphen ("ASEAN-" + "Australia").
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import InputError
from app.interchange.pdf_lines import (
    Line,
    PageCollector,
    body_size,
    drop_contents,
    drop_furniture,
    split_footnotes,
)
from app.limits import MAX_PDF_PAGES, MAX_PLAN_TEXT, check_input_file

# a list number or letter standing alone before a tab: "1.", "1.1.1", "a)", "(a)", "IV.", "-"
_BULLETS = "-\u2013\u2022\u25aa\u25cf\u25e6\u00b7"
_NUMBER = r"(?:\d{1,3}|[a-zA-Z]{1,2}|[ivxlcdmIVXLCDM]{1,7})"
_MARKER = re.compile(rf"^(?:[{_BULLETS}]\s*)?(?:\(?{_NUMBER}[.)]|\({_NUMBER}\)"
                     rf"|\d{{1,3}}(?:\.\d{{1,3}})+\.?)$|^[{_BULLETS}]$")
# a number or letter typed at the start of a paragraph: "1. ", "1.1.1 ", "a) ", "(iv) ", "- a) "
_LABEL = re.compile(r"^(?:[-\u2013\u2022]\s*)?(?:\(?\d{1,3}[.)]|\(?[a-zA-Z]{1,2}[.)]"
                    r"|\([ivxlcdm]{1,6}\)|[IVXLC]{1,6}\.|\d{1,3}(?:\.\d{1,3})+\.?)\s")
_SENTENCE_END = (".", ":", ";")
_TOLERANCE = 2.0  # points: the same left edge


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf logs what it repairs in a damaged file: not the user's concern here (the file is
    read, or refused with one line)."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # pypdf's PdfReadWarning
            yield
    finally:
        logger.setLevel(level)


def _open(path: Path, name: str) -> list[list[Line]]:
    """The lines of every page; InputError (one line) for a file pypdf cannot read."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))  # only an owner's password: readable
            except (DependencyError, NotImplementedError):  # AES without `cryptography`
                opened = False
            if not opened:
                raise InputError(f"{name} is password-protected (encrypted); save a copy "
                                 "without protection and import that")
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise InputError(f"{name} has {count:,} pages (the limit for a plan is "
                             f"{MAX_PDF_PAGES:,})")
        pages: list[list[Line]] = []
        total = 0
        for number, page in enumerate(reader.pages):
            collector = PageCollector(number)
            page.extract_text(visitor_text=collector)
            total += sum(len(c.text) for c in collector.chunks)
            if total > MAX_PLAN_TEXT:
                raise InputError(f"{name} holds more text than a plan could (more than "
                                 f"{MAX_PLAN_TEXT // 1024 // 1024} million characters)")
            pages.append(collector.lines())
        return pages
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(f"{name} is password-protected (encrypted); save a copy without "
                         "protection and import that") from None
    except LimitReachedError:
        raise InputError(f"{name} holds a stream that expands past what pypdf reads (a "
                         "broken or hostile PDF)") from None
    except Exception as exc:  # pypdf's failures on a damaged file are many and unlisted
        raise InputError(f"{name} is damaged: it cannot be read as a PDF "
                         f"({type(exc).__name__})") from None


def read_pdf(path: Path, name: str) -> tuple[list[str], list[str], int]:
    """(the paragraphs, the footnotes "1 text", the number of pages)."""
    check_input_file(path, "plan document", name)
    with _quiet():
        pages = _open(path, name)
    if not any(line.text for lines in pages for line in lines):
        raise InputError(f"{name} has no text layer: it is a scanned image; POA Desk cannot "
                         "read scans")
    pages = drop_contents(drop_furniture(pages))
    body = body_size(pages)
    flow: list[Line] = []
    footnotes: list[str] = []
    for lines in pages:
        text, notes = split_footnotes(lines, body)
        flow.extend(text)
        for note in notes:
            footnotes.append(join_lines([line.full_text for line in note]))
    return [join_lines(p) for p in _paragraphs(flow)], footnotes, len(pages)


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one: a space between them, none after a hyphen that ends a
    word ("ASEAN-" + "EU"), a soft hyphen at a line's end dropped with the break."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("\u00ad"):
            out = out[:-1] + line
        elif out.endswith("-") and not out.endswith(" -"):
            out += line
        else:
            out += " " + line
    return out


def _pitch(flow: list[Line]) -> tuple[dict[float, float], set[float]]:
    """The distance between two lines of a paragraph, by font size: the smallest distance
    between neighbours of that size on a page (the gaps between paragraphs are wider, and
    may well be more common), at least 0.9 of the size; and the sizes where it is unsure:
    every distance the same and wide (each line a paragraph of its own, spaced apart, or
    paragraphs set one and a half lines apart with no space between them)."""
    seen: dict[float, list[float]] = defaultdict(list)
    for before, line in zip(flow, flow[1:], strict=False):
        dy = before.y - line.y
        if before.page == line.page and before.size == line.size \
                and 0.9 * line.size <= dy < 3 * line.size:
            seen[line.size].append(dy)
    pitch = {size: min(gaps) for size, gaps in seen.items()}
    unsure = {size for size, gaps in seen.items()
              if pitch[size] > 1.45 * size and max(gaps) < 1.1 * pitch[size]}
    return pitch, unsure


def _full_lengths(flow: list[Line]) -> dict[tuple[float, float], float]:
    """The length of a full line (its 80th percentile), for lines that start at the same
    place in the same size (so have the same width to fill); only where there are enough."""
    groups: dict[tuple[float, float], list[int]] = defaultdict(list)
    for line in flow:
        groups[(round(line.x), line.size)].append(len(line.text))
    return {key: sorted(lengths)[int(0.8 * (len(lengths) - 1))]
            for key, lengths in groups.items() if len(lengths) >= 4}


def _paragraphs(flow: list[Line]) -> list[list[str]]:
    pitch, unsure = _pitch(flow)
    full = _full_lengths(flow)
    longest: dict[tuple[int, float], int] = defaultdict(int)
    for line in flow:
        key = (line.page, line.size)
        longest[key] = max(longest[key], len(line.text))
    paragraphs: list[list[str]] = []
    first: Line | None = None  # the first line of the paragraph being read
    before: Line | None = None
    for line in flow:
        if before is None or first is None or _starts(line, before, first, pitch, full,
                                                       longest) or (
                line.size in unsure and _starts_unsure(line, before)):
            paragraphs.append([line.text])
            first = line
        else:
            paragraphs[-1].append(line.text)
        before = line
    return paragraphs


def _short(line: Line, full: dict[tuple[float, float], float],
           longest: dict[tuple[int, float], int]) -> bool:
    """Whether `line` ends well short of the width it had to fill."""
    whole = full.get((round(line.x), line.size))
    if whole is None:
        return len(line.text) < 0.6 * longest[(line.page, line.size)]
    return len(line.text) < 0.75 * whole


def _starts_unsure(line: Line, before: Line) -> bool:
    """Where the spacing tells nothing: a line starts a paragraph when it starts with a number
    or after a sentence's end with a capital."""
    return bool(_LABEL.match(line.text)) or (
        before.text.endswith(_SENTENCE_END) and line.text[:1].isupper())


def _capitals(text: str) -> bool:
    """A line in capitals (a heading): four letters at least, none lower-case."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and not any(ch.islower() for ch in letters)


def _starts(line: Line, before: Line, first: Line, pitch: dict[float, float],
            full: dict[tuple[float, float], float],
            longest: dict[tuple[int, float], int]) -> bool:
    """Whether `line` starts a new paragraph (the reasons in the module's docstring)."""
    if abs(line.size - before.size) > 0.1 * before.size:
        return True
    usual = pitch.get(line.size, 1.2 * line.size)
    if line.page == before.page and before.y - line.y > 1.25 * usual + 0.5:
        return True
    if _short(before, full, longest):
        return True
    if before.text.endswith(_SENTENCE_END) and _LABEL.match(line.text):
        return True  # a typed number after a sentence's end
    if _capitals(before.text) != _capitals(line.text):
        return True  # a heading in capitals begins or ends
    visible = [c for c in line.chunks if c.text.strip()]
    if len(visible) >= 2 and _MARKER.match(visible[0].text.strip()) \
            and visible[1].x - visible[0].x > 0.9 * line.size:
        return True
    if line.x < before.x - _TOLERANCE:
        # a first line indented further than the rest of its paragraph
        return not (before is first and _MARKER.match(before.text.split(" ")[0]) is None)
    if line.x > before.x + _TOLERANCE:
        split = first.marker_split() if before is first else None
        return split is None or abs(split - line.x) > _TOLERANCE
    return False
