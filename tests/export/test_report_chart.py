"""The chart of status by pillar (app.export.status_chart): a native chart in Word (a chart part
with its embedded workbook, as Word writes one) and in Excel, the same series, order and colours
from app.vocab's one definition, readable when printed on A4 at the size the report places it
(every text 8 pt or more on paper: Word draws a chart's text at its own size, Excel scales it
with the sheet's print scale), the values on the bars, both axes shown explicitly; and drawn
so by LibreOffice (the text measured in its PDF)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from datetime import date

import openpyxl
import pytest
from lxml import etree
from openpyxl.utils import get_column_letter

from app.export.metrics import MIN_PRINTED_PT, POINTS_PER_MM, column_points
from app.export.report import chart_table, export_report
from app.export.report_content import load_report
from app.export.status_chart import (
    AXIS_TITLE,
    FONT,
    TITLE,
    chart_space_xml,
    data_workbook,
    status_chart,
    status_table,
)
from app.vocab import STATUS_COLOURS, STATUS_INK, STATUS_LABELS, STATUS_ORDER
from tests.export.test_libreoffice import SOFFICE, to_pdf

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
PERIOD = (date(2026, 1, 1), date(2026, 12, 31))
SET = {"1.1(a)": "Achieved", "1.1(b)": "Recurring", "1.3(b)": "Achieved",
       "2.1(c)": "Being addressed", "3.5(b)": "Not yet addressed", "5(a)": "Being addressed"}
EMU_PER_PT = 12700
DEFAULT_WIDTH = 8.43  # an Excel column with no width of its own
DEFAULT_ROW_PT = 15.0
SOFFICE_MISSING = pytest.mark.skipif(
    SOFFICE is None and "CI" not in os.environ,
    reason="LibreOffice (soffice) is not installed; CI installs it and runs this")


@pytest.fixture
def seeded(desk):
    for ref, status in SET.items():
        desk.set_status(desk.resolve_ref(ref), status)
    return desk


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    folder, name = part.rsplit("/", 1)
    xml = etree.fromstring(archive.read(f"{folder}/_rels/{name}.rels"))
    return {r.get("Id"): (r.get("Type").rsplit("/", 1)[1], r.get("Target"))
            for r in xml.findall("rel:Relationship", NS)}


def _series(chart: etree._Element) -> list[dict]:
    out = []
    for ser in chart.iterfind(".//c:ser", NS):
        out.append({
            "name": ser.findtext("c:tx//c:v", namespaces=NS),
            "colour": "#" + ser.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val").lower(),
            "ink": "#" + ser.find("c:dLbls/c:txPr//a:defRPr/a:solidFill/a:srgbClr",
                                  NS).get("val").lower(),
            "labels": ser.find("c:dLbls/c:showVal", NS).get("val"),
            "categories": [v.text for v in ser.iterfind("c:cat//c:pt/c:v", NS)],
            "values": [int(float(v.text)) for v in ser.iterfind("c:val//c:pt/c:v", NS)],
            "cells": ser.findtext("c:val//c:f", namespaces=NS)})
    return out


def _codes(series: list[dict]) -> list[str]:
    """The statuses the series draw, checked to come in STATUS_ORDER, each in its colour, its
    value written on the bar in its ink."""
    by_label = {label: code for code, label in STATUS_LABELS.items()}
    codes = [by_label[s["name"]] for s in series]
    assert codes == [c for c in STATUS_ORDER if c in codes]  # the one order, none twice
    assert {"achieved", "recurring", "being_addressed", "not_yet_addressed"} <= set(codes)
    for s, code in zip(series, codes, strict=True):
        assert s["colour"] == STATUS_COLOURS[code] and s["ink"] == STATUS_INK[code], code
        assert s["labels"] == "1"  # the value on the bar
    return codes


def _text_sizes(chart: etree._Element) -> dict[str, list[float]]:
    """The size in points of every text the chart shows, by what it is: each must be set
    (no application default decides it)."""
    c = f"{{{NS['c']}}}"
    places = {"title": chart.xpath("c:chart/c:title", namespaces=NS),
              "axis title": chart.xpath("//c:valAx/c:title | //c:catAx/c:title", namespaces=NS),
              "tick labels": chart.xpath("//c:valAx | //c:catAx", namespaces=NS),
              "legend": chart.xpath("//c:legend", namespaces=NS),
              "values": chart.xpath("//c:ser/c:dLbls", namespaces=NS)}
    sizes: dict[str, list[float]] = {}
    for what, elements in places.items():
        for element in elements:
            if what == "tick labels":  # the axis' own text, not its title's
                runs = element.xpath("c:txPr//a:defRPr/@sz", namespaces=NS)
            elif element.tag == c + "title":
                runs = element.xpath(".//a:rPr/@sz | .//a:defRPr/@sz", namespaces=NS)
            else:
                runs = element.xpath("c:txPr//a:defRPr/@sz", namespaces=NS)
            assert runs, f"{what}: no size of its own"
            sizes.setdefault(what, []).extend(int(s) / 100 for s in runs)
    assert {"axis title", "tick labels", "legend", "values"} <= set(sizes)
    return sizes


def _check_axes(chart: etree._Element) -> None:
    for axis in ("c:catAx", "c:valAx"):
        assert chart.find(f".//{axis}/c:delete", NS).get("val") == "0"  # shown, explicitly
    assert chart.findtext(".//c:valAx/c:title//a:t", namespaces=NS) == AXIS_TITLE
    assert chart.find(".//c:legend/c:legendPos", NS).get("val") == "b"


def _expected(desk):
    content = load_report(desk, *PERIOD)
    pillars = [p.label for p in content.pillars]
    return pillars, {code: [p.count(code) for p in content.pillars] for code in STATUS_ORDER}


def _word_chart(path) -> tuple[etree._Element, bytes, int]:
    """The Word report's one chart part, its embedded workbook and its inline width (EMU),
    checked to be related as Word relates them."""
    with zipfile.ZipFile(path) as archive:
        assert "word/charts/chart1.xml" in archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        assert ('PartName="/word/charts/chart1.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.drawingml.chart+xml"') in types
        document = etree.fromstring(archive.read("word/document.xml"))
        (inline,) = document.xpath("//wp:inline[.//c:chart]", namespaces=NS)
        rid = inline.xpath(".//c:chart/@r:id", namespaces=NS)[0]
        assert _rels(archive, "word/document.xml")[rid] == ("chart", "charts/chart1.xml")
        chart = etree.fromstring(archive.read("word/charts/chart1.xml"))
        data_rid = chart.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
        kind, target = _rels(archive, "word/charts/chart1.xml")[data_rid]
        assert kind == "package" and re.fullmatch(r"\.\./embeddings/.+\.xlsx", target)
        embedded = archive.read("word/" + target[3:])
    return chart, embedded, int(inline.find("wp:extent", NS).get("cx"))


# -- the chart itself ----------------------------------------------------------------------

def test_one_chart_definition_statuses_in_order_and_sized_for_print():
    table = status_table(["Pillar 1", "Pillar 2"],
                         [{"achieved": 3, "not_assessed": 9}, {"recurring": 2, "achieved": 1}])
    full = etree.fromstring(chart_space_xml(status_chart(table, sheet="Data")))
    series = _series(full)
    assert _codes(series) == list(STATUS_ORDER)
    assert [s["values"] for s in series] == [[3, 1], [0, 2], [0, 0], [0, 0], [9, 0]]
    assert [s["cells"] for s in series] == [f"'Data'!${c}$2:${c}$3" for c in "BCDEF"]
    _check_axes(full)
    sizes = _text_sizes(full)
    assert min(min(v) for v in sizes.values()) >= MIN_PRINTED_PT
    assert full.findtext("c:chart/c:title//a:t", namespaces=NS) == TITLE

    # some statuses only (still in order, still referring to the full table's columns);
    # printed at 80 %, the text set larger so that it prints at the same size; no title
    part = etree.fromstring(chart_space_xml(status_chart(
        table, sheet="Data", statuses=("not_assessed", "achieved", "recurring",
                                       "being_addressed", "not_yet_addressed")[1:],
        print_scale=0.8, title=None)))
    series = _series(part)
    assert _codes(series) == list(STATUS_ORDER[:4])
    assert [s["cells"] for s in series] == [f"'Data'!${c}$2:${c}$3" for c in "BCDE"]
    assert [int(i) for i in part.xpath("//c:ser/c:idx/@val", namespaces=NS)] == [0, 1, 2, 3]
    assert part.find("c:chart/c:title", NS) is None
    assert part.find("c:chart/c:autoTitleDeleted", NS).get("val") == "1"
    scaled = _text_sizes(part)
    for what, values in scaled.items():
        assert min(values) * 0.8 >= min(sizes[what]) - 1e-9, what
    with pytest.raises(ValueError, match="statuses"):
        status_chart(table, sheet="Data", statuses=("done",))
    with pytest.raises(ValueError, match="print_scale"):
        status_chart(table, sheet="Data", print_scale=0)

    sheet = openpyxl.load_workbook(io.BytesIO(data_workbook(table, "Data")))["Data"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Pillar", *(STATUS_LABELS[c] for c in STATUS_ORDER)],
        ["Pillar 1", 3, 0, 0, 0, 9], ["Pillar 2", 1, 2, 0, 0, 0]]


# -- in the Word report --------------------------------------------------------------------

def test_the_word_report_holds_a_native_chart_with_its_workbook(seeded, tmp_path):
    out = tmp_path / "report.docx"
    export_report(seeded, *PERIOD, out)
    pillars, counts = _expected(seeded)
    assert counts["achieved"][0] == 2 and counts["recurring"][0] == 1  # pillar 1, as set
    chart, embedded, width = _word_chart(out)
    assert chart.find(".//c:barChart/c:barDir", NS).get("val") == "bar"
    assert chart.find(".//c:barChart/c:grouping", NS).get("val") == "stacked"
    series = _series(chart)
    for s, code in zip(series, _codes(series), strict=True):
        assert s["categories"] == pillars
        assert s["values"] == counts[code]
    _check_axes(chart)

    sheet = openpyxl.load_workbook(io.BytesIO(embedded)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Pillar", *(STATUS_LABELS[c] for c in STATUS_ORDER)]
    assert [r[0] for r in rows[1:]] == pillars
    for index, code in enumerate(STATUS_ORDER, start=1):
        assert [r[index] for r in rows[1:]] == counts[code]
    for s in series:  # the chart's cell references point at those cells
        column = s["cells"].split("!")[1].split(":")[0].strip("$")[0]
        assert rows[0][ord(column) - ord("A")] == s["name"]


def test_the_word_charts_text_prints_at_8_pt_or_more(seeded, tmp_path):
    """Word draws a chart's text at the size the chart part gives, whatever the frame's
    size, and the page is A4 printed at 100 %: the frame must fit the text width (Word
    would not shrink it), and every text be 8 pt or more."""
    import docx

    out = tmp_path / "report.docx"
    export_report(seeded, *PERIOD, out)
    chart, _, width = _word_chart(out)
    section = docx.Document(str(out)).sections[0]
    assert abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5
    assert width <= section.page_width - section.left_margin - section.right_margin
    sizes = _text_sizes(chart)
    assert min(min(v) for v in sizes.values()) >= MIN_PRINTED_PT, sizes


def test_the_word_reports_table_has_the_charts_order(seeded, tmp_path):
    import docx

    out = tmp_path / "report.docx"
    export_report(seeded, *PERIOD, out)
    header = [c.text for c in docx.Document(str(out)).tables[0].rows[0].cells]
    assert header[1:6] == [STATUS_LABELS[c] for c in STATUS_ORDER]


# -- in the Excel report -------------------------------------------------------------------

def excel_print_scale(ws, extra_right_pt: float = 0.0, extra_bottom_pt: float = 0.0) -> float:
    """The scale `ws` prints at: its own scale, or fitted to the page (A4, its orientation
    and margins) over its used cells and the drawings beyond them."""
    setup = ws.page_setup
    assert str(setup.paperSize) == "9", "printed on A4"
    width_mm, height_mm = (297, 210) if setup.orientation == "landscape" else (210, 297)
    m = ws.page_margins
    printable_w = width_mm * POINTS_PER_MM - (m.left + m.right) * 72
    printable_h = height_mm * POINTS_PER_MM - (m.top + m.bottom) * 72
    if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
        return (setup.scale or 100) / 100
    widths = sum(column_points(ws.column_dimensions[get_column_letter(i)].width
                               or DEFAULT_WIDTH) for i in range(1, ws.max_column + 1))
    heights = sum(ws.row_dimensions[r].height or DEFAULT_ROW_PT
                  for r in range(1, ws.max_row + 1))
    scale = 1.0
    wide = 1 if setup.fitToWidth is None else int(setup.fitToWidth)
    tall = 1 if setup.fitToHeight is None else int(setup.fitToHeight)  # 1 if not written
    if wide:
        scale = min(scale, wide * printable_w / max(widths, extra_right_pt))
    if tall:
        scale = min(scale, tall * printable_h / max(heights, extra_bottom_pt))
    return scale


def _anchor_box(ws, anchor) -> tuple[float, float]:
    """The right and bottom edges of a drawing, in points from the sheet's top left."""
    start = anchor._from
    left = sum(column_points(ws.column_dimensions[get_column_letter(i)].width or DEFAULT_WIDTH)
               for i in range(1, start.col + 1)) + start.colOff / EMU_PER_PT
    top = sum(ws.row_dimensions[r].height or DEFAULT_ROW_PT
              for r in range(1, start.row + 1)) + start.rowOff / EMU_PER_PT
    return left + anchor.ext.width / EMU_PER_PT, top + anchor.ext.height / EMU_PER_PT


