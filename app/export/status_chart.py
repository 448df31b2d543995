"""The chart of action lines by status and pillar, as a native Office chart (DrawingML): the
same chart in the Excel report (beside its Summary sheet) and in the Word report (a chart part
with its own embedded workbook, app.export.docx_chart), drawn with openpyxl's chart classes.

Readable when printed on A4: text at 8 pt or more, the value on every bar (zeros left blank),
the statuses in app.vocab's order and colours (lightness differs as well as hue, so a
black-and-white print tells them apart), both axes shown explicitly (recent Excel hides an axis
whose visibility is not written), a title on the value axis. The values are written into the
chart as well (the series' caches), so Word and LibreOffice draw it without opening its data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.chart import BarChart
from openpyxl.chart.data_source import (
    AxDataSource,
    NumData,
    NumDataSource,
    NumFmt,
    NumRef,
    NumVal,
    StrData,
    StrRef,
    StrVal,
)
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.legend import Legend
from openpyxl.chart.series import Series, SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.descriptors import Typed
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import (
    CharacterProperties,
    Font,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.utils import get_column_letter, quote_sheetname

from app.vocab import STATUS_COLOURS, STATUS_INK, STATUS_LABELS, STATUS_ORDER

TITLE = "Action lines by status and pillar"
AXIS_TITLE = "Action lines"
FONT = "Arial"
TEXT_PT = 9  # axis labels and legend
LABEL_PT = 8  # the values on the bars
TITLE_PT = 11


@dataclass(frozen=True, slots=True)
class StatusTable:
    """What the chart shows: one category per pillar, one count per status (STATUS_ORDER)."""

    categories: tuple[str, ...]
    counts: Mapping[str, tuple[int, ...]]  # status code -> one count per category

    @property
    def header(self) -> list[str]:
        return ["Pillar", *(STATUS_LABELS[code] for code in STATUS_ORDER)]

    def rows(self) -> list[list[str | int]]:
        return [[category, *(self.counts[code][i] for code in STATUS_ORDER)]
                for i, category in enumerate(self.categories)]


class _Labels(DataLabelList):  # type: ignore[misc]
    """Data labels whose number format says it is their own (sourceLinked="0"): openpyxl's
    omit that, and LibreOffice then takes the cells' format and writes the zeros."""

    tagname = "dLbls"
    numFmt = Typed(expected_type=NumFmt, allow_none=True)
    __elements__ = DataLabelList.__elements__
    __nested__ = tuple(n for n in DataLabelList.__nested__ if n != "numFmt")


class _Bars(BarChart):  # type: ignore[misc]
    """A bar chart that says so when it has no title (autoTitleDeleted): Excel would make
    one up from a single series' name."""

    tagname = "barChart"
    __elements__ = BarChart.__elements__
    __nested__ = BarChart.__nested__

    def _write(self) -> Any:
        from openpyxl.xml.functions import Element

        space = super()._write()  # tags without a namespace: the root's is the default
        if self.title is None:
            space.find("chart").insert(0, Element("autoTitleDeleted", val="1"))
        return space


def _props(size: float, *, bold: bool = False, colour: str = "000000") -> CharacterProperties:
    return CharacterProperties(sz=int(size * 100), b=bold, solidFill=colour,
                               latin=Font(typeface=FONT))


def _text(size: float, *, bold: bool = False, colour: str = "000000") -> RichText:
    """Text properties: `size` in points, `colour` as RRGGBB."""
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=_props(size, bold=bold,
                                                                         colour=colour)),
                                 r=[], endParaRPr=_props(size, bold=bold, colour=colour))])


def _title(text: str, size: float) -> Title:
    props = _props(size, bold=True)
    rich = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props),
                                 r=[RegularTextRun(rPr=props, t=text)])])
    return Title(tx=Text(rich=rich), overlay=False)


def _line(colour: str, width_pt: float = 0.75) -> GraphicalProperties:
    return GraphicalProperties(ln=LineProperties(solidFill=colour, w=int(width_pt * 12700)))


