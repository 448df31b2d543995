"""The hidden sheet that lets a matrix come back (`poadesk import matrix`): for every action line,
the version it was exported from (its last-change time) and the values the file showed then.

With it the importer tells a cell a colleague changed from one left as it was, and an action
line changed here since the export from one that was not: a three-way comparison, so nothing
is overwritten without being seen. A hidden sheet survives re-saving in Excel and LibreOffice.
Private notes are never in it (the notes shown in the file are).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.clock import to_iso
from app.text_clean import clean_text
from app.values import ActionDetail
from app.vocab import status_label

VERSIONS_SHEET = "POA Desk versions"
VERSION_COLUMNS = ("Ref", "Version", "Status", "Notes", "Lines to take", "Tags")


def shown_notes(detail: ActionDetail, include_private: bool) -> str:
    """The notes a matrix shows for an action line ('' for a private note, unless asked)."""
    return "" if detail.notes_private and not include_private else detail.notes


def add_versions_sheet(workbook: Any, details: Sequence[ActionDetail], *,
                       include_private: bool = False) -> None:
    """Append the hidden versions sheet to a workbook being written (write-only or not)."""
    from openpyxl.cell import WriteOnlyCell

    ws = workbook.create_sheet(VERSIONS_SHEET)
    ws.sheet_state = "hidden"

    def text(value: str) -> Any:
        cell = WriteOnlyCell(ws)
        # text as it is (never a formula), without the control characters lxml refuses
        cell._value, cell.data_type = clean_text(value)[0], "s"
        return cell

    ws.append([text(name) for name in VERSION_COLUMNS])
    for d in details:
        ws.append([text(v) for v in (
            d.ref, to_iso(d.updated_at) or "", status_label(d.status),
            shown_notes(d, include_private), d.lines_to_take, ", ".join(d.tags))])
