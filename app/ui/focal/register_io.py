"""Focal Points > Export Register to Excel… / Import Register from Excel…: the window's side of
`poadesk focal-points export|import FILE.xlsx`, with the same functions
(app.interchange.register_xlsx).

The import runs the dry run first and shows what it would change (Import / Cancel); a refused
workbook shows each row's problem in a list that can be copied into a reply to its sender, and
nothing is changed. After an import the whole window shows the database again and the undo
stack is cleared. Imported when first chosen (app.ui.focal.focal_ui), openpyxl with it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import PoaDeskError
from app.ui.shell import dialogs
from app.ui.shell.core import core_imports
from app.ui.shell.imports import EXCEL_FILTER, show_problems
from app.ui.shell.jobs import (
    NOT_UNDOABLE,
    choose_file_to_open,
    choose_file_to_save,
    run_core,
)
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.review_dialog import ReviewDialog, plain_groups

if TYPE_CHECKING:
    from app.focal.incoming import MergeResult
    from app.interchange.register_xlsx import ExportResult
    from app.ui.shell.host import Host

REGISTER = "register"
MERGE_RULES = ("People are matched with the register by email, or else by name and country. A "
               "blank cell keeps what is stored; nothing is removed.")


def register_name(today: date | None = None) -> str:
    return f"Focal-point register {(today or date.today()).isoformat()}.xlsx"


def _plan_title(host: Host, plan_id: int) -> str:
    return next((p.title for p in host.desk().plans() if p.id == plan_id), "this plan")


def export_register(host: Host) -> Path | None:
    """Write the register and its assignments in the plan shown to a new workbook."""
    title = "Export Register"
    target = choose_file_to_save(host, REGISTER, "Export the focal-point register to Excel",
                                 register_name(), EXCEL_FILTER, ".xlsx")
    if target is None:
        return None
    with core_imports():
        from app.interchange import register_xlsx as xlsx

    plan_id = host.plan_id()

    def job() -> ExportResult:
        return xlsx.export_register(host.desk(), target, plan_id)

    result = run_core(host, f"Writing {target.name}…", title, job)
    if result is None:
        return None
    note = f" ({len(result.warnings)} warnings)" if result.warnings else ""
    host.status(f"Wrote {result.path}: {result.people} focal points, "
                                   f"{result.assignments} assignments{note}", 15000)
    dialogs.offer_to_open(host.widget, result.path, result.warnings)
    return result.path


def import_register(host: Host) -> MergeResult | None:
    """Merge a register workbook into the database, after showing what it would change."""
    title = "Import Register"
    path = choose_file_to_open(host, REGISTER, "Import a focal-point register from Excel",
                               EXCEL_FILTER)
    if path is None:
        return None
    with core_imports():
        from app.interchange import register_xlsx as xlsx

    plan_id = host.plan_id()

    def refused(exc: PoaDeskError) -> bool:
        return show_problems(host, title, path, exc, where="rows", at_least=1,
                             from_text=True)

    def run(dry_run: bool) -> MergeResult:
        return xlsx.import_register(host.desk(), path, plan_id=plan_id, dry_run=dry_run)

    preview = run_core(host, f"Checking {path.name}…", title, lambda: run(True), refused)
    if preview is None:
        return None
    if not preview.lines:
        dialogs.run_dialog(ListDialog(
            host.widget, title, "Nothing to import",
            f"The register already has everything {path.name} holds.", (),
            notes=preview.warnings))
        return None
    summary = preview.summary()
    plan = _plan_title(host, plan_id)
    text = (f"From {path.name}, with assignments to action lines of “{plan}”. "
            f"{MERGE_RULES}\n\n{NOT_UNDOABLE}")
    dialog = ReviewDialog(host.widget, title, summary[:1].upper() + summary[1:], text,
                          plain_groups(preview.lines), ok_text="&Import",
                          notes=preview.warnings, lines_title=f"&Changes ({len(preview.lines)}):")
    if not dialogs.run_dialog(dialog):
        host.status(f"Not imported: {path.name}", 8000)
        return None
    result = run_core(host, f"Importing {path.name}…", title, lambda: run(False), refused)
    if result is None:
        return None
    host.reload(None)
    host.status(f"Imported {path.name}: {result.summary()}", 15000)
    return result
