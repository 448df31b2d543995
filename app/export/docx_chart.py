"""A native chart in a Word document, as Word itself writes one: a chart part
(word/charts/chartN.xml, a DrawingML chartSpace) related from the document, its data as an
embedded workbook (word/embeddings/*.xlsx) related from the chart part (Word's "Edit Data"
opens it), and an inline drawing in a paragraph that points at the chart part. Word and
LibreOffice draw it from the values cached in the chart part. Built on python-docx's OPC layer
(python-docx has no chart API of its own)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import quoteattr

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def add_chart(document: Any, chart_xml: Callable[[str], bytes], workbook: bytes, *,
              width: int, height: int, name: str, description: str) -> Any:
    """Append a paragraph holding a chart to `document` (a python-docx Document).
    `chart_xml(rid)`: the chartSpace part, given the relationship id of its embedded
    `workbook` (xlsx bytes); `width`, `height` in EMU. Returns the paragraph."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document_part = document.part
    package = document_part.package
    chart_part = Part(package.next_partname("/word/charts/chart%d.xml"), CHART_CT, b"", package)
    chart_rid = document_part.relate_to(chart_part, RT.CHART)
    data_part = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                     CT.SML_SHEET, workbook, package)
    chart_part._blob = chart_xml(chart_part.relate_to(data_part, RT.PACKAGE))
    shape_id = document_part.next_id
    run = parse_xml(
        f"<w:r {nsdecls('w', 'wp', 'a', 'r')}><w:drawing>"
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name={quoteattr(name)} descr={quoteattr(description)}/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{CHART_URI}">'
        f'<c:chart xmlns:c="{CHART_URI}" r:id="{chart_rid}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")
    paragraph = document.add_paragraph()
    paragraph._p.append(run)
    return paragraph
