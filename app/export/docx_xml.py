"""WordprocessingML written straight into a python-docx document's body with lxml.

python-docx re-checks the schema's child order on every element it adds; for a brief of all
165 action lines that made it almost three times slower than plain paragraphs. The brief's
body is simple (paragraphs, runs, tables, fields, bookmarks), so it is built here directly,
in schema order; python-docx still owns the package, styles, sections and saving. A
paragraph, a run, a table's frame and a row are each written as one string of XML and parsed
at once (lxml makes no Python object per element: three times faster than element by
element); elements are parsed with python-docx's element classes and placed in the document's
own tree, so python-docx reads them back as usual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from docx.oxml.parser import element_class_lookup
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RULE = "A6A6A6"
SHADE = "F2F2F2"
HEADER_SHADE = "D9D9D9"
GREY = "595959"


@dataclass(frozen=True, slots=True)
class Fmt:
    bold: bool = False
    italic: bool = False
    grey: bool = False
    size: float = 0  # points; 0: the style's


PLAIN = Fmt()
Run = tuple[str, Fmt]


@dataclass(frozen=True, slots=True)
class Written:
    """What a paragraph said when it was written (app.export.docx_layout measures it from
    this, without reading the XML back, while it still has `children` child elements)."""

    style_id: str
    text: str  # its w:t text (tabs are w:tab elements: not in it)
    size: float  # its largest run's size in points (0: the style's)
    page_break: bool
    children: int
    ppr: bool  # written with paragraph properties (a style, a keep)


@dataclass(frozen=True, slots=True)
class WrittenRow:
    """A table row's cells when it was written: (width in twips, paragraphs)."""

    cells: tuple[tuple[int, tuple[Written, ...]], ...]
    children: int


def written(style_id: str | None, runs: Sequence[Run], page_break: bool = False,
            keep: bool = False) -> Written:
    """The `Written` of a paragraph made by `paragraph_xml(style_id, runs, keep)`."""
    ppr = bool(style_id) or keep
    return Written(style_id or "", "".join(text.replace("\t", "") for text, _ in runs),
                   max((round(fmt.size * 2) / 2 for _, fmt in runs), default=0.0), page_break,
                   len(runs) + ppr + page_break, ppr)


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def sub(parent: Any, tag: str, **attrs: str) -> Any:
    """A child `w:tag` with `w:` attributes (made in the parent's tree: python-docx classes)."""
    return etree.SubElement(parent, W + tag, {W + k: v for k, v in attrs.items()})


# python-docx's element classes; blank text kept (a run of spaces is text)
_PARSER = etree.XMLParser(resolve_entities=False, remove_blank_text=False)
_PARSER.set_element_class_lookup(element_class_lookup)
_DECLARE = f' xmlns:w="{W_NS}"'
_TAG = re.compile(r"<w:\w+")
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))


def escape(text: str) -> str:
    """`text` as XML character data (str.translate would be ten times slower)."""
    for char, entity in _ESCAPES:
        if char in text:
            text = text.replace(char, entity)
    return text


def parse(xml: str) -> Any:
    """One element from its XML (`<w:tag ...>`, the w: namespace declared here)."""
    head = _TAG.match(xml).end()  # type: ignore[union-attr]
    return etree.fromstring(xml[:head] + _DECLARE + xml[head:], _PARSER)


def attr(value: str) -> str:
    """`value` as the text of an XML attribute in double quotes."""
    return escape(value).replace('"', "&quot;")


def run_xml(text: str, fmt: Fmt = PLAIN) -> str:
    """The XML of one run of `text` (tabs as w:tab)."""
    out = ["<w:r>"]
    if fmt != PLAIN:
        out.append("<w:rPr>")
        if fmt.bold:
            out.append("<w:b/>")
        if fmt.italic:
            out.append("<w:i/>")
        if fmt.grey:
            out.append(f'<w:color w:val="{GREY}"/>')
        if fmt.size:
            out.append(f'<w:sz w:val="{round(fmt.size * 2)}"/>')
        out.append("</w:rPr>")
    for index, piece in enumerate(text.split("\t")):
        if index:
            out.append("<w:tab/>")
        if piece:
            space = ' xml:space="preserve"' if piece[0].isspace() or piece[-1].isspace() \
                else ""
            out.append(f"<w:t{space}>{escape(piece)}</w:t>")
    out.append("</w:r>")
    return "".join(out)


