"""Focal Points > Export Register to Excel… / Import Register from Excel…: the workbook written,
a refused workbook's rows listed with nothing changed, a good one previewed then imported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.focal.values import Target
from app.ui.shell import dialogs
from app.ui.shell.settings import UiSettings
from tests.ui.file_helpers import menu, menu_texts, trigger
from tests.ui.focal_helpers import add_person
from tests.ui.helpers import click_row

HEADER = ["Name", "Title", "Organisation", "Country", "E-mail", "Ref", "Role"]


def _workbook(path: Path, rows: list[list[str]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "From Hanoi"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _people(window) -> list[str]:
    return sorted(p.name for p in window.desk.focal.people(active=None))


def _coverage(window, ref: str) -> str:
    return window.model.index_for_key(f"a{ref}", 2).data() or ""


@pytest.fixture
def after_export(monkeypatch):
    seen: list[tuple[Path, tuple[str, ...]]] = []
    monkeypatch.setattr(dialogs, "ask_after_export",
                        lambda _p, path, warnings: seen.append((path, tuple(warnings))) or "")
    return seen


def test_the_focal_points_menu_offers_them(window):
    texts = menu_texts(menu(window, "Focal Points"))
    assert texts[-2:] == ["Export Register to Excel…", "Import Register from Excel…"]


def test_export_writes_the_register_with_its_assignments(qtbot, window, answers, tmp_path,
                                                         after_export, settings_path):
    siti = add_person(window, "Siti Rahmawati", "ID", email="siti.r@kemlu.go.id",
                      organisation="Ministry of Foreign Affairs")
    add_person(window, "Anna Schmidt", "DE")
    desk = window.desk
    desk.focal.assign(siti, Target(action_id=desk.resolve_ref("1.3(b)")), "lead")
    answers.save = tmp_path / "out" / "register.xlsx"
    answers.save.parent.mkdir()
    trigger(window, "Focal Points", "Export Register to Excel…")
    [(kind, _caption, default)] = answers.asked
    assert kind == "save"
    assert default.name == f"Focal-point register {date.today().isoformat()}.xlsx"
    assert after_export == [(answers.save, ())]
    assert UiSettings(settings_path).last_folder("register") == str(answers.save.parent)

    ws = openpyxl.load_workbook(answers.save)["Focal points"]
    rows = [[c if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
    assert rows[0][:10] == ["Name", "Title", "Organisation", "Country", "Email", "Phone",
                            "Active", "Notes", "Ref", "Role"]
    by_name = {r[0]: r for r in rows[1:] if r[0]}
    assert set(by_name) == {"Siti Rahmawati", "Anna Schmidt"}
    assert by_name["Siti Rahmawati"][3:5] == ["Indonesia", "siti.r@kemlu.go.id"]
    assert by_name["Siti Rahmawati"][8:10] == ["1.3(b)", "lead"]
    assert by_name["Anna Schmidt"][8] == ""  # no assignment: one row, Ref blank
    assert "2 focal points, 1 assignments" in window.statusBar().currentMessage()


def test_a_workbook_with_bad_rows_lists_them_and_changes_nothing(qtbot, window, answers,
                                                                 tmp_path, shown_dialogs):
    add_person(window, "Anna Schmidt", "DE")
    answers.open = _workbook(tmp_path / "hanoi.xlsx", [
        ["Nguyen Van An", "Director", "MOFA", "VN", "an.nv@mofa.gov.vn", "1.3(b)", "lead"],
        ["Tran Thi Binh", "", "MOFA", "Atlantis", "", "2.1(c)", "support"],
        ["Le Van Cuong", "", "MOIT", "VN", "cuong@@moit", "9.9(z)", "lead"],
    ])
    before = _coverage(window, "1.3(b)")
    trigger(window, "Focal Points", "Import Register from Excel…")
    [problems] = answers.shown
    assert problems.heading == "hanoi.xlsx was not imported"
    assert problems.ok is None  # Close only
    assert "Nothing was changed" in problems.text
    assert problems.lines[0].startswith("row 3: ") and "Atlantis" in problems.lines[0]
    assert any(line.startswith("row 4: ") and "cuong@@moit" in line for line in problems.lines)
    assert _people(window) == ["Anna Schmidt"]  # not even row 2, which was good
    assert _coverage(window, "1.3(b)") == before
    assert shown_dialogs == []
    assert "Not imported: hanoi.xlsx" in window.statusBar().currentMessage()


def test_a_file_that_is_not_a_workbook_is_one_line(qtbot, window, answers, tmp_path,
                                                   shown_dialogs):
    answers.open = tmp_path / "register.xlsx"
    answers.open.write_text("Name,Country\n", encoding="utf-8")
    trigger(window, "Focal Points", "Import Register from Excel…")
    [(title, message)] = shown_dialogs
    assert title == "Import Register"
    assert "is not an Excel workbook" in message and "\n" not in message
    assert answers.shown == []


def test_a_good_workbook_is_previewed_then_imported(qtbot, window, answers, tmp_path):
    anna = add_person(window, "Anna Schmidt", "DE", email="anna.schmidt@diplo.de")
    click_row(qtbot, window, "a1.3(b)")
    window.detail.set_status("achieved")  # an edit on the undo stack
    qtbot.keyClick(window.tree, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    register = window.focal_ui.register
    assert register is not None and register.people.column_texts(0) == ["Anna Schmidt"]
    answers.open = _workbook(tmp_path / "hanoi.xlsx", [
        ["Nguyen Van An", "Director", "MOFA", "VN", "an.nv@mofa.gov.vn", "1.3(b)", "lead"],
        ["", "", "", "", "", "2.1", "support"],  # continues the row above: a whole section
        ["Anna Schmidt", "Desk officer", "Auswärtiges Amt", "Germany",
         "anna.schmidt@diplo.de", "1.3(b)", "co-lead"],
    ])
    assert _coverage(window, "1.3(b)") == "–"  # no country yet

    answers.accept = [False]  # Cancel: nothing imported
    trigger(window, "Focal Points", "Import Register from Excel…")
    [preview] = answers.shown
    assert preview.heading == "Add 1 focal point, update 1, add 3 assignments"
    assert preview.ok == "Import"
    assert "cannot be undone with Edit > Undo" in preview.text
    assert any(line.startswith("add focal point Nguyen Van An (VN)") for line in preview.lines)
    assert any(line.startswith("update focal point") and "Anna Schmidt" in line
               for line in preview.lines)
    assert any("2.1" in line for line in preview.lines if line.startswith("add assignment"))
    assert _people(window) == ["Anna Schmidt"]
    assert window.undo_stack.canUndo()  # cancelled: the undo history stays

    answers.accept = [True]
    trigger(window, "Focal Points", "Import Register from Excel…")
    assert answers.shown[-1].lines == preview.lines  # the same preview, then the import
    assert _people(window) == ["Anna Schmidt", "Nguyen Van An"]
    assert window.desk.focal.get(anna).title == "Desk officer"
    assert register.people.column_texts(0) == ["Nguyen Van An", "Anna Schmidt"]  # reloaded
    assert _coverage(window, "1.3(b)") == "2"  # VN and DE now, in the tree
    assert _coverage(window, "2.1(c)") == "1"  # by the section
    assert not window.undo_stack.canUndo()
    assert window.statusBar().currentMessage() == (
        "Imported hanoi.xlsx: add 1 focal point, update 1, add 3 assignments")
