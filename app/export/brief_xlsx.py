"""The Excel brief of a meeting (sheets Agenda, Items, Implementation matrix, Focal points,
Acronyms) and the implementation matrix of the whole plan (the same without the agenda).

Both write new workbooks (ordinary ones, not write-only: a plan is a few hundred rows): every
string a text cell (references like 1.10(a) and section numbers like 1.10 stay text; a note
beginning with "=" is never a formula), the status a drop-down enforced from a hidden "Lists"
sheet, notes only when asked for (private ones on their own flag; the matrix, the desk's
working table, has the shared notes). Every sheet prints on A4 landscape with its text at
8 pt or more: the Agenda has one row per item, Items the brief itself one field or line a row
(the full text of a whole section in rows of its own), a title row and print header name the
meeting, and the marking is on every sheet and page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.atomic import write_atomically
from app.clock import long_date
from app.glossary import Acronym
from app.meetings.values import FIELD_LABELS, ITEM_FIELDS, AgendaItemView, MeetingDetail
from app.vocab import DEFAULT_WORKBOOK_MARKING, status_label

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
from .matrix_versions import add_versions_sheet
from .xlsx_sheets import SheetWriter, Styles, add_lists_sheet

if TYPE_CHECKING:
    from app.service import Desk

MATRIX_SHEET = "Implementation matrix"
# Column widths (characters of the workbook's default font). Each sheet's sum is chosen so
# that fitting it to one A4 landscape page wide keeps Arial 10 at 8 pt or more
# (app.export.metrics.print_scale; tests check every sheet).
AGENDA_COLUMNS = [("No.", 5), ("Ref", 9), ("Item", 30), ("Status", 16),
                  ("Lead focal points", 28), ("Objective", 42), ("Outcome", 30)]
ITEM_COLUMNS = [("No.", 5), ("Ref", 9), ("Field", 17), ("Text", 108), ("Status", 15)]
MATRIX_COLUMNS = [("Ref", 7), ("Pillar", 12), ("Section", 20), ("Action", 50), ("Status", 12),
                  ("Focal points", 24), ("Notes", 28), ("Last updated", 16)]
CONTACT_COLUMNS = [("Country", 13), ("Name", 20), ("Title", 16), ("Organisation", 24),
                   ("Email", 28), ("Phone", 15), ("Role and lines", 30)]
ACRONYM_COLUMNS = [("Acronym", 16), ("Full name", 90)]


def write_brief_xlsx(desk: Desk, meeting_id: int, target: Path, *,
                     include_notes: bool = False, include_private: bool = False,
                     ) -> ExportResult:
    """The Excel brief of `meeting_id`: its agenda, the items in full, the matrix of the
    whole plan (the one its agenda is from), the focal points and the acronyms used."""
    check_target(target, (".xlsx",), "an Excel brief")
    content = load_brief(desk, meeting_id)
    include_notes = include_notes or include_private
    rows, contacts, glossary = load_matrix(desk, content.plan_id,
                                           include_private=include_private)
    meeting = content.meeting
    name = meeting.title + (f", {long_date(meeting.date)}" if meeting.date else "")
    if include_private:
        name += " (includes private notes)"
    book = _Book(meeting.marking, name)
    book.agenda(meeting)
    book.items(meeting, include_notes=include_notes, include_private=include_private)
    written = len(book.texts)  # the brief proper: the matrix after it is the plan's own text
    book.matrix(rows if include_notes else [_without_notes(r) for r in rows], contacts)
    book.focal_points(contacts)
    book.acronyms(content.glossary)
    missing = unexplained("\n".join(dict.fromkeys(book.texts[:written])), content.glossary,
                          [meeting.marking])
    result = book.save(target, f"Brief: {meeting.title}", meeting.label,
                       extra=acronym_warning(missing))
    return replace(result, unexplained=tuple(missing))


def write_matrix_xlsx(desk: Desk, target: Path, *, plan_id: int | None = None,
                      include_private: bool = False,
                      marking: str = DEFAULT_WORKBOOK_MARKING) -> ExportResult:
    """The implementation matrix of the whole plan: every action line, one a row."""
    check_target(target, (".xlsx",), "an implementation matrix")
    rows, contacts, glossary = load_matrix(desk, plan_id, include_private=include_private)
    plan = next((p for p in desk.plans() if p.id == (plan_id or desk.default_plan_id())), None)
    name = "Implementation matrix" + (" (includes private notes)" if include_private else "")
    book = _Book(marking, name)
    book.matrix(rows, contacts)
    book.focal_points(contacts)
    book.acronyms(glossary)
    # the export's id and each line's stamp; what each line showed is recorded in the
    # database, which `poadesk import matrix` compares three ways with
    add_versions_sheet(book.workbook, desk, plan.id if plan else desk.default_plan_id(),
                       MATRIX_SHEET)
    return book.save(target, "Implementation matrix", plan.title if plan else "")


class _Book:
    def __init__(self, marking: str, name: str) -> None:
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
        self.texts: list[str] = []
        self.warnings: list[str] = []

    def sheet(self, title: str, columns: Sequence[tuple[str, float]],
              freeze: str = "A2") -> SheetWriter:
        return SheetWriter(self.workbook, title, columns, self.styles, self.clean,
                           freeze=freeze, marking=self.marking, texts=self.texts,
                           heading=f"{self.name} \u00b7 {title}")

    def done(self, sheet: SheetWriter) -> None:
        sheet.close()
        self.warnings.extend(sheet.warnings)

    def agenda(self, meeting: MeetingDetail) -> None:
        """One row per item: what it is, its status and leads, its objective and outcome."""
        sheet = self.sheet("Agenda", AGENDA_COLUMNS, freeze="C2")
        validated = []
        for n, item in enumerate(meeting.items, 1):
            single = len(item.actions) == 1 and not item.is_section
            leads = "\n".join(f"{country}: {'; '.join(names)}"
                              for country, names in lead_focal_points(item.focal_points))
            sheet.row([n, item.ref, item.brief_title, _status(item), leads, item.objective,
                       item.outcome], f"agenda item {item.ref or item.brief_title}")
            if single:
                validated.append(sheet.rows)
        sheet.status_dropdown("D", validated)
        self.done(sheet)

    def items(self, meeting: MeetingDetail, *, include_notes: bool,
              include_private: bool) -> None:
        """The brief in rows: per item its title, objective, points to make, defensive
        points, background and outcome (when filled; one line a row), then every action
        line of it in full (a whole section's in rows of their own), status and leads."""
        sheet = self.sheet("Items", ITEM_COLUMNS, freeze="D2")
        validated = []
        for n, item in enumerate(meeting.items, 1):
            where = f"item {item.ref or item.brief_title}"
            sheet.row([n, item.ref, "Item", item.brief_title, _status(item)], where,
                      label_column=3)
            for name in ITEM_FIELDS:
                label = FIELD_LABELS[name]
                for index, line in enumerate(_lines(item.field(name))):
                    sheet.row([n, item.ref, label if index == 0 else "", line, ""],
                              f"{where} {label.lower()}", label_column=2)
            for index, action in enumerate(item.actions):
                sheet.row([n, action.ref, "Action text" if index == 0 else "", action.text,
                           status_label(action.status)], f"{where} action text",
                          label_column=2)
                validated.append(sheet.rows)
            leads = lead_focal_points(item.focal_points)
            for index, (country, names) in enumerate(leads):
                sheet.row([n, item.ref, "Lead focal points" if index == 0 else "",
                           f"{country}: {'; '.join(names)}", ""], f"{where} focal points",
                          label_column=2)
            if include_notes:
                shown = [a for a in item.actions
                         if a.notes.strip() and (include_private or not a.notes_private)]
                for index, action in enumerate(shown):
                    note = action.notes.strip() + (" (private)" if action.notes_private else "")
                    sheet.row([n, action.ref, "Desk notes" if index == 0 else "", note, ""],
                              f"{where} notes", label_column=2)
        sheet.status_dropdown("E", validated)
        self.done(sheet)

    def matrix(self, rows: Sequence[MatrixRow], contacts: Sequence[Contact]) -> None:
        """Every action line: Ref, Pillar, Section, Action, Status, the focal points (one
        line per country), Notes, Last updated."""
        del contacts  # the focal points are in each row
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
        sheet = self.sheet("Focal points", CONTACT_COLUMNS)
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


def _status(item: AgendaItemView) -> str:
    if item.is_free:
        return ""
    if len(item.actions) == 1 and not item.is_section:
        return status_label(item.actions[0].status)
    counts: dict[str, int] = {}
    for action in item.actions:
        label = status_label(action.status)
        counts[label] = counts.get(label, 0) + 1
    return f"{len(item.actions)} action lines: " + "; ".join(f"{k} {v}"
                                                            for k, v in counts.items())


def _without_notes(row: MatrixRow) -> MatrixRow:
    return replace(row, notes="") if row.notes else row
