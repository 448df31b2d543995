"""Writing on a python-docx page: cleaned runs (each noted for the acronym annex),
paragraphs, headings that keep with what follows, bulleted lines, tables at the page's text
width; and the paragraph properties a template's styles cannot undo (app.export.brief_docx
builds the brief with these)."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from .docx_parts import StyleSet
from .docx_xml import (
    BREAK_BEFORE,
    KEEP_NEXT,
    PLAIN,
    ROWS_BUT_LAST,
    ROWS_KEPT,
    Body,
    Fmt,
    Run,
    Table,
    W,
    bookmark,
)
from .files import Cleaner

_P, _TBL, _TR, _PPR, _KEEP = W + "p", W + "tbl", W + "tr", W + "pPr", W + "keepNext"
# the first paragraph properties, in schema order
_ORDER_TAGS = [W + name for name in ("pStyle", "keepNext", "keepLines", "pageBreakBefore")]
_ORDER = {tag: rank for rank, tag in enumerate(_ORDER_TAGS)}

_BULLET_MARK = re.compile(r"^\s*(?:[-*\u2022\u2013\u25aa]\s+)")
# "3.5(i): - Support ...": a line to take of a section's line, its reference kept
_REF_BULLET = re.compile(r"^\s*(\d+(?:\.\d+)?\([a-z]+\):\s+)[-*\u2022\u2013\u25aa]\s+")
BOLD = Fmt(bold=True)
NOTE = Fmt(italic=True, grey=True)  # explanations beside the text
GREY = Fmt(grey=True)
DESIGN_WIDTH_MM = 160.0  # the widths below are for A4 with 25 mm margins; scaled to the page
ANNEX_PT = 9.0  # the focal points annex: an email fits its column on one line
SMALL = Fmt(size=ANNEX_PT)


class PageWriter:
    """The small writers over one document: `t` (a run), `para`, `heading`, `lines`,
    `section`, `table`, `cell`."""

    def __init__(self, document: Any, styles: StyleSet, table_style: str | None) -> None:
        self.doc = document
        self.body = Body(document)
        self.styles = styles
        self.clean = Cleaner()
        self.texts: list[str] = []  # everything written, for the acronym annex
        self._marks = 0
        self._table_text = table_style
        keep_styles(document, styles)
        self.scale = text_width_mm(document) / DESIGN_WIDTH_MM

    # -- small writers ----------------------------------------------------------------------

    def t(self, value: str, where: str = "brief", fmt: Fmt = PLAIN) -> Run:
        """A run of cleaned text (and noted for the acronym annex)."""
        text = self.clean(value, where)
        self.texts.append(text)
        return text, fmt

    def para(self, text: str = "", style: str | None = None, fmt: Fmt = PLAIN, *,
             where: str = "brief") -> Any:
        sid = self.styles.ids.get(style, style) if style else None
        return self.body.paragraph(sid, [self.t(text, where, fmt)] if text else [])

    def heading(self, text: str, level: int = 1, *, anchor: str | None = None,
                new_page: bool = False) -> Any:
        """A heading that keeps with what follows (its style does: `keep_styles`)."""
        p = self.para(text, f"Heading {level}")
        if new_page:
            self.keep(p, page_break_before=True, with_next=False)
        if anchor:
            self._marks += 1
            bookmark(p, anchor, self._marks)
        return p

    def lines(self, text: str, *, bullets: bool = False, where: str = "brief") -> None:
        """Each non-empty line a paragraph (a bullet for points)."""
        for line in filled(text):
            if bullets:
                line = _BULLET_MARK.sub("", _REF_BULLET.sub(r"\1", line, count=1), count=1)
                if self.styles.plain_bullets:
                    line = "\u2022\t" + line
                self.para(line, "List Bullet", where=where)
            else:
                self.para(line, where=where)

    def section(self, label: str, text: str, *, bullets: bool = False,
                where: str = "brief") -> None:
        """A level-2 heading and its lines, only when there is something to say."""
        if filled(text):
            self.heading(label, 2)
            self.lines(text, bullets=bullets, where=where)

    def table(self, widths_mm: list[float], header: list[str] | None = None) -> Table:
        """A table at the page's text width (`widths_mm` are for a 160 mm text width)."""
        widths = [w * self.scale for w in widths_mm]
        return self.body.table(widths, header=header or (), style_id=self._table_text)

    def keep(self, p: Any, *, page_break_before: bool = False, with_next: bool = True) -> Any:
        """`keep_with_next` on paragraph `p` (noted for the page estimate); returns `p`."""
        keep_with_next(p, page_break_before=page_break_before, with_next=with_next)
        kept = self.body.kept
        kept[p] = kept.get(p, 0) | (KEEP_NEXT if with_next else 0) | (
            BREAK_BEFORE if page_break_before else 0)
        return p

    def keep_together(self, elements: list[Any]) -> None:
        """`keep_chain` on these elements (noted for the page estimate)."""
        keep_chain(elements)
        kept = self.body.kept
        for element in elements[:-1]:
            kept[element] = kept.get(element, 0) | (KEEP_NEXT if element.tag == _P
                                                    else ROWS_KEPT)
        if elements and elements[-1].tag == _TBL:
            kept[elements[-1]] = kept.get(elements[-1], 0) | ROWS_BUT_LAST

    def cell(self, values: list[str], where: str = "brief", fmt: Fmt = PLAIN) -> list[list[Run]]:
        """A table cell's paragraphs: one per value (an en dash if there is none)."""
        if not values:
            return [[("\u2013", GREY)]]
        return [[self.t(value, where, fmt)] for value in values]


