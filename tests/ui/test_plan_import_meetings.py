"""Several plans side by side in the window (issue 22): a plan added with File > Import Plan…,
a meeting made with the New Meeting form's Agenda field on that plan, then given an action line
of the other plan from the tree: its agenda holds items of both plans, each with its own text."""

from __future__ import annotations

from app.ui.files.plan_review import PlanReviewDialog
from app.ui.shell import dialogs
from app.ui.shell.list_dialog import ListDialog
from tests.conftest import DATA
from tests.ui.file_helpers import trigger
from tests.ui.meetings_helpers import (
    agenda_refs,
    agenda_rows,
    answer_form,
    open_panel,
    trigger_tree_entry,
    type_into,
)

MINI_TITLE = "Plan of Action to Implement the Example Partnership (2024-2028)"


def _import_and_show_mini(window, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: DATA / "mini-plan.txt")

    def run(dialog) -> bool:
        assert isinstance(dialog, PlanReviewDialog | ListDialog)
        dialog.press_ok()  # Import, then Show It Now
        return dialog.result() == ListDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "run_dialog", run)
    trigger(window, "File", "Import Plan…")
    assert window.model.tree.plan.title == MINI_TITLE


def test_a_meeting_takes_items_from_two_plans(qtbot, window, monkeypatch):
    _import_and_show_mini(window, monkeypatch)

    def fill(form) -> None:
        type_into(qtbot, form.title_edit, "Two plans SOM")
        form.date_edit.edit.setText("2026-03-05")
        form.agenda.edit.setFocus()
        qtbot.keyClicks(form.agenda.edit, "1.1b, 3a")  # the Example plan's references
        assert form.agenda.valid, form.agenda.message.text()

    answer_form(qtbot, monkeypatch, fill)
    panel = open_panel(window)
    meeting = panel.new_meeting()
    assert meeting is not None
    assert agenda_refs(panel) == ["1.1(b)", "3(a)"]
    # the title the brief gives an untitled item, not the whole action text
    assert agenda_rows(panel)[0] == ("1.1(b)  ROF and its work on capacity-building for coast "
                                     "guards")

    [back] = [a for a in window.plans_menu.actions()  # View > Plan: the ASEAN-EU plan
              if a.text().startswith("Plan of Action to Implement the ASEAN-EU")]
    back.trigger()
    assert window.model.tree.plan.title.startswith("Plan of Action to Implement the ASEAN-EU")
    trigger_tree_entry(window, "a1.1(b)", "Add 1.1(b) to Agenda of SOM, 5 March 2026")
    items = window.desk.meetings.get(meeting).items
    assert [(i.ref, i.plan_id) for i in items] == [("1.1(b)", 2), ("3(a)", 2), ("1.1(b)", 1)]
    rows = agenda_rows(panel)  # now from two plans: each row names its plan (issue 22)
    assert rows[0] == ("Example Partnership 1.1(b)  ROF and its work on capacity-building for "
                       "coast guards")
    assert rows[1].startswith("Example Partnership 3(a)  Review this plan")
    assert rows[2].startswith("ASEAN-EU 1.1(b)  ") and "ROF" not in rows[2]
    details = [" ".join(a.text.split()) for i in items for a in i.actions]
    assert details[0] == ("Support the Regional Ocean Forum (ROF) and its work on "
                          "capacity-building for coast guards.")
    assert details[1] == "Review this plan at the Example Ministerial Meeting."
    assert details[2] != details[0]  # the ASEAN-EU plan's own 1.1(b)


def test_the_agenda_field_takes_a_line_of_another_plan_by_its_name(qtbot, window, monkeypatch):
    _import_and_show_mini(window, monkeypatch)
    seen: list[str] = []

    def fill(form) -> None:
        type_into(qtbot, form.title_edit, "Named SOM")
        form.agenda.edit.setFocus()
        qtbot.keyClicks(form.agenda.edit, "1.1b, ASEAN-E")
        # a plan's name still being typed (the cursor at its end): not yet called wrong
        assert form.agenda.valid is False and "unknown" not in form.agenda.message.text()
        qtbot.keyClicks(form.agenda.edit, "U 1.3b, asean-eu: 9.9")
        qtbot.keyClicks(form.agenda.edit, ", ")  # the cursor has left it
        seen.append(form.agenda.message.text())
        assert not form.agenda.valid
        form.agenda.edit.setText("1.1b, ASEAN-EU 1.3b, ASEAN-EU 3.5, \"Any other business\"")
        assert form.agenda.valid, form.agenda.message.text()
        seen.append(form.agenda.message.text())
        seen.append(form.agenda.edit.toolTip())

    answer_form(qtbot, monkeypatch, fill)
    panel = open_panel(window)
    meeting = panel.new_meeting()
    assert meeting is not None
    assert seen[0] == "ASEAN-EU: unknown reference '9.9': no section 9.9 in this plan"
    assert seen[1] == "4 items from 2 plans: 2 action lines, section 3.5 (22 lines), 1 of your own"
    assert "ASEAN-EU 1.1b (the plans: ASEAN-EU, Example Partnership)" in seen[2]
    items = window.desk.meetings.get(meeting).items
    assert [i.plan_ref for i in items] == [
        "Example Partnership 1.1(b)", "ASEAN-EU 1.3(b)", "ASEAN-EU 3.5", ""]
    rows = agenda_rows(panel)
    assert rows[0] == ("Example Partnership 1.1(b)  ROF and its work on capacity-building for "
                       "coast guards")
    assert rows[1] == "ASEAN-EU 1.3(b)  SOMTC+EU Consultations in the margins of the annual SOMTC"
    assert rows[2].startswith("ASEAN-EU section 3.5  ")
    assert rows[3] == "Any other business"
