"""Issue 19's defects in the window, each reproduced as a user met it."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.access import DatabaseLock
from app.activities.values import ActivityFields
from app.ui.files.backups_dialog import BackupsDialog
from app.ui.main import run_window
from app.ui.meetings.deleted_meetings import DeletedMeetingsDialog
from app.ui.progress import ProgressUi
from app.ui.shell import dialogs
from app.ui.shell.settings import UiSettings
from app.values import Target
from tests.ui.file_helpers import trigger
from tests.ui.focal_helpers import choose
from tests.ui.helpers import click_row, visible_rows
from tests.ui.meetings_helpers import add_som, open_panel, select_item


def _dialog(window, cls):
    found = [d for d in window.findChildren(QDialog) if isinstance(d, cls) and d.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_a_meeting_deleted_then_undone_is_not_listed_as_deleted_after_a_restart(
        qtbot, window, open_window):
    first = add_som(window, "1.1(a),2.1(c)")
    add_som(window, "4.1(a)", title="30th ASEAN-EU SOM")  # so the one brought back gets a new id
    panel = open_panel(window)
    panel.reload(first)
    assert panel.delete_meeting()
    window.undo()  # brought back
    window.redo()  # deleted again (a new id)
    window.undo()  # and back again
    assert sorted(m.title for m in window.desk.meetings.all()) == [
        "29th ASEAN-EU SOM", "30th ASEAN-EU SOM"]
    window.close()
    again = open_window()  # a restart: the undo stack is gone, the history is not
    trigger(again, "Meeting", "Deleted Meetings…")
    dialog = _dialog(again, DeletedMeetingsDialog)
    assert dialog.model.rowCount() == 0
    assert dialog.restore_selected() is None  # no second copy
    assert len(again.desk.meetings.all()) == 2


def _activate(qtbot, dialog) -> None:
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_enter_in_the_progress_report_dialog_writes_the_report(qtbot, window, monkeypatch):
    """Issue 19: Enter cancelled it (Cancel had taken the default)."""
    asked: list[str] = []
    monkeypatch.setattr(ProgressUi, "write_report", lambda _self, d: asked.append(d.suffix()))
    for field in ("date_from", "date_to", "marking", "format"):
        trigger(window, "File", "Progress Report…")
        dialog = window.progress.report_dialog
        _activate(qtbot, dialog)
        widget = getattr(dialog, field)
        widget = widget.edit if field.startswith("date") else widget
        widget.setFocus()
        results: list[int] = []
        dialog.finished.connect(results.append)
        qtbot.keyClick(widget.lineEdit() if field == "marking" else widget, Qt.Key.Key_Return)
        assert results == [QDialog.DialogCode.Accepted], field
    assert asked == [".docx"] * 4


def test_removing_an_activity_asks_first(qtbot, window, shown_dialogs, monkeypatch):
    """Issue 19: every other delete asked; removing an activity did not."""
    desk = window.desk
    aid = desk.resolve_ref("3.5(b)")
    desk.activities.add(Target(action_id=aid),
                        ActivityFields("Haze dialogue", "meeting", date(2026, 3, 4)))
    click_row(qtbot, window, "a3.5(b)")
    box = window.detail.activities_box
    [shown] = desk.activities.list(target=Target(action_id=aid))
    box.select(shown.id)
    answers = iter([False, True])
    monkeypatch.setattr(dialogs, "confirm", lambda _p, title, question, detail, ok: (
        shown_dialogs.append((title, question, ok)) or next(answers)))
    qtbot.keyClick(box.list, Qt.Key.Key_Delete)  # Cancel: still there
    assert shown_dialogs[-1] == ("Remove Activity",
                                 "Remove the activity “Haze dialogue” from 3.5(b)?", "&Remove")
    assert [a.id for a in desk.activities.list(target=Target(action_id=aid))] == [shown.id]
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)  # Remove
    assert desk.activities.list(target=Target(action_id=aid)) == []
    window.undo()
    assert [a.id for a in desk.activities.list(target=Target(action_id=aid))] == [shown.id]


def test_an_activitys_missing_title_is_no_longer_said_once_typed(qtbot, window):
    """Issue 19: "An activity needs a title." stayed after a title was typed."""
    click_row(qtbot, window, "a3.5(b)")
    form = window.activities.open_add()
    form.accept()
    assert form.error.isVisible() and form.error.text() == "An activity needs a title."
    qtbot.keyClicks(form.place, "Jakarta")  # another field: the title still missing
    assert form.error.isVisible()
    qtbot.keyClicks(form.title_edit, "H")
    assert not form.error.isVisible()
    qtbot.keyClicks(form.start.edit, "2026-03-40")
    form.accept()
    assert form.error.text().startswith("Starts:")
    qtbot.keyClick(form.start.edit, Qt.Key.Key_Backspace)
    assert not form.error.isVisible()
    form.reject()


_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_SHORT = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")
_PADDED = re.compile(r"\b0\d (January|February|March|April|May|June|July|August|September|"
                     r"October|November|December)\b")


def shown_texts(top: QWidget) -> list[str]:
    """Every text window `top` shows: labels, buttons, fields and the cells of its lists."""
    texts: list[str] = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(min(model.rowCount(), 200)):
                for column in range(model.columnCount()):
                    texts.append(str(model.index(row, column).data() or ""))
    return texts


def other_date_styles(top: QWidget) -> list[str]:
    return [t for t in shown_texts(top)
            if _ISO.search(t) or _SHORT.search(t) or _PADDED.search(t)]


def test_one_date_style_everywhere_in_the_window(qtbot, window, answers):
    """Issue 19: 2026-11-01, 07 Dec 2026 and 5 March 2027 in the same window."""
    desk = window.desk
    aid = desk.resolve_ref("3.5(b)")
    desk.activities.add(Target(action_id=aid), ActivityFields(
        "Haze dialogue", "meeting", date(2026, 11, 1), date(2026, 11, 3)))
    desk.set_status(aid, "achieved")
    gone = add_som(window, "3.5(b)")
    desk.meetings.delete(gone)
    click_row(qtbot, window, "a3.5(b)")
    window.detail.history_box.toggle.setChecked(True)
    assert window.detail.changed_label.text().startswith("Last changed ")
    assert any("1–3 November 2026" in t for t in shown_texts(window))
    assert other_date_styles(window) == []
    trigger(window, "Meeting", "Deleted Meetings…")
    dialog = _dialog(window, DeletedMeetingsDialog)
    assert dialog.model.column_texts(0) == ["SOM, 5 March 2026: 29th ASEAN-EU SOM"]
    assert other_date_styles(dialog) == []
    dialog.reject()
    trigger(window, "File", "Backups…")
    dialog = _dialog(window, BackupsDialog)
    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() >= 1
    assert other_date_styles(dialog) == []
    dialog.reject()


def test_a_search_that_finds_nothing_says_so_with_a_way_to_clear(qtbot, window):
    """Issue 19: an empty tree, and nothing said."""
    side = window.side
    assert not side.empty_state.isVisibleTo(window)
    window.find_action.trigger()
    qtbot.keyClicks(window.filters.search, "xyzzy")
    qtbot.waitUntil(lambda: side.empty_state.isVisibleTo(window))
    assert visible_rows(window) == []
    assert side.empty_label.text() == "No action line matches \u2018xyzzy\u2019."
    assert side.empty_clear.text() == "Clear the Search"
    assert side.empty_clear.accessibleName()
    qtbot.mouseClick(side.empty_clear, Qt.MouseButton.LeftButton)
    assert window.filters.search.text() == ""
    assert not side.empty_state.isVisibleTo(window)
    assert window.filters.count.text() == "165 of 165 action lines"

    choose(window.filters.status, "achieved")  # no line is achieved yet: the filters say it
    assert side.empty_state.isVisibleTo(window)
    assert side.empty_label.text() == "No action line matches the filters."
    assert side.empty_clear.text() == "Clear the Filters"
    qtbot.keyClicks(window.filters.search, "haze")
    assert side.empty_label.text() == "No action line matches \u2018haze\u2019 with the filters."
    assert side.empty_clear.text() == "Clear the Search and Filters"
    side.empty_clear.click()
    assert window.filters.status_code is None and window.filters.text == ""
    assert not side.empty_state.isVisibleTo(window)


def _changed_pixels(widget: QWidget, before) -> int:
    after = widget.grab().toImage()
    return sum(1 for x in range(after.width()) for y in range(after.height())
               if after.pixel(x, y) != before.pixel(x, y))


def test_the_assign_dialogs_country_combo_shows_its_focus(qtbot, window):
    """Issue 19: the country combo had the focus and no outline (the style draws one only
    after a key has moved the focus; the dialog put it there)."""
    click_row(qtbot, window, "a1.3(b)")
    qtbot.keyClick(window.tree, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.focal_ui.assign_dialog
    _activate(qtbot, dialog)
    combo = dialog.country
    qtbot.waitUntil(lambda: combo.hasFocus() and dialog.testAttribute(
        Qt.WidgetAttribute.WA_KeyboardFocusChange))  # the style's "show focus" mark
    focused = combo.grab().toImage()
    dialog.role.setFocus()
    assert _changed_pixels(combo, focused) > 20  # the outline went with the focus
    dialog.reject()


def test_alt_k_scrolls_points_to_make_into_view(qtbot, window):
    """Issue 19: Alt+K moved the focus to "Points to make" below the visible area."""
    meeting = add_som(window, "3.5")  # a whole section: its quoted lines make the item long
    window.resize(1280, 560)
    panel = open_panel(window)
    panel.reload(meeting)
    select_item(panel, "3.5")
    scroll = panel.item_scroll
    assert scroll.accessibleName()
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)  # it scrolls
    scroll.verticalScrollBar().setValue(0)
    panel.agenda_view.setFocus()
    edit = panel.item_editor.edits["points_to_make"]
    assert not _in_view(scroll, edit)  # below the visible area, to begin with
    qtbot.keyClick(panel.agenda_view, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert edit.hasFocus()
    qtbot.waitUntil(lambda: _in_view(scroll, edit))


def _in_view(scroll, widget) -> bool:
    top_left = widget.mapTo(scroll.viewport(), widget.rect().topLeft())
    shown = scroll.viewport().rect()
    return shown.contains(top_left) and top_left.y() + 20 <= shown.bottom()


def test_a_window_on_a_symbolic_link_to_an_open_database_is_refused(
        qapp, db_path, tmp_path, shown_dialogs):
    """Issue 19: the database opened through a symbolic link made a second window on the
    same data; the lock is keyed on the real path."""
    link = tmp_path / "shortcut.db"
    link.symlink_to(db_path)
    for held, opened in ((db_path, link), (link, db_path)):
        first = DatabaseLock(held, "the POA Desk window")
        first.acquire()
        try:
            assert run_window(opened, settings=UiSettings(tmp_path / "ui.ini"),
                              on_shown=lambda w: w.close()) == 1
        finally:
            first.release()
        (_title, message), = shown_dialogs
        assert "already open in the POA Desk window of" in message
        shown_dialogs.clear()


def test_open_database_file_on_a_link_to_the_database_shown_opens_nothing(
        qtbot, window, db_path, tmp_path, monkeypatch):
    link = tmp_path / "shortcut.db"
    link.symlink_to(db_path)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: link)
    desk = window.desk
    assert window.databases.open_database_file() is False
    assert window.desk is desk
    assert window.statusBar().currentMessage() == "shortcut.db is open already"
