"""The Word brief of a meeting, in the form foreign ministries use.

Cover block (meeting, date, venue, handling marking), contents (a TOC field; Word refreshes it on
opening, LibreOffice with Tools > Update; until then it lists the headings), objectives, one
section per agenda item (reference, verbatim action text, status, lead focal points, points to
make, defensive points, background, outcome), then annexes: the focal points of the items and
the acronyms the brief uses. The handling marking sits in the header and the footer, with
"Page X of Y". Notes are left out unless asked for; private ones need their own flag.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.atomic import write_atomically
from app.meetings.values import AgendaItemView
from app.vocab import STATUS_CODES, status_label

from .content import BriefContent, Contact, brief_acronyms, lead_focal_points, load_brief
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

if TYPE_CHECKING:
    from app.service import Desk

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_BULLET_MARK = re.compile(r"^\s*(?:[-*\u2022\u2013\u25aa]\s+)")
NONE_RECORDED = "None recorded."
BOLD = Fmt(bold=True)
NOTE = Fmt(italic=True, grey=True)  # "None recorded.", statuses beside verbatim text


def long_date(day: date) -> str:
    """'Thursday 5 March 2026' (English whatever the system locale)."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def write_brief_docx(desk: Desk, meeting_id: int, target: Path, *,
                     template: Path | None = None, include_notes: bool = False,
                     include_private: bool = False) -> ExportResult:
    """Write the Word brief of `meeting_id` to `target` (atomically)."""
    check_target(target, (".docx",), "a Word brief")
    content = load_brief(desk, meeting_id)
    document, styles = open_document(template)
    writer = BriefWriter(document, styles, content,
                         include_notes=include_notes or include_private,
                         include_private=include_private)
    writer.write()
    write_atomically(target, lambda tmp: document.save(str(tmp)))
    return ExportResult(target, tuple(styles.warnings + writer.clean.warnings()))


