"""Where a document's pages break, estimated without a renderer: the page each bookmark lands
on, for the cached page numbers of the brief's contents (Word shows them until it refreshes
its fields, and in Protected View it never does; LibreOffice computes its own).

Each paragraph's height is its wrapped lines (app.export.metrics: Arial's widths) at its
style's size and line spacing, plus the space before and after; a table row's is its tallest
cell. Pages break as Word and LibreOffice break them: before a "page break before" paragraph,
after a page break, and where the page is full; a run of paragraphs that keep with the next
moves whole to the next page when it does not fit (unless it is longer than a page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .docx_xml import BREAK_BEFORE, KEEP_NEXT, ROWS_BUT_LAST, ROWS_KEPT, Body, W
from .metrics import wrapped_lines

LINE_HEIGHT = 1.15  # Arial's (and Liberation Sans's) line height, in ems
CELL_PADDING_PT = (45 + 45) / 20  # the brief's tables: 45 twips above and below the text
CELL_SIDES_PT = (85 + 85) / 20  # and 85 twips each side
_TWIPS = 20.0
_WIDEST = 1.1  # ems: no letter of Arial (bold) is wider


@dataclass(frozen=True, slots=True)
class _Style:
    size: float = 11.0
    before: float = 0.0
    after: float = 0.0
    spacing: float = 1.0  # a multiple of single lines
    bold: bool = False
    keep_next: bool = False
    break_before: bool = False
    indent: float = 0.0  # points


@dataclass(slots=True)
class _Block:
    height: float  # its lines (a row: its tallest cell), without the space around it
    keep_next: bool = False
    break_before: bool = False
    break_after: bool = False
    marks: list[str] = field(default_factory=list)
    line: float = 0.0  # one line's height, for a paragraph that may split (0: never)
    before: float = 0.0  # space before and after: between two paragraphs the larger one
    after: float = 0.0  # counts (as LibreOffice lays out a .docx); none at the top of a page

    @property
    def total(self) -> float:
        return self.before + self.height + self.after


class PageModel:
    """The page geometry and paragraph styles of a document, to measure what is written."""

    def __init__(self, document: Any, body: Body | None = None) -> None:
        """`body`: the app.export.docx_xml.Body that writes the document: what it wrote is
        measured without reading it back, and the keeps set since are taken from it
        (`Body.kept`); without it, an element's keeps are read again every time."""
        section = document.sections[-1]
        self.document = document
        self.page_height = float(section.page_height - section.top_margin
                                 - section.bottom_margin) / 12700
        self.width = float(section.page_width - section.left_margin
                           - section.right_margin) / 12700
        self.styles = _styles(document)
        # a table measured once (its rows' keeps read again: they may be set after)
        self._tables: dict[Any, list[_Block]] = {}
        self._paragraphs: dict[Any, _Block] = {}  # (keeps only ever added)
        self.written: dict[Any, Any] = body.written if body is not None else {}
        self.kept: dict[Any, int] | None = body.kept if body is not None else None

    def blocks(self, elements: list[Any]) -> list[_Block]:
        out: list[_Block] = []
        for element in elements:
            if element.tag == W + "p":
                block = self._paragraphs.get(element)
                if block is None:
                    said = self.written.get(element)
                    block = self._paragraphs[element] = (
                        _said(element, said, self.styles, self.width)
                        if said is not None and _unchanged(element, said)
                        else _paragraph(element, self.styles, self.width))
                elif self.kept is not None:  # the keeps set since (only ever added)
                    flags = self.kept.pop(element, 0)
                    block.keep_next = block.keep_next or bool(flags & KEEP_NEXT)
                    block.break_before = block.break_before or bool(flags & BREAK_BEFORE)
                elif not (block.keep_next and block.break_before):
                    # its keeps may have been set since (only ever added)
                    for flag in element.iterchildren(_PPR):
                        for set_ in flag.iterchildren(_KEEP, _BREAK):
                            if set_.tag == _KEEP:
                                block.keep_next = True
                            else:
                                block.break_before = True
                out.append(block)
            elif element.tag == W + "tbl":
                rows = self._tables.get(element)
                if rows is None:
                    rows = self._tables[element] = _rows(element, self.styles, self.written)
                elif self.kept is not None:
                    flags = self.kept.pop(element, 0)
                    if flags & ROWS_KEPT:
                        for row in rows:
                            row.keep_next = True
                    elif flags & ROWS_BUT_LAST:
                        for row in rows[:-1]:
                            row.keep_next = True
                else:
                    for row, tr in zip(rows, element.iter(W + "tr"), strict=True):
                        row.keep_next = any(True for _ in tr.iter(W + "keepNext"))
                out.extend(rows)
        return out

    def forget(self, elements: list[Any]) -> None:
        """Measure these elements again (their keeps were taken off)."""
        for element in elements:
            self._paragraphs.pop(element, None)
            self._tables.pop(element, None)

    def height(self, elements: list[Any]) -> float:
        """The height of these block elements, in points (page breaks not counted)."""
        return _run_height(self.blocks(elements))

    def pages(self) -> tuple[dict[str, int], int]:
        """({bookmark name: the page it starts on}, the number of pages)."""
        return _paginate(self.blocks(list(self.document.element.body)), self.page_height)

    def last_page_filled(self) -> float:
        """How much of the last page the document so far fills (0 to 1)."""
        blocks = self.blocks(list(self.document.element.body))
        # a page break starts the page afresh: lay out from the last one only
        start = max((i for i, b in enumerate(blocks) if b.break_before), default=0)
        return _layout(blocks[start:], self.page_height, {}).used / self.page_height


