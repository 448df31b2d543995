"""The Excel brief of a meeting (sheets Agenda, Items, Focal points, Acronyms) and the
implementation matrix of the whole plan (Implementation matrix, Focal points, Acronyms).

The brief holds the meeting and nothing else: its items and the action lines they cover (a
whole section as the lines the brief quotes, the Word brief's choice, and the rest of the
section by reference), the focal points of those lines and the acronyms its text uses (the
Word brief's rule, app.export.content.brief_acronyms). The plan's whole matrix is its own
export (`poadesk export matrix`). Focal points' e-mails and phones print only under a marking:
a brief whose meeting has none is marked SENSITIVE when it lists them (app.export.handling).

Both write new workbooks (ordinary ones, not write-only: a plan is a few hundred rows): every
string a text cell (references like 1.10(a) and section numbers like 1.10 stay text; a note
beginning with "=" is never a formula), the status a drop-down enforced from a hidden "Lists"
sheet, statuses and their breakdowns in one order (app.vocab.STATUS_ORDER), notes only when
asked for (private ones on their own flag; the matrix, the desk's working table, has the
shared notes and says "(withheld)" where a private one was left out). Every sheet prints on
A4 landscape with its text at 8 pt or more, its rows as high as their wrapped text, a title
row and print header naming what it is, and the marking in the header and footer of every
page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.atomic import write_atomically
from app.clock import long_date, now
from app.glossary import Acronym
from app.meetings.values import FIELD_LABELS, ITEM_FIELDS, AgendaItemView, MeetingDetail
from app.vocab import DEFAULT_WORKBOOK_MARKING, STATUS_ORDER, status_label

from .brief_wording import letters
from .content import (
    Contact,
    MatrixRow,
    brief_acronyms,
    lead_focal_points,
    load_brief,
    load_matrix,
    unexplained,
)
from .doc_props import save_workbook, set_xlsx_properties
from .files import Cleaner, ExportResult, acronym_warning, check_target
from .handling import brief_marking
from .matrix_versions import WITHHELD, add_versions_sheet
from .metrics import characters, text_width
from .xlsx_sheets import FONT_SIZE, SheetWriter, Styles, add_lists_sheet

if TYPE_CHECKING:
    from app.meetings.values import AgendaAction
    from app.service import Desk
    from app.values import AssignedFocalPoint

MATRIX_SHEET = "Implementation matrix"
# Column widths (characters of the workbook's default font). Each sheet's sum is chosen so
# that fitting it to one A4 landscape page wide keeps Arial 10 at 8 pt or more
# (app.export.metrics.print_scale; tests check every sheet). The Agenda's Outcome and the
# Items' Notes columns are there only when one of their cells is filled; the columns beside
# them share their room then.
AGENDA_COLUMNS = [("No.", 5), ("Ref", 9), ("Item", 30), ("Status", 16),
                  ("Lead focal points", 28), ("Objective", 42), ("Outcome", 30)]
ITEM_COLUMNS = [("No.", 5), ("Ref", 9), ("Field", 17), ("Text", 108), ("Status", 15)]
ITEM_COLUMNS_NOTES = [("No.", 5), ("Ref", 9), ("Field", 17), ("Text", 80), ("Status", 15),
                      ("Notes", 38)]
MATRIX_COLUMNS = [("Ref", 7), ("Pillar", 12), ("Section", 20), ("Action", 50), ("Status", 12),
                  ("Focal points", 24), ("Notes", 28), ("Last updated", 16)]
CONTACT_COLUMNS = [("Country", 13), ("Name", 20), ("Title", 16), ("Organisation", 24),
                   ("Email", 28), ("Phone", 15), ("Role and lines", 30)]
ACRONYM_COLUMNS = [("Acronym", 16), ("Full name", 90)]
EMAIL_MAX = 60  # the Email column at its widest: the contacts sheet still prints at 8 pt


def write_brief_xlsx(desk: Desk, meeting_id: int, target: Path, *,
                     include_notes: bool = False, include_private: bool = False,
                     ) -> ExportResult:
    """The Excel brief of `meeting_id`: its agenda, the items in full, the focal points of
    their lines and the acronyms used."""
    check_target(target, (".xlsx",), "an Excel brief")
    content = load_brief(desk, meeting_id)
    include_notes = include_notes or include_private
    meeting = content.meeting
    marking = brief_marking(meeting.marking, content.contacts)
    name = meeting.title + (f", {long_date(meeting.date)}" if meeting.date else "")
    if include_private:
        name += " (includes private notes)"
    book = _Book(marking, name)
    titles = {item.id: item.brief_title + (f" ({item.plan_label})" if item.plan_label else "")
              for item in meeting.items}  # worked out once; the plan when several
    book.agenda(meeting, titles)
    notes = _notes(meeting, include_private) if include_notes else {}
    book.items(meeting, titles, notes)
    if content.contacts:
        book.focal_points(content.contacts)
    missing = unexplained("\n".join(dict.fromkeys(book.texts)), content.glossary, [marking])
    book.acronyms(content.glossary)
    result = book.save(target, f"Brief: {meeting.title}", meeting.label,
                       extra=acronym_warning(missing))
    return replace(result, unexplained=tuple(missing))


def write_matrix_xlsx(desk: Desk, target: Path, *, plan_id: int | None = None,
                      include_private: bool = False,
                      marking: str = DEFAULT_WORKBOOK_MARKING) -> ExportResult:
    """The implementation matrix of the whole plan: every action line, one a row, under one
    title naming the plan and the day it was written ("as at")."""
    check_target(target, (".xlsx",), "an implementation matrix")
    plan_id = desk.default_plan_id() if plan_id is None else plan_id
    rows, contacts, glossary = load_matrix(desk, plan_id, include_private=include_private)
    details = desk.action_details(plan_id)
    withheld = set() if include_private else {
        d.ref for d in details if d.notes_private and d.notes.strip()}
    plan = next((p for p in desk.plans() if p.id == plan_id), None)
    as_at = f"as at {long_date(now().date())}"
    name = ", ".join(filter(None, (plan.title if plan else "", as_at)))
    if include_private:
        name += " (includes private notes)"
    book = _Book(marking, name, matrix=True, print_name=as_at)
    book.matrix([replace(r, notes=WITHHELD) if r.ref in withheld else r for r in rows])
    book.focal_points(contacts)
    book.acronyms(glossary)
    # the export's id and each line's stamp; what each line showed is recorded in the
    # database, which `poadesk import matrix` compares three ways with
    add_versions_sheet(book.workbook, desk, plan_id, MATRIX_SHEET, details=details)
    return book.save(target, "Implementation matrix", plan.title if plan else "")


class _Book:
    """The workbook being written: its sheets share the styles, the cleaner, the marking and
    the texts (for the acronyms). A brief's sheets are headed "<meeting> · <sheet>"; the
    matrix's "<sheet>: <plan>, as at <day>" (`matrix`), once."""

    def __init__(self, marking: str, name: str, *, matrix: bool = False,
                 print_name: str = "") -> None:
        from openpyxl import Workbook

        # An ordinary workbook, not a write-only one: its append takes the styled cells as
        # they are, where write-only append first tries each cell as a value (an exception a
        # cell); that made two thirds of the time for a few thousand cells. A whole plan is
        # a few hundred rows, so holding them until the save costs little memory.
        self.workbook = Workbook()
        self.workbook.remove(self.workbook.active)
        self.styles = Styles(self.workbook)
        self.clean = Cleaner()
        self.marking = self.clean(marking, "marking")
        self.name = self.clean(name, "title")
        self.is_matrix = matrix
        self.print_name = self.clean(print_name, "title")
        self.texts: list[str] = []
        self.warnings: list[str] = []

    def sheet(self, title: str, columns: Sequence[tuple[str, float]],
              freeze: str = "A2", centered: Sequence[str] = ()) -> SheetWriter:
        if self.is_matrix:
            heading = f"{title}: {self.name}"
            print_name = f"{title}, {self.print_name}" if self.print_name else ""
        else:
            heading, print_name = f"{self.name} \u00b7 {title}", ""
        return SheetWriter(self.workbook, title, columns, self.styles, self.clean,
                           freeze=freeze, marking=self.marking, texts=self.texts,
                           heading=heading, centered=centered, print_name=print_name)

    def done(self, sheet: SheetWriter) -> None:
        sheet.close()
        self.warnings.extend(sheet.warnings)

    def agenda(self, meeting: MeetingDetail, titles: dict[int, str]) -> None:
        """One row per item: what it is, its status and leads, its objective (and its
        outcome, once the meeting has one)."""
        outcomes = any(item.outcome.strip() for item in meeting.items)
        columns = AGENDA_COLUMNS if outcomes else [
            *AGENDA_COLUMNS[:5], ("Objective", AGENDA_COLUMNS[5][1] + AGENDA_COLUMNS[6][1])]
        sheet = self.sheet("Agenda", columns, freeze="C2", centered=("No.",))
        validated = []
        for n, item in enumerate(meeting.items, 1):
            single = len(item.actions) == 1 and not item.is_section
            values: list[str | int] = [n, item.ref, titles[item.id], _status(item),
                                       "\n".join(_leads(item)), item.objective]
            sheet.row(values + [item.outcome] if outcomes else values,
                      f"agenda item {item.ref or item.brief_title}")
            if single:
                validated.append(sheet.rows)
        sheet.status_dropdown("D", validated)
        self.done(sheet)

    def items(self, meeting: MeetingDetail, titles: dict[int, str],
              notes: dict[int, str]) -> None:
        """The brief in rows: per item its title, objective, points to make, defensive
        points, background and outcome (when filled; one line a row), the text of its
        action line (of a whole section: the lines the brief quotes, a row each, and the
        others by reference), its leads. `titles`: each item's, by id; `notes`: the desk
        notes shown, by action line, in a Notes column (none when there are none)."""
        columns = ITEM_COLUMNS_NOTES if notes else ITEM_COLUMNS
        sheet = self.sheet("Items", columns, freeze="D2", centered=("No.",))
        validated = []

        def row(values: list[str | int], where: str, note: str = "",
                strong: bool = False) -> None:
            sheet.row(values + [note] if notes else values, where, label_column=2,
                      strong=strong)

        for n, item in enumerate(meeting.items, 1):
            where = f"item {item.ref or item.brief_title}"
            row([n, item.ref, "Item", titles[item.id], _status(item)], where, strong=True)
            for name in ITEM_FIELDS:
                label = FIELD_LABELS[name]
                for index, line in enumerate(_lines(item.field(name))):
                    row([n, item.ref, label if index == 0 else "", line, ""],
                        f"{where} {label.lower()}")
            shown = _shown(item, notes)
            label = "Quoted lines" if item.is_section else "Action text"
            for index, action in enumerate(shown):
                row([n, action.ref, label if index == 0 else "", action.text,
                     status_label(action.status)], f"{where} action text",
                    notes.get(action.id, ""))
                validated.append(sheet.rows)
            rest = [a for a in item.actions if a not in shown]
            if item.is_section and rest:
                row([n, item.ref, "Other lines", f"Not quoted ({len(rest)} of "
                     f"{len(item.actions)}; in the plan and the matrix): {letters(rest)}", ""],
                    f"{where} other lines")
            for index, lead in enumerate(_leads(item)):
                row([n, item.ref, "Lead focal points" if index == 0 else "", lead, ""],
                    f"{where} focal points")
        sheet.status_dropdown("E", validated)
        self.done(sheet)

    def matrix(self, rows: Sequence[MatrixRow]) -> None:
        """Every action line: Ref, Pillar, Section, Action, Status, the focal points (one
        line per country), Notes, Last updated (a date, printed "5 March 2026")."""
        sheet = self.sheet(MATRIX_SHEET, MATRIX_COLUMNS, freeze="B2")
        for row in rows:
            by_country: dict[str, list[str]] = {}
            for fp in row.focal_points:
                by_country.setdefault(fp.country_name, []).append(f"{fp.name} ({fp.role})")
            focal = "\n".join(f"{country}: {'; '.join(names)}"
                              for country, names in by_country.items())
            sheet.row([row.ref, row.pillar, row.section, row.text, row.status, focal,
                       row.notes, row.updated_at], f"action line {row.ref}")
        sheet.status_dropdown("E")
        self.done(sheet)

    def focal_points(self, contacts: Sequence[Contact]) -> None:
        """One row per focal point; the Email column as wide as the longest address (up to
        what keeps the sheet at 8 pt), so that no address breaks over two lines."""
        email = max((text_width(c.email, FONT_SIZE) for c in contacts), default=0.0)
        columns = [(name, max(width, min(EMAIL_MAX, characters(email)))
                    if name == "Email" else width) for name, width in CONTACT_COLUMNS]
        sheet = self.sheet("Focal points", columns)
        for c in contacts:
            sheet.row([c.country_name, c.name, c.title, c.organisation, c.email, c.phone,
                       "\n".join(c.role_lines())], f"focal point {c.name}")
        self.done(sheet)

    def acronyms(self, glossary: Sequence[Acronym]) -> None:
        """The acronyms the sheets above use (and those their full names use)."""
        # Each distinct text once: the pillar, section and status of every row repeat.
        used = brief_acronyms("\n".join(dict.fromkeys(self.texts)), glossary)
        sheet = self.sheet("Acronyms", ACRONYM_COLUMNS)
        for a in used:
            sheet.row([a.abbr, a.expansion], f"acronym {a.abbr}")
        self.done(sheet)

    def save(self, target: Path, title: str, subject: str,
             extra: Sequence[str] = ()) -> ExportResult:
        add_lists_sheet(self.workbook)
        set_xlsx_properties(self.workbook, title=self.clean(title, "title"),
                            subject=self.clean(subject, "subject"), marking=self.marking)

        write_atomically(target, lambda tmp: save_workbook(self.workbook, tmp))
        return ExportResult(target, tuple(self.warnings + self.clean.warnings() + list(extra)))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _notes(meeting: MeetingDetail, include_private: bool) -> dict[int, str]:
    """The desk notes a brief shows, by action line (private ones marked so)."""
    return {a.id: a.notes.strip() + (" (private)" if a.notes_private else "")
            for item in meeting.items for a in item.actions
            if a.notes.strip() and (include_private or not a.notes_private)}