class BriefWriter:
    def __init__(self, document: Any, styles: StyleSet, content: BriefContent, *,
                 include_notes: bool = False, include_private: bool = False) -> None:
        self.doc = document
        self.body = Body(document)
        self.styles = styles
        self.content = content
        self.meeting = content.meeting
        self.include_notes = include_notes
        self.include_private = include_private
        self.clean = Cleaner()
        self.texts: list[str] = []  # everything written, for the acronym annex
        self._marks = 0
        own = own_styles(document)
        self._plan_text, self._table_text = own["Plan Text"], own["Table Text"]

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

    def heading(self, text: str, level: int = 1, *, anchor: str | None = None) -> Any:
        p = self.para(text, f"Heading {level}")
        if anchor:
            self._marks += 1
            bookmark(p, anchor, self._marks)
        return p

    def lines(self, text: str, *, bullets: bool = False, where: str = "brief") -> None:
        """Each non-empty line a paragraph (a bullet for points); 'None recorded.' if none."""
        rows = [line for line in text.split("\n") if line.strip()]
        if not rows:
            self.para(NONE_RECORDED, fmt=NOTE)
            return
        for line in rows:
            if bullets:
                line = _BULLET_MARK.sub("", line, count=1)
                if self.styles.plain_bullets:
                    line = "\u2022\t" + line
                self.para(line, "List Bullet", where=where)
            else:
                self.para(line, where=where)

    def table(self, widths_mm: list[float], header: list[str] | None = None) -> Table:
        return self.body.table(widths_mm, header=header or (), style_id=self._table_text)

    def cell(self, values: list[str], where: str = "brief", fmt: Fmt = PLAIN) -> list[list[Run]]:
        """A table cell's paragraphs: one per value; 'None recorded.' if there is none."""
        if not values:
            return [[self.t(NONE_RECORDED, fmt=NOTE)]]
        return [[self.t(value, where, fmt)] for value in values]

    # -- the brief --------------------------------------------------------------------------

    def write(self) -> None:
        items = self.meeting.items
        toc = [("Objectives", "_TocObjectives")]
        toc += [(self._item_title(n, item), f"_TocItem{n}") for n, item in enumerate(items, 1)]
        toc += [("Annex A: Focal points", "_TocAnnexA"), ("Annex B: Acronyms", "_TocAnnexB")]
        self.cover()
        self.contents(toc)
        self.body.paragraph(page_break=True)
        self.objectives()
        for n, item in enumerate(items, 1):
            self.agenda_item(n, item)
        self.body.paragraph(page_break=True)
        self.focal_point_annex()
        self.body.paragraph(page_break=True)
        self.header_footer()
        self.acronym_annex()  # last: it lists what everything above uses
        set_update_fields(self.doc)
        props = self.doc.core_properties
        props.title = self.clean(f"Brief: {self.meeting.title}", "meeting title")
        props.subject = self.clean(self.meeting.label, "meeting")
        props.author = props.last_modified_by = "POA Desk"

    def cover(self) -> None:
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
        rows = [("Meeting", kind, "meeting kind"),
                ("Date", long_date(m.date) if m.date else "To be confirmed", "date"),
                ("Venue", m.venue or "To be confirmed", "venue")]
        if m.marking:
            rows.append(("Handling", m.marking, "marking"))
        count = len(m.items)
        rows.append(("Agenda", f"{count} item{'s' if count != 1 else ''}", "agenda"))
        table = self.table([32, 128])
        for label, value, where in rows:
            table.row([[self.t(label, fmt=BOLD)],
                       [self.t(value, where, BOLD if label == "Handling" else PLAIN)]],
                      shade_first=True)
        self.para()

    def contents(self, entries: list[tuple[str, str]]) -> None:
        """A TOC field whose cached result already lists the headings (linked), so the
        contents are useful before Word or LibreOffice refresh it with page numbers."""
        self.para("Contents", "TOC Heading")
        toc_style = self.styles.ids["TOC 1"]
        paragraphs = [self.body.paragraph(toc_style) for _ in entries]
        end = add_field(paragraphs[0], r'TOC \o "1-1" \h \z \u', dirty=True)
        paragraphs[0].remove(end)  # the field's result is the entries: it ends after the last
        for p, (title, anchor) in zip(paragraphs, entries, strict=True):
            internal_link(p, anchor, self.t(title)[0])
        paragraphs[-1].append(end)

    def objectives(self) -> None:
        self.heading("Objectives", anchor="_TocObjectives")
        if not self.meeting.items:
            self.para("The agenda has no items yet.", fmt=NOTE)
            return
        table = self.table([12, 58, 90], ["No.", "Agenda item", "Objective"])
        for n, item in enumerate(self.meeting.items, 1):
            objectives = [line for line in item.objective.split("\n") if line.strip()]
            table.row([[self.t(str(n))], [self.t(item.heading, f"{item.ref} title")],
                       self.cell(objectives, f"{item.ref} objective")])

    @staticmethod
    def _item_title(n: int, item: AgendaItemView) -> str:
        return f"Item {n}: {item.heading}"

    def agenda_item(self, n: int, item: AgendaItemView) -> None:
        self.heading(self._item_title(n, item), anchor=f"_TocItem{n}")
        for action in item.actions:
            runs = []
            if item.is_section or len(item.actions) > 1:
                runs.append(self.t(f"{action.letter}) ", fmt=BOLD))
            runs.append(self.t(action.text, f"{action.ref} action text"))
            if item.is_section:
                runs.append(self.t(f" [{status_label(action.status)}]", fmt=NOTE))
            self.body.paragraph(self._plan_text, runs)
        status = (status_label(item.actions[0].status) if len(item.actions) == 1
                  else _status_summary(item))
        leads = [f"{country}: {'; '.join(names)}"
                 for country, names in lead_focal_points(item.focal_points)]
        table = self.table([40, 120])
        for label, values in (("Status", [status]), ("Lead focal points", leads),
                              ("Pillar", [f"{item.part_number}. {item.part_title}"])):
            table.row([[self.t(label, fmt=BOLD)],
                       self.cell(values, f"{item.ref} {label.lower()}")], shade_first=True)
        for name, label, bullets in (("objective", "Objective", False),
                                     ("points_to_make", "Points to make", True),
                                     ("defensive_points", "Defensive points", True),
                                     ("background", "Background", False)):
            self.heading(label, 2)
            self.lines(item.field(name), bullets=bullets, where=f"{item.ref} {label.lower()}")
        if item.outcome.strip():
            self.heading("Outcome", 2)
            self.lines(item.outcome, where=f"{item.ref} outcome")
        if self.include_notes:
            self.notes(item)

    def notes(self, item: AgendaItemView) -> None:
        shown = [a for a in item.actions
                 if a.notes.strip() and (self.include_private or not a.notes_private)]
        if not shown:
            return
        self.heading("Desk notes", 2)
        for action in shown:
            label = " ".join(filter(None, (f"{action.ref}:" if len(item.actions) > 1 else "",
                                           "(private)" if action.notes_private else "")))
            rows = [line for line in action.notes.split("\n") if line.strip()]
            for index, line in enumerate(rows):
                runs = [self.t(label + " ", fmt=BOLD)] if index == 0 and label else []
                self.body.paragraph(None, [*runs, self.t(line, f"{action.ref} notes")])

    def focal_point_annex(self) -> None:
        self.heading("Annex A: Focal points", anchor="_TocAnnexA")
        contacts = self.content.contacts
        if not contacts:
            self.para("No focal points recorded.", fmt=NOTE)
            return
        table = self.table([28, 44, 52, 36], ["Country", "Focal point", "Contact", "Covers"])
        for c in contacts:
            where = f"focal point {c.name}"
            table.row([[self.t(c.country_name, where)], self.cell(_who(c), where),
                       self.cell([v for v in (c.email, c.phone) if v] or ["-"], where),
                       self.cell([f"{', '.join(c.covers)} ({', '.join(c.roles)})"], where)])

    def acronym_annex(self) -> None:
        self.heading("Annex B: Acronyms", anchor="_TocAnnexB")
        used = brief_acronyms("\n".join(self.texts), self.content.glossary)
        if not used:
            self.para("No acronyms from the plan's glossary appear in this brief.", fmt=NOTE)
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
                    sub(sub(p, "pPr"), "pStyle", val=self.styles.ids[style])
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


def _status_summary(item: AgendaItemView) -> str:
    counts = {code: 0 for code in STATUS_CODES}
    for action in item.actions:
        counts[action.status] = counts.get(action.status, 0) + 1
    parts = [f"{status_label(code)}: {n}" for code, n in counts.items() if n]
    return f"{len(item.actions)} action lines. " + "; ".join(parts)


def _who(c: Contact) -> list[str]:
    first = c.name + (f", {c.title}" if c.title else "")
    return [first] + ([c.organisation] if c.organisation else [])
