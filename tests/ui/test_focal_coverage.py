"""The coverage view (countries x sections) and "Show our gaps" with My Delegation."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from app.focal.values import Target
from app.ui.focal.coverage_view import ALL, NONE, SOME
from app.ui.shell.actions import Menu
from app.ui.shell.settings import UiSettings
from tests.ui.focal_helpers import add_person, click_cell, section_target
from tests.ui.helpers import visible_action_refs


def _assign(window, person: int, ref: str, role: str = "lead") -> None:
    desk = window.desk
    target = (Target(action_id=desk.resolve_ref(ref)) if "(" in ref
              else section_target(window, ref))
    window.hub.publish(desk.focal.assign(person, target, role).change)


def _cell(model, section: str, column: str):
    rows = [model.row_label(r) for r in range(model.rowCount())]
    columns = [c.label for c in model.columns]
    return model.index(rows.index(section), columns.index(column) + 1)


def test_coverage_counts_colours_and_gap_list(qtbot, window, qtmodeltester):
    desk = window.desk
    siti = add_person(window, "Siti Rahmawati", "ID")
    anna = add_person(window, "Anna Schmidt", "DE")
    _assign(window, siti, "1.3")
    _assign(window, siti, "2.1(c)")
    _assign(window, anna, "2.1(c)")
    _assign(window, anna, "2.1(d)")

    qtbot.keyClick(window.tree, Qt.Key.Key_K,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.focal_ui.coverage
    assert view is not None and view.isVisible()
    model = view.model
    qtmodeltester.check(model)
    labels = [c.label for c in model.columns]
    assert labels == ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN",
                      "EU27", "EU", "ASEC"]
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "Indonesia")
    n21 = desk.focal.coverage().row("2.1").total
    assert _cell(model, "1.3", "ID").data() == "13/13"
    assert _cell(model, "1.3", "ID").data(Qt.ItemDataRole.BackgroundRole) == ALL
    assert _cell(model, "2.1", "ID").data() == f"1/{n21}"
    assert _cell(model, "2.1", "ID").data(Qt.ItemDataRole.BackgroundRole) == SOME
    assert _cell(model, "2.1", "EU27").data() == f"2/{n21}"  # Germany counts for the EU side
    assert _cell(model, "2.1", "VN").data() == f"0/{n21}"
    assert _cell(model, "2.1", "VN").data(Qt.ItemDataRole.BackgroundRole) == NONE
    assert _cell(model, "All", "ID").data() == "14/165"
    assert _cell(model, "5", "ID").data().startswith("0/")  # part 5's own lines, one row

    # Click a cell: its action lines without a focal point of that country
    click_cell(qtbot, view.table, _cell(model, "2.1", "ID"))
    (expected,) = [a for _row, a in desk.focal.gaps("ID", section="2.1")]
    assert [a.ref for a in view.gap_model.values] == [a.ref for a in expected]
    assert len(expected) == n21 - 1 and "2.1(c)" not in view.gap_model.column_texts(0)
    assert view.gap_label.text() == (f"<b>Indonesia</b>: {n21 - 1} action lines of section "
                                     "2.1 without a focal point:")
    qtmodeltester.check(view.gap_model)
    click_cell(qtbot, view.gap_list, view.gap_model.index(1, 0), double=True)
    assert window.detail.ref_label.text() == expected[1].ref  # shown in the main window

    click_cell(qtbot, view.table, _cell(model, "1.3", "ID"))
    assert view.gap_model.rowCount() == 0
    assert view.gap_label.text().endswith("— fully covered.")

    click_cell(qtbot, view.table, _cell(model, "2.1", "EU27"))
    eu_gaps = view.gap_model.column_texts(0)
    assert "2.1(c)" not in eu_gaps and "2.1(d)" not in eu_gaps and len(eu_gaps) == n21 - 2
    assert not view.filter_button.isEnabled()  # 27 countries: no single tree filter

    view.all_eu.setChecked(True)
    labels = [c.label for c in model.columns]
    assert "EU27" not in labels and len(labels) == 11 + 27 + 2
    assert _cell(model, "2.1", "DE").data() == f"2/{n21}"
    assert _cell(model, "2.1", "FR").data() == f"0/{n21}"

    # An edit (here an undo in the main window) reloads the view
    click_cell(qtbot, view.table, _cell(model, "2.1", "ID"))
    window.focal_ui.editor.remove(desk.focal.assignments_of(siti)[1].id, "Siti Rahmawati",
                                  "2.1(c)")
    assert _cell(model, "2.1", "ID").data() == f"0/{n21}"
    assert len(view.gap_model.values) == n21  # the same cell, listed again
    window.undo()
    assert _cell(model, "2.1", "ID").data() == f"1/{n21}"

    # "Filter the Plan Tree" puts the same gaps in the tree
    qtbot.mouseClick(view.filter_button, Qt.MouseButton.LeftButton)
    total_gaps = sum(len(a) for _row, a in desk.focal.gaps("ID"))
    assert window.filters.count.text() == f"{total_gaps} of 165 action lines"


def test_show_our_gaps_filters_the_tree(qtbot, window, open_window, settings_path):
    desk = window.desk
    ui = window.focal_ui
    assert not window.filters.our_gaps.isEnabled() and not ui.gaps_action.isEnabled()
    ui._fill_delegation_menu()  # what opening Focal Points > My Delegation does
    indonesia = [a for m in window.acts.menus[Menu.DELEGATION].actions() if m.menu()
                 for a in m.menu().actions() if a.data() == "ID"]
    indonesia[0].trigger()
    assert UiSettings(settings_path).my_delegation == "ID"  # kept, as UI state
    assert window.filters.our_gaps.isEnabled()
    assert ui.gaps_action.text() == "Show &Our Gaps (Indonesia)"

    siti = add_person(window, "Siti Rahmawati", "ID")
    _assign(window, siti, "1.3")
    _assign(window, siti, "4.2(a)")
    ui.gaps_action.trigger()
    gaps = [a.ref for _row, actions in desk.focal.gaps("ID") for a in actions]
    assert len(gaps) == 165 - 13 - 1
    assert window.filters.count.text() == f"{len(gaps)} of 165 action lines"
    assert visible_action_refs(window) == gaps
    assert window.filters.our_gaps.isChecked() and ui.gaps_action.isChecked()
    assert window.filters.country.currentData() == "ID"  # the existing country filter
    assert window.filters.mode.currentText() == "not covered"

    # An assignment made while the gaps are shown takes its line out of them
    window.select_key("a2.1(c)")
    window.focal_ui.editor.assign(siti, "Siti Rahmawati",
                                  Target(action_id=desk.resolve_ref("2.1(c)")), "2.1(c)", "lead")
    qtbot.waitUntil(lambda: window.filters.count.text() == f"{len(gaps) - 1} of 165 action "
                                                           "lines")
    assert "2.1(c)" not in visible_action_refs(window)

    qtbot.mouseClick(window.filters.our_gaps, Qt.MouseButton.LeftButton)  # off again
    assert window.filters.count.text() == "165 of 165 action lines"
    assert not ui.gaps_action.isChecked()
    assert window.filters.country.currentData() is None
    window.filters.our_gaps.click()
    assert window.filters.count.text() == f"{len(gaps) - 1} of 165 action lines"
    window.filters.mode.setCurrentIndex(0)  # choosing another filter unticks it
    assert not window.filters.our_gaps.isChecked() and not ui.gaps_action.isChecked()

    window.close()
    again = open_window()  # My Delegation is remembered
    assert again.filters.our_gaps.isEnabled()
    assert again.focal_ui.delegation == "ID"


def test_focal_windows_are_imported_only_when_opened():
    """Start-up does not grow: the window imports no focal dialog, and the focal modules it
    does import (menu, pane, commands) do not pull in the core's database layer."""
    code = ("import sys; import app.ui.window; "
            "print(sorted(m for m in ('app.ui.focal.focal_register', "
            "'app.ui.focal.coverage_view', 'app.ui.focal.focal_forms') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
    code = ("import sys; import app.ui.focal.focal_ui, app.ui.focal.focal_pane, "
            "app.ui.focal.focal_commands; "
            "print(sorted(m for m in ('sqlalchemy', 'app.service', 'app.models') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_the_fast_start_attaches_the_focal_parts_with_the_desk(qtbot, db_path, settings_path,
                                                               shown_dialogs):
    from app.service import Desk
    from app.store.fast_open import read_current_plan_tree
    from app.ui.window import MainWindow

    settings = UiSettings(settings_path)
    settings.my_delegation = "VN"
    tree = read_current_plan_tree(db_path)
    assert tree is not None
    window = MainWindow(None, settings, tree=tree, db_path=db_path)  # no Desk yet
    qtbot.addWidget(window)
    assert window.focal_ui.delegation == "VN"
    assert not window.filters.our_gaps.isEnabled()  # the countries come with the Desk
    window.attach_desk(Desk.open(db_path))
    assert window.filters.our_gaps.isEnabled()
    window.focal_ui.show_our_gaps()
    assert window.filters.count.text() == "165 of 165 action lines"  # nobody from VN yet
    assert window.filters.showing_our_gaps and window.focal_ui.gaps_action.isChecked()
    window.select_key("a1.1(a)")
    assert window.focal_ui.open_assign() is not None
    window.focal_ui.assign_dialog.reject()
