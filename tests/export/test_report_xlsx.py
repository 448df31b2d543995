"""The Excel progress report read back with openpyxl, and printed by LibreOffice: the Matrix's
Activities column adds up to the number of activities (a section-wide one once, at its section),
the activity figures are the database's, every written cell is Arial with its size, every row
is at least as tall as its wrapped text, every sheet prints at 8 pt or more on A4 landscape with
the marking in its header and footer, dates are long; and in LibreOffice's PDF no two text
lines overlap."""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import datetime
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.clock import long_date
from app.export.content import brief_acronyms
from app.export.metrics import (
    MIN_PRINTED_PT,
    cell_text_points,
    column_points,
    print_scale,
    wrapped_lines,
)
from app.export.report import export_report
from app.export.report_content import as_at, load_report
from app.export.report_xlsx import line_height, scanned_text
from app.glossary import Acronym
from tests.export.report_data import PERIOD, PRIVATE, SECTION_WIDE, make_report_set
from tests.export.test_libreoffice import SOFFICE, to_pdf
from tests.export.test_report_content import database_counts

MARKING = "SENSITIVE & RESTRICTED"
LONG = re.compile(r"^\d{1,2}(\u2013\d{1,2})? [A-Z][a-z]+ \d{4}")


@pytest.fixture
def report(desk, tmp_path):
    make_report_set(desk)
    out = tmp_path / "report.xlsx"
    export_report(desk, *PERIOD, out, marking=MARKING)
    return desk, out


