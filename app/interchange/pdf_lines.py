"""The lines of a PDF page as pypdf shows them to a visitor (each piece of text with its place
and font size), and what is on the page that is not the plan's text: the running header and
footer, page numbers and the title repeated on every page (page furniture), the footnotes at
the bottom and the footnote marks in the text.

Nothing here knows about plans: app.interchange.plan_pdf joins the lines into paragraphs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

# a footnote mark: digits or a symbol, set smaller and raised above the line
_MARK = re.compile(r"^\s*(\d{1,3}|[*\u2020\u2021\u00a7]{1,3})\s*$")
# a page number alone: "3", "- 3 -", "Page 3", "Page 3 of 12", "3 / 12", "iv"
PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-\u2013\u2014(\[]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*"
                         r"[-\u2013\u2014)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_FURNITURE_SCAN = 3  # lines at the top and at the bottom of each page that may be furniture
_APART = 2.0  # a header or footer is set apart from the text by more than 2 lines' height
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_FOOTNOTE_START = re.compile(r"^\d{1,3}(?=\D|$)")
# a table of contents' line: a leader of dots (or an ellipsis, or a rule) then a page number
_CONTENTS = re.compile(r"(?:(?:\.\s?){4,}|\u2026+|_{4,})\s*\d{1,4}$")


@dataclass
class Chunk:
    x: float
    y: float
    size: float
    text: str


@dataclass
class Line:
    """One line of text on a page: its chunks in order; `x` where its first text starts,
    `y` its baseline, `size` the font size of most of its characters."""

    page: int
    chunks: list[Chunk] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    size: float = 0.0
    text: str = ""  # without footnote marks
    full_text: str = ""  # with them (a footnote's own number)

    def finish(self) -> None:
        visible = [c for c in self.chunks if c.text.strip()]
        main = max(visible, key=lambda c: len(c.text.strip()))
        self.x = min(c.x for c in visible)
        self.y, self.size = main.y, main.size
        kept, full = [], []
        for c in self.chunks:
            mark = (c.text.strip() and c.size < 0.8 * self.size and c.y > self.y + 0.15 * self.size
                    and _MARK.match(c.text))
            full.append(c.text + (" " if mark and c is visible[0] else ""))
            if not mark:
                kept.append(c.text)
        # spaces run together: justified text is set with wider gaps, which pypdf reads as
        # spaces of their own besides the text's (a PDF keeps no count of spaces to be kept)
        self.text = _SPACES.sub(" ", "".join(kept)).strip()
        self.full_text = _SPACES.sub(" ", "".join(full)).strip()

    def marker_split(self) -> float | None:
        """Where the text after a list number set apart (by a tab) starts: the x of the
        second piece of text when the first is short and stands alone; None otherwise."""
        visible = [c for c in self.chunks if c.text.strip()]
        if len(visible) >= 2 and len(visible[0].text.strip()) <= 12 \
                and visible[1].x > visible[0].x:
            return visible[1].x
        return None


class PageCollector:
    """A visitor for pypdf's extract_text: the chunks of one page, then its lines."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.chunks: list[Chunk] = []

    def __call__(self, text: str, cm: Sequence[float], tm: Sequence[float],
                 font: Any, size: float) -> None:
        text = text.replace("\n", "").replace("\r", "")
        if not text:
            return
        a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                      tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        scale = math.sqrt(abs(a * d - b * c)) or 1.0
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        self.chunks.append(Chunk(x, y, round(float(size) * scale, 1), text))

    def lines(self) -> list[Line]:
        """The page's lines, top to bottom (a chunk joins the line whose baseline is within
        half its font size: raised marks stay on their line)."""
        lines: list[Line] = []
        current: Line | None = None
        ref_y = ref_size = 0.0
        for chunk in self.chunks:
            visible = bool(chunk.text.strip())
            if current is not None and (abs(chunk.y - ref_y) <= 0.5 * max(chunk.size, ref_size)
                                        or not visible):
                current.chunks.append(chunk)
                if visible and chunk.size > ref_size:
                    ref_y, ref_size = chunk.y, chunk.size
                continue
            if not visible:
                continue
            current = Line(self.page, [chunk])
            lines.append(current)
            ref_y, ref_size = chunk.y, chunk.size
        for line in lines:
            line.finish()
        return sorted(lines, key=lambda ln: (-round(ln.y, 1), ln.x))


