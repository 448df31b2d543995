"""Issue 19: the controls a screen reader met without a name: the search box's clear button,
the agenda item's scroll area, the fields typed into inside editable combos (a meeting's kind
and marking, a free item's title, a report's marking) and the meeting form's tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton

from app.ui.meetings.free_item import FreeItemForm
from app.ui.meetings.meeting_form import MeetingForm
from tests.ui.file_helpers import trigger
from tests.ui.walk_helpers import accessible_name


def test_the_search_boxs_clear_button_and_the_item_scroll_are_named(window):
    (clear,) = window.filters.search.findChildren(QToolButton)
    assert accessible_name(clear) == "Clear the search"
    assert accessible_name(window.meetings.show_panel().item_scroll) == "Agenda item"


def test_the_fields_inside_editable_combos_and_the_meeting_tabs_are_named(qtbot, window):
    form = MeetingForm(window)
    assert accessible_name(form.kind.lineEdit()) == "Kind"
    assert accessible_name(form.marking.lineEdit()) == "Handling marking"
    assert accessible_name(form.tabs) == "Meeting details"
    free = FreeItemForm(window, set(), None)
    assert accessible_name(free.title.lineEdit()) == "Title of the item"
    trigger(window, "File", "Progress Report…")
    report = window.progress.report_dialog
    assert accessible_name(report.marking.lineEdit()) == "Marking"
    report.reject()
