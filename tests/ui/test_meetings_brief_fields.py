"""The window side of issue 12, in the meeting form and the item editor: the brief's top page and
document control, markings from the list with what they mean, an item's own title, the lines a
whole section quotes, and free-text items ("Any other business"). Read back through the desk;
every edit undoes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QToolButton

from app.ui.meetings import free_item
from app.ui.meetings.meeting_form import NO_MARKING, OWN_MARKING, MeetingForm
from app.vocab import MARKINGS
from tests.ui.file_helpers import trigger
from tests.ui.meetings_helpers import (
    add_som,
    agenda_rows,
    answer_form,
    open_panel,
    select_item,
    type_into,
    undo_text,
)

PURPOSE = "Annual stocktaking of the Plan of Action."
ASKS = "A date for the JWG.\nSupport for the EUDR dialogue."


def test_a_new_meeting_with_its_top_page_and_document_control(qtbot, window, monkeypatch):
    def fill(form: MeetingForm) -> None:
        type_into(qtbot, form.title_edit, "29th ASEAN-EU SOM")
        form.marking.setCurrentIndex(form.marking.findText("LIMITE"))
        assert form.marking_meaning.text() == dict(MARKINGS)["LIMITE"]
        form.tabs.setCurrentIndex(1)  # the brief's top page
        type_into(qtbot, form.texts["purpose"], PURPOSE)
        form.texts["key_asks"].setPlainText(ASKS)
        form.texts["delegation"].setPlainText("MD Asia-Pacific (head)")
        type_into(qtbot, form.lines["drafter"], "ASEAN desk")
        type_into(qtbot, form.lines["version"], "1")
        type_into(qtbot, form.lines["reference"], "ARES(2026)123456")

    answer_form(qtbot, monkeypatch, fill)
    panel = open_panel(window)
    meeting_id = panel.new_meeting()
    m = window.desk.meetings.get(meeting_id)
    assert (m.marking, m.purpose, m.key_asks, m.delegation) == (
        "LIMITE", PURPOSE, ASKS, "MD Asia-Pacific (head)")
    assert (m.drafter, m.cleared_by, m.version, m.reference) == (
        "ASEAN desk", "", "1", "ARES(2026)123456")
    window.undo()
    assert window.desk.meetings.all() == []


def test_editing_the_top_page_starts_from_it_and_undoes(qtbot, window, monkeypatch):
    meeting_id = add_som(window)
    window.desk.meetings.edit_meeting(meeting_id, purpose=PURPOSE, cleared_by="Head of Unit")
    seen = {}

    def fill(form: MeetingForm) -> None:
        seen["purpose"] = form.texts["purpose"].toPlainText()
        seen["cleared"] = form.lines["cleared_by"].text()
        form.texts["logistics"].setPlainText("Plenary room B, 09:30")
        form.lines["cleared_by"].setText("Director")

    answer_form(qtbot, monkeypatch, fill)
    open_panel(window)
    trigger(window, "Meeting", "Edit Meeting…")
    assert seen == {"purpose": PURPOSE, "cleared": "Head of Unit"}
    m = window.desk.meetings.get(meeting_id)
    assert (m.purpose, m.logistics, m.cleared_by) == (PURPOSE, "Plenary room B, 09:30",
                                                      "Director")
    assert undo_text(window) == "Undo edit meeting SOM, 5 March 2026"
    window.undo()
    m = window.desk.meetings.get(meeting_id)
    assert (m.purpose, m.logistics, m.cleared_by) == (PURPOSE, "", "Head of Unit")


def test_the_marking_list_says_what_each_one_means(qtbot):
    form = MeetingForm()
    qtbot.addWidget(form)
    assert [form.marking.itemText(i) for i in range(form.marking.count())] == [
        "", *(name for name, _ in MARKINGS)]
    for i, (_name, meaning) in enumerate(MARKINGS, start=1):
        assert form.marking.itemData(i, Qt.ItemDataRole.ToolTipRole) == meaning
    assert form.marking_meaning.text() == NO_MARKING
    form.marking.setCurrentText("restreint ue")  # the list's own, however typed
    assert "accredited" in form.marking_meaning.text()
    form.marking.setCurrentText("EU-RESTRICTED-INTERNAL")  # a ministry's own marking
    assert form.marking_meaning.text() == OWN_MARKING
    assert form.fields().marking == "EU-RESTRICTED-INTERNAL"
    assert form.sizeHint().height() <= 720 - 80  # both tabs fit a 1280x720 screen


def test_an_items_own_title_is_saved_shown_and_undone(qtbot, window):
    meeting_id = add_som(window, "2.6(i),3.5")
    panel = open_panel(window)
    select_item(panel, "2.6(i)")
    editor = panel.item_editor
    view = editor.view
    assert editor.title_edit.text() == "" and editor.title_edit.placeholderText() == (
        view.default_title)
    type_into(qtbot, editor.title_edit, "Palm oil: the Joint Working Group")
    assert panel.flush()
    item = window.desk.meetings.get(meeting_id).items[0]
    assert item.own_title == "Palm oil: the Joint Working Group"
    assert item.brief_title == "Palm oil: the Joint Working Group"
    assert agenda_rows(panel)[0] == "2.6(i)  Palm oil: the Joint Working Group"
    assert undo_text(window) == "Undo title edit on 2.6(i)"
    window.undo()
    assert window.desk.meetings.get(meeting_id).items[0].own_title == ""
    assert editor.title_edit.text() == ""


def test_a_whole_section_quotes_the_lines_ticked(qtbot, window):
    meeting_id = add_som(window, "3.5")
    window.desk.set_notes(window.desk.resolve_ref("3.5(c)"), "Thailand hosts in May.",
                          private=False)
    panel = open_panel(window)
    select_item(panel, "3.5")
    quoted = panel.item_editor.quoted
    assert quoted.isVisibleTo(window) and not panel.item_editor.verbatim.isVisibleTo(window)
    assert quoted.list.count() == len(panel.item_editor.view.actions)
    assert quoted.ticked() == ["c"]  # the default: the line with a note
    assert "(the default choice)" in quoted.summary.text()
    assert not quoted.default_button.isEnabled()

    quoted.list.item(0).setCheckState(Qt.CheckState.Checked)  # tick a)
    item = window.desk.meetings.get(meeting_id).items[0]
    assert item.quoted_lines == "a,c" and [a.letter for a in item.quoted()] == ["a", "c"]
    assert quoted.ticked() == ["a", "c"] and "(your choice)" in quoted.summary.text()
    assert undo_text(window) == "Undo quoted lines edit on 3.5"
    quoted.list.item(2).setCheckState(Qt.CheckState.Unchecked)  # untick c): its own step
    assert window.desk.meetings.get(meeting_id).items[0].quoted_lines == "a"

    qtbot.mouseClick(quoted.default_button, Qt.MouseButton.LeftButton)
    assert window.desk.meetings.get(meeting_id).items[0].quoted_lines == ""
    assert quoted.ticked() == ["c"]
    window.undo()
    assert window.desk.meetings.get(meeting_id).items[0].quoted_lines == "a"
    window.undo()
    assert window.desk.meetings.get(meeting_id).items[0].quoted_lines == "a,c"
    assert quoted.ticked() == ["a", "c"]


def test_an_action_line_has_no_lines_to_choose(window):
    add_som(window, "2.1(c)")
    panel = open_panel(window)
    select_item(panel, "2.1(c)")
    assert not panel.item_editor.quoted.isVisibleTo(window)
    assert panel.item_editor.verbatim.isVisibleTo(window)


@pytest.fixture
def free_answer(qtbot, monkeypatch):
    """The next free-text item forms: `answer["title"]` typed, `answer["place"]` chosen."""
    answer: dict[str, object] = {"title": "Any other business", "place": 0}
    seen: list[free_item.FreeItemForm] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.title.setCurrentText(str(answer["title"]))
        dialog.place.setCurrentIndex(int(answer["place"]))
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        if not ok.isEnabled():
            dialog.reject()
            return False
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(free_item, "run_dialog", run)
    answer["seen"] = seen
    return answer


def test_free_text_items_from_the_menu_fill_in_and_undo(qtbot, window, free_answer):
    meeting_id = add_som(window, "2.1(c)")
    open_panel(window)
    free_answer["title"], free_answer["place"] = "Adoption of the agenda", 1  # the start
    trigger(window, "Meeting", "Add Free-Text Item…")
    panel = window.meetings.panel
    free_answer["title"], free_answer["place"] = "Any other business", 0  # the end
    qtbot.mouseClick(panel.findChild(QToolButton, "addFreeItem"), Qt.MouseButton.LeftButton)
    items = window.desk.meetings.get(meeting_id).items
    assert [(i.is_free, i.title if i.is_free else i.ref) for i in items] == [
        (True, "Adoption of the agenda"), (False, "2.1(c)"), (True, "Any other business")]
    assert agenda_rows(panel)[0] == "Adoption of the agenda"
    assert undo_text(window) == "Undo add \u201cAny other business\u201d to agenda"
    editor = panel.item_editor
    assert editor.view.is_free and editor.view.title == "Any other business"  # selected
    assert not editor.verbatim.isVisibleTo(window) and not editor.quoted.isVisibleTo(window)

    type_into(qtbot, editor.edits["objective"], "Propose Brussels for the next SOM.")
    assert panel.flush()
    assert undo_text(window) == "Undo objective edit on \u201cAny other business\u201d"
    window.undo()  # the objective
    window.undo()  # the item
    assert [i.title for i in window.desk.meetings.get(meeting_id).items if i.is_free] == [
        "Adoption of the agenda"]
    window.redo()  # the item again: a new row, the same item for the commands
    window.redo()  # and its objective
    aob = window.desk.meetings.get(meeting_id).items[2]
    assert (aob.title, aob.objective) == ("Any other business",
                                          "Propose Brussels for the next SOM.")

    # a title already on the agenda cannot be added twice (the form says so)
    trigger(window, "Meeting", "Add Free-Text Item…")
    assert free_answer["seen"][-1].note.text() == "Already on the agenda: Any other business"
    assert len(window.desk.meetings.get(meeting_id).items) == 3


def test_a_free_items_title_is_edited_never_emptied_and_it_is_removed_and_back(
        qtbot, window, monkeypatch):
    from app.ui.shell import dialogs

    meeting_id = add_som(window, "2.1(c)")
    window.desk.meetings.add_free_item(meeting_id, "Any other business")
    panel = open_panel(window)
    panel.agenda_view.setCurrentIndex(panel.agenda_model.index(1, 0))
    editor = panel.item_editor
    assert editor.title_edit.text() == "Any other business"
    editor.title_edit.clear()  # not saved: a free-text item needs a title
    assert panel.flush()
    assert window.desk.meetings.get(meeting_id).items[1].title == "Any other business"
    type_into(qtbot, editor.title_edit, "Date of the next meeting")
    assert panel.flush()
    assert window.desk.meetings.get(meeting_id).items[1].title == "Date of the next meeting"
    editor.edits["outcome"].setPlainText("Brussels, March 2027.")
    assert panel.flush()

    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    assert panel.remove_selected()
    assert undo_text(window) == "Undo remove \u201cDate of the next meeting\u201d from agenda"
    assert len(window.desk.meetings.get(meeting_id).items) == 1
    window.undo()  # back, with its outcome: a new row the commands follow
    back = window.desk.meetings.get(meeting_id).items[1]
    assert (back.title, back.outcome) == ("Date of the next meeting", "Brussels, March 2027.")
    window.undo()  # the outcome
    window.undo()  # the title
    assert window.desk.meetings.get(meeting_id).items[1].title == "Any other business"
    assert window.desk.meetings.get(meeting_id).items[1].outcome == ""
