"""Every window, dialog and menu, walked as a keyboard and screen-reader user meets them
(issue 11): no clashing Alt+letter mnemonic, no "&" shown literally, no interactive widget
without an accessible name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from app.ui.meetings.free_item import FreeItemForm
from app.ui.meetings.meeting_form import MeetingForm
from app.ui.shell.list_dialog import ListDialog
from app.ui.window import MainWindow
from tests.ui.file_helpers import trigger
from tests.ui.focal_helpers import add_person
from tests.ui.helpers import click_row
from tests.ui.meetings_helpers import add_som, open_panel, select_item
from tests.ui.walk_helpers import clashes, literal_ampersands, menu_clashes, unnamed


def _shown(qtbot, dialog: QWidget) -> QWidget:
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def every_window(qtbot, window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """The main window with everything open, then each window and dialog in turn."""
    person = add_person(window, "Siti Rahmawati", "ID", organisation="Kemlu")
    window.desk.focal.assign(person, window.desk.focal.resolve_target("1.3(b)").target)
    meeting_id = add_som(window, "1.3(b),2.1(c),3.5")
    panel = open_panel(window)
    panel.reload(meeting_id)
    select_item(panel, "2.1(c)")
    click_row(qtbot, window, "a1.3(b)")
    window.detail.history_box.toggle.setChecked(True)
    yield "main window", window

    click_row(qtbot, window, "s1.3")
    yield "main window on a section", window
    click_row(qtbot, window, "a1.3(b)")

    select_item(panel, "3.5")  # a whole section: the lines it quotes
    assert panel.item_editor.quoted.isVisibleTo(window)
    yield "main window, a whole-section agenda item", window
    window.desk.meetings.add_free_item(meeting_id, "Any other business")
    panel.reload(meeting_id)
    panel.agenda_view.setCurrentIndex(panel.agenda_model.index(3, 0))
    assert panel.item_editor.view.is_free
    yield "main window, a free-text agenda item", window
    select_item(panel, "2.1(c)")

    register = window.focal_ui.open_register()
    register.show_person(person)
    yield "register", register
    yield "add a focal point", register.open_add()
    register.form.reject()
    register.show_person(person)
    yield "edit a focal point", register.open_edit()
    register.form.reject()
    register.show_person(person)
    yield "hand over", register.open_handover()
    register.form.reject()
    register.close()

    coverage = window.focal_ui.open_coverage()
    yield "coverage", coverage
    coverage.close()

    assign = window.focal_ui.open_assign()
    assert assign is not None
    yield "assign", assign
    assign.reject()

    form = MeetingForm(window)
    yield "new meeting", _shown(qtbot, form)
    form.tabs.setCurrentIndex(1)
    yield "new meeting, the brief's top page", form
    form.reject()

    free = FreeItemForm(window, {"Any other business"}, 1)
    yield "add a free-text item", _shown(qtbot, free)
    free.reject()

    window.desk.set_user_acronym("EUDR", "EU Deforestation Regulation")
    trigger(window, "Meeting", "My Acronyms…")
    glossary = window.meetings.glossary_dialog
    yield "my acronyms", glossary
    glossary.reject()

    for title in ("Backups…",):
        trigger(window, "File", title)
        dialog = next(d for d in window.findChildren(QDialog)
                      if d.isVisible() and d.objectName() == "backupsDialog")
        yield "backups", dialog
        dialog.reject()
    trigger(window, "Meeting", "Deleted Meetings…")
    dialog = next(d for d in window.findChildren(QDialog)
                  if d.isVisible() and d.objectName() == "deletedMeetingsDialog")
    yield "deleted meetings", dialog
    dialog.reject()

    preview = ListDialog(window, "Import", "Import this file?", "What it changes:",
                         ["one line", "another"], ok_text="&Import", notes=["a warning"])
    yield "a preview", _shown(qtbot, preview)
    preview.reject()


@pytest.fixture
def walked(qtbot, window) -> list[tuple[str, QWidget]]:
    return [(name, w) for name, w in every_window(qtbot, window)]


def test_no_interactive_widget_without_an_accessible_name(qtbot, window):
    found = {}
    for name, top in every_window(qtbot, window):
        missing = unnamed(top)
        if missing:
            found[name] = missing
    assert sum(len(v) for v in found.values()) == 0, "\n".join(
        f"{name}: {', '.join(v)}" for name, v in found.items())


def test_no_clashing_mnemonics_in_any_window(qtbot, window):
    found = {}
    for name, top in every_window(qtbot, window):
        clash = clashes(top)
        literal = literal_ampersands(top)
        if clash or literal:
            found[name] = (clash, literal)
    assert found == {}, "\n".join(f"{name}: {v}" for name, v in found.items())


def test_no_clashing_mnemonics_in_any_menu(qtbot, window):
    click_row(qtbot, window, "a1.3(b)")
    found = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        menu.aboutToShow.emit()  # the menus filled when they open (My Delegation, Plan)
        found.update(menu_clashes(menu))
    for sub in window.acts.menus.values():
        sub.aboutToShow.emit()
        found.update(menu_clashes(sub))
    tree_menu = window.tree.context_menu(window.tree.currentIndex())
    if tree_menu is not None:
        found.update(menu_clashes(tree_menu))
    assert found == {}