def test_the_excel_reports_chart_is_the_words_chart_and_prints_at_8_pt(seeded, tmp_path):
    word, book = tmp_path / "report.docx", tmp_path / "report.xlsx"
    export_report(seeded, *PERIOD, word)
    export_report(seeded, *PERIOD, book)
    pillars, counts = _expected(seeded)
    with zipfile.ZipFile(book) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(names) == 1
        chart = etree.fromstring(archive.read(names[0]))
    series = _series(chart)
    word_series = _series(_word_chart(word)[0])
    # the same series, colours, values and inks as in Word (cell references aside)
    assert [{k: v for k, v in s.items() if k != "cells"} for s in series] == [
        {k: v for k, v in s.items() if k != "cells"} for s in word_series]
    for s, code in zip(series, _codes(series), strict=True):
        assert s["categories"] == pillars and s["values"] == counts[code]
    _check_axes(chart)

    wb = openpyxl.load_workbook(book)
    (ws,) = [ws for ws in wb.worksheets if ws._charts]
    header_row = int(re.search(r"\$(\d+)$", series[0]["cells"].split(":")[0]).group(1)) - 1
    for s in series:  # the chart's cells hold its figures under its series' names
        first, last = s["cells"].split("!")[1].replace("$", "").split(":")
        cells = ws[f"{first}:{last}"]
        assert [c[0].value for c in cells] == s["values"]
        assert ws.cell(header_row, cells[0][0].column).value == s["name"]
    right, bottom = _anchor_box(ws, ws._charts[0].anchor)
    scale = excel_print_scale(ws, right, bottom)
    sizes = _text_sizes(chart)
    printed = {what: min(v) * scale for what, v in sizes.items()}
    assert min(printed.values()) >= MIN_PRINTED_PT, (scale, printed)


