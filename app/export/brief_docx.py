"""The Word brief of a meeting, in the form foreign ministries use.

The top page: the meeting (kind, date, venue), its purpose, the key asks, our delegation,
logistics, the document control (drafted by, cleared by, version, reference, date of the brief)
and the handling marking (the meeting's; SENSITIVE when it has none and the focal points annex
prints e-mails or phones: app.export.handling); then the contents (each heading linked, with
its page number: a PAGEREF field whose cached number is estimated (app.export.docx_layout),
which LibreOffice computes itself and Word refreshes on opening) and the objectives of every
item; then one page of key messages (each item's objective and first points to make). The
agenda items (app.export.brief_items) follow: the first starts a page, a long one starts its
own, a short one is kept whole and follows the one before; each has its title with its
reference (the user's, or a short subject from the action line: app.meetings.item_titles),
objective, points to make, defensive points, background and outcome (each only when filled),
then the verbatim text (a whole section quotes only the lines chosen, the others by reference)
and the desk information (status, who leads which line, the pillar). Annexes: the focal points
(which role on which line), the full text of whole sections if asked for, and the acronyms the
brief uses (the plan's and the user's own). The marking sits centred in every header and
footer, with "Page X of Y". Headings keep with what follows; a verbatim text stays in one
piece. Tables take the page's text width (a template's too). Notes only when asked for; private
ones on their own flag, and then the top page says so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.atomic import write_atomically
from app.clock import long_date, now
from app.vocab import MARKINGS, status_label

from .brief_items import ItemWriter
from .brief_wording import reference, who
from .content import BriefContent, brief_acronyms, load_brief, unexplained
from .doc_props import set_docx_properties
from .docx_layout import PageModel
from .docx_page import (
    ANNEX_PT,
    BOLD,
    DESIGN_WIDTH_MM,
    GREY,
    NOTE,
    SMALL,
    filled,
)
from .docx_parts import StyleSet, open_document, own_styles, set_update_fields
from .docx_xml import Run, W, add_field, add_text, attr, field_xml, run_xml, sub, twips
from .files import ExportResult, acronym_warning, check_target
from .handling import brief_marking
from .metrics import text_width

if TYPE_CHECKING:
    from app.service import Desk

__all__ = ["BriefWriter", "long_date", "write_brief_docx"]

_MARKING_NOTES = dict(MARKINGS)
# A page filled less than this (a short last item moved over whole) takes the annex after it.
ALONE_ON_A_PAGE = 0.35


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
    write_atomically(target, lambda tmp: document.save(str(tmp)), private=include_private)
    # python-docx's package is a reference cycle, freed only by a full garbage collection
    # (rare when little else is allocated): the written tree, most of the memory, freed now
    document.element.body.clear()
    missing = writer.missing_acronyms()
    return ExportResult(target, tuple(styles.warnings + writer.clean.warnings()
                                      + acronym_warning(missing)), tuple(missing))


class BriefWriter(ItemWriter):
    def __init__(self, document: Any, styles: StyleSet, content: BriefContent, *,
                 include_notes: bool = False, include_private: bool = False,
                 full_text: bool = False, today: date | None = None) -> None:
        own = own_styles(document)
        super().__init__(document, styles, own["Table Text"])
        self._plan_text = own["Plan Text"]
        self.content = content
        self.meeting = content.meeting
        # the meeting's marking; with none, SENSITIVE when the annex prints e-mails or phones
        # (as the Excel brief, the command line and the window decide: app.export.handling)
        self.marking = brief_marking(content.meeting.marking, content.contacts)
        self.include_notes = include_notes
        self.include_private = include_private
        self.full_text = full_text and any(i.is_section for i in content.meeting.items)
        self.today = today or now().date()
        letters = iter("ABCDEFG")
        self.annex_contacts = f"Annex {next(letters)}: Focal points"
        self.annex_full = f"Annex {next(letters)}: Full text of the sections" \
            if self.full_text else ""
        self.annex_acronyms = f"Annex {next(letters)}: Acronyms"

    # -- the brief --------------------------------------------------------------------------

    def write(self) -> None:
        items = self.meeting.items
        toc = [("Objectives", "_TocObjectives"), ("Key messages", "_TocKeyMessages")]
        toc += [(self.item_title(n, item), f"_TocItem{n}") for n, item in enumerate(items, 1)]
        toc += [(self.annex_contacts, "_TocAnnexContacts")]
        if self.full_text:
            toc += [(self.annex_full, "_TocAnnexFull")]
        toc += [(self.annex_acronyms, "_TocAnnexAcronyms")]
        model = PageModel(self.doc, self.body)
        self.top_page()
        numbers = self.contents(toc)
        self.objectives()
        self.key_messages(model)
        for n, item in enumerate(items, 1):
            self.agenda_item(n, item, model, first=n == 1)
        # the annexes start a page of their own unless the last item's page holds only a few
        # lines (a short last item such as "Any other business" moved over whole)
        self.focal_point_annex(new_page=model.last_page_filled() > ALONE_ON_A_PAGE)
        if self.full_text:
            self.full_text_annex()
        self.header_footer()
        self.acronym_annex()  # last: it lists what everything above uses
        pages, _ = model.pages()
        del model  # what the estimate kept let go of before saving (the peak of memory)
        self.body.written.clear()
        self.body.kept.clear()
        for anchor, cached in numbers.items():
            cached.text = str(pages.get(anchor, 1))
        set_update_fields(self.doc)
        set_docx_properties(self.doc, title=self.clean(f"Brief: {self.meeting.title}",
                                                       "meeting title"),
                            subject=self.clean(self.meeting.label, "meeting"),
                            marking=self.clean(self.marking, "marking"))

    def missing_acronyms(self) -> list[str]:
        """The words in capitals that no glossary explains (after write)."""
        return unexplained(self.distinct_text(), self.content.glossary,
                           [self.marking])

    def distinct_text(self) -> str:
        """Each piece of text written, once (the same acronyms as all of it, in a fraction of
        the time: items repeat their labels and often their points)."""
        return "\n".join(dict.fromkeys(self.texts))

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
        if self.marking:
            handling: list[list[Run]] = [[self.t(self.marking, "marking", BOLD)]]
            note = _MARKING_NOTES.get(self.marking)
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

    def contents(self, entries: list[tuple[str, str]]) -> dict[str, Any]:
        """Each heading linked, a dot leader and its page number: a PAGEREF field to the
        heading's bookmark (LibreOffice computes it, Word refreshes it on opening; the cached
        number, estimated when the brief is done, is what shows until then). Returns the
        cached numbers' text elements by anchor, to fill in."""
        heading = self.para("Contents", "TOC Heading")
        self.keep(heading, page_break_before=True)  # page 2: contents and objectives
        toc_style = self.styles.ids["TOC 1"]
        right = str(twips(DESIGN_WIDTH_MM * self.scale))
        numbers: dict[str, Any] = {}
        for title, anchor in entries:  # (each written as one piece of XML: fast)
            p = self.body.place_xml(
                f'<w:p><w:pPr><w:pStyle w:val="{attr(toc_style)}"/><w:tabs><w:tab '
                f'w:val="right" w:leader="dot" w:pos="{right}"/></w:tabs></w:pPr>'
                f'<w:hyperlink w:anchor="{attr(anchor)}" w:history="1">'
                + run_xml(self.t(title)[0] + "\t") + field_xml(rf"PAGEREF {anchor} \h", "0")
                + "</w:hyperlink></w:p>")
            numbers[anchor] = list(p.iter(W + "t"))[-1]  # the field's cached result
        return numbers

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
                what.append([(self.clean(reference(item), "reference"), GREY)])
            table.row([[self.t(str(n))], what,
                       self.cell(filled(item.objective), f"{item.ref} objective")])

    def focal_point_annex(self, *, new_page: bool = True) -> None:
        self.heading(self.annex_contacts, anchor="_TocAnnexContacts", new_page=new_page)
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
            table.row([[self.t(c.country_name, where, SMALL)], self.cell(who(c), where, SMALL),
                       self.cell([v for v in (c.email, c.phone) if v], where, SMALL),
                       self.cell(c.role_lines(), where, SMALL)])

    def full_text_annex(self) -> None:
        self.heading(self.annex_full, anchor="_TocAnnexFull", new_page=True)
        for item in self.meeting.items:
            if not item.is_section:
                continue
            self.heading(item.with_plan(f"Section {item.ref} {item.title}"), 2)
            for action in item.actions:
                self.body.paragraph(self._plan_text, [
                    self.t(f"{action.mark} ", fmt=BOLD),
                    self.t(action.text, f"{action.ref} action text"),
                    self.t(f" [{status_label(action.status)}]", fmt=NOTE)])

    def acronym_annex(self) -> None:
        self.heading(self.annex_acronyms, anchor="_TocAnnexAcronyms", new_page=True)
        used = brief_acronyms(self.distinct_text(), self.content.glossary)
        if not used:
            self.para("No acronyms from the glossary appear in this brief.", fmt=NOTE)
            return
        table = self.table([32, 128])
        for a in used:
            table.row([[self.t(a.abbr, "glossary", BOLD)], [self.t(a.expansion, "glossary")]])

    def header_footer(self) -> None:
        """The marking, centred and bold, in every header and footer; "Page X of Y"."""
        marking = self.clean(self.marking, "marking")
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
