"""Driving the meetings panel in tests: the real form, the tree's menu, what the agenda shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from app.ui.meetings import meeting_form
from app.ui.meetings.agenda_model import COL_ITEM
from app.ui.meetings.meetings_panel import MeetingsPanel
from app.ui.window import MainWindow
from tests.ui.helpers import proxy_index

SOM_DATE = date(2026, 3, 5)


def open_panel(window: MainWindow) -> MeetingsPanel:
    return window.meetings.show_panel()


def add_som(window: MainWindow, refs: str = "", when: date | None = SOM_DATE,
            title: str = "29th ASEAN-EU SOM") -> int:
    """A meeting made through the core (as another window or the command line would)."""
    return window.desk.meetings.create("SOM", title, when, "Jakarta", "", refs).id


def answer_form(qtbot, monkeypatch: pytest.MonkeyPatch,
                fill: Callable[[meeting_form.MeetingForm], None],
                accept: bool = True) -> list[meeting_form.MeetingForm]:
    """The next meeting forms are filled in by `fill` and OK'd (the real dialog, shown)."""
    seen: list[meeting_form.MeetingForm] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, meeting_form.MeetingForm)
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        button = dialog.ok_button if accept else dialog.buttons.button(
            dialog.buttons.StandardButton.Cancel)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(meeting_form, "run_dialog", run)
    return seen


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def set_date(form: meeting_form.MeetingForm, when: date | None) -> None:
    """Type the date as an officer would (ISO)."""
    form.date_edit.edit.setText(when.isoformat() if when is not None else "")


def agenda_rows(panel: MeetingsPanel) -> list[str]:
    """The 'Agenda item' column as shown."""
    model = panel.agenda_view.model()
    return [model.index(r, COL_ITEM).data() for r in range(model.rowCount())]


def agenda_refs(panel: MeetingsPanel) -> list[str]:
    return [item.ref for item in panel.agenda_model.items]


def db_refs(window: MainWindow, meeting_id: int) -> list[str]:
    return [item.ref for item in window.desk.meetings.get(meeting_id).items]


def tree_menu_actions(window: MainWindow, key: str) -> list[QAction]:
    """The entries of the plan tree's context menu on `key` (submenus flattened)."""
    menu = window.tree.context_menu(proxy_index(window, key))
    if menu is None:
        return []
    out: list[QAction] = []
    for action in menu.actions():
        out.append(action)
        if action.menu() is not None:
            out.extend(action.menu().actions())
    return out


def trigger_tree_entry(window: MainWindow, key: str, text: str) -> None:
    actions = {a.text(): a for a in tree_menu_actions(window, key)}
    assert text in actions, f"{text!r} not in {list(actions)}"
    actions[text].trigger()


def select_item(panel: MeetingsPanel, ref: str) -> None:
    row = agenda_refs(panel).index(ref)
    panel.agenda_view.setCurrentIndex(panel.agenda_model.index(row, 0))
    assert panel.item_editor.view is not None and panel.item_editor.view.ref == ref


def undo_text(window: MainWindow) -> str:
    return window.undo_action.text()


def redo_text(window: MainWindow) -> str:
    return window.redo_action.text()