def paragraph_xml(style_id: str | None, runs: Iterable[Run], keep: bool = False) -> str:
    """A paragraph's XML; `keep`: it keeps with the next one."""
    style = f'<w:pStyle w:val="{attr(style_id)}"/>' if style_id else ""
    props = f"<w:pPr>{style}{'<w:keepNext/>' if keep else ''}</w:pPr>" if style or keep else ""
    return "<w:p>" + props + "".join(run_xml(text, fmt) for text, fmt in runs) + "</w:p>"


def add_text(parent: Any, text: str, fmt: Fmt = PLAIN) -> Any:
    """One run of `text` (tabs as w:tab) at the end of a paragraph or hyperlink."""
    r = parse(run_xml(text, fmt))
    parent.append(r)
    return r


def field_xml(instruction: str, cached: str = "", *, dirty: bool = False) -> str:
    """The runs of a complex field (begin / instrText / separate / cached result / end)."""
    flag = ' w:dirty="true"' if dirty else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"{flag}/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction.strip())} '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + (run_xml(cached) if cached else "")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def add_field(p: Any, instruction: str, cached: str = "", *, dirty: bool = False) -> Any:
    """A complex field (begin / instrText / separate / cached result / end) at the end of
    paragraph element `p`; returns the run holding the "end" mark."""
    runs = parse("<w:p>" + field_xml(instruction, cached, dirty=dirty) + "</w:p>")
    for run in list(runs):
        p.append(run)
    return p[-1]


def bookmark(p: Any, name: str, number: int) -> None:
    """Wrap the content of paragraph element `p` in a bookmark (a target for links)."""
    start = p.makeelement(W + "bookmarkStart", {W + "id": str(number), W + "name": name})
    ppr = p.find(W + "pPr")
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    sub(p, "bookmarkEnd", id=str(number))


def internal_link(p: Any, anchor: str, text: str) -> None:
    add_text(sub(p, "hyperlink", anchor=anchor, history="1"), text)


KEEP_NEXT, BREAK_BEFORE, ROWS_KEPT, ROWS_BUT_LAST = 1, 2, 4, 8