def _key(text: str) -> str:
    """A line as compared across pages: case, digits (page numbers) and spacing ignored."""
    return " ".join(re.sub(r"\d+", "#", text.casefold()).split())


def _edge(lines: list[Line]) -> list[Line]:
    """The lines at the top of a page set apart from the rest by a wide gap (a running
    header: up to three lines); none when no such gap comes."""
    for i in range(min(_FURNITURE_SCAN, len(lines) - 1)):
        gap = abs(lines[i].y - lines[i + 1].y)
        if gap > _APART * max(lines[i].size, lines[i + 1].size):
            return lines[:i + 1]
    return []


def _edges(lines: list[Line]) -> list[Line]:
    """The header and the footer of a page (each a few lines set apart by a wide gap)."""
    return _edge(lines) + _edge(lines[::-1])


def drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without their running headers and footers: lines set apart at the top or
    the bottom that come back at the same height on at least half the pages (two at least),
    or that are the very first or last line at the same height on at least half the pages
    (three at least: a header printed close to the text); and a page number alone there."""
    where: dict[tuple[str, bool], list[tuple[int, float]]] = defaultdict(list)
    for number, lines in enumerate(pages):
        apart = {id(line) for line in _edges(lines)}
        for line in {id(ln): ln for ln in [*_edges(lines), *lines[:1], *lines[-1:]]}.values():
            where[(_key(line.text), id(line) in apart)].append((number, line.y))
    need = max(2, math.ceil(len(pages) / 2))
    repeated: dict[tuple[str, bool], float] = {}
    for (text, set_apart), seen in where.items():
        if len({page for page, _ in seen}) >= (need if set_apart else max(3, need)):
            repeated[(text, set_apart)] = median(y for _, y in seen)
    kept_pages = []
    for lines in pages:
        apart = {id(line) for line in _edges(lines)}
        ends = {id(line) for line in [*lines[:1], *lines[-1:]]}
        kept = []
        for line in lines:
            seen_as = (_key(line.text), id(line) in apart)
            if (id(line) in apart or id(line) in ends) and (
                    PAGE_NUMBER.match(line.text.strip())
                    or (seen_as in repeated and abs(line.y - repeated[seen_as]) <= 4)):
                continue
            kept.append(line)
        kept_pages.append(kept)
    return kept_pages


def drop_contents(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without the lines of a table of contents (they would read as headings)."""
    return [[line for line in lines if not _CONTENTS.search(line.text)] for lines in pages]


def body_size(pages: list[list[Line]]) -> float:
    """The font size of most of the text."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def split_footnotes(lines: list[Line], body: float) -> tuple[list[Line], list[list[Line]]]:
    """(the page's text, its footnotes: each its lines): the lines at the bottom of the page
    in a font smaller than the text's (Word's footnotes are 10 points under 11), the first of
    them starting with a number and, unless their type is much smaller, set apart from the
    text above by a gap."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < 0.95 * body:
        start -= 1
    while start < len(lines) and not _FOOTNOTE_START.match(lines[start].full_text):
        start += 1
    if start >= len(lines):
        return lines, []
    first = lines[start]
    gap = lines[start - 1].y - first.y if start else math.inf
    if first.size > 0.85 * body and gap <= 1.6 * body:
        return lines, []
    notes: list[list[Line]] = []
    for line in lines[start:]:
        if _FOOTNOTE_START.match(line.full_text) or not notes:
            notes.append([line])
        else:
            notes[-1].append(line)
    return lines[:start], notes
