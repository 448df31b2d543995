"""The Word brief of a meeting, in the form foreign ministries use.

The top page: the meeting (kind, date, venue), its purpose, the key asks, our delegation,
logistics, the document control (drafted by, cleared by, version, reference, date of the
brief) and the handling marking; then the contents (a TOC field; Word refreshes it on opening,
LibreOffice with Tools > Update; until then it lists the headings) and the objectives of every
item. Each agenda item starts a page: its title (the user's, or a short one from the action
text), objective, points to make, defensive points, background and outcome (each only when
filled), then the verbatim text (a whole section quotes only the lines chosen, the others by
reference) and the desk information (status, lead focal points). Annexes: the focal points
(which role on which line), the full text of whole sections if asked for, and the acronyms
the brief uses (the plan's and the user's own). The marking sits centred in every header
and footer, with "Page X of Y". Headings keep with what follows; a verbatim text stays in one
piece. Tables take the page's text width (a template's too). Notes only when asked for;
private ones on their own flag, and then the top page says so.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.atomic import write_atomically
from app.clock import long_date, now
from app.meetings.values import AgendaAction, AgendaItemView
from app.vocab import MARKINGS, STATUS_CODES, status_label

from .content import (
    BriefContent,
    Contact,
    brief_acronyms,
    lead_focal_points,
    load_brief,
    unexplained,
)
from .doc_props import set_docx_properties
from .docx_parts import StyleSet, open_document, own_styles, set_update_fields
from .docx_xml import (
    PLAIN,
    Body,
    Fmt,
    Run,
    Table,
    W,
    add_field,
    add_text,
    bookmark,
    internal_link,
    sub,
)
from .files import Cleaner, ExportResult, check_target
from .metrics import text_width

if TYPE_CHECKING:
    from app.service import Desk

__all__ = ["BriefWriter", "long_date", "write_brief_docx"]

_BULLET_MARK = re.compile(r"^\s*(?:[-*\u2022\u2013\u25aa]\s+)")
BOLD = Fmt(bold=True)
NOTE = Fmt(italic=True, grey=True)  # explanations beside the text
GREY = Fmt(grey=True)
DESIGN_WIDTH_MM = 160.0  # the widths below are for A4 with 25 mm margins; scaled to the page
ANNEX_PT = 9.0  # the focal points annex: an email fits its column on one line
SMALL = Fmt(size=ANNEX_PT)
_MARKING_NOTES = dict(MARKINGS)


def write_brief_docx(desk: Desk, meeting_id: int, target: Path, *,
                     template: Path | None = None, include_notes: bool = False,
                     include_private: bool = False, full_text: bool = False,
                     ) -> ExportResult:
    """Write the Word brief of `meeting_id` to `target` (atomically). `full_text`: an annex
    with every line of the whole sections on the agenda."""
    check_target(target, (".docx",), "a Word brief")
    content = load_brief(desk, meeting_id)
    document, styles = open_document(template)
    writer = BriefWriter(document, styles, content,
                         include_notes=include_notes or include_private,
                         include_private=include_private, full_text=full_text)
    writer.write()
    write_atomically(target, lambda tmp: document.save(str(tmp)))
    return ExportResult(target, tuple(styles.warnings + writer.clean.warnings()
                                      + writer.missing_acronyms()))


class BriefWriter:
    def __init__(self, document: Any, styles: StyleSet, content: BriefContent, *,
                 include_notes: bool = False, include_private: bool = False,
                 full_text: bool = False, today: date | None = None) -> None:
        self.doc = document
        self.body = Body(document)
        self.styles = styles
        self.content = content
        self.meeting = content.meeting
        self.include_notes = include_notes
        self.include_private = include_private
        self.full_text = full_text and any(i.is_section for i in content.meeting.items)
        self.today = today or now().date()
        self.clean = Cleaner()
        self.texts: list[str] = []  # everything written, for the acronym annex
        self._marks = 0
        own = own_styles(document)
        self._plan_text, self._table_text = own["Plan Text"], own["Table Text"]
        keep_styles(document, styles)
        self.scale = text_width_mm(document) / DESIGN_WIDTH_MM
        letters = iter("ABCDEFG")
        self.annex_contacts = f"Annex {next(letters)}: Focal points"
        self.annex_full = f"Annex {next(letters)}: Full text of the sections" \
            if self.full_text else ""
        self.annex_acronyms = f"Annex {next(letters)}: Acronyms"

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
            keep_with_next(p, page_break_before=True, with_next=False)
        if anchor:
            self._marks += 1
            bookmark(p, anchor, self._marks)
        return p

    def lines(self, text: str, *, bullets: bool = False, where: str = "brief") -> None:
        """Each non-empty line a paragraph (a bullet for points)."""
        for line in _filled(text):
            if bullets:
                line = _BULLET_MARK.sub("", line, count=1)
                if self.styles.plain_bullets:
                    line = "\u2022\t" + line
                self.para(line, "List Bullet", where=where)
            else:
                self.para(line, where=where)

    def section(self, label: str, text: str, *, bullets: bool = False,
                where: str = "brief") -> None:
        """A level-2 heading and its lines, only when there is something to say."""
        if _filled(text):
            self.heading(label, 2)
            self.lines(text, bullets=bullets, where=where)

    def table(self, widths_mm: list[float], header: list[str] | None = None) -> Table:
        """A table at the page's text width (`widths_mm` are for a 160 mm text width)."""
        widths = [w * self.scale for w in widths_mm]
        return self.body.table(widths, header=header or (), style_id=self._table_text)

    def cell(self, values: list[str], where: str = "brief", fmt: Fmt = PLAIN) -> list[list[Run]]:
        """A table cell's paragraphs: one per value (an en dash if there is none)."""
        if not values:
            return [[("\u2013", GREY)]]
        return [[self.t(value, where, fmt)] for value in values]

    # -- the brief --------------------------------------------------------------------------

    def write(self) -> None:
        items = self.meeting.items
        toc = [("Objectives", "_TocObjectives")]
        toc += [(self._item_title(n, item), f"_TocItem{n}") for n, item in enumerate(items, 1)]
        toc += [(self.annex_contacts, "_TocAnnexContacts")]
        if self.full_text:
            toc += [(self.annex_full, "_TocAnnexFull")]
        toc += [(self.annex_acronyms, "_TocAnnexAcronyms")]
        self.top_page()
        self.contents(toc)
        self.objectives()
        for n, item in enumerate(items, 1):
            self.agenda_item(n, item)
        self.focal_point_annex()
        if self.full_text:
            self.full_text_annex()
        self.header_footer()
        self.acronym_annex()  # last: it lists what everything above uses
        set_update_fields(self.doc)
        set_docx_properties(self.doc, title=self.clean(f"Brief: {self.meeting.title}",
                                                       "meeting title"),
                            subject=self.clean(self.meeting.label, "meeting"),
                            marking=self.clean(self.meeting.marking, "marking"))

    def missing_acronyms(self) -> list[str]:
        """A warning naming the words in capitals that no glossary explains (after write)."""
        words = unexplained("\n".join(self.texts), self.content.glossary,
                            [self.meeting.marking])
        if not words:
            return []
        shown = ", ".join(words[:30]) + (f" and {len(words) - 30} more" if len(words) > 30
                                         else "")
        return [f"acronyms with no expansion (not in the annex): {shown}; add them with "
                "poadesk acronyms add ABBR \"Expansion\""]

    def top_page(self) -> None:
        """Meeting, date, venue, handling; purpose, key asks, delegation, logistics (when
        filled); the document control."""
        m = self.meeting
        if self.content.plan_title:
            line = self.para(self.content.plan_title, "Subtitle", where="plan title")
            caps = line.makeelement(f"{W}caps", {})
            line.find(f"{W}r").insert(0, line.makeelement(f"{W}rPr", {}))
            line.find(f"{W}r/{W}rPr").append(caps)
        self.para(m.title, "Title", where="meeting title")
        self.para("Brief for the delegation", "Subtitle")
        expansions = {a.abbr: a.expansion for a in self.content.glossary}
        kind = f"{m.kind} ({expansions[m.kind]})" if m.kind in expansions else m.kind
        table = self.table([34, 126])
        count = len(m.items)
        rows = [("Meeting", [kind], "meeting kind"),
                ("Date", [long_date(m.date) if m.date else "To be confirmed"], "date"),
                ("Venue", [m.venue or "To be confirmed"], "venue"),
                ("Agenda", [f"{count} item{'s' if count != 1 else ''}"], "agenda")]
        for label, values, where in rows:
            table.row([[self.t(label, fmt=BOLD)], self.cell(values, where)], shade_first=True)
        if m.marking:
            handling: list[list[Run]] = [[self.t(m.marking, "marking", BOLD)]]
            note = _MARKING_NOTES.get(m.marking)
            if note:
                handling.append([(note, NOTE)])
            table.row([[self.t("Handling", fmt=BOLD)], handling], shade_first=True)
        self.section("Purpose of the meeting", m.purpose, where="purpose")
        self.section("Key asks", m.key_asks, bullets=True, where="key asks")
        self.section("Our delegation", m.delegation, where="delegation")
        self.section("Logistics", m.logistics, where="logistics")
        self.heading("Document control", 2)
        control = self.table([34, 126])
        fields = [("Drafted by", m.drafter, "drafter"),
                  ("Cleared by", m.cleared_by, "cleared by"), ("Version", m.version, "version"),
                  ("Reference", m.reference, "reference"),
                  ("Date of this brief", long_date(self.today), "date")]
        for label, value, where in fields:
            control.row([[self.t(label, fmt=BOLD)],
                         self.cell([value] if value.strip() else [], where)], shade_first=True)
        if self.include_notes:
            what = ("Desk notes included, private notes too: not for forwarding"
                    if self.include_private else "Desk notes included (not private ones)")
            control.row([[self.t("Notes", fmt=BOLD)], [self.t(what, fmt=BOLD)]],
                        shade_first=True)

    def contents(self, entries: list[tuple[str, str]]) -> None:
        """A TOC field whose cached result already lists the headings (linked), so the
        contents are useful before Word or LibreOffice refresh it with page numbers."""
        heading = self.para("Contents", "TOC Heading")
        keep_with_next(heading, page_break_before=True)  # page 2: contents and objectives
        toc_style = self.styles.ids["TOC 1"]
        paragraphs = [self.body.paragraph(toc_style) for _ in entries]
        end = add_field(paragraphs[0], r'TOC \o "1-1" \h \z \u', dirty=True)
        paragraphs[0].remove(end)  # the field's result is the entries: it ends after the last
        for p, (title, anchor) in zip(paragraphs, entries, strict=True):
            internal_link(p, anchor, self.t(title)[0])
        paragraphs[-1].append(end)

    def objectives(self) -> None:
        self.para()
        self.heading("Objectives", anchor="_TocObjectives")
        if not self.meeting.items:
            self.para("The agenda has no items yet.", fmt=NOTE)
            return
        table = self.table([12, 58, 90], ["No.", "Agenda item", "Objective"])
        for n, item in enumerate(self.meeting.items, 1):
            what = [[self.t(item.brief_title, f"{item.ref or 'item'} title")]]
            if not item.is_free:
                what.append([(self.clean(_reference(item), "reference"), GREY)])
            table.row([[self.t(str(n))], what,
                       self.cell(_filled(item.objective), f"{item.ref} objective")])

    @staticmethod
    def _item_title(n: int, item: AgendaItemView) -> str:
        return f"Item {n}: {item.brief_title}"

    def agenda_item(self, n: int, item: AgendaItemView) -> None:
        """Title, then what the delegation says (objective, points, defensive points),
        background and outcome, then the verbatim text and the desk information."""
        where = item.ref or item.brief_title
        self.heading(self._item_title(n, item), anchor=f"_TocItem{n}", new_page=True)
        if not item.is_free:
            self.body.paragraph(None, [self.t(_context(item), where, GREY)])
        for name, label, bullets in (("objective", "Objective", False),
                                     ("points_to_make", "Points to make", True),
                                     ("defensive_points", "Defensive points", True),
                                     ("background", "Background", False),
                                     ("outcome", "Outcome", False)):
            self.section(label, item.field(name), bullets=bullets,
                         where=f"{where} {label.lower()}")
        if item.is_free:
            if self.include_notes:
                self.notes(item)
            return
        self.verbatim(item)
        self.desk_information(item)
        if self.include_notes:
            self.notes(item)

    def verbatim(self, item: AgendaItemView) -> None:
        """The action line's text; for a whole section the lines chosen, the rest by
        reference. Kept in one piece on a page where it fits."""
        quoted = item.quoted()
        if not item.is_section:
            self.heading("Text of the action line", 2)
        else:
            self.heading(f"Text of section {item.ref}", 2)
            if len(quoted) < len(item.actions):
                keep_with_next(self.para("Quoted: " + (_letters(quoted) if quoted else "none")
                          + f" of {len(item.actions)} lines"
                          + (" (those with notes, lines to take or focal points)"
                             if not item.quoted_lines.strip() else "") + ".", fmt=NOTE))
        paragraphs = []
        for action in quoted:
            runs = []
            if item.is_section:
                runs.append(self.t(f"{action.letter}) ", fmt=BOLD))
            runs.append(self.t(action.text, f"{action.ref} action text"))
            if item.is_section:
                runs.append(self.t(f" [{status_label(action.status)}]", fmt=NOTE))
            paragraphs.append(self.body.paragraph(self._plan_text, runs))
        for p in paragraphs[:-1]:  # each one's lines together: the Plan Text style
            keep_with_next(p)
        rest = [a for a in item.actions if a not in quoted]
        if rest:
            where = f"in {self.annex_full.split(':')[0]}" if self.full_text else "in the plan"
            self.para(f"Not quoted ({where}): {_letters(rest)}.", fmt=NOTE)

    def desk_information(self, item: AgendaItemView) -> None:
        self.heading("Desk information", 2)
        status = (status_label(item.actions[0].status) if len(item.actions) == 1
                  else _status_summary(item))
        leads = [f"{country}: {'; '.join(names)}"
                 for country, names in lead_focal_points(item.focal_points)]
        table = self.table([40, 120])
        rows = [("Status", [status])]
        if leads:
            rows.append(("Lead focal points", leads))
        pillar = f"{item.part_number}. {item.part_title}"
        if item.section_number and not item.is_section:
            pillar += f"; section {item.section_number} {item.section_title}"
        rows.append(("Pillar", [pillar]))
        for label, values in rows:
            table.row([[self.t(label, fmt=BOLD)],
                       self.cell(values, f"{item.ref} {label.lower()}")], shade_first=True)

    def notes(self, item: AgendaItemView) -> None:
        shown = [a for a in item.actions
                 if a.notes.strip() and (self.include_private or not a.notes_private)]
        if not shown:
            return
        self.heading("Desk notes", 2)
        for action in shown:
            label = " ".join(filter(None, (f"{action.ref}:" if len(item.actions) > 1 else "",
                                           "(private)" if action.notes_private else "")))
            for index, line in enumerate(_filled(action.notes)):
                runs = [self.t(label + " ", fmt=BOLD)] if index == 0 and label else []
                self.body.paragraph(None, [*runs, self.t(line, f"{action.ref} notes")])

    def focal_point_annex(self) -> None:
        self.heading(self.annex_contacts, anchor="_TocAnnexContacts", new_page=True)
        contacts = self.content.contacts
        if not contacts:
            self.para("No focal points recorded.", fmt=NOTE)
            return
        self.para("Each focal point\u2019s role, and the action lines or sections it goes "
                  "with.", fmt=NOTE)
        # the contact column as wide as the longest email (an address never breaks)
        email = max((text_width(c.email, ANNEX_PT) for c in contacts), default=0.0)
        contact_mm = min(max(email / 72 * 25.4 / self.scale + 4, 44), 80)
        rest = DESIGN_WIDTH_MM - contact_mm - 30
        table = self.table([30, rest * 0.55, contact_mm, rest * 0.45],
                           ["Country", "Focal point", "Contact", "Role and lines"])
        for c in contacts:
            where = f"focal point {c.name}"
            table.row([[self.t(c.country_name, where, SMALL)], self.cell(_who(c), where, SMALL),
                       self.cell([v for v in (c.email, c.phone) if v], where, SMALL),
                       self.cell(c.role_lines(), where, SMALL)])

    def full_text_annex(self) -> None:
        self.heading(self.annex_full, anchor="_TocAnnexFull", new_page=True)
        for item in self.meeting.items:
            if not item.is_section:
                continue
            self.heading(f"Section {item.ref} {item.title}", 2)
            for action in item.actions:
                self.body.paragraph(self._plan_text, [
                    self.t(f"{action.letter}) ", fmt=BOLD),
                    self.t(action.text, f"{action.ref} action text"),
                    self.t(f" [{status_label(action.status)}]", fmt=NOTE)])

    def acronym_annex(self) -> None:
        self.heading(self.annex_acronyms, anchor="_TocAnnexAcronyms", new_page=True)
        used = brief_acronyms("\n".join(self.texts), self.content.glossary)
        if not used:
            self.para("No acronyms from the glossary appear in this brief.", fmt=NOTE)
            return
        table = self.table([32, 128])
        for a in used:
            table.row([[self.t(a.abbr, "glossary", BOLD)], [self.t(a.expansion, "glossary")]])

    def header_footer(self) -> None:
        """The marking, centred and bold, in every header and footer; "Page X of Y"."""
        marking = self.clean(self.meeting.marking, "marking")
        for section in self.doc.sections:
            section.different_first_page_header_footer = False
            header, footer = section.header, section.footer
            header.is_linked_to_previous = footer.is_linked_to_previous = False
            lines: dict[str, list[str | None]] = {
                "Header": [marking] if marking else [""],
                "Footer": ([marking] if marking else []) + [None]}
            for part, style in ((header, "Header"), (footer, "Footer")):
                root = part._element
                for child in list(root):
                    root.remove(child)
                for value in lines[style]:
                    p = sub(root, "p")
                    ppr = sub(p, "pPr")
                    sub(ppr, "pStyle", val=self.styles.ids[style])
                    sub(ppr, "jc", val="center")  # whatever the template's alignment
                    if value:
                        self.texts.append(value)
                        add_text(p, value, BOLD)
                    elif value is None:
                        self.page_numbers(p)

    def page_numbers(self, p: Any) -> None:
        label = self.t(f"Brief: {self.meeting.label}  \u00b7  Page ", "meeting")[0]
        add_text(p, label)
        add_field(p, "PAGE", "1")
        add_text(p, " of ")
        add_field(p, "NUMPAGES", "1")


