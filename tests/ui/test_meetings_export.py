"""Exports from the panel and the File menu: the same writers as `poadesk export`, a default
name in the last folder, a Word template remembered, one-line errors, warnings shown."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import openpyxl
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QToolButton

from app.ui.meetings import meeting_export
from app.ui.meetings.export_notice import ExportNotice
from app.ui.shell import dialogs
from app.ui.shell.settings import UiSettings
from tests.ui.file_helpers import menu
from tests.ui.meetings_helpers import add_som, open_panel

OBJECTIVE = "Secure agreement to resume the FTA framework talks before the AEMM."
POINTS = "Welcome the JWG's stocktaking.\nAsk for a date before the next SOM."


class Dialogs:
    """What the export asked and answered instead of the real dialogs; what it wrote, as the
    status bar's notice says it (never a modal box), and its Open or Show in Folder clicked
    (`choice`: "file", "folder" or "")."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, target: Path | None) -> None:
        self.target = target
        self.asked: list[tuple[str, Path]] = []
        self.after: list[tuple[Path, tuple[str, ...]]] = []
        self.said: list[str] = []  # the notice's words
        self.choice = "file"
        self.opened: list[QUrl] = []
        self.template: Path | None = None
        monkeypatch.setattr(meeting_export, "choose_save_path", self._save)
        monkeypatch.setattr(dialogs, "ask_after_export", self._modal)
        shown = ExportNotice.show_results
        monkeypatch.setattr(ExportNotice, "show_results",
                            lambda notice, results: self._after(shown, notice, results))
        monkeypatch.setattr(dialogs, "open_url", self._open)
        monkeypatch.setattr(meeting_export, "choose_template", lambda _p, _start: self.template)

    def _save(self, _parent, caption: str, default: Path, _filter: str) -> Path | None:
        self.asked.append((caption, default))
        return self.target

    def _modal(self, *_args) -> str:
        raise AssertionError("a modal 'Wrote ...' box")

    def _after(self, shown, notice: ExportNotice, results) -> None:
        assert QApplication.overrideCursor() is None  # not busy any more
        shown(notice, results)
        assert notice.isVisible() and notice.window().statusBar().currentMessage() == ""
        said = f"{notice.label.text()} {notice.acronyms_label.text()}"
        assert "poadesk " not in said  # the window never sends the officer to the command line
        self.said.append(said)
        self.after.extend((r.path, tuple(r.warnings)) for r in results)
        if self.choice == "file":
            notice.open_button.click()
        elif self.choice == "folder":
            notice.folder_button.click()

    def _open(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True


@pytest.fixture
def som(window):
    meeting_id = add_som(window, "1.3(b),2.1(c),3.5")
    meetings = window.desk.meetings
    meetings.edit_meeting(meeting_id, marking="RESTRICTED")
    meetings.edit_item(meetings.find_item(meeting_id, "2.1(c)"), objective=OBJECTIVE,
                       points_to_make=POINTS)
    return meeting_id


def _click(qtbot, panel, name: str) -> None:
    qtbot.mouseClick(panel.findChild(QToolButton, name), Qt.MouseButton.LeftButton)


def _acronyms_warning(*names: str) -> str:
    """The warning of an export whose brief uses capitals no glossary explains."""
    return (f"acronyms with no expansion (not in the annex): {', '.join(names)}; add them with "
            "poadesk acronyms add ABBR \"Expansion\"")


def _sheet(path: Path, name: str) -> list[tuple]:
    """A sheet's header row and the rows under it (the title row above it left out)."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book[name].values)
    finally:
        book.close()
    assert " \u2014 " in str(rows[0][0])  # the title row: what it is, and the marking
    return rows[1:]


def _meeting_action(window, name: str):
    """A Meeting menu entry by its text (the menu grows; its order is not the test's)."""
    return next(a for a in menu(window, "Meeting").actions()
                if a.text().replace("&", "") == name)


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_word_brief_from_the_panel(qtbot, window, som, tmp_path, monkeypatch, settings_path):
    target = tmp_path / "out" / "som.docx"
    target.parent.mkdir()
    answers = Dialogs(monkeypatch, target)
    for abbr, expansion in (("ASEAN", "Association of Southeast Asian Nations"),
                            ("EU", "European Union"),
                            ("SOMTC", "Senior Officials Meeting on Transnational Crime")):
        window.desk.set_user_acronym(abbr, expansion)  # the user's glossary: no warning
    panel = open_panel(window)
    _click(qtbot, panel, "exportWord")
    [(caption, default)] = answers.asked
    assert caption == "Export brief of SOM, 5 March 2026 as Word"
    assert default.name == "SOM 2026-03-05 brief.docx"
    assert answers.after == [(target, ())]
    assert answers.opened == [QUrl.fromLocalFile(str(target))]  # "Open"
    assert answers.said[0].strip() == f"Wrote som.docx in {target.parent}"

    text = _docx_text(target)
    for item in window.desk.meetings.get(som).items:
        for action in item.quoted():  # a whole section: only the lines chosen (default)
            assert action.text in text  # the agenda's verbatim action text
    section = window.desk.meetings.get(som).items[2]
    assert section.is_section and section.actions[0].text not in text  # no full-text annex
    assert OBJECTIVE in text and "Ask for a date before the next SOM." in text
    assert "RESTRICTED" in text
    assert UiSettings(settings_path).export_folder == str(target.parent)

    answers.choice = "folder"  # the next export starts in the folder of the last one
    answers.target = target.with_name("again.docx")
    _meeting_action(window, "Export Brief as Word…").trigger()
    assert answers.asked[1][1] == target.parent / "SOM 2026-03-05 brief.docx"
    assert answers.opened[1] == QUrl.fromLocalFile(str(target.parent))


def test_excel_brief_and_matrix_from_the_file_menu(qtbot, window, som, tmp_path, monkeypatch):
    # an acronym no glossary explains (SOMTC is: from the plan's SOMTC+EU, issue 21)
    window.desk.meetings.edit_item(window.desk.meetings.find_item(som, "1.3(b)"),
                                   objective="Ask the WTO for a briefing.")
    answers = Dialogs(monkeypatch, tmp_path / "som")  # no extension typed: .xlsx is added
    answers.choice = ""
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    by_text = {a.text().replace("&", ""): a for a in file_menu.actions()}
    by_text["Export Brief as Excel…"].trigger()
    target = tmp_path / "som.xlsx"
    assert answers.asked[0][1].name == "SOM 2026-03-05 brief.xlsx"
    # the brief names the capitals that no glossary explains (Meeting > My Acronyms…), never
    # the household names (ASEAN, EU, UN)
    assert answers.after == [(target, (_acronyms_warning("WTO"),))]
    assert answers.said[0].endswith("Not explained: WTO")
    assert answers.opened == []
    rows = _sheet(target, "Agenda") + _sheet(target, "Items")
    cells = [str(c) for row in rows for c in row if c is not None]
    item = window.desk.meetings.get(som).items[1]
    assert item.ref == "2.1(c)" and item.brief_title in cells
    assert OBJECTIVE in cells and all(line in cells for line in POINTS.splitlines())
    assert "1.3(b)" in cells

    answers.target = tmp_path / "matrix.xlsx"
    by_text["Export Implementation Matrix…"].trigger()
    assert answers.asked[1][1].name.startswith("Implementation matrix ")
    rows = _sheet(answers.target, "Implementation matrix")
    assert len([r for r in rows[1:] if r and r[0]]) == 165
    assert rows[1][0] == "1.1(a)"


def test_a_cancelled_save_dialog_writes_nothing(qtbot, window, som, monkeypatch, tmp_path):
    answers = Dialogs(monkeypatch, None)
    panel = open_panel(window)
    _click(qtbot, panel, "exportExcel")
    assert answers.asked and answers.after == [] and list(tmp_path.glob("*.xlsx")) == []


def test_locked_and_read_only_targets_get_one_line(qtbot, window, som, tmp_path, monkeypatch,
                                                  shown_dialogs):
    target = tmp_path / "som.docx"
    target.write_bytes(b"old brief")
    (tmp_path / ".~lock.som.docx#").write_text("someone,on,their,laptop")
    answers = Dialogs(monkeypatch, target)
    panel = open_panel(window)
    _click(qtbot, panel, "exportWord")
    [(title, message)] = shown_dialogs
    assert title == "Export" and "\n" not in message
    assert message.startswith(f"{target} is open in another program (lock file")
    assert target.read_bytes() == b"old brief" and answers.after == []
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage() == "Not written: som.docx"

    (tmp_path / ".~lock.som.docx#").unlink()
    os.chmod(target, 0o444)
    try:
        _click(qtbot, panel, "exportWord")
    finally:
        os.chmod(target, 0o644)
    assert shown_dialogs[1] == ("Export", f"{target} is read-only; choose another name or "
                                          "make it writable")
    assert target.read_bytes() == b"old brief"


def test_a_word_template_is_remembered_and_its_problems_are_told(
        qtbot, window, som, tmp_path, monkeypatch, shown_dialogs, settings_path):
    # an acronym no glossary explains (SOMTC is: from the plan's SOMTC+EU, issue 21)
    window.desk.meetings.edit_item(window.desk.meetings.find_item(som, "1.3(b)"),
                                   objective="Ask the WTO for a briefing.")
    template = docx.Document()
    template.styles["Heading 1"].font.name = "Georgia"
    bullet = template.styles["List Bullet"].element
    bullet.getparent().remove(bullet)
    template.save(str(tmp_path / "ministry.docx"))
    answers = Dialogs(monkeypatch, tmp_path / "brief.docx")
    answers.template = tmp_path / "ministry.docx"
    panel = open_panel(window)
    assert panel.export_bar.template_label.text() == "Word: house style"
    panel.export_bar.choose_template_action.trigger()
    assert panel.export_bar.template_label.text() == "Word template: ministry.docx"
    assert UiSettings(settings_path).brief_template == str(tmp_path / "ministry.docx")

    _click(qtbot, panel, "exportWord")
    assert answers.after == [(tmp_path / "brief.docx", (
        "the template has no style 'List Bullet'; a plain one was used",
        _acronyms_warning("WTO")))]  # shown
    assert docx.Document(str(tmp_path / "brief.docx")).styles["Heading 1"].font.name == "Georgia"
    assert answers.said[0] == (f"Wrote brief.docx in {tmp_path} (the template has no style "
                               "'List Bullet'; a plain one was used) Not explained: WTO")

    (tmp_path / "ministry.docx").write_text("not a Word document")
    _click(qtbot, panel, "exportWord")
    assert shown_dialogs == [("Export", "template ministry.docx cannot be read: it is not a "
                                        ".docx file (or it is damaged)")]

    _click(qtbot, panel, "exportExcel")  # a .docx name for an Excel brief: said, not written
    assert shown_dialogs[1] == ("Export", "brief.docx: an Excel brief is written as .xlsx "
                                          "(got '.docx')")
    answers.target = tmp_path / "brief.xlsx"
    _click(qtbot, panel, "exportExcel")  # an Excel brief has no template: it is not used
    assert len(answers.after) == 2 and answers.after[1][0] == answers.target

    panel.export_bar.house_style_action.trigger()
    assert panel.export_bar.template_label.text() == "Word: house style"
    answers.target = tmp_path / "plain.docx"
    _click(qtbot, panel, "exportWord")
    assert answers.after[2] == (tmp_path / "plain.docx", (_acronyms_warning("WTO"),))


def test_no_meeting_no_brief(qtbot, window, monkeypatch, shown_dialogs):
    answers = Dialogs(monkeypatch, None)
    panel = open_panel(window)
    bar = panel.export_bar
    assert not bar.word_action.isEnabled() and not bar.excel_action.isEnabled()
    _meeting_action(window, "Export Brief as Word…").trigger()
    assert shown_dialogs == [("Meetings", "Make a meeting first (New…), then export its "
                                          "brief")]
    assert answers.asked == []


def test_default_names():
    from datetime import date

    from app.meetings.values import MeetingInfo

    info = MeetingInfo(1, "PMC+1", "ASEAN PMC+1 with the EU", date(2026, 7, 9), "", "", 0)
    assert meeting_export.brief_name(info, ".docx") == "PMC+1 2026-07-09 brief.docx"
    undated = MeetingInfo(2, "SOM", "Retreat: Bali/Jakarta?", None, "", "", 0)
    assert meeting_export.brief_name(undated, ".xlsx") == "SOM Retreat Bali Jakarta brief.xlsx"
    assert meeting_export.matrix_name(date(2026, 3, 1)) == "Implementation matrix 2026-03-01.xlsx"


PUBLIC_NOTE = "Thailand will host the JWG in May."
PRIVATE_NOTE = "Our red line: no date before the ministerial."


@pytest.fixture
def noted(window, som):
    """A note on one agenda action line and a private note on another."""
    items = {item.ref: item for item in window.desk.meetings.get(som).items}
    window.desk.set_notes(items["1.3(b)"].actions[0].id, PUBLIC_NOTE, private=False)
    window.desk.set_notes(items["2.1(c)"].actions[0].id, PRIVATE_NOTE, private=True)
    return som


def _matrix_notes(path: Path) -> dict[str, str]:
    rows = _sheet(path, "Implementation matrix")
    column = rows[0].index("Notes")
    return {row[0]: row[column] or "" for row in rows[1:] if row and row[0]}


def _brief_notes(path: Path) -> dict[str, str]:
    """An Excel brief's notes by action line: its Items sheet's Notes column (there only when
    a note is shown)."""
    rows = _sheet(path, "Items")
    if "Notes" not in rows[0]:
        return {}
    column = rows[0].index("Notes")
    return {row[1]: row[column] for row in rows[1:] if row[column]}


def test_word_brief_notes_only_when_asked_private_ones_only_with_their_own_option(
        qtbot, window, noted, tmp_path, monkeypatch, settings_path):
    answers = Dialogs(monkeypatch, tmp_path / "default.docx")
    panel = open_panel(window)
    bar = panel.export_bar
    assert panel.findChild(QToolButton, "exportNotes") is not None
    assert not bar.include_notes_action.isChecked()
    assert not bar.include_private_action.isChecked()
    assert bar.notes_label.isHidden()

    _click(qtbot, panel, "exportWord")  # the default: no notes at all
    text = _docx_text(tmp_path / "default.docx")
    assert OBJECTIVE in text  # the brief itself is there
    assert PUBLIC_NOTE not in text and PRIVATE_NOTE not in text

    bar.include_notes_action.trigger()  # notes, not the private ones
    assert UiSettings(settings_path).brief_notes
    assert bar.notes_label.text() == "Briefs: with desk notes"
    answers.target = tmp_path / "notes.docx"
    _click(qtbot, panel, "exportWord")
    assert answers.asked[-1][0] == "Export brief of SOM, 5 March 2026 as Word (with desk notes)"
    text = _docx_text(tmp_path / "notes.docx")
    assert PUBLIC_NOTE in text and PRIVATE_NOTE not in text

    bar.include_private_action.trigger()  # both: the private note too
    assert bar.notes_label.text() == "Private notes included"
    answers.target = tmp_path / "private.docx"
    _click(qtbot, panel, "exportWord")
    assert answers.asked[-1][0] == ("Export brief of SOM, 5 March 2026 as Word "
                                    "(with private notes)")
    text = _docx_text(tmp_path / "private.docx")
    assert PUBLIC_NOTE in text and PRIVATE_NOTE in text

    bar.include_notes_action.trigger()  # private without notes: a brief has no notes
    assert bar.include_private_action.isChecked()
    assert bar.notes_label.text() == "Private notes in the matrix"
    answers.target = tmp_path / "private-only.docx"
    _click(qtbot, panel, "exportWord")
    assert answers.asked[-1][0] == "Export brief of SOM, 5 March 2026 as Word"
    text = _docx_text(tmp_path / "private-only.docx")
    assert PUBLIC_NOTE not in text and PRIVATE_NOTE not in text


def test_matrix_and_excel_brief_private_notes_only_when_asked(
        qtbot, window, noted, tmp_path, monkeypatch):
    answers = Dialogs(monkeypatch, tmp_path / "matrix.xlsx")
    answers.choice = ""
    panel = open_panel(window)
    bar = panel.export_bar
    _click(qtbot, panel, "exportMatrix")  # the matrix, the desk's table: its shared notes
    assert answers.asked[-1][0] == "Export implementation matrix"
    notes = _matrix_notes(tmp_path / "matrix.xlsx")
    assert notes["1.3(b)"] == PUBLIC_NOTE and notes["2.1(c)"] == "(withheld)"
    answers.target = tmp_path / "brief.xlsx"
    _click(qtbot, panel, "exportExcel")  # a brief, Excel as Word: no notes unless asked
    assert answers.asked[-1][0] == "Export brief of SOM, 5 March 2026 as Excel"
    assert _brief_notes(tmp_path / "brief.xlsx") == {}

    bar.include_notes_action.trigger()
    answers.target = tmp_path / "brief-notes.xlsx"
    _click(qtbot, panel, "exportExcel")
    assert answers.asked[-1][0] == ("Export brief of SOM, 5 March 2026 as Excel "
                                    "(with desk notes)")
    assert _brief_notes(tmp_path / "brief-notes.xlsx") == {"1.3(b)": PUBLIC_NOTE}

    bar.include_private_action.trigger()
    answers.target = tmp_path / "matrix-private.xlsx"
    _click(qtbot, panel, "exportMatrix")
    assert answers.asked[-1][0] == "Export implementation matrix (with private notes)"
    notes = _matrix_notes(tmp_path / "matrix-private.xlsx")
    assert notes["1.3(b)"] == PUBLIC_NOTE and notes["2.1(c)"] == PRIVATE_NOTE
    answers.target = tmp_path / "brief-private.xlsx"
    _click(qtbot, panel, "exportExcel")
    assert answers.asked[-1][0] == ("Export brief of SOM, 5 March 2026 as Excel "
                                    "(with private notes)")
    assert _brief_notes(tmp_path / "brief-private.xlsx") == {
        "1.3(b)": PUBLIC_NOTE, "2.1(c)": f"{PRIVATE_NOTE} (private)"}

    bar.include_notes_action.trigger()  # private notes without desk notes: none in a brief
    answers.target = tmp_path / "brief-none.xlsx"
    _click(qtbot, panel, "exportExcel")
    assert answers.asked[-1][0] == "Export brief of SOM, 5 March 2026 as Excel"
    assert _brief_notes(tmp_path / "brief-none.xlsx") == {}


def test_desk_notes_are_remembered_private_notes_never(qtbot, open_window, settings_path):
    window = open_window()
    bar = open_panel(window).export_bar
    bar.include_notes_action.trigger()
    bar.include_private_action.trigger()
    assert bar.exporter.include_notes and bar.exporter.include_private
    window.close()

    assert "private" not in settings_path.read_text().lower()
    bar = open_panel(open_window()).export_bar  # the next start: notes on, private off
    assert bar.include_notes_action.isChecked() and bar.exporter.include_notes
    assert not bar.include_private_action.isChecked() and not bar.exporter.include_private
    assert bar.notes_label.text() == "Briefs: with desk notes"
