"""Updates from capitals: the implementation matrix comes back edited (`poadesk import matrix`).

Rows are matched by reference (text), whatever their order; columns by their header, whatever
their order (app.interchange.matrix_sheet: which sheet, which columns, rows until the cells
end); hidden rows and columns and filters change nothing.

Nothing the file says about itself is trusted. Its hidden sheet holds only the export's id and
each line's version stamp; what each line showed is the database's own record of that export
(`desk.matrix_exports`). With it every cell is compared three ways: a cell left as exported is
no change; a changed cell on a line nobody changed here is a change; a changed cell whose line
was also changed here since, to something else, is a conflict: shown with both values, never
overwritten silently. A line whose stamp is missing from the file or not the record's is
compared the same way, but every change on it is a conflict. Only the columns the export had
(Status, Notes) are read; others (Lines to take, Tags added by hand) are ignored and named.

An export id this database did not make (another database's matrix, a record lost with a
restore, an altered file) is refused. A workbook with no export id at all (one of your own)
counts every difference from the database as a change, and the preview says so.

Refused, naming sheet, row and column, nothing changed: not a workbook; no matrix sheet or Ref
column; a field given by two columns; an unknown reference; a number where a reference is
expected (Excel turns 1.10 into 1.1); an unknown status; a formula; a cell over the size limit;
a private note's cell (left out of every export) filled in; a line given twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import ImportRefused, InputError, StaleEdit
from app.export.matrix_versions import (
    VERSIONS_SHEET,
    WITHHELD,
    comparable,
    digest,
    shown_notes,
)
from app.interchange.matrix_sheet import (
    FIELDS,
    Cell,
    Row,
    find_header,
    other_matrices,
    own_matrix_sheet,
    read_marks,
    read_rows,
)
from app.interchange.workbook import reading
from app.text_clean import clean_tags, clean_text
from app.values import ActionDetail, Change
from app.vocab import status_code, status_label

if TYPE_CHECKING:
    from app.plans.matrix_exports import ExportedLine, MatrixExportRecord
    from app.service import Desk

CELL_LIMIT = 32_767
UNTRUSTED = ("its version stamp in the file is missing or not the export's, so the file's "
             "word on what it was is not taken")


@dataclass(frozen=True, slots=True)
class LineChange:
    """One cell of the file that would change the database."""

    action_id: int
    ref: str
    field: str  # status, notes, lines_to_take, tags
    old: str  # the database's value now (as the file writes it)
    new: str  # the file's
    where: str  # "row 7, column E"
    conflict: bool = False  # changed here since the export, or its stamp not the export's
    exported: str | None = None  # what the file showed when it was exported (if known)
    untrusted: bool = False  # its line's version stamp in the file is missing or forged

    @property
    def label(self) -> str:
        return FIELDS[self.field].lower()

    @property
    def why(self) -> str:
        """Why a conflict is one, in a few words."""
        if self.untrusted:
            return UNTRUSTED
        was = self.exported if self.exported else "(empty)"
        return f"changed here since the export, which showed \u201c{was}\u201d"


@dataclass(frozen=True, slots=True)
class MatrixPreview:
    source: str
    changes: tuple[LineChange, ...]
    ignored: tuple[str, ...] = ()  # columns not read
    warnings: tuple[str, ...] = ()
    rows: int = 0  # action lines read
    sheet: str = ""  # the sheet read
    _seen: dict[int, ActionDetail] = field(default_factory=dict, repr=False, compare=False)

    @property
    def conflicts(self) -> tuple[LineChange, ...]:
        return tuple(c for c in self.changes if c.conflict)

    def summary(self) -> str:
        lines = {c.ref for c in self.changes}
        return (f"{len(self.changes)} change(s) on {len(lines)} action line(s) from "
                f"{self.source} (sheet {self.sheet!r}, {self.rows} action lines read), "
                f"{len(self.conflicts)} conflict(s)")


@dataclass(frozen=True, slots=True)
class _Read:
    rows: list[Row]
    sheet: str
    fields: tuple[str, ...]  # the columns read
    ignored: tuple[str, ...]
    notices: tuple[str, ...]
    record: MatrixExportRecord | None = None
    stamps: dict[str, str] = field(default_factory=dict)


def preview_matrix(desk: Desk, path: Path, *, plan_id: int | None = None) -> MatrixPreview:
    """Read an edited matrix and compare it with the database; nothing is written.
    ImportRefused (every problem named) if the file cannot be used."""
    index = desk.plan.index(plan_id)
    got = _read(desk, path, index.plan_id)
    sheet = f"sheet {got.sheet!r}"
    details = {d.id: d for d in desk.action_details(index.plan_id)}
    problems: list[str] = []
    changes: list[LineChange] = []
    seen: dict[int, str] = {}
    untrusted: list[str] = []
    for number, cells in got.rows:
        try:
            ref_cell = cells.get("ref")
            action_id, ref = _ref(index, ref_cell, number, sheet)
        except InputError as exc:
            problems.append(str(exc))
            continue
        if action_id is None:
            continue  # a blank row
        if action_id in seen:
            column = ref_cell[2] if ref_cell else "A"
            problems.append(f"{sheet}, row {number}, column {column}: {ref} is given twice "
                            f"(also {seen[action_id]})")
            continue
        seen[action_id] = f"row {number}"
        now = details[action_id]
        base = got.record.lines.get(action_id) if got.record is not None else None
        trusted = base is not None and got.stamps.get(ref) == base.stamp
        line: list[LineChange] = []
        for name in got.fields:
            if name not in cells:
                continue
            where = f"{sheet}, row {number}, column {cells[name][2]}"
            try:
                new = _value(name, cells[name], where)
            except InputError as exc:
                problems.append(str(exc))
                continue
            if name == "notes" and new == WITHHELD:
                continue  # a private note the export left out, as it was left
            current = _current(now, name)
            if got.record is not None:
                if _same(name, new, base) or new == current:
                    continue  # left as exported, or already so here
                conflict = not trusted or not _same(name, current, base)
                exported = _exported(desk, action_id, name, base) if conflict else None
            else:
                if new == current:
                    continue
                conflict, exported = False, None
            if name == "notes" and now.notes_private and new:
                problems.append(f"{where}: the note of {ref} is private here: it was left out "
                                "of the file and cannot be filled in from it")
                continue
            line.append(LineChange(action_id, ref, name, current, new, where, conflict,
                                   exported, untrusted=conflict and not trusted))
        if line and got.record is not None and not trusted:
            untrusted.append(ref)
        changes.extend(line)
    if problems:
        raise ImportRefused(path.name, problems)
    warnings = list(got.notices)
    if untrusted:
        shown = ", ".join(untrusted[:10]) + (f" and {len(untrusted) - 10} more"
                                             if len(untrusted) > 10 else "")
        warnings.append(f"{path.name}: the version stamps of {len(untrusted)} changed action "
                        f"line(s) are missing from the file or not the export's ({shown}): "
                        "their changes are conflicts, left as they are here unless chosen")
    return MatrixPreview(path.name, tuple(changes), got.ignored, tuple(warnings), len(seen),
                         got.sheet, {i: details[i] for i in seen})


def apply_matrix(desk: Desk, preview: MatrixPreview,
                 accept: Callable[[LineChange], bool] | None = None) -> Change:
    """Make the previewed changes in one transaction (a backup first; one operation in the
    history, which `desk.revert_operation` undoes, also after a restart). Conflicts are left
    as they are unless `accept` says to take the file's value; `accept` may also reject plain
    changes. A line changed meanwhile (since the preview) refuses the whole import."""
    by_line: dict[int, dict[str, LineChange]] = {}
    for c in preview.changes:
        take = accept(c) if accept is not None else not c.conflict
        if take:
            by_line.setdefault(c.action_id, {})[c.field] = c
    if not by_line:
        return Change()
    ids: set[int] = set()
    with desk.transaction(f"matrix import from {preview.source}", backup="before-import"):
        for action_id, fields in by_line.items():
            now = preview._seen[action_id]
            values: dict[str, Any] = {}
            expect: dict[str, Any] = {}
            for name, c in fields.items():
                if name == "tags":
                    values["tags"] = clean_tags(c.new.split(","))
                    expect["tags"] = now.tags
                elif name == "status":
                    values["status"] = status_code(c.new)
                    expect["status"] = now.status
                else:
                    values[name] = c.new
                    expect[name] = getattr(now, name)
            try:
                desk.update_action(action_id, **values, expect=expect)
            except StaleEdit as exc:
                raise InputError(f"{c.ref} changed while the import was being looked at "
                                 f"({exc}); nothing was imported: preview it again") from None
            ids.add(action_id)
    return Change(action_ids=frozenset(ids))


# -- reading -------------------------------------------------------------------------------------


def _read(desk: Desk, path: Path, plan_id: int) -> _Read:
    name = path.name
    with reading(path) as wb:
        marks = read_marks(wb)
        if len(marks.tokens) > 1:
            raise InputError(f"{name}: its hidden sheet and its properties name different "
                             "exports: the file was altered; nothing was imported")
        if not marks.tokens:
            ws, header, others = own_matrix_sheet(wb, name)
            notices = [f"{name} has no version information (not a matrix exported by this "
                       "POA Desk, or copied into a new workbook): every difference from the "
                       "database counts as a change"]
            if marks.has_sheet:  # an older POA Desk's sheet of values: not taken on its word
                notices[0] = (f"{name} has no version information this POA Desk can check "
                              f"(its {VERSIONS_SHEET!r} sheet is an older one's or altered): "
                              "every difference from the database counts as a change")
            if others:
                notices.append(_not_read(others, ws.title))
            return _Read(read_rows(ws, header, tuple(FIELDS)), ws.title, tuple(FIELDS),
                         header.others, tuple(notices))
        record = desk.matrix_exports.find(marks.tokens[0])
        if record is None or record.plan_id != plan_id:
            raise InputError(
                f"{name} names an export this database did not make of this plan (export id "
                f"{marks.tokens[0][:40]!r}): a matrix from another database, one exported "
                "before a restore, or an altered file. Nothing was imported; to take its "
                "values all the same, copy its matrix sheet into a new workbook (then every "
                "difference counts as a change)")
        if record.sheet not in wb.sheetnames:
            raise InputError(f"{name}: the exported matrix sheet {record.sheet!r} is missing "
                             "(renamed or deleted?)")
        ws = wb[record.sheet]
        found = find_header(ws)
        if found is None:
            raise InputError(f"{name}: sheet {record.sheet!r} has no header row with a Ref "
                             "column and a Status or Notes column")
        header = found
        fields = tuple(f for f in FIELDS if f in record.columns)
        extra = [h for f, (_i, h) in header.columns.items() if f != "ref" and f not in fields]
        notices = []
        if extra:
            notices.append(f"{name}: column(s) {', '.join(repr(h) for h in extra)} were not "
                           "in the exported matrix and are not read (it brings back "
                           + " and ".join(FIELDS[f] for f in fields) + ")")
        if not marks.has_sheet:
            notices.append(f"{name}: its hidden sheet {VERSIONS_SHEET!r} is missing: every "
                           "change is a conflict")
        others = other_matrices(wb, ws.title)
        if others:
            notices.append(_not_read(others, ws.title))
        return _Read(read_rows(ws, header, fields), ws.title, fields,
                     header.others + tuple(extra), tuple(notices), record, marks.stamps)


def _not_read(others: tuple[str, ...], read: str) -> str:
    return (f"sheet(s) {', '.join(repr(t) for t in others)} not read: the matrix read is "
            f"sheet {read!r}")


def _same(name: str, text: str, base: ExportedLine | None) -> bool:
    """Whether `text` (as compared) is what the export showed for this field."""
    if base is None:
        return False
    if name == "status":
        return text == status_label(base.status)
    return digest(text) == base.notes_digest


def _exported(desk: Desk, action_id: int, name: str, base: ExportedLine | None) -> str | None:
    """What the export showed, to show beside a conflict: the status; a note's text if the
    history still has it (the record keeps only a digest of it)."""
    if base is None:
        return None
    if name == "status":
        return status_label(base.status)
    if base.notes_digest == digest(""):
        return ""
    for entry in desk.history(action_id):
        if entry.field == "notes" and not entry.private:
            for value in (entry.new, entry.old):
                if value is not None and digest(value) == base.notes_digest:
                    return comparable(value)
    return None


def _ref(index: Any, cell: Cell | None, number: int, sheet: str) -> tuple[int | None, str]:
    if cell is None or cell[0] is None or cell[0] == "":
        return None, ""
    value, kind, column = cell
    where = f"{sheet}, row {number}, column {column}"
    if kind == "f":
        raise InputError(f"{where}: a formula where a reference is expected")
    if not isinstance(value, str):
        raise InputError(f"{where}: the number {value!r} where a reference is expected (Excel "
                         "turns 1.10 into 1.1): type references as text, like 1.3(b)")
    try:
        info = index.resolve(value)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    if info.is_section:
        raise InputError(f"{where}: {value.strip()!r} is a section, not an action line")
    return info.target.action_id, info.ref


def _value(name: str, cell: Cell, where: str) -> str:
    value, kind, _column = cell
    if kind == "f":
        raise InputError(f"{where}: a formula where text is expected")
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    else:
        text = str(value)
    if len(text) > CELL_LIMIT:
        raise InputError(f"{where}: longer than a cell holds ({len(text):,} characters)")
    text = clean_text(text)[0]
    if name == "status":
        if not text.strip():
            raise InputError(f"{where}: the status is empty (use one of: Not assessed, Not yet "
                             "addressed, Being addressed, Achieved, Recurring)")
        try:
            return status_label(status_code(" ".join(text.split())))
        except ValueError as exc:
            raise InputError(f"{where}: {exc}") from None
    if name == "tags":
        return ", ".join(clean_tags(text.split(",")))
    return comparable(text)


def _current(d: ActionDetail, name: str) -> str:
    if name == "status":
        return status_label(d.status)
    if name == "tags":
        return ", ".join(clean_tags(d.tags))
    if name == "notes":
        return comparable(shown_notes(d, False))
    return comparable(d.lines_to_take)
