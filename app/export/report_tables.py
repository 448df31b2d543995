"""The Word report's tables, written as one piece of XML text per table and parsed once.

The report's tables hold thousands of cells (every action line, every activity, every status
change): made element by element through python-docx's classes (app.export.docx_xml) they cost
most of the report's time; as text, parsed by lxml in one go, a tenth of it. They look as the
brief's tables do (docx_xml.Body.table: rules between rows, no vertical lines, a shaded header
row that repeats on every page, rows that do not split) and their cells use the brief's
"Table Text" style.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast
from xml.sax.saxutils import escape, quoteattr

from .docx_xml import GREY, HEADER_SHADE, RULE, SHADE, Fmt, Run, W, twips

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
Cell = Sequence[Run] | Sequence[Sequence[Run]]  # one paragraph's runs, or paragraphs


def _run(text: str, fmt: Fmt) -> str:
    props = "".join(tag for on, tag in ((fmt.bold, "<w:b/>"), (fmt.italic, "<w:i/>"),
                                        (fmt.grey, f'<w:color w:val="{GREY}"/>')) if on)
    if fmt.size:
        props += f'<w:sz w:val="{round(fmt.size * 2)}"/>'
    parts = []
    for index, piece in enumerate(text.split("\t")):
        if index:
            parts.append("<w:tab/>")
        if piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{''.join(parts)}</w:r>"


def _paragraphs(content: Cell) -> list[Sequence[Run]]:
    if not content:
        return [[]]
    if isinstance(content[0], tuple) and isinstance(content[0][1], Fmt):
        return [cast("Sequence[Run]", content)]
    return list(cast("Sequence[Sequence[Run]]", content))


class XmlTable:
    """Rows gathered as text; `place` puts the table before the body's section properties."""

    def __init__(self, widths_mm: Sequence[float], style_id: str | None, *,
                 header: Sequence[Run] = ()) -> None:
        self.widths = [twips(w) for w in widths_mm]
        self._style = (f"<w:pPr><w:pStyle w:val={quoteattr(style_id)}/></w:pPr>"
                       if style_id else "")
        self._keep = (f"<w:pPr><w:pStyle w:val={quoteattr(style_id)}/><w:keepNext/></w:pPr>"
                      if style_id else "<w:pPr><w:keepNext/></w:pPr>")
        self._rows: list[str] = []
        if header:
            self.row([[run] for run in header], shade=HEADER_SHADE, header=True)

    def row(self, cells: Sequence[Cell], *, shade: str | None = None,
            header: bool = False) -> None:
        """One row; each cell a list of runs (one paragraph) or a list of paragraphs."""
        out = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if header else "",
               "</w:trPr>"]
        fill = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
        for content, width in zip(cells, self.widths, strict=True):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{fill}</w:tcPr>')
            for runs in _paragraphs(content):
                out.append(f"<w:p>{self._style}"
                           f"{''.join(_run(text, fmt) for text, fmt in runs)}</w:p>")
            out.append("</w:tc>")
        out.append("</w:tr>")
        self._rows.append("".join(out))

    def span(self, runs: Sequence[Run]) -> None:
        """A shaded row across the table (a section's heading), kept with the next row."""
        self._rows.append(
            f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w='
            f'"{sum(self.widths)}" w:type="dxa"/><w:gridSpan w:val="{len(self.widths)}"/>'
            f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/></w:tcPr>'
            f"<w:p>{self._keep}{''.join(_run(t, f) for t, f in runs)}</w:p></w:tc></w:tr>")

    def place(self, document: Any) -> Any:
        """Parse the table and put it at the end of the document's body."""
        from docx.oxml import parse_xml

        edges = "".join(
            f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
            if edge in ("top", "bottom", "insideH") else f'<w:{edge} w:val="nil"/>'
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
        margins = "".join(f'<w:{edge} w:w="{w}" w:type="dxa"/>' for edge, w in (
            ("top", 45), ("left", 85), ("bottom", 45), ("right", 85)))
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.widths)
        tbl = parse_xml(
            f'<w:tbl {_NS}><w:tblPr><w:tblW w:w="{sum(self.widths)}" w:type="dxa"/>'
            f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f"<w:tblCellMar>{margins}</w:tblCellMar>"
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(self._rows)}</w:tbl>")
        body = document.element.body
        end = body.find(W + "sectPr")
        if end is not None:
            end.addprevious(tbl)
        else:
            body.append(tbl)
        return tbl