def test_the_print_scale_is_computed_not_assumed(tmp_path):
    """The helper above can fail: a chart wider than the page shrinks the print."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", "9"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws["A1"] = "x"
    ws.column_dimensions["A"].width = 40
    chart = status_chart(status_table(["P"], [{"achieved": 1}]), sheet=ws.title)
    chart.width, chart.height = 40, 10  # cm: wider than A4 landscape's 27.2 cm of text
    ws.add_chart(chart, "A3")
    wb.save(tmp_path / "wide.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "wide.xlsx").active
    right, bottom = _anchor_box(ws, ws._charts[0].anchor)
    assert right / POINTS_PER_MM == pytest.approx(400, abs=1)
    assert excel_print_scale(ws, right, bottom) == pytest.approx(272 / 400, abs=0.01)


# -- drawn by LibreOffice ------------------------------------------------------------------

def _words(pdf) -> list[tuple[str, float]]:
    """Each word of the PDF with its box's height in points (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [(m.group(3), float(m.group(2)) - float(m.group(1))) for m in re.finditer(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
        html)]


@SOFFICE_MISSING
@pytest.mark.sqlite_only
def test_libreoffice_draws_the_word_chart_readably(seeded, tmp_path, soffice_profile):
    """A document holding the report's chart alone, at the width the report gives it, and
    one ruler word in Arial 8 pt: every other word and number in its PDF is the chart as
    LibreOffice draws it, each as tall as the ruler or taller (8 pt or more)."""
    import docx
    from docx.shared import Pt

    if not SOFFICE or not _has_pdftotext():
        pytest.fail("LibreOffice and pdftotext (poppler-utils) are needed")
    from app.export.docx_chart import add_chart

    report = tmp_path / "report.docx"
    export_report(seeded, *PERIOD, report)
    chart_xml, embedded, width = _word_chart(report)
    document = docx.Document()
    ruler = document.add_paragraph().add_run("Ruler")
    ruler.font.name, ruler.font.size = FONT, Pt(MIN_PRINTED_PT)
    add_chart(document, lambda rid: re.sub(
        rb'(<c:externalData [^>]*r:id=")[^"]+"', rb"\g<1>" + rid.encode() + b'"',
        etree.tostring(chart_xml, xml_declaration=True, encoding="UTF-8", standalone=True)),
        embedded, width=width, height=int(width * 0.6), name="chart", description="chart")
    out = tmp_path / "chart.docx"
    document.save(str(out))
    (pdf,) = to_pdf(soffice_profile, tmp_path, out)
    words = _words(pdf)
    ((_, ruler_height),) = [w for w in words if w[0] == "Ruler"]
    words.remove(("Ruler", ruler_height))
    text = " ".join(w for w, _ in words)
    table = chart_table(load_report(seeded, *PERIOD))
    if chart_xml.find("c:chart/c:title", NS) is not None:
        assert TITLE in text
    for pillar in table.categories:
        assert pillar in text
    series = _series(chart_xml)
    for s in series:
        assert s["name"] in text  # the legend
    numbers = [w for w, _ in words if w.isdigit()]
    for s in series:  # the values on the bars (zeros are left blank)
        for value in s["values"]:
            if value:
                assert str(value) in numbers
    assert AXIS_TITLE in text
    printed = sorted((round(h / ruler_height * MIN_PRINTED_PT, 2), w) for w, h in words)
    assert printed[0][0] >= MIN_PRINTED_PT - 0.05, printed[:5]


def _has_pdftotext() -> bool:
    import shutil

    return shutil.which("pdftotext") is not None