# -- helpers --------------------------------------------------------------------------------

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
    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = p.makeelement(W + "pPr", {})
        p.insert(0, ppr)
    # schema order: pStyle, keepNext, keepLines, pageBreakBefore, ...
    after_style = ppr.find(W + "pStyle")
    flags = [name for name, on in (("keepNext", with_next), ("keepLines", keep_lines),
                                   ("pageBreakBefore", page_break_before)) if on]
    for name in reversed(flags):
        element = ppr.makeelement(W + name, {})
        if after_style is not None:
            after_style.addnext(element)
        else:
            ppr.insert(0, element)


def _filled(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _reference(item: AgendaItemView) -> str:
    return f"Section {item.ref}" if item.is_section else f"Action line {item.ref}"


def _context(item: AgendaItemView) -> str:
    """'Action line 2.6(i) · section 2.6 Enhance cooperation ...' under the item's title."""
    if item.is_section:
        return (f"Section {item.ref} {item.title} \u00b7 {len(item.actions)} action lines "
                f"\u00b7 {item.part_number}. {item.part_title}")
    where = (f"section {item.section_number} {item.section_title}"
             if item.section_number else f"{item.part_number}. {item.part_title}")
    return f"Action line {item.ref} \u00b7 {where}"


def _letters(actions: tuple[AgendaAction, ...] | list[AgendaAction]) -> str:
    """'(a), (c), (e)\u2013(h)': runs of consecutive lines of a section shortened."""
    letters = [a.letter for a in actions]
    if not letters:
        return ""
    out: list[str] = []
    run = [letters[0]]
    for letter in letters[1:]:
        if _next_letter(run[-1]) == letter:
            run.append(letter)
            continue
        out.append(_run(run))
        run = [letter]
    out.append(_run(run))
    return ", ".join(out)


def _next_letter(letter: str) -> str:
    return chr(ord(letter[-1]) + 1) if len(letter) == 1 else ""


def _run(run: list[str]) -> str:
    if len(run) >= 3:
        return f"({run[0]})\u2013({run[-1]})"
    return ", ".join(f"({x})" for x in run)


def _status_summary(item: AgendaItemView) -> str:
    counts = {code: 0 for code in STATUS_CODES}
    for action in item.actions:
        counts[action.status] = counts.get(action.status, 0) + 1
    parts = [f"{status_label(code)}: {n}" for code, n in counts.items() if n]
    return f"{len(item.actions)} action lines. " + "; ".join(parts)


def _who(c: Contact) -> list[str]:
    first = c.name + (f", {c.title}" if c.title else "")
    return [first] + ([c.organisation] if c.organisation else [])
