"""Updates from capitals: the implementation matrix comes back edited (`poadesk import matrix`).

Rows are matched by reference (text), whatever their order; columns by their header (Ref,
Status, Notes, Lines to take, Tags, without case or punctuation), whatever their order; other
columns are ignored and listed; hidden rows and columns and filters change nothing.

Every cell is compared three ways: with what the file showed when it was exported (the hidden
"POA Desk versions" sheet, app.export.matrix_versions) and with the database now. A cell left as
it was exported is no change; a changed cell on a line nobody changed here is a change; a
changed cell whose line was also changed here since, to something else, is a conflict: shown
with both values, never overwritten silently. Without the versions sheet every difference from
the database counts as a change (and the preview says so).

Refused, naming sheet, row and column, nothing changed: not a workbook; no matrix sheet or Ref
column; an unknown reference; a number where a reference is expected (Excel turns 1.10 into
1.1); an unknown status; a formula; a cell over the size limit; a private note's cell (left out
of every export) filled in; a line given twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import ImportRefused, InputError, StaleEdit
from app.export.brief_xlsx import MATRIX_COLUMNS
from app.export.matrix_versions import VERSION_COLUMNS, VERSIONS_SHEET, shown_notes
from app.interchange.workbook import reading, visible_sheets
from app.limits import MAX_WORKBOOK_ROWS
from app.text_clean import clean_tags, clean_text
from app.values import ActionDetail, Change
from app.vocab import status_code, status_label

if TYPE_CHECKING:
    from app.service import Desk

FIELDS = {"status": "Status", "notes": "Notes", "lines_to_take": "Lines to take",
          "tags": "Tags"}
HEADER_SCAN = 10
CELL_LIMIT = 32_767
_KEY = re.compile(r"[^a-z]")


def _key(header: str) -> str:
    return _KEY.sub("", header.casefold())


# the matrix's own columns that are for reading only (not listed as ignored)
_OURS = {_key(name) for name, _width in MATRIX_COLUMNS}
_HEADERS = {_key(label): name for name, label in FIELDS.items()} | {"ref": "ref",
                                                                    "reference": "ref"}


@dataclass(frozen=True, slots=True)
class LineChange:
    """One cell of the file that would change the database."""

    action_id: int
    ref: str
    field: str  # status, notes, lines_to_take, tags
    old: str  # the database's value now (as the file writes it)
    new: str  # the file's
    where: str  # "row 7, column E"
    conflict: bool = False  # the line was changed here since the export, to something else
    exported: str | None = None  # what the file showed when it was exported

    @property
    def label(self) -> str:
        return FIELDS[self.field].lower()


@dataclass(frozen=True, slots=True)
class MatrixPreview:
    source: str
    changes: tuple[LineChange, ...]
    ignored: tuple[str, ...] = ()  # columns not read
    warnings: tuple[str, ...] = ()
    rows: int = 0  # action lines read
    _seen: dict[int, ActionDetail] = field(default_factory=dict, repr=False, compare=False)

    @property
    def conflicts(self) -> tuple[LineChange, ...]:
        return tuple(c for c in self.changes if c.conflict)

    def summary(self) -> str:
        lines = {c.ref for c in self.changes}
        return (f"{len(self.changes)} change(s) on {len(lines)} action line(s) from "
                f"{self.source}, {len(self.conflicts)} conflict(s)")


def preview_matrix(desk: Desk, path: Path, *, plan_id: int | None = None) -> MatrixPreview:
    """Read an edited matrix and compare it with the database; nothing is written.
    ImportRefused (every problem named) if the file cannot be used."""
    rows, ignored, versions, sheet = _read(path)
    index = desk.plan.index(plan_id)
    details = {d.id: d for d in desk.action_details(index.plan_id)}
    problems: list[str] = []
    changes: list[LineChange] = []
    seen: dict[int, str] = {}
    warnings = [] if versions else [
        f"{path.name} has no version information (exported by an older POA Desk or copied "
        "into a new workbook): every difference from the database counts as a change"]
    for number, cells in rows:
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
        base = versions.get(ref)
        for name in FIELDS:
            if name not in cells:
                continue
            where = f"{sheet}, row {number}, column {cells[name][2]}"
            try:
                new = _value(name, cells[name], where)
            except InputError as exc:
                problems.append(str(exc))
                continue
            current = _current(now, name)
            if name == "notes" and now.notes_private and new and new != current:
                problems.append(f"{where}: the note of {ref} is private here: it was left out "
                                "of the file and cannot be filled in from it")
                continue
            exported = base.get(name) if base is not None else None
            change = _compare(action_id, ref, name, current, new, exported, where)
            if change is not None:
                changes.append(change)
    if problems:
        raise ImportRefused(path.name, problems)
    return MatrixPreview(path.name, tuple(changes), tuple(ignored), tuple(warnings),
                         len(seen), {i: details[i] for i in seen})


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

Cell = tuple[Any, str, str]  # value, openpyxl data type, column letter


def _read(path: Path) -> tuple[list[tuple[int, dict[str, Cell]]], list[str],
                               dict[str, dict[str, str]], str]:
    with reading(path) as wb:
        versions = _versions(wb)
        for ws in visible_sheets(wb):
            found = _matrix_rows(ws) if ws.title != VERSIONS_SHEET else None
            if found is not None:
                rows, ignored = found
                return rows, ignored, versions, f"sheet {ws.title!r}"
    raise InputError(f"{path.name}: no sheet has a header row with a Ref column and a Status, "
                     "Notes, Lines to take or Tags column (is it an implementation matrix?)")


def _matrix_rows(ws: Any) -> tuple[list[tuple[int, dict[str, Cell]]], list[str]] | None:
    from openpyxl.utils import get_column_letter

    rows = ws.iter_rows()
    for number, row in enumerate(rows, start=1):
        if number > HEADER_SCAN:
            return None
        headers = [str(c.value).strip() if c.value is not None else "" for c in row]
        columns = {_HEADERS[_key(h)]: i for i, h in enumerate(headers) if _key(h) in _HEADERS}
        if "ref" not in columns or len(columns) < 2:
            continue
        ignored = [h for h in headers if h and _key(h) not in _HEADERS and _key(h) not in _OURS]
        out = []
        for n, cells in enumerate(rows, start=number + 1):
            if n - number > MAX_WORKBOOK_ROWS:
                raise InputError(f"sheet {ws.title!r} has more than {MAX_WORKBOOK_ROWS:,} rows")
            got = {f: (cells[i].value, cells[i].data_type, get_column_letter(i + 1))
                   for f, i in columns.items() if i < len(cells)}
            if any(v is not None and v != "" for v, _t, _c in got.values()):
                out.append((n, got))
        return out, ignored
    return None


def _versions(wb: Any) -> dict[str, dict[str, str]]:
    if VERSIONS_SHEET not in wb.sheetnames:
        return {}
    out: dict[str, dict[str, str]] = {}
    names = ("ref", "version", "status", "notes", "lines_to_take", "tags")
    assert len(names) == len(VERSION_COLUMNS)
    for row in wb[VERSIONS_SHEET].iter_rows(min_row=2, values_only=True):
        values = {k: "" if v is None else str(v) for k, v in zip(names, row, strict=False)}
        if values.get("ref"):
            out[values["ref"]] = values
    return out


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
    return _normal(text)


def _normal(text: str) -> str:
    """Text as compared: line ends and trailing spaces of each line do not count."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def _current(d: ActionDetail, name: str) -> str:
    if name == "status":
        return status_label(d.status)
    if name == "tags":
        return ", ".join(clean_tags(d.tags))
    if name == "notes":
        return _normal(shown_notes(d, False))
    return _normal(d.lines_to_take)


def _compare(action_id: int, ref: str, name: str, current: str, new: str,
             exported: str | None, where: str) -> LineChange | None:
    if exported is not None:
        exported = ", ".join(clean_tags(exported.split(","))) if name == "tags" \
            else _normal(exported)
        if new in (exported, current):
            return None  # left as exported, or already so here
        return LineChange(action_id, ref, name, current, new, where,
                          conflict=current != exported, exported=exported)
    if new == current:
        return None
    return LineChange(action_id, ref, name, current, new, where)
