"""Issue 21: the Excel brief and the matrix print. Every sheet on A4 landscape with all its text
(cells, print header and footer) at 8 pt or more once fitted to the page's width (font size x
scale, computed from what the file says), the marking in the header and the footer, Arial set
on every styled cell and as the workbook's default (no fallback face on a title row), rows as
high as their wrapped text; and one LibreOffice render of a six-item brief: a few pages, only
sans-serif faces, no two words printed over each other."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app.export import export_brief, export_matrix
from app.export.metrics import (
    MIN_PRINTED_PT,
    PRINT_MARGIN_MM,
    header_footer_size,
    print_scale,
    printed_points,
)
from tests.export.test_libreoffice import SOFFICE, to_pdf


def visible(wb):
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


def widths(ws):
    return [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]


@pytest.fixture
def workbooks(desk, som6, tmp_path):
    brief, matrix = tmp_path / "brief.xlsx", tmp_path / "matrix.xlsx"
    export_brief(desk, som6, brief, include_notes=True)
    export_matrix(desk, matrix)
    return brief, matrix


def test_printed_sizes_are_computed_from_font_size_and_scale():
    # 165 characters of columns: (165 x 7 + 5) px = 870 pt wide on a 769.9 pt line
    assert print_scale([165.0]) == pytest.approx(769.9 / 870, abs=1e-4)
    assert printed_points(10, [165.0]) == pytest.approx(8.85, abs=0.01)
    assert printed_points(10, [230.0]) < MIN_PRINTED_PT  # what a too-wide sheet gets
    assert printed_points(10, [50.0]) == 10  # a narrow sheet is not enlarged
    assert header_footer_size([230.0]) * print_scale([230.0]) >= MIN_PRINTED_PT
    assert header_footer_size([50.0]) == 8


def test_every_cell_header_and_footer_prints_at_8_pt_or_more(workbooks):
    for path in workbooks:
        wb = openpyxl.load_workbook(path)
        for ws in visible(wb):
            setup = ws.page_setup
            assert (setup.orientation, setup.paperSize, setup.fitToWidth) == ("landscape", 9, 1)
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.page_margins.left == ws.page_margins.right
            assert abs(ws.page_margins.left * 25.4 - PRINT_MARGIN_MM) < 0.1
            scale = print_scale(widths(ws), ws.page_margins.left * 25.4)
            sizes = {c.font.sz for row in ws.iter_rows() for c in row if c.value is not None}
            assert min(sizes) * scale >= MIN_PRINTED_PT, (path.name, ws.title, scale)
            # the header and footer: read back, at their size even if scaled with the sheet
            assert ws.HeaderFooter.scaleWithDoc is False
            parts = [p for hf in (ws.oddHeader, ws.oddFooter)
                     for p in (hf.left, hf.center, hf.right) if p.text]
            assert len(parts) == 5  # name, marking; sheet, marking, page
            for part in parts:
                assert part.size * scale >= MIN_PRINTED_PT, (ws.title, part.text)
                assert part.font.startswith("Arial,"), (ws.title, part.text)


def test_the_marking_is_in_header_and_footer_and_arial_everywhere(workbooks):
    for path, marking in zip(workbooks, ("RESTRICTED", "SENSITIVE"), strict=True):
        wb = openpyxl.load_workbook(path)
        for ws in visible(wb):
            assert ws.oddHeader.center.text == ws.oddFooter.center.text == marking
            assert ws["A1"].value.endswith(f"\u2014 {marking}")
            fonts = {c.font.name for row in ws.iter_rows() for c in row
                     if c.value is not None or c.has_style}
            assert fonts == {"Arial"}, (path.name, ws.title, fonts)
        with zipfile.ZipFile(path) as z:
            styles = z.read("xl/styles.xml").decode()
        # the default font (font 0, the Normal style): what empty title-row cells use
        first_font = re.search(r"<font>.*?</font>", styles, re.S).group(0)
        assert 'name val="Arial"' in first_font and 'sz val="10"' in first_font
        assert "Calibri" not in styles


def test_no_and_ref_are_apart_and_the_notes_column_only_when_filled(desk, som6, tmp_path):
    path = tmp_path / "brief.xlsx"
    export_brief(desk, som6, path)
    wb = openpyxl.load_workbook(path)
    for name in ("Agenda", "Items"):
        ws = wb[name]
        assert [c.value for c in ws[2]][:2] == ["No.", "Ref"]
        numbers = [r[0] for r in ws.iter_rows(min_row=3) if r[0].value is not None]
        assert all(isinstance(c.value, int) and c.alignment.horizontal == "center"
                   for c in numbers)
        refs = [r[1] for r in ws.iter_rows(min_row=3) if r[1].value]
        assert all(c.data_type == "s" and c.alignment.horizontal is None for c in refs)
        # a rule between the cells, so that "1" and "1.3(b)" never read as one
        assert all(c.border.right.style for c in numbers)
        assert "Notes" not in [c.value for c in ws[2]]
    # each item opens with a row in bold on a light fill, the cells after it plain
    items = list(wb["Items"].iter_rows(min_row=3))
    opening = [r for r in items if r[2].value == "Item"]
    assert len(opening) == 6 and all(
        c.font.b and c.fill.fgColor.rgb == "00F2F2F2" for r in opening for c in r)
    assert not any(c.font.b for r in items if r[2].value == "Objective" for c in r[3:])
    desk.set_notes(desk.resolve_ref("2.1(c)"), "Shared note on the FTA.")
    export_brief(desk, som6, tmp_path / "notes.xlsx", include_notes=True)
    ws = openpyxl.load_workbook(tmp_path / "notes.xlsx")["Items"]
    assert [c.value for c in ws[2]] == ["No.", "Ref", "Field", "Text", "Status", "Notes"]
    notes = {r[1].value: r[5].value for r in ws.iter_rows(min_row=3) if r[5].value}
    assert notes == {"2.1(c)": "Shared note on the FTA."}


# -- one render with LibreOffice --------------------------------------------------------------

class _Words(HTMLParser):
    """The words of `pdftotext -bbox` output, per page: (x0, y0, x1, y1, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[list[list]] = []
        self._word: list | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "page":
            self.pages.append([])
        elif tag == "word":
            self._word = [float(values[k]) for k in ("xmin", "ymin", "xmax", "ymax")] + [""]

    def handle_data(self, data):
        if self._word is not None:
            self._word[4] += data

    def handle_endtag(self, tag):
        if tag == "word" and self._word is not None:
            self.pages[-1].append(self._word)
            self._word = None


def overlaps(words, share=0.25):
    """Pairs of words whose boxes cover each other (across and by more than `share` of the
    lower box's height down): text printed over text, what rows too low for their wrapped
    text give. (A word's box holds the face's ascent and descent: the lines of one cell
    touch by about an eighth of their height.)"""
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > 1 and dy > share * min(a[3] - a[1], b[3] - b[1]):
                found.append((a[4], b[4]))
    return found


def test_overlaps_finds_text_printed_over_text():
    line = [[10, 10, 40, 21, "Summary:"], [45, 10, 60, 21, "41"]]
    assert overlaps(line + [[10, 19.5, 50, 30.5, "next"]]) == []  # the cell's next line
    assert overlaps(line + [[12, 16, 50, 27, "addressed"]]) == [("Summary:", "addressed"),
                                                                ("41", "addressed")]


@pytest.mark.sqlite_only
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None
                    or shutil.which("pdffonts") is None,
                    reason="LibreOffice and poppler-utils render and read the PDF (CI has them)")
