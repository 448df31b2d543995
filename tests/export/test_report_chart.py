"""The progress report's chart of status by pillar: a native chart in Word (a chart part with its
embedded workbook, as Word writes one) and in Excel, the same figures, order and colours as
app.vocab's one definition, readable when printed (8 pt or more, values on the bars, axes
shown), and drawn by LibreOffice."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import date

import pytest
from lxml import etree

from app.export.report import chart_table, export_report
from app.export.report_content import load_report
from app.vocab import STATUS_COLOURS, STATUS_INK, STATUS_LABELS, STATUS_ORDER
from tests.export.test_libreoffice import SOFFICE, pdf_text, to_pdf

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
PERIOD = (date(2026, 1, 1), date(2026, 12, 31))
SET = {"1.1(a)": "Achieved", "1.1(b)": "Recurring", "1.3(b)": "Achieved",
       "2.1(c)": "Being addressed", "3.5(b)": "Not yet addressed", "5(a)": "Being addressed"}


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


def _check_readable(chart: etree._Element) -> None:
    sizes = [int(s) for s in chart.xpath("//@sz")]
    assert sizes and min(sizes) >= 800  # 8 pt or more, printed at 100%
    for axis in ("c:catAx", "c:valAx"):
        assert chart.find(f".//{axis}/c:delete", NS).get("val") == "0"  # shown, explicitly
    assert chart.findtext(".//c:valAx/c:title//a:t", namespaces=NS) == "Action lines"
    assert chart.find(".//c:legend/c:legendPos", NS).get("val") == "b"


def _expected(desk):
    content = load_report(desk, *PERIOD)
    pillars = [p.label for p in content.pillars]
    return pillars, {code: [p.count(code) for p in content.pillars] for code in STATUS_ORDER}


def test_the_word_report_holds_a_native_chart_with_its_workbook(seeded, tmp_path):
    out = tmp_path / "report.docx"
    export_report(seeded, *PERIOD, out)
    pillars, counts = _expected(seeded)
    assert counts["achieved"][0] == 2 and counts["recurring"][0] == 1  # pillar 1, as set
    with zipfile.ZipFile(out) as archive:
        assert "word/charts/chart1.xml" in archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        assert ('PartName="/word/charts/chart1.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.drawingml.chart+xml"') in types
        # the document relates the chart part and draws it inline
        document = etree.fromstring(archive.read("word/document.xml"))
        rids = document.xpath("//wp:inline//c:chart/@r:id", namespaces=NS)
        assert len(rids) == 1
        assert _rels(archive, "word/document.xml")[rids[0]] == ("chart", "charts/chart1.xml")
        chart = etree.fromstring(archive.read("word/charts/chart1.xml"))
        # the embedded workbook, related from the chart part (Word's "Edit Data")
        data_rid = chart.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
        kind, target = _rels(archive, "word/charts/chart1.xml")[data_rid]
        assert kind == "package" and re.fullmatch(r"\.\./embeddings/.+\.xlsx", target)
        embedded = archive.read("word/" + target[3:])
    assert chart.find(".//c:barChart/c:barDir", NS).get("val") == "bar"
    assert chart.find(".//c:barChart/c:grouping", NS).get("val") == "stacked"
    series = _series(chart)
    assert [s["name"] for s in series] == [STATUS_LABELS[c] for c in STATUS_ORDER]
    assert [s["colour"] for s in series] == [STATUS_COLOURS[c] for c in STATUS_ORDER]
    assert [s["ink"] for s in series] == [STATUS_INK[c] for c in STATUS_ORDER]
    for s, code in zip(series, STATUS_ORDER, strict=True):
        assert s["categories"] == pillars
        assert s["values"] == counts[code]
        assert s["labels"] == "1"  # the value on the bar
    _check_readable(chart)

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(embedded)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Pillar", *(STATUS_LABELS[c] for c in STATUS_ORDER)]
    assert [r[0] for r in rows[1:]] == pillars
    for index, code in enumerate(STATUS_ORDER, start=1):
        assert [r[index] for r in rows[1:]] == counts[code]
    # the chart's cell references point at those cells
    assert series[0]["cells"] == f"'Sheet1'!$B$2:$B${len(pillars) + 1}"

    import docx

    document = docx.Document(str(out))
    assert len(document.inline_shapes) == 1
    section = document.sections[0]  # drawn at 100%: no wider than the text
    assert document.inline_shapes[0].width <= (section.page_width - section.left_margin
                                               - section.right_margin)


def test_the_excel_reports_chart_is_the_same_chart(seeded, tmp_path):
    out = tmp_path / "report.xlsx"
    export_report(seeded, *PERIOD, out)
    pillars, counts = _expected(seeded)
    with zipfile.ZipFile(out) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(names) == 1
        chart = etree.fromstring(archive.read(names[0]))
    series = _series(chart)
    assert [s["name"] for s in series] == [STATUS_LABELS[c] for c in STATUS_ORDER]
    assert [s["colour"] for s in series] == [STATUS_COLOURS[c] for c in STATUS_ORDER]
    for s, code in zip(series, STATUS_ORDER, strict=True):
        assert s["categories"] == pillars and s["values"] == counts[code]
    _check_readable(chart)

    from openpyxl import load_workbook

    wb = load_workbook(out)
    summary = wb["Summary"]
    assert [c.value for c in summary[2]][1:6] == [STATUS_LABELS[c] for c in STATUS_ORDER]
    column = summary[series[0]["cells"].split("!")[1].replace("$", "")]
    assert [c[0].value for c in column] == counts["achieved"]
    # printed on A4 landscape at 100%: its 8 and 9 pt text stays 8 and 9 pt on paper
    from openpyxl.utils import get_column_letter

    from app.export.metrics import column_points, print_scale

    widths = [summary.column_dimensions[get_column_letter(i)].width
              for i in range(1, summary.max_column + 1)]
    assert print_scale(widths, summary.page_margins.left * 25.4) == 1.0
    with zipfile.ZipFile(out) as archive:  # the chart's frame, in EMU (12,700 a point)
        drawing = etree.fromstring(archive.read("xl/drawings/drawing1.xml"))
    (ext,) = drawing.xpath("//*[local-name()='ext'][@cx]")
    assert 600 <= int(ext.get("cx")) / 12700 <= sum(column_points(w) for w in widths)


def test_the_word_reports_table_has_the_charts_order(seeded, tmp_path):
    import docx

    out = tmp_path / "report.docx"
    export_report(seeded, *PERIOD, out)
    header = [c.text for c in docx.Document(str(out)).tables[0].rows[0].cells]
    assert header[1:6] == [STATUS_LABELS[c] for c in STATUS_ORDER]


SOFFICE_MISSING = pytest.mark.skipif(
    SOFFICE is None and "CI" not in os.environ,
    reason="LibreOffice (soffice) is not installed; CI installs it and runs this")


@SOFFICE_MISSING
@pytest.mark.sqlite_only
def test_libreoffice_draws_the_word_chart(seeded, tmp_path, soffice_profile):
    """A document holding the report's chart alone: every word and number in its PDF comes
    from the chart as LibreOffice draws it."""
    import docx

    from app.export.report import _add_chart

    table = chart_table(load_report(seeded, *PERIOD))
    document = docx.Document()
    _add_chart(document, table)
    out = tmp_path / "chart.docx"
    document.save(str(out))
    (pdf,) = to_pdf(soffice_profile, tmp_path, out)
    text = pdf_text(pdf)
    assert text is not None, "pdftotext (poppler-utils) is needed to read the PDF"
    words = " ".join(text.split())
    assert "Action lines by status and pillar" in words
    for pillar in table.categories:
        assert pillar in words
    for code in STATUS_ORDER:
        assert STATUS_LABELS[code] in words  # the legend
    numbers = re.findall(r"\b\d+\b", text)
    for code in STATUS_ORDER:  # the values on the bars (zeros are left blank)
        for value in table.counts[code]:
            if value:
                assert str(value) in numbers
