"""Exports from the window: a meeting's Word or Excel brief, the implementation matrix.

The same functions as `poadesk export brief|matrix` (app.export), so the command line can write
everything the window can. They take ~0.1 s for the whole plan, so they run in the GUI thread
with a busy cursor and a status message (a worker thread would need its own database engine).
python-docx and openpyxl are imported only when an export runs.

Options (the export bar's Options menu, export_bar), as the command line's: a brief, Word or
Excel, has the desk notes only when asked ("Include Desk Notes in Briefs", `--include-notes`,
remembered); the matrix, the desk's working table, always has the notes not marked private.
Private notes go into a file only with "Include Private Notes" (`--include-private`), which is
off each time the window opens (never remembered), and the save dialog's title says so. A Word
brief can end with the full text of its whole sections (`--full-text`, remembered); the matrix
is marked SENSITIVE unless another marking is chosen (`--marking`, remembered).

Meeting > Export Briefs (Ctrl+E) writes the meeting's Word and Excel briefs together, with
no dialog, into the briefs folder: chosen once (`choose_folder`, opening on Documents/POA Desk,
made if missing; Enter accepts) and remembered. What was written is said in the status bar
(`report`: the window's export notice, with Open and Show in Folder), never in a modal box.

Each dialog is behind a small function that tests replace: `choose_save_path`,
`choose_template`, `choose_folder` (a QFileDialog through app.ui.shell.dialogs' `run_dialog`)
and `dialogs.open_url`; errors go through `dialogs.show_error`, one line, never a traceback.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from app import paths
from app.errors import PoaDeskError
from app.ui.shell import dialogs
from app.ui.shell.jobs import documents
from app.ui.shell.texts import one_line
from app.vocab import DEFAULT_WORKBOOK_MARKING

if TYPE_CHECKING:
    from app.export import ExportResult
    from app.meetings.values import MeetingDetail, MeetingInfo
    from app.service import Desk
    from app.ui.shell.settings import UiSettings

WORD_FILTER = "Word documents (*.docx)"
EXCEL_FILTER = "Excel workbooks (*.xlsx)"


# -- the dialogs (tests replace these) --------------------------------------------------------

def choose_save_path(parent: QWidget | None, caption: str, default: Path,
                     file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(default), file_filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, start: Path) -> Path | None:
    """The folder briefs go to, starting in `start` (Enter takes it as it is)."""
    dialog = QFileDialog(parent, "Folder for meeting briefs", str(start))
    dialog.setObjectName("briefsFolderDialog")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Use This Folder")
    try:
        if not dialogs.run_dialog(dialog):
            return None
        chosen = dialog.selectedFiles()
        return Path(chosen[0]) if chosen else start
    finally:
        dialog.deleteLater()


def choose_template(parent: QWidget | None, start: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Word document whose styles briefs use",
                                          str(start), WORD_FILTER)
    return Path(name) if name else None


# -- names ------------------------------------------------------------------------------------

def safe_file_name(text: str) -> str:
    """Text a file name can hold on Windows, macOS and Linux, at most 80 characters."""
    return paths.safe_file_name(text, "brief")


def brief_name(meeting: MeetingInfo | MeetingDetail, suffix: str) -> str:
    """'SOM 2026-03-05 brief.docx'; an undated meeting by its title."""
    when = meeting.date.isoformat() if meeting.date else meeting.title
    return f"{safe_file_name(f'{meeting.kind} {when}')} brief{suffix}"


def matrix_name(today: date | None = None) -> str:
    return f"Implementation matrix {(today or date.today()).isoformat()}.xlsx"


# -- the exports ------------------------------------------------------------------------------

class Exporter:
    """Asks where, writes with a busy cursor, reports, offers to open what it wrote."""

    def __init__(self, parent: QWidget, desk: Desk, settings: UiSettings,
                 status: Callable[[str, int], None]) -> None:
        self.parent = parent
        self.desk = desk
        self.settings = settings
        self.status = status
        self.last_result: ExportResult | None = None
        self.include_private = False  # never remembered: private notes leave only when asked
        # says what was written: the window's export notice (the meetings dock sets it)
        self.report: Callable[[list[ExportResult]], None] = self._offer_to_open

    def _offer_to_open(self, results: list[ExportResult]) -> None:
        """Without the window's notice: ask, as other exports do."""
        for result in results:
            dialogs.offer_to_open(self.parent, result.path, result.warnings)

    @property
    def include_notes(self) -> bool:
        """Briefs (Word and Excel) have the desk notes (not private ones unless
        `include_private`)."""
        return self.settings.brief_notes

    @include_notes.setter
    def include_notes(self, value: bool) -> None:
        self.settings.brief_notes = value

    @property
    def full_text(self) -> bool:
        """Word briefs end with an annex holding every line of their whole sections."""
        return self.settings.brief_full_text

    @full_text.setter
    def full_text(self, value: bool) -> None:
        self.settings.brief_full_text = value

    @property
    def matrix_marking(self) -> str:
        saved = self.settings.matrix_marking
        return DEFAULT_WORKBOOK_MARKING if saved is None else saved

    @matrix_marking.setter
    def matrix_marking(self, value: str) -> None:
        self.settings.matrix_marking = None if value == DEFAULT_WORKBOOK_MARKING else value

    def private_in(self, brief: bool) -> bool:
        """Whether a brief (or the matrix) would have the private notes: a brief only with
        its desk notes."""
        return self.include_private and (not brief or self.include_notes)

    def _with_notes(self, brief: bool) -> str:
        if self.private_in(brief):
            return " (with private notes)"
        return " (with desk notes)" if brief and self.include_notes else ""

    @property
    def folder(self) -> Path:
        saved = self.settings.export_folder
        return Path(saved) if saved and Path(saved).is_dir() else documents()

    @property
    def template(self) -> Path | None:
        saved = self.settings.brief_template
        return Path(saved) if saved else None

    def choose_template(self) -> Path | None:
        start = self.template.parent if self.template else self.folder
        chosen = choose_template(self.parent, start)
        if chosen is not None:
            self.settings.brief_template = str(chosen)
        return chosen

    def clear_template(self) -> None:
        self.settings.brief_template = ""

    def _ask(self, caption: str, name: str, file_filter: str, suffix: str) -> Path | None:
        target = choose_save_path(self.parent, caption, self.folder / name, file_filter)
        if target is None:
            return None
        if not target.suffix:
            target = target.with_name(target.name + suffix)
        self.settings.export_folder = str(target.parent)
        return target

    def briefs_folder(self) -> Path | None:
        """Where Export Briefs writes: the folder chosen the first time (asked again if it is
        gone), None if the officer cancelled."""
        saved = self.settings.briefs_folder
        if saved and Path(saved).is_dir():
            return Path(saved)
        start = documents() / "POA Desk"
        try:
            start.mkdir(parents=True, exist_ok=True)
        except OSError:
            start = documents()
        chosen = choose_folder(self.parent, start)
        if chosen is not None:
            self.settings.briefs_folder = str(chosen)
        return chosen

    def export_briefs(self, meeting: MeetingInfo | MeetingDetail) -> list[Path]:
        """Meeting > Export Briefs (Ctrl+E): the Word and the Excel brief of `meeting`, side by
        side in the briefs folder, no dialog after the first time; said in the status bar."""
        folder = self.briefs_folder()
        if folder is None:
            return []
        results: list[ExportResult] = []
        for suffix in (".docx", ".xlsx"):
            written = self.export_brief(meeting, suffix, folder / brief_name(meeting, suffix),
                                        report=False)
            if written is None or self.last_result is None:
                break
            results.append(self.last_result)
        if results:
            self.report(results)
        return [r.path for r in results]

    def export_brief(self, meeting: MeetingInfo | MeetingDetail, suffix: str,
                     target: Path | None = None, report: bool = True) -> Path | None:
        """The Word (".docx") or Excel (".xlsx") brief of `meeting` (to `target`, or where the
        officer says); the file, or None."""
        from app.export import export_brief
        from app.export.files import check_target

        word = suffix == ".docx"
        if target is None:
            target = self._ask(f"Export brief of {meeting.label} as "
                               f"{'Word' if word else 'Excel'}{self._with_notes(True)}",
                               brief_name(meeting, suffix),
                               WORD_FILTER if word else EXCEL_FILTER, suffix)
        if target is None:
            return None
        template = self.template if word else None
        # as chosen when the dialog closed
        include_notes = self.include_notes
        include_private = self.private_in(True)
        full_text = word and self.full_text  # an Excel brief has no annex

        def job() -> ExportResult:
            # the kind asked for, whatever name was typed (export_brief goes by the name)
            check_target(target, (suffix,), "a Word brief" if word else "an Excel brief")
            return export_brief(self.desk, meeting.id, target, template=template,
                                include_notes=include_notes, include_private=include_private,
                                full_text=full_text)

        return self._run(target, job, report)

    def export_matrix(self, plan_id: int | None) -> Path | None:
        from app.export import export_matrix

        target = self._ask(f"Export implementation matrix{self._with_notes(False)}",
                           matrix_name(), EXCEL_FILTER, ".xlsx")
        if target is None:
            return None
        include_private = self.private_in(False)
        marking = self.matrix_marking
        return self._run(target, lambda: export_matrix(self.desk, target, plan_id=plan_id,
                                                       include_private=include_private,
                                                       marking=marking))

    def _run(self, target: Path, job: Callable[[], ExportResult],
             report: bool = True) -> Path | None:
        self.status(f"Writing {target.name}…", 0)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        try:
            result = job()
        except PoaDeskError as exc:
            self._failed(target, one_line(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - one line for the officer, details on stderr
            traceback.print_exc(file=sys.stderr)
            self._failed(target, f"{target.name} could not be written: {one_line(exc)}")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.last_result = result
        note = f" ({len(result.warnings)} warnings)" if result.warnings else ""
        self.status(f"Wrote {result.path}{note}", 10000)
        if report:
            self.report([result])
        return result.path

    def _failed(self, target: Path, message: str) -> None:
        self.status(f"Not written: {target.name}", 10000)
        dialogs.show_error(self.parent, "Export", message)