def status_chart(table: StatusTable, *, sheet: str, header_row: int = 1,
                 statuses: Sequence[str] = STATUS_ORDER, print_scale: float = 1.0,
                 title: str | None = TITLE) -> BarChart:
    """The stacked horizontal bar chart of `table`, its data at `sheet`'s cells: the series'
    names in row `header_row` (columns B... in STATUS_ORDER), the categories in column A below
    it, one row per category (pillar 1 drawn at the top).

    `statuses`: the series drawn (always in STATUS_ORDER, each in its colour; the cell
    references stay the full table's). `print_scale`: the scale the chart prints at (an Excel
    sheet fitted to the page, app.export.metrics.print_scale): its text is set that much larger,
    so it prints at TEXT_PT and LABEL_PT. `title`: None for none (a caption outside)."""
    if not 0 < print_scale <= 1:
        raise ValueError(f"print_scale must be in (0, 1], not {print_scale}")
    unknown = set(statuses) - set(STATUS_ORDER)
    if unknown or not statuses:
        raise ValueError(f"statuses must be some of {STATUS_ORDER}, not {tuple(statuses)}")

    def size(points: float) -> float:  # in half points, up
        return math.ceil(points / print_scale * 2) / 2

    chart = _Bars()
    chart.type, chart.grouping, chart.overlap, chart.gapWidth = "bar", "stacked", 100, 60
    chart.title = _title(title, size(TITLE_PT)) if title else None
    chart.style = None
    chart.roundedCorners = False
    first, last = header_row + 1, header_row + len(table.categories)
    where = quote_sheetname(sheet)
    categories = AxDataSource(strRef=StrRef(
        f=f"{where}!$A${first}:$A${last}",
        strCache=StrData(ptCount=len(table.categories),
                         pt=[StrVal(idx=i, v=c) for i, c in enumerate(table.categories)])))
    for index, code in enumerate(c for c in STATUS_ORDER if c in statuses):
        column = get_column_letter(2 + STATUS_ORDER.index(code))
        values = table.counts[code]
        series = Series(
            idx=index, order=index,
            tx=SeriesLabel(strRef=StrRef(f=f"{where}!${column}${header_row}", strCache=StrData(
                ptCount=1, pt=[StrVal(idx=0, v=STATUS_LABELS[code])]))),
            cat=categories,
            val=NumDataSource(numRef=NumRef(
                f=f"{where}!${column}${first}:${column}${last}",
                numCache=NumData(formatCode="General", ptCount=len(values),
                                 pt=[NumVal(idx=i, v=n) for i, n in enumerate(values)]))))
        series.graphicalProperties = GraphicalProperties(solidFill=STATUS_COLOURS[code][1:])
        series.graphicalProperties.line.solidFill = "595959"  # a thin edge: light bars show
        series.graphicalProperties.line.width = 6350  # 0.5 pt
        series.invertIfNegative = False
        series.dLbls = _Labels(numFmt=NumFmt("0;-0;;", False), showVal=True,
                               showLegendKey=False, showCatName=False, showSerName=False,
                               showPercent=False, showBubbleSize=False, dLblPos="ctr")
        series.dLbls.txPr = _text(size(LABEL_PT), bold=True, colour=STATUS_INK[code][1:])
        chart.series.append(series)
    y, x = chart.y_axis, chart.x_axis  # y: the values (drawn across), x: the pillars
    for axis in (x, y):
        axis.delete = False  # shown, explicitly
        axis.txPr = _text(size(TEXT_PT))
        axis.spPr = _line("595959")
    x.scaling.orientation = "maxMin"  # pillar 1 at the top
    x.tickLblPos = "nextTo"
    y.crosses = "max"  # with the pillars reversed: the value axis at the bottom
    y.title = _title(AXIS_TITLE, size(TEXT_PT))
    y.number_format = "0"
    y.majorGridlines.spPr = _line("d9d9d9", 0.5)
    y.scaling.min = 0
    chart.legend = Legend(legendPos="b", overlay=False, txPr=_text(size(TEXT_PT)))
    return chart


def chart_space_xml(chart: BarChart, *, workbook_rid: str | None = None) -> bytes:
    """The chart as a chartSpace part (word/charts/chartN.xml): with `workbook_rid`, the
    relationship to its embedded workbook, so Word's "Edit Data" opens it."""
    from openpyxl.xml.constants import CHART_NS, REL_NS
    from openpyxl.xml.functions import Element, SubElement, tostring

    space = chart._write()
    space.insert(0, Element(f"{{{CHART_NS}}}lang", val="en-GB"))
    if workbook_rid is not None:
        external = SubElement(space, f"{{{CHART_NS}}}externalData",
                              {f"{{{REL_NS}}}id": workbook_rid})
        SubElement(external, f"{{{CHART_NS}}}autoUpdate", val="0")
    return b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + bytes(tostring(space))


def data_workbook(table: StatusTable, sheet: str = "Sheet1") -> bytes:
    """The chart's data as a workbook of its own (what Word embeds for "Edit Data")."""
    import io

    from openpyxl import Workbook

    from .doc_props import save_workbook, set_xlsx_properties

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(table.header)
    for row in table.rows():
        ws.append(row)
    ws.column_dimensions["A"].width = 40
    set_xlsx_properties(wb, title=TITLE, subject="", marking="")  # not "Openpyxl"
    buffer = io.BytesIO()
    save_workbook(wb, buffer)
    return buffer.getvalue()


def status_table(categories: Sequence[str], counts: Sequence[Mapping[str, int]]
                 ) -> StatusTable:
    """A StatusTable from each category's counts by status code."""
    return StatusTable(tuple(categories),
                       {code: tuple(c.get(code, 0) for c in counts) for code in STATUS_ORDER})