def test_six_item_brief_prints_on_a_few_pages_without_overlapping_rows(desk, som6, tmp_path,
                                                                        soffice_profile):
    desk.set_notes(desk.resolve_ref("2.1(c)"), "A shared note, long enough to wrap over "
                   "more than one line of its column when it is printed on the page.")
    brief = tmp_path / "six-excel.xlsx"
    export_brief(desk, som6, brief, include_notes=True)
    (pdf,) = to_pdf(soffice_profile, tmp_path, brief)
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    parser = _Words()
    parser.feed(html)
    pages = parser.pages
    assert 3 <= len(pages) <= 6, len(pages)  # not the 35 of the whole plan's matrix
    for number, words in enumerate(pages, 1):
        text = " ".join(w[4] for w in words)
        assert "RESTRICTED" in text and f"Page {number} of {len(pages)}" in text
        assert overlaps(words) == [], number
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    faces = {line.split()[0].split("+")[-1] for line in fonts}
    assert faces and all(re.match(r"(LiberationSans|Arial)", f) for f in faces), faces


def test_an_email_address_fits_its_column_on_one_line(desk, som6, tmp_path):
    from app.export.metrics import cell_text_points, characters, text_width, wrapped_lines
    from tests.export.meeting_data import LONG_EMAIL

    assert wrapped_lines(LONG_EMAIL, cell_text_points(characters(text_width(LONG_EMAIL, 10))),
                         10) == 1
    path = tmp_path / "brief.xlsx"
    export_brief(desk, som6, path)
    ws = openpyxl.load_workbook(path)["Focal points"]
    header = [c.value for c in ws[2]]
    column = get_column_letter(header.index("Email") + 1)
    width = ws.column_dimensions[column].width
    assert width > 28  # wider than for short addresses
    emails = [r[header.index("Email")].value for r in ws.iter_rows(min_row=3)]
    assert LONG_EMAIL in emails
    assert all(wrapped_lines(e, cell_text_points(width), 10) == 1 for e in emails)
    assert print_scale(widths(ws)) * 10 >= MIN_PRINTED_PT
