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

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.errors import PoaDeskError
from app.ui.shell import dialogs
from app.ui.shell.core import core_imports
from app.ui.shell.jobs import last_folder, remember_folder, run_core, save_typed_edits
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.review_dialog import ReviewDialog, ReviewGroup, ReviewRow
from app.values import Change

if TYPE_CHECKING:
    from app.interchange.matrix_xlsx import LineChange, MatrixPreview
    from app.ui.shell.host import Host

T = TypeVar("T")
EXCEL_FILTER = "Excel workbooks (*.xlsx);;All files (*)"
MATRIX = "matrix"
UNDO_TEXT = "File > Undo Last Import takes it back as one step, also after a restart."


def _n(count: int, what: str) -> str:
    return f"{count} {what}{'' if count == 1 else 's'}"


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
                was = c.exported if c.exported else "(empty)"
                note = f"conflict: changed here since the export, which showed “{was}”"
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


def show_problems(host: Host, title: str, path: Path, exc: PoaDeskError) -> bool:
    """A refused workbook: its problems in a list (False for a one-line error, which the
    caller shows as such)."""
    problems = list(getattr(exc, "problems", ()))
    if len(problems) < 2:
        return False
    count = _n(len(problems), "problem")
    text = (f"Nothing was changed: the import is all or nothing, and {path.name} has {count}. "
            "Correct these cells in the workbook (or send the list back to whoever filled it "
            "in) and import it again.")
    dialogs.run_dialog(ListDialog(host.widget, title, f"{path.name} was not imported", text,
                                  problems, lines_title=f"{count}:", warning=True))
    host.status(f"Not imported: {path.name} ({count})", 15000)
    return True


def review_dialog(host: Host, preview: MatrixPreview) -> ReviewDialog:
    conflicts = len(preview.conflicts)
    text = ("Each ticked change is made, in one step, after a backup; untick what you do not "
            "want. ")
    if conflicts:
        text += (f"{_n(conflicts, 'conflict')} (marked, unticked): the line was changed here "
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


def pick_and_check(host: Host, title: str, folder: str, prompt: str,
                   check: Callable[[Path, int | None], T]) -> tuple[Path, T] | None:
    """The first steps of every workbook import: save what is being typed, choose the file
    (from the folder last used for `folder`), run the core's `check(path, plan_id)` (a
    refusal shows its problems); the file and what the check found, or None."""
    if not save_typed_edits(host, title):
        return None
    path = dialogs.choose_open_file(host.widget, prompt, last_folder(host, folder),
                                    EXCEL_FILTER)
    if path is None:
        return None
    remember_folder(host, folder, path)
    plan_id = host.plan_id()
    found = run_core(host, f"Checking {path.name}…", title, lambda: check(path, plan_id),
                     lambda exc: show_problems(host, title, path, exc))
    return None if found is None else (path, found)


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
            f"{path.name} ({_n(preview.rows, 'action line')}) changes nothing here.", (),
            notes=preview.warnings))
        host.status(f"Nothing to import from {path.name}", 8000)
        return None
    dialog = review_dialog(host, preview)
    if not dialogs.run_dialog(dialog):
        host.status(f"Not imported: {path.name}", 8000)
        return None
    chosen = set(dialog.chosen())
    if not chosen:
        host.status(f"Not imported: {path.name} (no change ticked)", 8000)
        return None
    change = run_core(host, f"Importing {path.name}…", title,
                      lambda: apply_matrix(host.desk(), preview,
                                           accept=lambda c: (c.action_id, c.field) in chosen))
    if change is None:
        return None
    host.hub.publish(change)
    lines = len(change.action_ids)
    host.status(f"Imported {path.name}: {_n(len(chosen), 'change')} on "
                f"{_n(lines, 'action line')}; File > Undo Last Import takes them back", 15000)
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
    host.status(f"Undone: {operation} ({_n(len(change.action_ids), 'action line')} put back)",
                15000)
    return change
