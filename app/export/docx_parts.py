"""The Word document a brief is written into: the house style, or a user's template with its
styles checked (stand-ins and a warning for missing ones), and `w:updateFields` so that Word
refreshes the fields on opening. Import only from inside an export (docx is lazy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .docx_template import load_template

# Styles the brief uses. A template lacking one gets a plain stand-in and a warning.
NEEDED_STYLES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet",
                 "TOC Heading", "Header", "Footer")
HOUSE_FONT = "Arial"
BLACK = (0x00, 0x00, 0x00)
GREY = (0x59, 0x59, 0x59)
# CT_Settings children that must come after w:updateFields (the schema fixes the order).
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
                        "rsids", "mathPr", "attachedSchema", "themeFontLang",
                        "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions",
                        "readModeInkLockDown", "smartTagType", "schemaLibrary",
                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                        "listSeparator")


@dataclass
class StyleSet:
    """The style ids to use, and what had to be stood in for."""

    ids: dict[str, str] = field(default_factory=dict)
    plain_bullets: bool = False  # "List Bullet" was added without numbering: write "•\t"
    warnings: list[str] = field(default_factory=list)


def el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(name.replace("_", ":", 1)), value)
    return element


def set_update_fields(document: Any) -> None:
    """Ask Word to refresh every field (the TOC, page counts) when it opens the file."""
    from docx.oxml.ns import qn

    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    flag = el("w:updateFields", w_val="true")
    later = [settings.find(qn(f"w:{name}")) for name in _AFTER_UPDATE_FIELDS]
    following = [e for e in later if e is not None]
    if following:
        min(following, key=lambda e: list(settings).index(e)).addprevious(flag)
    else:
        settings.append(flag)


# -- documents, templates and styles ---------------------------------------------------------

def open_document(template: Path | None) -> tuple[Any, StyleSet]:
    """A new document: the house style, or the user's template emptied of its text."""
    import docx

    if template is None:
        document = docx.Document()
        house_style(document)
        return document, check_styles(document)
    document, warnings = load_template(template)
    styles = check_styles(document)
    styles.warnings[:0] = warnings
    return document, styles


def check_styles(document: Any) -> StyleSet:
    """Style ids for NEEDED_STYLES; a missing one is added plainly and reported."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    result = StyleSet()
    styles = document.styles
    present = {s.name: s for s in styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    for name in NEEDED_STYLES:
        style = present.get(name)
        if style is None:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = present.get("Normal")
            if name in ("Title", "Heading 1", "Heading 2", "TOC Heading"):
                style.font.bold = True
                style.font.size = Pt({"Title": 18, "Heading 1": 14}.get(name, 12))
                style.paragraph_format.keep_with_next = True
            if name.startswith("Heading"):
                level = int(name[-1]) - 1
                style.element.get_or_add_pPr().append(el("w:outlineLvl", w_val=str(level)))
            if name == "List Bullet":
                result.plain_bullets = True
                style.paragraph_format.left_indent = Pt(18)
                style.paragraph_format.first_line_indent = Pt(-12)
            if name not in ("Header", "Footer", "Normal"):
                result.warnings.append(f"the template has no style '{name}'; "
                                       "a plain one was used")
        result.ids[name] = style.style_id
    by_lower = {s.name.lower(): s for s in styles if s.name}
    for level in (1, 2):  # what Word and LibreOffice format TOC entries with
        toc = by_lower.get(f"toc {level}")
        if toc is None:
            toc = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
            toc.element.name_val = f"toc {level}"
            toc.base_style = present.get("Normal")
            toc.paragraph_format.space_after = Pt(3)
            toc.paragraph_format.left_indent = Pt(12 * (level - 1))
        result.ids[f"TOC {level}"] = toc.style_id
    return result


def house_style(document: Any) -> None:
    """A4, sober fonts in black: how a foreign ministry's brief looks (no template given)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin = section.right_margin = Mm(25)
    section.header_distance = section.footer_distance = Mm(11)
    specs: dict[str, tuple[float, bool | None, tuple[int, int, int], float, float]] = {
        # name: size, bold, colour, space before, space after (points)
        "Normal": (10.5, None, BLACK, 0, 6),
        "Title": (20, True, BLACK, 0, 4),
        "Subtitle": (11, False, GREY, 0, 14),
        "Heading 1": (13, True, BLACK, 18, 6),
        "Heading 2": (10.5, True, BLACK, 10, 3),
        "TOC Heading": (13, True, BLACK, 6, 8),
        "List Bullet": (10.5, None, BLACK, 0, 4),
        "Header": (9, None, BLACK, 0, 0),
        "Footer": (8.5, None, GREY, 0, 0),
    }
    for name, (size, bold, colour, before, after) in specs.items():
        style = document.styles[name]
        _plain_font(style, HOUSE_FONT)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False if name == "Subtitle" else None
        style.font.color.rgb = RGBColor(*colour)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if name == "Title":
            _drop_borders(style)
        if name in ("Header", "Footer"):
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.styles["Normal"].paragraph_format.line_spacing = 1.08
    lang = el("w:lang", w_val="en-GB", w_eastAsia="en-GB", w_bidi="ar-SA")
    document.styles["Normal"].element.get_or_add_rPr().append(lang)


def _plain_font(style: Any, name: str) -> None:
    """Set the font by name and drop the theme fonts, which would win over it."""
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    from docx.oxml.ns import qn

    for kind in ("w:eastAsia", "w:cs"):
        fonts.set(qn(kind), name)


def _drop_borders(style: Any) -> None:
    from docx.oxml.ns import qn

    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def own_styles(document: Any) -> dict[str, str]:
    """Style ids of the brief's own paragraph styles, 'Plan Text' (verbatim plan text,
    indented behind a grey rule) and 'Table Text' (compact table cells): the template's if it
    has them, else made here (no warning: they are not expected in a template)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm, Pt

    from .docx_xml import RULE

    styles = document.styles
    found = {s.name: str(s.style_id) for s in styles
             if s.type == WD_STYLE_TYPE.PARAGRAPH and s.name in ("Plan Text", "Table Text")}
    if "Plan Text" not in found:
        style = styles.add_style("Plan Text", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.left_indent = Mm(4)
        style.paragraph_format.space_after = Pt(6)
        borders = el("w:pBdr")
        borders.append(el("w:left", w_val="single", w_sz="18", w_space="8", w_color=RULE))
        style.element.get_or_add_pPr().insert(0, borders)
        found["Plan Text"] = str(style.style_id)
    if "Table Text" not in found:
        style = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.space_before = Pt(1)
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.line_spacing = 1.0
        found["Table Text"] = str(style.style_id)
    return found