def estimate_pages(document: Any) -> tuple[dict[str, int], int]:
    """({bookmark name: the page it starts on}, the number of pages) of `document`."""
    return PageModel(document).pages()


def _run_height(blocks: list[_Block], used: float = 1.0, after: float = 0.0) -> float:
    """The height `blocks` take placed one after the other (at the top of a page when
    `used` is 0)."""
    total = 0.0
    for b in blocks:
        gap = max(after, b.before) if used or total else 0.0
        total += gap + b.height
        after = b.after
    return total


def _paginate(blocks: list[_Block], height: float) -> tuple[dict[str, int], int]:
    pages: dict[str, int] = {}
    state = _layout(blocks, height, pages)
    return pages, state.page if state.used > 0 or state.page == 1 else state.page - 1


def _layout(blocks: list[_Block], height: float, pages: dict[str, int]) -> _Page:
    """The blocks placed on pages (`pages` gets where each bookmark starts): the last page."""
    state = _Page(height)
    chain: list[_Block] = []
    for block in blocks:
        if block.break_before and chain:  # a page break ends a run kept together
            state.place(chain, pages)
            chain = []
        chain.append(block)
        if not block.keep_next:
            state.place(chain, pages)
            chain = []
    state.place(chain, pages)
    return state


@dataclass(slots=True)
class _Page:
    height: float
    page: int = 1
    used: float = 0.0  # points of the page used
    after: float = 0.0  # the space after the last block

    def new_page(self) -> None:
        self.page, self.used, self.after = self.page + 1, 0.0, 0.0

    def place(self, chain: list[_Block], pages: dict[str, int]) -> None:
        """Lay out a run of blocks kept together."""
        if not chain:
            return
        if chain[0].break_before and self.used > 0:
            self.new_page()
        total = _run_height(chain, self.used, self.after)
        if self.used + total > self.height and self.used > 0 and \
                _run_height(chain, 0.0) <= self.height:
            self.new_page()
        for b in chain:
            gap = max(self.after, b.before) if self.used > 0 else 0.0
            if self.used + gap + b.height > self.height and self.used > 0:
                room = self.height - self.used - gap
                if b.line and room >= 2 * b.line:  # it splits: its lines go on
                    for mark in b.marks:
                        pages.setdefault(mark, self.page)
                    rest = max(b.height - room, 2 * b.line)
                    self.new_page()
                    self.used, self.after = rest, b.after
                    continue
                self.new_page()
                gap = 0.0
            for mark in b.marks:
                pages.setdefault(mark, self.page)
            self.used += gap + b.height
            self.after = b.after
            while self.used > self.height:  # longer than a page
                self.page, self.used = self.page + 1, self.used - self.height
            if b.break_after:
                self.new_page()


_T, _PPR, _SZ, _BR, _MARK, _PSTYLE, _KEEP, _BREAK, _VAL = (
    W + "t", W + "pPr", W + "sz", W + "br", W + "bookmarkStart", W + "pStyle", W + "keepNext",
    W + "pageBreakBefore", W + "val")
_TYPE, _NAME = W + "type", W + "name"


def _paragraph(p: Any, styles: dict[str, _Style], width: float) -> _Block:
    """A paragraph's block: its text read without making an element object per run, and one
    walk for its style, keeps, sizes, page breaks and bookmarks."""
    style_id = ""
    keep = before = breaks = False
    size = 0.0
    marks = []
    for element in p.iter(_PSTYLE, _KEEP, _BREAK, _SZ, _BR, _MARK):
        tag = element.tag
        if tag == _SZ:
            size = max(size, float(element.get(_VAL)) / 2)
        elif tag == _PSTYLE:
            style_id = element.get(_VAL)
        elif tag == _KEEP:
            keep = True
        elif tag == _BREAK:
            before = True
        elif tag == _BR:
            breaks = breaks or element.get(_TYPE) == "page"
        else:
            marks.append(element.get(_NAME))
    style = styles.get(style_id) or styles.get("", _Style())
    block = _measure("".join(p.itertext(_T)), size or style.size, style, width, breaks, marks)
    block.keep_next = block.keep_next or keep
    block.break_before = block.break_before or before
    return block