def _rows(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_activities_column_adds_up_to_the_activities(report):
    desk, out = report
    db = database_counts(desk)
    wb = load_workbook(out)
    matrix = _rows(wb["Matrix"])
    assert matrix[1] == ["Ref", "Pillar", "Section", "Action", "Status", "Activities",
                         "Activities in the period"]
    assert sum(r[5] for r in matrix[2:]) == sum(db["kind"].values()) == 30
    holding = [r for r in matrix[2:] if r[6] and SECTION_WIDE in r[6]]
    assert len(holding) == 1 and holding[0][:4] == [
        "1.3", "1. Political and Security Cooperation",
        holding[0][2], "Section-wide activities (the whole section)"]
    assert holding[0][5] == db["section_wide"]["1.3"] == 2
    assert all(isinstance(r[0], str) for r in matrix[2:])  # references as text
    (supa,) = [r for r in matrix[2:] if r[6] and "programme: SUPA" in r[6]]
    assert supa[0] == "3.5" and supa[6].startswith("1 June 2025 \u2013 31 May 2027: SUPA")
    assert "lead: EU" in supa[6]


def test_the_activity_figures_sheet_is_the_databases(report):
    desk, out = report
    db = database_counts(desk)
    rows = _rows(load_workbook(out)["Activity figures"])
    by_kind = rows.index(["By kind", None, None, None])
    by_section = rows.index(["By section", None, None, None])
    for label, on_lines, wide, total in rows[2:by_section - 1]:
        number = int(label.split(".")[0])
        assert (on_lines, wide, total) == (db["pillar_lines"][number],
                                           db["pillar_wide"][number], on_lines + wide)
    assert rows[by_section - 1][0] == "All pillars"
    for label, on_lines, wide, _total in rows[by_section + 1:by_kind]:
        number = label.split()[0]
        assert (on_lines, wide) == (db["section_lines"][number], db["section_wide"][number])
    kinds = {r[0]: r[3] for r in rows[by_kind + 1:] if r[3] is not None}
    assert kinds == dict(db["kind"])


def _merged_width(ws, cell) -> float:
    for merged in ws.merged_cells.ranges:
        if cell.coordinate in merged:
            return sum(column_points(ws.column_dimensions[get_column_letter(c)].width) for c in
                       range(merged.min_col, merged.max_col + 1)) - 4.5
    return cell_text_points(ws.column_dimensions[cell.column_letter].width)


def test_every_sheet_prints_readably(report):
    _desk, out = report
    wb = load_workbook(out)
    assert wb.sheetnames == ["Summary", "Activity figures", "Matrix", "Changes", "No activity",
                             "Acronyms"]
    when = long_date(as_at(PERIOD[1]))
    for ws in wb.worksheets:
        widths = [ws.column_dimensions[get_column_letter(i)].width
                  for i in range(1, ws.max_column + 1)]
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1
        assert setup.fitToHeight == 0
        scale = print_scale(widths, ws.page_margins.left * 25.4)
        sizes = []
        for row in ws.iter_rows():
            tallest = 0.0
            for cell in row:
                if cell.value is None:
                    continue
                font = cell.font
                assert font.name == "Arial" and font.sz, (ws.title, cell.coordinate)
                sizes.append(font.sz)
                if isinstance(cell.value, str) and (cell.alignment.wrap_text or cell.row == 1):
                    lines = wrapped_lines(cell.value, _merged_width(ws, cell), font.sz,
                                          bold=bool(font.b)) if cell.row > 1 else 1
                    tallest = max(tallest, lines * line_height(font.sz))
            if tallest:
                height = ws.row_dimensions[row[0].row].height
                assert height is not None and height >= tallest, (ws.title, row[0].row)
        assert min(sizes) * scale >= MIN_PRINTED_PT, ws.title  # on paper
        assert ws["A1"].value.endswith(f", as at {when}")
        assert ws["A1"].font.b and ws["A1"].font.name == "Arial"
        # the marking in the header and the footer, at its own size ("&" written "&&")
        assert ws.oddHeader.center.text == ws.oddFooter.center.text == "SENSITIVE && RESTRICTED"
        assert ws.HeaderFooter.scaleWithDoc is False and ws.oddHeader.center.size >= 8
        assert ws.oddFooter.right.text == "Page &P of &N"


def test_dates_are_long(report):
    _desk, out = report
    wb = load_workbook(out)
    changes = list(wb["Changes"].iter_rows(min_row=3))
    assert len(changes) == 21
    for row in changes:
        assert isinstance(row[0].value, datetime) and row[0].number_format == "d mmmm yyyy"
    for row in wb["Matrix"].iter_rows(min_row=3):  # each activity starts with its dates
        for line in (row[6].value or "").split("\n"):
            assert not line or LONG.match(line), line
    assert wb["Summary"].cell(wb["Summary"].max_row, 1).value.startswith("Figure 1.")
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            assert PRIVATE.encode() not in archive.read(name), name


def test_each_cell_has_its_own_number_format_and_boldness(report):
    """Cells written with one shared style: a percentage, a date or a bold total stays where it
    was written (nothing leaks to the cells written after it)."""
    _desk, out = report
    wb = load_workbook(out)
    summary = wb["Summary"]
    rows = [r for r in summary.iter_rows(min_row=3) if isinstance(r[7].value, float)]
    assert len(rows) >= 5
    for row in rows:
        assert row[7].number_format == "0%"
        assert all(c.number_format == "General" for c in row[1:7])
        assert all(bool(c.font.b) == (row is rows[-1]) for c in row)  # the Overall row bold
    assert rows[-1][0].value == "Overall"
    for row in wb["Changes"].iter_rows(min_row=3):
        assert row[0].number_format == "d mmmm yyyy"
        assert all(c.number_format == "General" and not c.font.b for c in row[1:])
    for row in wb["Matrix"].iter_rows(min_row=3):
        assert all(c.number_format == "General" and not c.font.b for c in row if c.value)
    assert all(c.font.b for c in wb["Matrix"][2] if c.value)  # the header row


def test_a_marking_with_a_control_character_is_written_clean_and_said_once(desk, tmp_path):
    make_report_set(desk)
    out = tmp_path / "report.xlsx"
    result = export_report(desk, *PERIOD, out, marking="RESTRICTED\x07")
    assert result.warnings == ("marking: removed control characters Word and Excel reject",)
    for ws in load_workbook(out).worksheets:
        assert ws.oddHeader.center.text == ws.oddFooter.center.text == "RESTRICTED"


def test_the_acronyms_sheet_lists_those_used(report):
    desk, out = report
    wb = load_workbook(out)
    rows = _rows(wb["Acronyms"])[2:]
    text = "\n".join(str(v) for ws in wb.worksheets if ws.title != "Acronyms"
                     for row in _rows(ws) for v in row if isinstance(v, str))
    used = brief_acronyms(text, load_report(desk, *PERIOD, glossary=True).glossary)
    assert [r[0] for r in rows] == [a.abbr for a in used]
    assert {"AEMM", "ARF", "FATF", "SUPA", "TVET"} <= {r[0] for r in rows}
    assert dict((r[0], r[1]) for r in rows)["AEMM"] == "ASEAN-EU Ministerial Meetings"


def test_the_acronyms_are_looked_for_in_each_piece_once():
    """The texts cut at ':', ';', '(' and ')', each piece once: the same acronyms as in the
    texts whole, and the texts whole when an abbreviation holds such a mark."""
    glossary = (Acronym("ARF", "ASEAN Regional Forum"), Acronym("EU", "European Union"),
                Acronym("ASEAN Plus Three", "ASEAN, China, Japan and Korea"),
                Acronym("FTA", "free trade agreement"), Acronym("SOMTC+EU", "SOMTC and EU"))
    texts = ["5 March 2026: ARF meeting (Meeting; Bangkok; lead: EU)",
             "6 March 2026: FTAs: stocktaking (Meeting; Bangkok; lead: EU)\n7 March 2026: "
             "ASEAN Plus\nThree summit (Meeting; Bangkok; lead: ASEAN)",
             "SOMTC+EU (Consultation)", "SCARF (not ARF's own)"]
    text = scanned_text(texts, glossary)
    assert text.count("Bangkok") == 1 and len(text) < len("\n".join(texts))
    assert brief_acronyms(text, glossary) == brief_acronyms("\n".join(texts), glossary)
    assert [a.abbr for a in brief_acronyms(text, glossary)] == [
        "ARF", "ASEAN Plus Three", "EU", "FTA", "SOMTC+EU"]
    marked = (*glossary, Acronym("R(D)", "research (and development)"))
    assert scanned_text(texts, marked) == "\n".join(texts)


# -- LibreOffice -------------------------------------------------------------------------------

class _Words(HTMLParser):
    """pdftotext -bbox: each page's words with their boxes (points, y down)."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[list[tuple[float, float, float, float, str]]] = []
        self._box: tuple[float, ...] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "page":
            self.pages.append([])
        elif tag == "word":
            self._box = tuple(float(a[k]) for k in ("xmin", "ymin", "xmax", "ymax"))

    def handle_data(self, data):
        if self._box is not None:
            self.pages[-1].append((*self._box, data))
            self._box = None


def overlaps(pdf) -> list[tuple[int, str, str]]:
    """Pairs of words on a page, one above the other in the same column, closer than a line
    apart: text of one row drawn over another's. (A word's box is about 1.3 em tall and
    LibreOffice wraps a cell's lines 1.12 em apart: lines of one cell are 0.86 box apart.)"""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    parser = _Words()
    parser.feed(html)
    found = []
    for number, words in enumerate(parser.pages, 1):
        words.sort(key=lambda w: w[1])
        for i, (x0, y0, x1, y1, text) in enumerate(words):
            for u0, v0, u1, _v1, other in words[i + 1:]:
                if v0 >= y1:
                    break
                if min(x1, u1) - max(x0, u0) > 1 and 1 < v0 - y0 < 0.75 * (y1 - y0):
                    found.append((number, text, other))
    return found


@pytest.mark.sqlite_only
@pytest.mark.skipif(SOFFICE is None and "CI" not in __import__("os").environ,
                    reason="LibreOffice (soffice) is not installed; CI installs it")
def test_libreoffice_prints_no_text_over_other_text(report, tmp_path, soffice_profile):
    """The report's PDF has no overlapping text; the same workbook without its row heights
    (as openpyxl leaves them) has: the check can fail."""
    import shutil

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF")
    _desk, out = report
    bare = tmp_path / "bare.xlsx"
    wb = load_workbook(out)
    for ws in wb.worksheets:
        for dimension in ws.row_dimensions.values():
            dimension.height = None
    wb.save(bare)
    ours, control = to_pdf(soffice_profile, tmp_path, out, bare)
    assert overlaps(ours) == []
    assert overlaps(control), "the check finds nothing even without row heights"
