"""WordprocessingML written straight into a python-docx document's body with lxml.

python-docx re-checks the schema's child order on every element it adds; for a brief of all
165 action lines that made it almost three times slower than plain paragraphs. The brief's
body is simple (paragraphs, runs, tables, fields, bookmarks), so it is built here directly,
in schema order; python-docx still owns the package, styles, sections and saving. Elements
are made in the document's own tree, so python-docx reads them back as usual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def sub(parent: Any, tag: str, **attrs: str) -> Any:
    """A child `w:tag` with `w:` attributes (made in the parent's tree: python-docx classes)."""
    child = parent.makeelement(W + tag, {W + k: v for k, v in attrs.items()})
    parent.append(child)
    return child


def add_text(parent: Any, text: str, fmt: Fmt = PLAIN) -> Any:
    """One run of `text` (tabs as w:tab) at the end of a paragraph or hyperlink."""
    r = sub(parent, "r")
    if fmt != PLAIN:
        rpr = sub(r, "rPr")
        if fmt.bold:
            sub(rpr, "b")
        if fmt.italic:
            sub(rpr, "i")
        if fmt.grey:
            sub(rpr, "color", val=GREY)
        if fmt.size:
            sub(rpr, "sz", val=str(round(fmt.size * 2)))
    for index, piece in enumerate(text.split("\t")):
        if index:
            sub(r, "tab")
        if piece:
            t = sub(r, "t")
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(XML_SPACE, "preserve")
    return r


def add_field(p: Any, instruction: str, cached: str = "", *, dirty: bool = False) -> Any:
    """A complex field (begin / instrText / separate / cached result / end) at the end of
    paragraph element `p`; returns the run holding the "end" mark."""
    begin = sub(sub(p, "r"), "fldChar", fldCharType="begin")
    if dirty:
        begin.set(W + "dirty", "true")
    instr = sub(sub(p, "r"), "instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction.strip()} "
    sub(sub(p, "r"), "fldChar", fldCharType="separate")
    if cached:
        add_text(p, cached)
    end = sub(p, "r")
    sub(end, "fldChar", fldCharType="end")
    return end


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


class Body:
    """Appends block elements (paragraphs, tables) before the body's final section
    properties."""

    def __init__(self, document: Any) -> None:
        self.body = document.element.body
        self._end = self.body.find(W + "sectPr")

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

    def paragraph(self, style_id: str | None = None, runs: Iterable[Run] = (), *,
                  page_break: bool = False) -> Any:
        p = self._place(self.body.makeelement(W + "p", {}))
        if style_id:
            sub(sub(p, "pPr"), "pStyle", val=style_id)
        for text, fmt in runs:
            add_text(p, text, fmt)
        if page_break:
            sub(sub(p, "r"), "br", type="page")
        return p

    def table(self, widths_mm: Sequence[float], *, header: Sequence[str] = (),
              style_id: str | None = None) -> Table:
        tbl = self._place(self.body.makeelement(W + "tbl", {}))
        widths = [twips(w) for w in widths_mm]
        pr = sub(tbl, "tblPr")
        sub(pr, "tblW", w=str(sum(widths)), type="dxa")
        borders = sub(pr, "tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if edge in ("top", "bottom", "insideH"):
                sub(borders, edge, val="single", sz="4", space="0", color=RULE)
            else:
                sub(borders, edge, val="nil")
        sub(pr, "tblLayout", type="fixed")
        margins = sub(pr, "tblCellMar")
        for edge, margin in (("top", "45"), ("left", "85"), ("bottom", "45"), ("right", "85")):
            sub(margins, edge, w=margin, type="dxa")
        sub(pr, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1",
            lastColumn="0", noHBand="0", noVBand="1")
        grid = sub(tbl, "tblGrid")
        for width in widths:
            sub(grid, "gridCol", w=str(width))
        table = Table(tbl, widths, style_id)
        if header:
            table.row([[(text, Fmt(bold=True))] for text in header], shade=HEADER_SHADE,
                      header=True)
        return table


class Table:
    def __init__(self, tbl: Any, widths: list[int], style_id: str | None = None) -> None:
        self.tbl = tbl
        self.widths = widths
        self.style_id = style_id  # of the cells' paragraphs

    def row(self, cells: Sequence[Sequence[Run] | Sequence[Sequence[Run]]], *,
            shade: str | None = None, shade_first: bool = False, header: bool = False,
            keep: bool = True) -> None:
        """One row; each cell is a list of runs (one paragraph) or a list of paragraphs."""
        tr = sub(self.tbl, "tr")
        if keep or header:
            trpr = sub(tr, "trPr")
            if keep:
                sub(trpr, "cantSplit")
            if header:
                sub(trpr, "tblHeader")
        for index, (content, width) in enumerate(zip(cells, self.widths, strict=True)):
            tc = sub(tr, "tc")
            tcpr = sub(tc, "tcPr")
            sub(tcpr, "tcW", w=str(width), type="dxa")
            fill = shade or (SHADE if shade_first and index == 0 else None)
            if fill:
                sub(tcpr, "shd", val="clear", color="auto", fill=fill)
            paragraphs = _paragraphs(content)
            for runs in paragraphs or [[]]:
                p = sub(tc, "p")
                if self.style_id:
                    sub(sub(p, "pPr"), "pStyle", val=self.style_id)
                for text, fmt in runs:
                    add_text(p, text, fmt)


def _paragraphs(content: Sequence[Any]) -> list[Sequence[Run]]:
    if content and isinstance(content[0], tuple):
        return [content]
    return list(content)
