"""The Excel brief of a meeting (sheets Agenda, Implementation matrix, Focal points, Acronyms)
and the implementation matrix of the whole plan (the same sheets without the agenda).

Both write new workbooks (ordinary ones, not write-only: a plan is a few hundred rows): every
string a text cell (references like 1.10(a) and section numbers like 1.10 stay text; a note
beginning with "=" is never a formula), the status a drop-down enforced from a hidden "Lists"
sheet, private notes left out unless asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.atomic import write_atomically
from app.glossary import Acronym
from app.meetings.values import AgendaItemView, MeetingDetail
from app.vocab import status_label

from .content import (
    Contact,
    MatrixRow,
    brief_acronyms,
    lead_focal_points,
    load_brief,
    load_matrix,
)
from .files import Cleaner, ExportResult, check_target
from .xlsx_sheets import SheetWriter, Styles, add_lists_sheet

if TYPE_CHECKING:
    from app.service import Desk

MATRIX_SHEET = "Implementation matrix"


def write_brief_xlsx(desk: Desk, meeting_id: int, target: Path, *,
                     include_private: bool = False) -> ExportResult:
    """The Excel brief of `meeting_id`: its agenda, the matrix of the whole plan (the one its
    agenda is from), the focal points and the acronyms used."""
    check_target(target, (".xlsx",), "an Excel brief")
    content = load_brief(desk, meeting_id)
    rows, contacts, glossary = load_matrix(desk, content.plan_id,
                                           include_private=include_private)
    book = _Book(content.meeting.marking)
    book.agenda(content.meeting)
    book.matrix(rows, contacts)
    book.focal_points(contacts)
    book.acronyms(glossary)
    return book.save(target, f"Brief: {content.meeting.title}", content.meeting.label)


def write_matrix_xlsx(desk: Desk, target: Path, *, plan_id: int | None = None,
                      include_private: bool = False) -> ExportResult:
    """The implementation matrix of the whole plan: every action line, one a row."""
    check_target(target, (".xlsx",), "an implementation matrix")
    rows, contacts, glossary = load_matrix(desk, plan_id, include_private=include_private)
    book = _Book("")
    book.matrix(rows, contacts)
    book.focal_points(contacts)
    book.acronyms(glossary)
    return book.save(target, "Implementation matrix", "ASEAN-EU Plan of Action")


class _Book:
    def __init__(self, marking: str) -> None:
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
        self.texts: list[str] = []
        self.warnings: list[str] = []

    def sheet(self, title: str, columns: Sequence[tuple[str, float]],
              freeze: str = "A2") -> SheetWriter:
        return SheetWriter(self.workbook, title, columns, self.styles, self.clean,
                           freeze=freeze, marking=self.marking, texts=self.texts)

    def done(self, sheet: SheetWriter) -> None:
        sheet.close()
        self.warnings.extend(sheet.warnings)

    def agenda(self, meeting: MeetingDetail) -> None:
        sheet = self.sheet("Agenda", [
            ("No.", 6), ("Ref", 9), ("Agenda item", 30), ("Action text", 60), ("Status", 16),
            ("Lead focal points", 26), ("Objective", 36), ("Points to make", 44),
            ("Defensive points", 36), ("Background", 40), ("Outcome", 36)], freeze="C2")
        validated = []
        for n, item in enumerate(meeting.items, 1):
            single = len(item.actions) == 1 and not item.is_section
            leads = "\n".join(f"{country}: {'; '.join(names)}"
                              for country, names in lead_focal_points(item.focal_points))
            sheet.row([n, item.ref, item.title, item.text,
                       status_label(item.actions[0].status) if single else _summary(item),
                       leads, item.objective, item.points_to_make, item.defensive_points,
                       item.background, item.outcome], f"agenda item {item.ref}")
            if single:
                validated.append(sheet.rows)
        sheet.status_dropdown("E", validated)
        self.done(sheet)

    def matrix(self, rows: Sequence[MatrixRow], contacts: Sequence[Contact]) -> None:
        """Every action line: Ref, Pillar, Section, Action, Status, one column per country
        with focal points (or one empty 'Focal points' column), Notes, Last updated."""
        countries = list(dict.fromkeys(c.country_name for c in contacts))  # in country order
        focal_columns = [(name, 18.0) for name in countries] or [("Focal points", 22.0)]
        sheet = self.sheet(MATRIX_SHEET, [
            ("Ref", 9), ("Pillar", 20), ("Section", 28), ("Action", 70), ("Status", 16),
            *focal_columns, ("Notes", 40), ("Last updated (UTC)", 17)], freeze="B2")
        for row in rows:
            by_country: dict[str, list[str]] = {}
            for fp in row.focal_points:
                by_country.setdefault(fp.country_name, []).append(f"{fp.name} ({fp.role})")
            cells = ["; ".join(by_country.get(name, [])) for name in countries] or [""]
            sheet.row([row.ref, row.pillar, row.section, row.text, row.status, *cells,
                       row.notes, row.updated_at], f"action line {row.ref}")
        sheet.status_dropdown("E")
        self.done(sheet)

    def focal_points(self, contacts: Sequence[Contact]) -> None:
        sheet = self.sheet("Focal points", [
            ("Country", 18), ("Name", 24), ("Title", 22), ("Organisation", 30), ("Email", 28),
            ("Phone", 16), ("Role", 12), ("Covers", 30)])
        for c in contacts:
            sheet.row([c.country_name, c.name, c.title, c.organisation, c.email, c.phone,
                       ", ".join(c.roles), ", ".join(c.covers)], f"focal point {c.name}")
        self.done(sheet)

    def acronyms(self, glossary: tuple[Acronym, ...]) -> None:
        """The acronyms the sheets above use (and those their full names use)."""
        # Each distinct text once: the pillar, section and status of every row repeat.
        used = brief_acronyms("\n".join(dict.fromkeys(self.texts)), glossary)
        sheet = self.sheet("Acronyms", [("Acronym", 14), ("Full name", 80)])
        for a in used:
            sheet.row([a.abbr, a.expansion], f"acronym {a.abbr}")
        self.done(sheet)

    def save(self, target: Path, title: str, subject: str) -> ExportResult:
        add_lists_sheet(self.workbook)
        props: Any = self.workbook.properties
        props.title = self.clean(title, "title")
        props.subject = self.clean(subject, "subject")
        props.creator = "POA Desk"
        write_atomically(target, lambda tmp: self.workbook.save(str(tmp)))
        return ExportResult(target, tuple(self.warnings + self.clean.warnings()))


def _summary(item: AgendaItemView) -> str:
    counts: dict[str, int] = {}
    for action in item.actions:
        label = status_label(action.status)
        counts[label] = counts.get(label, 0) + 1
    return f"{len(item.actions)} action lines: " + "; ".join(f"{k} {v}"
                                                            for k, v in counts.items())