class Body:
    """Appends block elements (paragraphs, tables) before the body's final section
    properties."""

    def __init__(self, document: Any) -> None:
        self.body = document.element.body
        self._end = self.body.find(W + "sectPr")
        # what each paragraph and table row said when written (for app.export.docx_layout)
        self.written: dict[Any, Written | WrittenRow] = {}
        # the keeps set on paragraphs and tables after they were written (by
        # app.export.docx_page.PageWriter.keep, .keep_together): KEEP_NEXT, BREAK_BEFORE
        # for a paragraph, ROWS_KEPT or ROWS_BUT_LAST for a table's rows
        self.kept: dict[Any, int] = {}
        # while True, every paragraph written keeps with the next (a run kept together is
        # written so at once; `unkeep` takes it off where it should not be)
        self.keeping = False

    def mark(self) -> Any:
        """Where the body ends now: `since(mark)` gives what was written after."""
        return self._end.getprevious() if self._end is not None else (
            self.body[-1] if len(self.body) else None)

    def since(self, mark: Any) -> list[Any]:
        """The block elements (paragraphs, tables) written after `mark`."""
        element = mark.getnext() if mark is not None else (
            self.body[0] if len(self.body) else None)
        out = []
        while element is not None and element is not self._end:
            if element.tag in (W + "p", W + "tbl"):
                out.append(element)
            element = element.getnext()
        return out

    def _place(self, element: Any) -> Any:
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self.body.append(element)
        return element

    def place_xml(self, xml: str) -> Any:
        """A block element from its XML (`<w:p>...</w:p>`, `<w:tbl>...`), placed at the end."""
        return self._place(parse(xml))

    def paragraph(self, style_id: str | None = None, runs: Iterable[Run] = (), *,
                  page_break: bool = False) -> Any:
        runs = list(runs)
        xml = paragraph_xml(style_id, runs, self.keeping)
        if page_break:
            xml = xml[:-6] + '<w:r><w:br w:type="page"/></w:r></w:p>'
        p = self._place(parse(xml))
        self.written[p] = written(style_id, runs, page_break, self.keeping)
        return p

    def unkeep(self, p: Any) -> None:
        """Paragraph `p` no longer keeps with the next (its properties gone if that was all
        of them and it has no style)."""
        ppr = p.find(W + "pPr")
        keep = ppr.find(W + "keepNext") if ppr is not None else None
        if keep is not None:
            ppr.remove(keep)
            if not len(ppr):
                p.remove(ppr)

    def table(self, widths_mm: Sequence[float], *, header: Sequence[str] = (),
              style_id: str | None = None) -> Table:
        widths = [twips(w) for w in widths_mm]
        rule = f'w:val="single" w:sz="4" w:space="0" w:color="{RULE}"'
        borders = "".join(f"<w:{edge} {rule}/>" if edge in ("top", "bottom", "insideH")
                          else f'<w:{edge} w:val="nil"/>'
                          for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
        margins = "".join(f'<w:{edge} w:w="{margin}" w:type="dxa"/>' for edge, margin in
                          (("top", "45"), ("left", "85"), ("bottom", "45"), ("right", "85")))
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        tbl = self._place(parse(
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f"<w:tblCellMar>{margins}</w:tblCellMar>"
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid></w:tbl>"))
        table = Table(tbl, widths, style_id, self.written, self)
        if header:
            table.row([[(text, Fmt(bold=True))] for text in header], shade=HEADER_SHADE,
                      header=True)
        return table


class Table:
    def __init__(self, tbl: Any, widths: list[int], style_id: str | None = None,
                 written_rows: dict[Any, Any] | None = None, body: Body | None = None) -> None:
        self.tbl = tbl
        self.widths = widths
        self.style_id = style_id  # of the cells' paragraphs
        self.written = {} if written_rows is None else written_rows
        self.body = body  # (while it is `keeping`, each paragraph keeps with the next)

    def row(self, cells: Sequence[Sequence[Run] | Sequence[Sequence[Run]]], *,
            shade: str | None = None, shade_first: bool = False, header: bool = False,
            keep: bool = True) -> None:
        """One row; each cell is a list of runs (one paragraph) or a list of paragraphs."""
        out = ["<w:tr>"]
        said = []
        if keep or header:
            out.append("<w:trPr>" + ("<w:cantSplit/>" if keep else "")
                       + ("<w:tblHeader/>" if header else "") + "</w:trPr>")
        for index, (content, width) in enumerate(zip(cells, self.widths, strict=True)):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
            fill = shade or (SHADE if shade_first and index == 0 else None)
            if fill:
                out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{attr(fill)}"/>')
            out.append("</w:tcPr>")
            paragraphs = _paragraphs(content) or [[]]
            keep = self.body is not None and self.body.keeping
            out.extend(paragraph_xml(self.style_id, runs, keep) for runs in paragraphs)
            out.append("</w:tc>")
            said.append((width, tuple(written(self.style_id, runs, keep=keep)
                                      for runs in paragraphs)))
        out.append("</w:tr>")
        tr = parse("".join(out))
        self.tbl.append(tr)
        self.written[tr] = WrittenRow(tuple(said), len(tr))


def _paragraphs(content: Sequence[Any]) -> list[Sequence[Run]]:
    if content and isinstance(content[0], tuple):
        return [content]
    return list(content)
