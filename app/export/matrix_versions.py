"""The hidden sheet that lets a matrix come back (`poadesk import matrix`): the export's id and,
for every action line, the version stamp it was exported with. Nothing else: what each line
showed is kept in the database (`desk.matrix_exports`: the status, a digest of the notes), never
in the file, so a file sent to capitals carries no line's lines to take, tags or hidden notes,
and a sender who edits the hidden sheet cannot change what the import compares with.

    A1 "POA Desk matrix export", B1 the export id, C1 the matrix sheet's title
    A2 "Ref", B2 "Stamp", then one row per action line

The export id is also a custom document property, so a file whose hidden sheet was deleted is
still known. A hidden sheet and custom properties survive re-saving in Excel and LibreOffice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app.text_clean import clean_text
from app.values import ActionDetail
from app.vocab import status_code

if TYPE_CHECKING:
    from app.service import Desk

VERSIONS_SHEET = "POA Desk versions"
EXPORT_MARK = "POA Desk matrix export"  # A1 of the hidden sheet, and the custom property
VERSION_COLUMNS = ("Ref", "Stamp")
EXPORTED_FIELDS = ("status", "notes")  # the matrix's columns that come back
# what the Notes cell of a line says when its private note was left out: the cell is not
# blank (a reader sees there is a note), and an import never takes it for a note
WITHHELD = "(withheld)"


def shown_notes(detail: ActionDetail, include_private: bool) -> str:
    """The notes a matrix shows for an action line ('' for a private note, unless asked)."""
    return "" if detail.notes_private and not include_private else detail.notes


def comparable(text: str) -> str:
    """Text as compared: line ends and trailing spaces of each line do not count."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def digest(text: str) -> str:
    """What the record keeps of a text the file showed (never the text itself)."""
    return hashlib.sha256(comparable(text).encode("utf-8", "surrogatepass")).hexdigest()


def _text(ws: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    # text as it is (never a formula), without the control characters lxml refuses
    cell._value, cell.data_type = clean_text(value)[0], "s"
    return cell


def add_versions_sheet(workbook: Any, desk: Desk, plan_id: int, matrix_sheet: str,
                       header: str = "Ref", *,
                       details: Sequence[ActionDetail] | None = None) -> None:
    """Record the export in the database (what the matrix sheet of `workbook` shows for each
    action line of the plan) and append the hidden sheet with its id and the lines' stamps.
    `details`: the plan's `desk.action_details(plan_id)`, if the caller has them already."""
    from openpyxl.packaging.custom import StringProperty

    ws = workbook[matrix_sheet]
    rows = ws.iter_rows(values_only=True)
    columns: dict[str, int] = {}
    for row in rows:
        if header in row:
            columns = {str(v): i for i, v in enumerate(row) if isinstance(v, str)}
            break
    by_ref = {d.ref: d.id for d in (desk.action_details(plan_id) if details is None
                                    else details)}
    shown: dict[int, tuple[str, str]] = {}
    for row in rows:
        ref = row[columns[header]]
        if ref in by_ref:
            notes = row[columns["Notes"]]
            shown[by_ref[ref]] = (status_code(str(row[columns["Status"]])),
                                  digest(notes if isinstance(notes, str) else ""))
    record = desk.matrix_exports.record(plan_id, matrix_sheet, EXPORTED_FIELDS, shown)
    versions = workbook.create_sheet(VERSIONS_SHEET)
    versions.sheet_state = "hidden"
    versions.append([_text(versions, v) for v in (EXPORT_MARK, record.token, matrix_sheet)])
    versions.append([_text(versions, name) for name in VERSION_COLUMNS])
    refs = {aid: ref for ref, aid in by_ref.items()}
    for aid, line in record.lines.items():
        versions.append([_text(versions, refs[aid]), _text(versions, line.stamp)])
    workbook.custom_doc_props.append(StringProperty(name=EXPORT_MARK, value=record.token))