def _shown(item: AgendaItemView, notes: dict[int, str]) -> list[AgendaAction]:
    """The action lines an item prints in full: those the brief quotes, and those whose note
    is shown (a note is read beside its line), in the plan's order."""
    quoted = {a.id for a in item.quoted()}
    return [a for a in item.actions if a.id in quoted or a.id in notes]


def status_breakdown(statuses: Sequence[str]) -> str:
    """'22 action lines: Achieved 1; Being addressed 2; Not assessed 19' (status codes in,
    counted in app.vocab.STATUS_ORDER)."""
    counts = {code: 0 for code in STATUS_ORDER}
    for code in statuses:
        counts[code] = counts.get(code, 0) + 1
    return f"{len(statuses)} action lines: " + "; ".join(
        f"{status_label(code)} {n}" for code, n in counts.items() if n)


def _status(item: AgendaItemView) -> str:
    if item.is_free:
        return ""
    if len(item.actions) == 1 and not item.is_section:
        return status_label(item.actions[0].status)
    return status_breakdown([a.status for a in item.actions])


def _leads(item: AgendaItemView) -> list[str]:
    """'Country: Name (Organisation)' per country for the item's leads and co-leads; for a
    whole section, each with the lines it leads ('..., co-lead: whole section', ': (a), (c)')."""
    if not item.is_section:
        return [f"{country}: {'; '.join(names)}"
                for country, names in lead_focal_points(item.focal_points)]
    first: dict[int, AssignedFocalPoint] = {}
    lines: dict[int, list[AgendaAction]] = {}
    whole: set[int] = set()
    for action in item.actions:
        for fp in action.focal_points:
            if fp.active and fp.role in ("lead", "co-lead"):
                first.setdefault(fp.focal_point_id, fp)
                if fp.via_section:
                    whole.add(fp.focal_point_id)
                else:
                    lines.setdefault(fp.focal_point_id, []).append(action)
    by_country: dict[str, list[str]] = {}
    for fid, fp in first.items():
        who = f"{fp.name} ({fp.organisation})" if fp.organisation else fp.name
        what = "whole section" if fid in whole else letters(lines.get(fid, []))
        by_country.setdefault(fp.country_name, []).append(f"{who}, {fp.role}: {what}")
    return [f"{country}: {'; '.join(names)}" for country, names in by_country.items()]
