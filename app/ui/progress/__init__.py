"""Progress in the main window: View > Progress (the figures, charts and trend, clickable
through to the lines) and File > Progress Report… (app.export.report, Word or Excel).

`ProgressUi(host)` is made once by the main window; it knows the window as a `Host` and
filters the plan through its navigator. Cheap: the view (its charts painted with QPainter), the
dialog and the report writers are imported when first chosen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.ui.shell.actions import Act

if TYPE_CHECKING:
    from app.export.files import ExportResult
    from app.ui.progress.progress_view import ProgressWindow
    from app.ui.progress.report_dialog import ReportDialog
    from app.ui.shell.host import Host

REPORT = "report"
REPORT_FILTERS = {".docx": "Word documents (*.docx);;Excel workbooks (*.xlsx)",
                  ".xlsx": "Excel workbooks (*.xlsx);;Word documents (*.docx)"}


def report_name(date_from: date, date_to: date, suffix: str) -> str:
    return f"Progress report {date_from.isoformat()} to {date_to.isoformat()}{suffix}"


class ProgressUi(QObject):
    def __init__(self, host: Host) -> None:
        super().__init__(host.widget)
        self.host = host
        self.window: ProgressWindow | None = None
        self.report_dialog: ReportDialog | None = None
        host.actions.add(Act.PROGRESS_VIEW, self.open_view)
        host.actions.add(Act.PROGRESS_REPORT, self.open_report)

    # -- View > Progress --------------------------------------------------------------------

    def open_view(self) -> ProgressWindow | None:
        from app.ui.progress.progress_view import ProgressWindow

        if not self.host.ready():
            return None
        if self.window is None:
            self.window = ProgressWindow(self)
        self.window.show()
        self.window.reload()
        self.window.raise_()
        self.window.activateWindow()
        return self.window

    def show_lines(self, key: str, status: str | None = None) -> None:
        """Show a pillar's ("p1") or section's ("s1.3") lines in the plan tree, or the whole
        plan's (""); with `status`, only the lines with that status."""
        self.host.navigator.show_lines(key, status)

    # -- File > Progress Report… ------------------------------------------------------------

    def open_report(self) -> ReportDialog | None:
        from app.ui.progress.report_dialog import ReportDialog

        if not self.host.ready():
            return None
        if self.report_dialog is not None:
            self.report_dialog.close()
        dialog = self.report_dialog = ReportDialog(self.host.widget)
        dialog.accepted.connect(lambda: self.write_report(dialog))
        dialog.open()
        return dialog

    def write_report(self, dialog: ReportDialog) -> Path | None:
        """Ask where (the name's suffix: Word or Excel), then write the report."""
        from app.ui.shell import dialogs
        from app.ui.shell.jobs import choose_file_to_save, run_core

        title = "Progress Report"
        date_from, date_to = dialog.period()
        suffix = dialog.suffix()
        target = choose_file_to_save(
            self.host, REPORT, "Write the progress report (.docx: Word, .xlsx: Excel)",
            report_name(date_from, date_to, suffix), REPORT_FILTERS[suffix], suffix,
            (".docx", ".xlsx"))
        if target is None:
            return None
        marking = dialog.marking_text()
        plan_id = self.host.plan_id()

        def job() -> ExportResult:
            from app.ui.shell.core import core_imports

            with core_imports():
                from app.export.report import export_report
                from app.service import default_user

                return export_report(self.host.desk(), date_from, date_to, target,
                                     plan_id=plan_id, marking=marking,
                                     author=default_user())

        result = run_core(self.host, f"Writing {target.name}…", title, job)
        if result is None:
            return None
        note = f" ({len(result.warnings)} warnings)" if result.warnings else ""
        self.host.status(f"Wrote the progress report {result.path}{note}", 15000)
        dialogs.offer_to_open(self.host.widget, result.path, result.warnings)
        return result.path
