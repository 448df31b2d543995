"""File > Import Matrix… and Undo Last Import…: the one review dialog lists each change (value
here beside the file's, conflicts marked and unticked); only the ticked ones are made; the
newest import is undone as one step. The same dialog previews a restore and a register."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.export import export_matrix
from app.ui.shell import dialogs
from app.ui.shell.review_dialog import ReviewDialog, ReviewGroup, ReviewRow
from tests.ui.file_helpers import Answers, menu, menu_texts, trigger
from tests.ui.helpers import click_row
from tests.ui.walk_helpers import clashes, literal_ampersands, unnamed


def edit_matrix(path: Path, changes: dict[tuple[str, str], object]) -> Path:
    """Change cells by reference and header, as a colleague would in Excel."""
    wb = load_workbook(path)
    ws = wb["Implementation matrix"]
    header_row = next(r for r in range(1, 11) if any(c.value == "Ref" for c in ws[r]))
    columns = {c.value: c.column for c in ws[header_row] if c.value}
    rows = {ws.cell(r, columns["Ref"]).value: r for r in range(header_row + 1, ws.max_row + 1)}
    for (ref, header), value in changes.items():
        ws.cell(rows[ref], columns[header]).value = value
    wb.save(path)
    return path


class Reviewer:
    """Answers the review dialog: records it, unticks `untick` / ticks `tick`, then Accept
    (or Cancel)."""

    def __init__(self) -> None:
        self.seen: list[ReviewDialog] = []
        self.untick: list[tuple[str, str]] = []  # (ref, field)
        self.tick: list[tuple[str, str]] = []
        self.accept = True

    def run(self, dialog) -> bool:
        self.seen.append(dialog)
        if isinstance(dialog, ReviewDialog):
            keys = {(r.what, key) for key, r in self.rows(dialog).items()}
            assert keys
            for wanted, state in ((self.untick, False), (self.tick, True)):
                for ref, field in wanted:
                    dialog.review.set_checked(self.key(dialog, ref, field), state)
        if self.accept and dialog.ok_button is not None:
            dialog.press_ok()
        else:
            dialog.reject()
        return dialog.result() == ReviewDialog.DialogCode.Accepted

    @staticmethod
    def rows(dialog: ReviewDialog) -> dict[object, ReviewRow]:
        return {r.key: r for g in dialog.review.groups for r in g.rows if r.key is not None}

    def key(self, dialog: ReviewDialog, ref: str, field: str) -> object:
        for group in dialog.review.groups:
            if group.title.split()[0] == ref:
                for row in group.rows:
                    if row.key is not None and row.key[1] == field:
                        return row.key
        raise AssertionError(f"no {ref} {field} in the review")


@pytest.fixture
def reviewer(monkeypatch, shown_dialogs) -> Reviewer:
    r = Reviewer()
    monkeypatch.setattr(dialogs, "run_dialog", r.run)
    return r


@pytest.fixture
def matrix(window, tmp_path, monkeypatch) -> Path:
    desk = window.desk
    desk.set_notes(desk.resolve_ref("1.3(b)"), "Brief the Chair.")
    path = tmp_path / "rome.xlsx"
    export_matrix(desk, path)
    desk.set_notes(desk.resolve_ref("1.3(b)"), "Brief the Chair; the SOM moved to May.")
    edit_matrix(path, {("2.1(c)", "Status"): "being addressed  ",
                       ("1.3(b)", "Notes"): "Rome's text.",
                       ("2.2(a)", "Status"): "Achieved",
                       ("2.2(a)", "Notes"): "Rome: workshop held."})
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: path)
    return path


def _status(window, ref: str) -> str:
    return window.desk.action(window.desk.resolve_ref(ref)).status


def test_the_file_menu_offers_import_and_undo(window):
    texts = menu_texts(menu(window, "File"))
    assert "Import Matrix…" in texts and "Undo Last Import…" in texts
    assert "Progress Report…" in texts


def test_the_review_lists_each_change_and_only_the_ticked_ones_are_made(
        qtbot, window, matrix, reviewer, shown_dialogs):
    click_row(qtbot, window, "a2.1(c)")
    reviewer.untick = [("2.2(a)", "notes")]
    trigger(window, "File", "Import Matrix…")
    [dialog] = reviewer.seen
    rows = Reviewer.rows(dialog)
    by = {(dialog.review.groups[i].title.split()[0], r.what): r
          for i, g in enumerate(dialog.review.groups) for r in g.rows}
    assert set(by) == {("2.1(c)", "status"), ("1.3(b)", "notes"), ("2.2(a)", "status"),
                       ("2.2(a)", "notes")}
    assert (by["2.1(c)", "status"].old, by["2.1(c)", "status"].new) == (
        "Not assessed", "Being addressed")
    conflict = by["1.3(b)", "notes"]
    assert conflict.conflict and not conflict.checked  # never ticked by default
    assert conflict.old == "Brief the Chair; the SOM moved to May."
    assert conflict.new == "Rome's text."
    assert "Brief the Chair." in conflict.note  # what it was when exported
    assert all(r.checked for r in rows.values() if not r.conflict)
    assert dialog.heading.text().startswith("4 change(s) on 3 action line(s) from rome.xlsx")
    assert dialog.ok_button.text() == "&Accept"
    assert any("1.3(b)" in line and "conflict" in line for line in dialog.line_texts())

    desk = window.desk
    assert _status(window, "2.1(c)") == "being_addressed"
    assert _status(window, "2.2(a)") == "achieved"
    assert desk.action(desk.resolve_ref("2.2(a)")).notes == ""  # unticked: not made
    assert desk.action(desk.resolve_ref("1.3(b)")).notes == (
        "Brief the Chair; the SOM moved to May.")  # the conflict: left as it is here
    assert window.detail.status_combo.currentData() == "being_addressed"  # the pane
    assert window.model.node_for_key("a2.1(c)").value.status == "being_addressed"  # the tree
    assert "Imported rome.xlsx: 2 changes on 2 action lines" in (
        window.statusBar().currentMessage())
    assert shown_dialogs == []

    # File > Undo Last Import…, asked first, also as a restart would (from the history)
    trigger(window, "File", "Undo Last Import…")
    assert shown_dialogs == [("confirm", "Undo the matrix import from rome.xlsx?")]
    assert _status(window, "2.1(c)") == "not_assessed"
    assert _status(window, "2.2(a)") == "not_assessed"
    assert window.detail.status_combo.currentData() == "not_assessed"
    assert "Undone: matrix import from rome.xlsx" in window.statusBar().currentMessage()


def test_a_ticked_conflict_takes_the_files_value_and_cancel_changes_nothing(
        window, matrix, reviewer):
    desk = window.desk
    reviewer.accept = False
    trigger(window, "File", "Import Matrix…")
    assert _status(window, "2.1(c)") == "not_assessed"
    assert "Not imported: rome.xlsx" in window.statusBar().currentMessage()

    reviewer.accept = True
    reviewer.tick = [("1.3(b)", "notes")]
    reviewer.untick = [("2.1(c)", "status"), ("2.2(a)", "status"), ("2.2(a)", "notes")]
    trigger(window, "File", "Import Matrix…")
    assert desk.action(desk.resolve_ref("1.3(b)")).notes == "Rome's text."
    assert _status(window, "2.1(c)") == "not_assessed"
    assert _status(window, "2.2(a)") == "not_assessed"


def test_untick_all_disables_accept(qtbot, window, matrix, monkeypatch):
    seen = []

    def run(dialog):
        seen.append(dialog)
        dialog.untick_all.click()
        assert not dialog.ok_button.isEnabled()
        assert dialog.count.text() == "0 of 4 changes ticked"
        dialog.tick_all.click()
        assert dialog.count.text() == "4 of 4 changes ticked"
        dialog.reject()
        return False

    monkeypatch.setattr(dialogs, "run_dialog", run)
    trigger(window, "File", "Import Matrix…")
    assert len(seen) == 1


def test_a_refused_matrix_lists_its_problems(window, tmp_path, monkeypatch, shown_dialogs):
    desk = window.desk
    path = tmp_path / "bad.xlsx"
    export_matrix(desk, path)
    edit_matrix(path, {("2.1(c)", "Status"): "Done!", ("2.2(a)", "Status"): "=1+1"})
    answers = Answers().install(monkeypatch)
    answers.open = path
    trigger(window, "File", "Import Matrix…")
    [problems] = answers.shown
    assert problems.heading == "bad.xlsx was not imported"
    assert len(problems.lines) == 2 and problems.ok is None
    assert _status(window, "2.1(c)") == "not_assessed"


def test_undo_without_an_import_says_so(window, monkeypatch, shown_dialogs):
    answers = Answers().install(monkeypatch)
    trigger(window, "File", "Undo Last Import…")
    [seen] = answers.shown
    assert seen.heading == "No import to undo"


def test_a_restore_reviews_each_action_line_it_changes(qtbot, window, tmp_path, monkeypatch):
    click_row(qtbot, window, "a1.3(b)")
    window.detail.set_status("being_addressed")
    answers = Answers().install(monkeypatch)
    answers.save = tmp_path / "mine.json"
    trigger(window, "File", "Back Up…")
    window.detail.set_status("achieved")
    answers.open = answers.save
    trigger(window, "File", "Restore or Merge from Backup…")
    review = answers.shown[-1]
    assert review.lines[0].startswith("Plan “Plan of Action to Implement the ASEAN-EU")
    assert any(line.startswith("1.3(b) ") and line.endswith("status: Achieved → Being addressed")
               for line in review.lines)
    assert _status(window, "1.3(b)") == "achieved"  # cancelled


def test_the_review_dialog_is_named_and_has_no_clashing_mnemonics(qtbot, window):
    groups = [ReviewGroup("1.3(b) Combat terrorism", (
        ReviewRow("status", "Not assessed", "Achieved", key=(1, "status")),
        ReviewRow("notes", "ours", "theirs", "conflict: …", True, (1, "notes"), False))),
        ReviewGroup("", (ReviewRow("a plain line"),))]
    dialog = ReviewDialog(window, "Import Matrix", "2 changes", "Words.", groups,
                          ok_text="&Accept", notes=["a note"], lines_title="&Changes (2):")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unnamed(dialog) == []
    assert clashes(dialog) == {}
    assert literal_ampersands(dialog) == []
    assert dialog.chosen() == [(1, "status")]
    item = dialog.review.row_items()[1]
    assert item.checkState(0) == Qt.CheckState.Unchecked
    assert dialog.line_texts() == [
        "1.3(b) Combat terrorism: status: Not assessed → Achieved",
        "1.3(b) Combat terrorism: notes: ours → theirs (conflict: …)", "a plain line"]
    dialog.reject()
