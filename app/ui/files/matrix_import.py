"""File > Import Matrix… and File > Undo Last Import…: the window's side of `poadesk import
matrix` and `poadesk import undo`, with the same core functions (app.interchange.matrix_xlsx,
`Desk.last_import`, `Desk.revert_operation`).

The workbook is read and compared first (nothing written); a refused one lists its problems,
one per cell, in a list that can be copied into a reply. The changes are then reviewed in the
one review dialog (app.ui.shell.review_dialog): per action line, each field's value here beside
the file's, every plain change ticked, every conflict (the line was changed here since the
export) unticked, with what it was when exported. The ticked ones are made in one transaction,
after a backup, as one operation in the history; the Change goes through the hub, so every view
shows it. Undo Last Import puts back every field the newest import set, also after a restart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.errors import PoaDeskError
from app.ui.shell import dialogs
from app.ui.shell.core import core_imports
from app.ui.shell.imports import apply_reviewed, pick_and_check
from app.ui.shell.jobs import run_core, save_typed_edits
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.review_dialog import ReviewDialog, ReviewGroup, ReviewRow
from app.ui.shell.texts import count_of
from app.values import Change

if TYPE_CHECKING:
    from app.interchange.matrix_xlsx import LineChange, MatrixPreview
    from app.ui.shell.host import Host

MATRIX = "matrix"
UNDO_TEXT = "File > Undo Last Import takes it back as one step, also after a restart."


def change_rows(preview: MatrixPreview, titles: dict[int, str]) -> list[ReviewGroup]:
    """The preview as the review dialog's groups: one per action line, a row per field (key:
    (action id, field)); conflicts unticked, with what the file showed when exported."""
    by_line: dict[int, list[LineChange]] = {}
    for change in preview.changes:
        by_line.setdefault(change.action_id, []).append(change)
    groups = []
    for action_id, changes in by_line.items():
        rows = []
        for c in changes:
            note = ""
            if c.conflict:
                note = f"conflict: {c.why}"
            rows.append(ReviewRow(c.label, c.old, c.new, note, c.conflict,
                                  (c.action_id, c.field), checked=not c.conflict))
        ref = changes[0].ref
        text = titles.get(action_id, "")
        groups.append(ReviewGroup(f"{ref} {text}".strip(), tuple(rows)))
    return groups


def _titles(host: Host, preview: MatrixPreview) -> dict[int, str]:
    """A few words of each changed action line's text, for the group titles."""
    out = {}
    for action_id in {c.action_id for c in preview.changes}:
        try:
            text = " ".join(host.desk().action(action_id).text.split())
        except PoaDeskError:
            continue
        out[action_id] = text if len(text) <= 70 else text[:69] + "…"
    return out


def review_dialog(host: Host, preview: MatrixPreview) -> ReviewDialog:
    conflicts = len(preview.conflicts)
    text = ("Each ticked change is made, in one step, after a backup; untick what you do not "
            "want. ")
    if conflicts:
        text += (f"{count_of(conflicts, 'conflict')} (marked, unticked): the line was changed here "
                 "since the matrix was exported, to something else; tick one to take the "
                 "file's value all the same. ")
    text += UNDO_TEXT
    notes = list(preview.warnings)
    if preview.ignored:
        notes.append("Columns not read: " + ", ".join(preview.ignored))
    summary = preview.summary()
    return ReviewDialog(host.widget, "Import Matrix", summary[:1].upper() + summary[1:], text,
                        change_rows(preview, _titles(host, preview)), ok_text="&Accept",
                        notes=notes, lines_title=f"&Changes ({len(preview.changes)}):")


def import_matrix(host: Host) -> Change | None:
    """Read an edited matrix, review its changes, make the ticked ones; the Change made."""
    title = "Import Matrix"
    with core_imports():
        from app.interchange.matrix_xlsx import apply_matrix, preview_matrix

    picked = pick_and_check(host, title, MATRIX, "Import an implementation matrix back from "
                            "Excel", lambda path, plan_id: preview_matrix(host.desk(), path,
                                                                          plan_id=plan_id))
    if picked is None:
        return None
    path, preview = picked
    if not preview.changes:
        dialogs.run_dialog(ListDialog(
            host.widget, title, "Nothing to import",
            f"{path.name} ({count_of(preview.rows, 'action line')}) changes nothing here.", (),
            notes=preview.warnings))
        host.status(f"Nothing to import from {path.name}", 8000)
        return None
    done = apply_reviewed(host, title, path, review_dialog(host, preview),
                          lambda chosen: apply_matrix(
                              host.desk(), preview,
                              accept=lambda c: (c.action_id, c.field) in chosen),
                          none_ticked="no change ticked")
    if done is None:
        return None
    change, chosen = done
    lines = len(change.action_ids)
    host.status(f"Imported {path.name}: {count_of(len(chosen), 'change')} on "
                f"{count_of(lines, 'action line')}; File > Undo Last Import takes them back", 15000)
    return change


def undo_last_import(host: Host) -> Change | None:
    """Put back every field the newest import set (asks first); the Change made."""
    title = "Undo Last Import"
    if not save_typed_edits(host, title):
        return None
    found = run_core(host, "Looking for the last import…", title,
                     lambda: (host.desk().last_import(),))
    if found is None:
        return None
    operation = found[0]
    if operation is None:
        dialogs.run_dialog(ListDialog(host.widget, title, "No import to undo",
                                      "The history has no import.", ()))
        return None
    question = f"Undo the {operation}?"
    detail = ("Every field it set goes back to what it was before, in one step. If one of "
              "them has been changed since, nothing is undone and the line is named.")
    if not dialogs.confirm(host.widget, title, question, detail, "&Undo Import"):
        return None
    change = run_core(host, f"Undoing the {operation}…", title,
                      lambda: host.desk().revert_operation(operation))
    if change is None:
        return None
    host.hub.publish(change)
    host.status(f"Undone: {operation} ({count_of(len(change.action_ids), 'action line')} put back)",
                15000)
    return change