# -- helpers ---------------------------------------------------------------------------------

def text_width_mm(document: Any) -> float:
    """The width between the margins of the document's last section (its page set-up)."""
    section = document.sections[-1]
    width = section.page_width - (section.left_margin or 0) - (section.right_margin or 0)
    return float(width) / 36000 if width else DESIGN_WIDTH_MM


def keep_styles(document: Any, styles: StyleSet) -> None:
    """Headings keep with what follows and a verbatim paragraph keeps its lines together,
    whatever a template's styles said (set on the brief's copy of the styles: once, not on
    every paragraph)."""
    by_id = {s.style_id: s for s in document.styles}
    for name in ("Heading 1", "Heading 2", "TOC Heading"):
        style = by_id.get(styles.ids.get(name, ""))
        if style is not None:
            style.paragraph_format.keep_with_next = True
    plan_text = next((s for s in document.styles if s.name == "Plan Text"), None)
    if plan_text is not None:
        plan_text.paragraph_format.keep_together = True


def keep_with_next(p: Any, *, page_break_before: bool = False, keep_lines: bool = False,
                   with_next: bool = True) -> None:
    """Paragraph properties that keep `p` with the next one (and its lines together), set
    on the paragraph itself so a template's styles cannot undo them."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.SubElement(p, _PPR)
        p.insert(0, ppr)
    for rank, on in ((1, with_next), (2, keep_lines), (3, page_break_before)):
        if on:  # in schema order (made in place and moved: fast)
            at = 0
            while at < len(ppr) and _ORDER.get(ppr[at].tag, 9) < rank:
                at += 1
            if at == len(ppr) or ppr[at].tag != _ORDER_TAGS[rank]:
                ppr.insert(at, etree.SubElement(ppr, _ORDER_TAGS[rank]))


def keep_chain(elements: list[Any]) -> None:
    """Keep these block elements (paragraphs, tables) on one page: each paragraph, and every
    paragraph of a table, keeps with the next, but for the last element's last paragraph
    (Word and LibreOffice then move the whole run to the next page when it does not fit)."""
    if not elements:
        return
    last = elements[-1]
    ends: set[Any] = set()
    if last.tag == _TBL:  # its last row keeps with nothing after
        rows = last.findall(_TR)
        ends = set(rows[-1].iter(_P)) if rows else set()
    for element in elements[:-1] if last.tag == _P else elements:
        if element.tag == _P:
            _keep_next(element)
        elif element.tag == _TBL:
            for p in element.iter(_P):
                if p not in ends:
                    _keep_next(p)


def _keep_next(p: Any) -> None:
    """`keep_with_next(p)` unless it keeps already (the usual case, a paragraph with a style
    and no other properties, done here at once)."""
    ppr = p.find(_PPR)
    if ppr is None:
        keep_with_next(p)
    elif ppr.find(_KEEP) is None:
        keep = etree.SubElement(ppr, _KEEP)
        ppr.insert(1 if ppr[0].tag == _ORDER_TAGS[0] else 0, keep)


def filled(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]
