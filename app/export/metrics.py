"""How wide text is and how many lines it wraps to, for sizing table columns (Word) and rows
(Excel) without a renderer: the widths of Arial (Liberation Sans and Helvetica have the same
metrics), in thousandths of the font size, and a greedy word wrap at spaces and hyphens.

Also the print geometry of an Excel sheet on A4 landscape: how column widths turn into
printed width, and the scale a "fit to one page wide" print gets (what keeps 10 pt text at
8 pt or more). Pure standard library.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

# Arial advance widths, 1/1000 em, for the printable ASCII characters (32..126).
_ASCII = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p..~
)
_WIDTH = {chr(32 + i): w for i, w in enumerate(_ASCII)}
_WIDTH.update({"\u2018": 222, "\u2019": 222, "\u201c": 333, "\u201d": 333, "\u2013": 556,
               "\u2014": 1000, "\u2026": 1000, "\u00a0": 278, "\u2022": 350})
_OTHER = 600  # letters with accents, other scripts: about a capital
BOLD = 1.08  # Arial Bold is about this much wider
_BREAKS = re.compile(r"[^\s]+")


@lru_cache(maxsize=20_000)
def _word(word: str) -> int:
    get = _WIDTH.get
    return sum(get(c, _OTHER) for c in word)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text` on one line, in points, at `size` points."""
    units = sum(_word(w) for w in text.split(" ")) + _WIDTH[" "] * text.count(" ")
    return units * size / 1000 * (BOLD if bold else 1.0)


@lru_cache(maxsize=4_096)  # a matrix repeats its pillar and section texts on every row
def wrapped_lines(text: str, width: float, size: float, *, bold: bool = False) -> int:
    """How many lines `text` takes wrapped in `width` points at `size` points: greedy, at
    spaces (a word wider than the line breaks where it must); each newline starts a line."""
    scale = size / 1000 * (BOLD if bold else 1.0)
    limit = width / scale  # in font units
    space = _WIDTH[" "]
    total = 0
    for line in text.split("\n"):
        count, used = 1, 0.0
        for match in _BREAKS.finditer(line):
            w = _word(match.group())
            if used and used + space + w > limit:
                count, used = count + 1, 0.0
            used += (space if used else 0) + w
            while used > limit and limit > 0:  # a word wider than the line
                count, used = count + 1, used - limit
        total += count
    return total


# -- Excel's print geometry ---------------------------------------------------------------

A4_LANDSCAPE_MM = 297.0
PRINT_MARGIN_MM = 12.7  # left and right (0.5 in), what the workbooks set
POINTS_PER_MM = 72 / 25.4
MIN_PRINTED_PT = 8.0


def column_points(width: float) -> float:
    """The width in points of an Excel column of `width` characters (the workbook's default
    font Calibri 11 has 7-pixel digits; 5 pixels of padding; 96 pixels an inch)."""
    return (int(width * 7 + 0.5) + 5) * 0.75


def printable_points(margin_mm: float = PRINT_MARGIN_MM) -> float:
    return (A4_LANDSCAPE_MM - 2 * margin_mm) * POINTS_PER_MM


def print_scale(widths: list[float], margin_mm: float = PRINT_MARGIN_MM) -> float:
    """The scale a sheet of these column widths prints at on A4 landscape, fitted to one
    page wide (1.0 when it fits as it is)."""
    total = sum(column_points(w) for w in widths)
    return min(1.0, printable_points(margin_mm) / total) if total else 1.0


def cell_text_points(width: float) -> float:
    """The room for text in a cell of that column (less the cell's own padding)."""
    return column_points(width) - 4.5


def characters(points: float) -> float:
    """The column width (in characters) whose cells hold text `points` wide on one line: the
    inverse of `cell_text_points`, rounded up to a whole character."""
    return float(math.ceil(((points + 4.5) / 0.75 - 5) / 7))


def printed_points(size: float, widths: list[float],
                   margin_mm: float = PRINT_MARGIN_MM) -> float:
    """The size text of `size` points prints at on a sheet of these column widths fitted to
    one A4 landscape page wide: the font size times the print scale."""
    return size * print_scale(widths, margin_mm)


def header_footer_size(widths: list[float], margin_mm: float = PRINT_MARGIN_MM) -> int:
    """The print header's and footer's font size for a sheet of these widths: whole points,
    at least MIN_PRINTED_PT even if the program shrinks them with the sheet."""
    return math.ceil(MIN_PRINTED_PT / print_scale(widths, margin_mm) - 1e-9)
