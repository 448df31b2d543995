"""File > Back Up…, Restore or Merge from Backup…, Import Plan…: driven through the real
menus with the file dialogs answered; the files and the database are read back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from app.ui.files.file_actions import backup_name
from app.ui.shell.settings import UiSettings
from tests.conftest import DATA
from tests.ui.file_helpers import menu, menu_texts, trigger
from tests.ui.helpers import click_row

REF = "1.3(b)"
KEY = f"a{REF}"
MINI_TITLE = "Plan of Action to Implement the Example Partnership (2024-2028)"


def _status(window, ref: str = REF) -> str:
    return window.desk.action(window.desk.resolve_ref(ref)).status


def _action_json(path: Path, ref: str = REF) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    for part in data["plans"][0]["parts"]:
        for action in part["actions"] + [a for s in part["sections"] for a in s["actions"]]:
            if action["ref"] == ref:
                return action
    raise AssertionError(f"{ref} is not in {path.name}")


def test_the_file_menu_offers_them_before_the_exports(window):
    texts = menu_texts(menu(window, "File"))
    assert texts[:5] == ["Open Team Database…", "Open Database File…", "Open Recent",
                         "Take a Copy Offline…", "Bring My Changes Back…"]
    texts = texts[5:]
    assert texts[:5] == ["Back Up…", "Back Up Including Private Notes…",
                         "Restore or Merge from Backup…", "Backups…", "Import Plan…"]
    assert texts[-2:] == ["Close Window", "Quit"]
    assert "Export Implementation Matrix…" in texts


def test_back_up_change_a_status_restore_brings_it_back(qtbot, window, answers, tmp_path,
                                                        settings_path, shown_dialogs):
    click_row(qtbot, window, KEY)
    window.detail.set_status("being_addressed")
    folder = tmp_path / "backups"
    folder.mkdir()
    answers.save = folder / "mine"  # no suffix typed: .json is added
    trigger(window, "File", "Back Up…")
    [(kind, caption, default)] = answers.asked
    assert kind == "save" and "private notes left out" in caption
    assert default.name == f"POA Desk backup {date.today().isoformat()}.json"
    backup = folder / "mine.json"
    assert _action_json(backup)["status"] == "Being addressed"
    assert str(backup) in window.statusBar().currentMessage()
    assert UiSettings(settings_path).last_folder("backup") == str(folder)

    window.detail.set_status("achieved")
    assert _status(window) == "achieved"
    assert window.undo_stack.canUndo()

    answers.open = backup
    answers.accept = [False]  # first: Cancel, nothing happens
    trigger(window, "File", "Restore or Merge from Backup…")
    assert answers.asked[-1] == ("open", "Restore or merge from a POA Desk backup", folder)
    confirm = answers.shown[-1]
    assert confirm.heading == "Restore or merge from “mine.json”?"
    assert confirm.ok == "Restore or Merge"
    assert "Nothing else is removed" in confirm.text
    assert "cannot be undone with Edit > Undo" in confirm.text
    assert confirm.lines[0].startswith("Plan “Plan of Action to Implement the ASEAN-EU")
    assert "165 action lines, 1 with a status" in confirm.lines[0]
    assert _status(window) == "achieved"

    answers.accept = [True]
    trigger(window, "File", "Restore or Merge from Backup…")
    assert _status(window) == "being_addressed"  # the database
    assert window.detail.status_combo.currentData() == "being_addressed"  # the pane
    assert window.model.node_for_key(KEY).value.status == "being_addressed"  # the tree
    assert not window.undo_stack.canUndo()  # an import is not undoable: the stack is cleared
    assert window.undo_action.text() == "Undo"
    assert "Restored from mine.json: 165 action lines" in window.statusBar().currentMessage()
    assert shown_dialogs == []


def test_a_private_note_is_backed_up_only_when_asked(qtbot, window, answers, tmp_path):
    click_row(qtbot, window, KEY)
    qtbot.mouseClick(window.detail.private_box, Qt.MouseButton.LeftButton)
    window.detail.notes_edit.setFocus()
    qtbot.keyClicks(window.detail.notes_edit, "Our fallback: accept a 2027 date.")
    # backed up at once, before the typing burst is saved by its timer: saved first

    answers.save = tmp_path / "plain.json"
    trigger(window, "File", "Back Up…")
    plain = _action_json(tmp_path / "plain.json")
    assert plain["notes_private"] is True
    assert plain["notes"] is None
    assert "Our fallback" not in (tmp_path / "plain.json").read_text(encoding="utf-8")

    answers.save = tmp_path / "private.json"
    trigger(window, "File", "Back Up Including Private Notes…")
    assert answers.asked[-1][2].name == (
        f"POA Desk backup {date.today().isoformat()} with private notes.json")
    assert _action_json(tmp_path / "private.json")["notes"] == "Our fallback: accept a 2027 date."
    assert "private notes included" in window.statusBar().currentMessage()
    assert backup_name(True) != backup_name(False)


def test_a_bad_file_is_one_line_and_changes_nothing(qtbot, window, answers, tmp_path,
                                                    shown_dialogs):
    bad = tmp_path / "notes.json"
    bad.write_text("{ this is not json", encoding="utf-8")
    answers.open = bad
    trigger(window, "File", "Restore or Merge from Backup…")
    [(title, message)] = shown_dialogs
    assert title == "Restore or Merge"
    assert "is not valid JSON (line 1" in message and "\n" not in message
    assert answers.shown == []  # no confirmation for a file that cannot be read

    # a real backup, edited by hand: a good change first, then an unknown status
    answers.save = tmp_path / "good.json"
    trigger(window, "File", "Back Up…")
    data = json.loads((tmp_path / "good.json").read_text(encoding="utf-8"))
    actions = [a for part in data["plans"][0]["parts"]
               for a in part["actions"] + [x for s in part["sections"] for x in s["actions"]]]
    actions[0]["status"] = "Achieved"
    actions[5]["status"] = "Finished"
    bad.write_text(json.dumps(data), encoding="utf-8")
    shown_dialogs.clear()
    click_row(qtbot, window, KEY)
    window.detail.set_status("recurring")
    answers.accept = [True]
    trigger(window, "File", "Restore or Merge from Backup…")
    [(title, message)] = shown_dialogs
    assert f"action {actions[5]['ref']}" in message and "Finished" in message
    assert "\n" not in message
    assert _status(window, actions[0]["ref"]) == "not_assessed"  # all or nothing
    assert _status(window) == "recurring"
    assert window.undo_stack.canUndo()  # nothing imported: the undo history stays


def test_import_plan_text_then_view_plan_offers_it(qtbot, window, answers, shown_dialogs):
    plans = window.plans_menu
    assert not plans.isEnabled()  # one plan
    answers.open = DATA / "mini-plan.txt"
    answers.accept = [True, False]  # add it; "Show it now?" Later
    trigger(window, "File", "Import Plan…")
    confirm, added = answers.shown
    assert confirm.heading == "Add the plan in “mini-plan.txt”?"
    assert confirm.text.startswith(f"“{MINI_TITLE}”: 3 parts, 3 sections, 6 action lines")
    assert "will be added beside the plans already in this database" in confirm.text
    assert "cannot be undone with Edit > Undo" in confirm.text
    parts = [line for line in confirm.lines if line[:1].isdigit()]
    assert parts == ["1. POLITICAL COOPERATION: 2 sections, 3 action lines",
                     "2. ECONOMIC COOPERATION: 1 section, 1 action line",
                     "3. FOLLOW-UP: 2 action lines"]
    assert added.heading == f"Added “{MINI_TITLE}”" and added.ok == "Show It Now"
    assert window.model.tree.plan.title.startswith("Plan of Action to Implement the ASEAN-EU")

    assert plans.isEnabled()
    entries = [a.text() for a in plans.actions()]
    assert entries[1] == f"{MINI_TITLE} (6)"
    assert "View > Plan" in window.statusBar().currentMessage()
    plans.actions()[1].trigger()
    assert window.model.tree.plan.title == MINI_TITLE
    assert window.model.action_count() == 6

    shown_dialogs.clear()
    answers.accept = [True]
    trigger(window, "File", "Import Plan…")  # twice: refused, one line
    [(title, message)] = shown_dialogs
    assert title == "Import Plan" and "already in the database" in message
    assert len(window.desk.plans()) == 2


def test_import_plan_text_can_switch_at_once(qtbot, window, answers):
    click_row(qtbot, window, KEY)
    window.detail.set_status("achieved")
    answers.open = DATA / "mini-plan.txt"
    answers.accept = [True, True]
    trigger(window, "File", "Import Plan…")
    assert window.model.tree.plan.title == MINI_TITLE
    # (then a separator and All Plans)
    assert [a.isChecked() for a in window.plans_menu.actions()] == [False, True, False, False]
    assert not window.undo_stack.canUndo()
