"""Issue 19's quick path, by keyboard, from a cold start on a new database: a five-item SOM brief,
Word and Excel, in 11 actions (a chord, a typed field or a Tab each):

Ctrl+N, "ASEAN-EU SOM", Tab, "5 March 2027", Tab, "Jakarta", Tab,
'1.3(b), 2.1(c), 3.5, 5(a), "Any other business"', Enter, Ctrl+E, Enter (the folder chooser).

Every key goes to the widget that has the focus (QApplication.focusWidget()), as typing does.
The two modal dialogs (the form, the folder chooser) are the real ones, shown without a nested
event loop through the functions tests replace (meeting_form.run_dialog, dialogs.run_dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from app.ui.meetings import meeting_export, meeting_form
from app.ui.meetings.export_notice import ExportNotice
from app.ui.shell import dialogs
from app.ui.shell.settings import UiSettings

AGENDA = '1.3(b), 2.1(c), 3.5, 5(a), "Any other business"'
ITEMS = ["1.3(b)", "2.1(c)", "3.5", "5(a)", "Any other business"]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


class Keyboard:
    """Real key events on the focused widget, counted: a chord, a typed field or a Tab each."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.actions: list[str] = []

    def chord(self, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier, name: str = "") -> None:
        self.actions.append(name or key.name)
        self.qtbot.keyClick(focused(), key, modifiers)

    def type(self, text: str) -> None:
        self.actions.append(f"type {text}")
        self.qtbot.keyClicks(focused(), text)

    def tab(self) -> None:
        self.chord(Qt.Key.Key_Tab, name="Tab")

    def enter(self) -> None:
        self.chord(Qt.Key.Key_Return, name="Enter")


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The officer's Documents folder (never the real one)."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(meeting_export, "documents", lambda: folder)
    return folder


def drive(qtbot, monkeypatch: pytest.MonkeyPatch, module, steps: Callable[[QDialog], None],
          seen: list[QDialog]) -> None:
    """`module.run_dialog` shows the real dialog and runs `steps` on it (keys), as exec()
    would let the officer; the dialog's own result is the answer."""

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                        and QApplication.focusWidget().window() is dialog)
        steps(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        parent = dialog.parentWidget().window()
        parent.activateWindow()  # what the window manager does when a modal dialog closes
        qtbot.waitUntil(lambda: QApplication.activeWindow() is parent)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(module, "run_dialog", run)


def test_the_som_brief_in_eleven_actions(qtbot, window, documents, monkeypatch, settings_path):
    keys = Keyboard(qtbot)
    assert window.desk.meetings.all() == [] and not window.meetings.dock.isVisible()
    forms: list[QDialog] = []
    choosers: list[QDialog] = []

    def fill(form: QDialog) -> None:
        assert isinstance(form, meeting_form.MeetingForm)
        assert focused() is form.title_edit  # the cursor in Title
        assert form.kind.currentText() == "SOM"
        keys.type("ASEAN-EU SOM")
        keys.tab()
        assert focused() is form.date_edit.edit
        keys.type("5 March 2027")
        keys.tab()
        assert focused() is form.venue
        keys.type("Jakarta")
        keys.tab()
        assert form.agenda is not None and focused() is form.agenda.edit
        keys.type(AGENDA)
        assert form.agenda.valid and form.ok_button.isEnabled()
        assert form.agenda.message.text() == ("5 items: 3 action lines, section 3.5 (22 lines), "
                                              "1 of your own")
        keys.enter()

    def choose(chooser: QDialog) -> None:
        assert isinstance(chooser, QFileDialog)
        assert Path(chooser.directory().absolutePath()) == documents / "POA Desk"
        keys.enter()  # takes the folder it opened on

    drive(qtbot, monkeypatch, meeting_form, fill, forms)
    drive(qtbot, monkeypatch, dialogs, choose, choosers)
    opened = []
    monkeypatch.setattr(dialogs, "open_url", lambda url: opened.append(url) or True)

    keys.chord(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier, "Ctrl+N")
    assert len(forms) == 1
    panel = window.meetings.panel
    assert panel is not None and window.meetings.dock.isVisible()  # opened for it
    [meeting] = window.desk.meetings.all()
    assert (meeting.kind, meeting.title, meeting.date, meeting.venue) == (
        "SOM", "ASEAN-EU SOM", date(2027, 3, 5), "Jakarta")
    assert panel.meeting_id == meeting.id  # selected
    assert [i.ref or i.title for i in panel.meeting.items] == ITEMS
    assert window.undo_action.text() == "Undo new meeting SOM, 5 March 2027"  # one step
    # the keys go on to the new agenda, not a text field (where Ctrl+E is End on X11)
    assert focused() is panel.agenda_view

    keys.chord(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier, "Ctrl+E")
    folder = documents / "POA Desk"
    word, excel = folder / "SOM 2027-03-05 brief.docx", folder / "SOM 2027-03-05 brief.xlsx"
    qtbot.waitUntil(lambda: word.exists() and excel.exists())
    assert len(keys.actions) == 11, keys.actions
    assert len(choosers) == 1 and UiSettings(settings_path).briefs_folder == str(folder)

    # no modal box: the status bar says where, with Open and Show in Folder
    notice = window.findChild(ExportNotice)
    qtbot.waitUntil(lambda: notice is not None and notice.isVisible())
    assert notice.label.text() == f"Wrote the Word and Excel briefs in {folder}"
    assert notice.label.toolTip() == f"{word}\n{excel}"
    notice.folder_button.click()
    notice.open_button.click()
    assert [Path(u.toLocalFile()) for u in opened] == [folder, word]
    # no household name is reported, and SOMTC is explained by the plan's SOMTC+EU (issue 21)
    assert notice.acronyms_label.text() == "" and notice.acronyms_label.isHidden()

    # the briefs read back: five items, the free one included, 3.5 as a whole section
    paragraphs = docx.Document(str(word)).paragraphs
    items = [n for n, p in enumerate(paragraphs)
             if p.style.name == "Heading 1" and p.text.startswith("Item ")]
    assert [paragraphs[n].text.split(":")[0] for n in items] == [f"Item {n}" for n in range(1, 6)]
    assert paragraphs[items[-1]].text == "Item 5: Any other business"
    section = paragraphs[items[2] + 1].text  # under its heading: what the item is
    assert section.startswith("Section 3.5 ") and "· 22 action lines ·" in section
    book = openpyxl.load_workbook(excel, read_only=True)
    try:
        agenda = [row for row in book["Agenda"].values][2:]
    finally:
        book.close()
    assert [(row[0], row[1]) for row in agenda] == [
        (1, "1.3(b)"), (2, "2.1(c)"), (3, "3.5"), (4, "5(a)"), (5, None)]
    assert agenda[4][2] == "Any other business" and "22 action lines" in agenda[2][3]

    # after that, no dialog: Ctrl+E writes again where it did
    keys.chord(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier, "Ctrl+E")
    assert len(choosers) == 1