def _unchanged(p: Any, said: Any) -> bool:
    """Whether paragraph `p` still says what it did when written: the same children, or
    paragraph properties added since (keeps)."""
    extra = len(p) - said.children
    return extra == 0 or (extra == 1 and not said.ppr and p[0].tag == _PPR)


def _said(p: Any, said: Any, styles: dict[str, _Style], width: float) -> _Block:
    """A paragraph's block from what it said when written (its keeps read: they may have
    been set since)."""
    style = styles.get(said.style_id) or styles.get("", _Style())
    block = _measure(said.text, said.size or style.size, style, width, said.page_break, [])
    if said.ppr or len(p) > said.children:  # its pPr, for keeps set since
        for flag in p[0].iterchildren(_KEEP, _BREAK):
            if flag.tag == _KEEP:
                block.keep_next = True
            else:
                block.break_before = True
    return block


def _measure(text: str, size: float, style: _Style, width: float, breaks: bool,
             marks: list[str]) -> _Block:
    room = max(width - style.indent, 20.0)
    if len(text) * size * _WIDEST < room:  # short enough for one line whatever its letters
        lines = 1
    else:
        lines = wrapped_lines(text, room, size, bold=style.bold) or 1
    line = size * LINE_HEIGHT * style.spacing
    return _Block(lines * line, style.keep_next, style.break_before, breaks, marks,
                  line if lines > 3 else 0.0, style.before, style.after)


def _rows(tbl: Any, styles: dict[str, _Style], written: dict[Any, Any]) -> list[_Block]:
    out = []
    for tr in tbl.iter(W + "tr"):
        said = written.get(tr)
        if said is None or len(tr) != said.children:
            out.append(_row(tr, styles))
            continue
        tallest = 0.0
        keep = False
        for width, cell in said.cells:
            room = width / _TWIPS - CELL_SIDES_PT
            paragraphs = []
            for p in cell:
                style = styles.get(p.style_id) or styles.get("", _Style())
                paragraphs.append(_measure(p.text, p.size or style.size, style, room,
                                           p.page_break, []))
                keep = keep or style.keep_next
            height = _run_height(paragraphs) + (paragraphs[0].before + paragraphs[-1].after
                                                if paragraphs else 0.0)
            tallest = max(tallest, height)
        keep = keep or any(True for _ in tr.iter(_KEEP))
        out.append(_Block(tallest + CELL_PADDING_PT, keep))
    return out


def _row(tr: Any, styles: dict[str, _Style]) -> _Block:
    """A row's block read from its XML."""
    tallest = 0.0
    keep = False
    for tc in tr.iter(W + "tc"):
        tcw = tc.find(f"{W}tcPr/{W}tcW")
        room = float(tcw.get(W + "w")) / _TWIPS - CELL_SIDES_PT if tcw is not None else 100.0
        paragraphs = [_paragraph(p, styles, room) for p in tc.iter(W + "p")]
        cell = _run_height(paragraphs) + (paragraphs[0].before + paragraphs[-1].after
                                          if paragraphs else 0.0)
        keep = keep or any(b.keep_next for b in paragraphs)
        tallest = max(tallest, cell)
    return _Block(tallest + CELL_PADDING_PT, keep)


def _styles(document: Any) -> dict[str, _Style]:
    """Each paragraph style's size, spacing and keeps, resolved through its base styles ("":
    the default paragraph style)."""
    from docx.enum.style import WD_STYLE_TYPE

    out: dict[str, _Style] = {}
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        chain: list[Any] = []
        s = style
        while s is not None and len(chain) < 10:
            chain.append(s)
            s = s.base_style
        out[style.style_id] = _Style(
            size=_first(chain, lambda s: s.font.size and s.font.size.pt, 11.0),
            before=_first(chain, lambda s: _pt(s.paragraph_format.space_before), 0.0),
            after=_first(chain, lambda s: _pt(s.paragraph_format.space_after), 0.0),
            spacing=_first(chain, lambda s: _multiple(s.paragraph_format.line_spacing), 1.0),
            bold=bool(_first(chain, lambda s: s.font.bold, False)),
            keep_next=bool(_first(chain, lambda s: s.paragraph_format.keep_with_next, False)),
            break_before=bool(_first(chain, lambda s: s.paragraph_format.page_break_before,
                                     False)),
            indent=_first(chain, lambda s: _pt(s.paragraph_format.left_indent), 0.0)
            + (8.0 if style.name == "Plan Text" else 0.0))
        if style.element.get(W + "default") in ("1", "true"):
            out[""] = out[style.style_id]
    return out


def _first(chain: list[Any], get: Any, default: Any) -> Any:
    for style in chain:
        value = get(style)
        if value is not None:
            return value
    return default


def _pt(length: Any) -> float | None:
    return None if length is None else float(length) / 12700


def _multiple(spacing: Any) -> float | None:
    return spacing if isinstance(spacing, float) else None
