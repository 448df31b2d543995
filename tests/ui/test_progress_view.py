"""View > Progress: the figures by pillar and section equal the database's counts, the trend
comes from the history, a click shows the lines in the plan tree; File > Progress Report…
writes the report."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.ui.progress import report_name
from app.ui.shell import dialogs
from app.values import Change
from app.vocab import PROGRESS_STATUSES, STATUS_ORDER
from tests.ui.file_helpers import menu, menu_texts, trigger
from tests.ui.helpers import visible_action_refs
from tests.ui.walk_helpers import clashes, literal_ampersands, unnamed

SET = {"1.3(b)": "achieved", "1.3(c)": "being_addressed", "1.4(a)": "recurring",
       "2.1(c)": "not_yet_addressed", "2.2(a)": "achieved", "5(a)": "being_addressed"}


@pytest.fixture
def progress(qtbot, window):
    desk = window.desk
    for ref, code in SET.items():
        desk.set_status(desk.resolve_ref(ref), code)
    window.hub.publish(_all(window))  # as the watcher would: the tree reads them again
    trigger(window, "View", "Progress")
    view = window.progress.window
    assert view is not None
    qtbot.waitExposed(view)
    return view


def _all(_window) -> Change:
    return Change(plan_structure=True)


def _expected(actions) -> list[str]:
    counts = Counter(a.status for a in actions)
    addressed = sum(n for code, n in counts.items() if code in PROGRESS_STATUSES)
    return [str(len(actions)), *(str(counts.get(c, 0)) for c in STATUS_ORDER), str(addressed)]


def test_the_view_menu_offers_it_with_a_shortcut(window):
    assert "Progress" in menu_texts(menu(window, "View"))
    from app.ui.shell.actions import Act

    assert window.acts[Act.PROGRESS_VIEW].shortcut().toString() == "Ctrl+Shift+R"


def test_the_figures_equal_the_databases_counts(progress, window):
    tree = window.desk.plan_tree(window.plan_id)
    texts = progress.figures_texts()
    assert texts["Overall"][:-1] == _expected(tree.all_actions())
    assert texts["Overall"][1] == "2"  # achieved (the statuses in the charts' order)
    for part in tree.parts:
        actions = list(part.actions) + [a for s in part.sections for a in s.actions]
        assert texts[f"{part.number}. {part.display_title}"][:-1] == _expected(actions)
        for section in part.sections:
            assert texts[f"{section.number} {section.title}"][:-1] == _expected(
                list(section.actions))
    assert progress.heading.text().endswith(
        "5 of 165 action lines (3%) achieved or being addressed (Recurring counted as "
        "addressed)")
    assert progress.chart.bars()  # drawn (tests/ui/test_progress_charts.py: what they show)
    assert progress.trend_chart.points == progress.points
    assert progress.points[-1].addressed == 5  # this month: as now


def test_a_click_on_a_section_filters_the_tree_to_its_lines(qtbot, progress, window):
    index = progress.index_of("s1.3")
    progress.table.scrollTo(index)
    qtbot.mouseClick(progress.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=progress.table.visualRect(index).center())
    assert window.filters.text == "1.3"
    refs = visible_action_refs(window)
    assert refs and all(ref.startswith("1.3(") for ref in refs)
    assert window.model.node_for_key("s1.3") is window.tree.node_at(window.tree.currentIndex())

    cell = progress.index_of("p2", "achieved")  # a count: only those lines
    progress.table.scrollTo(cell)
    qtbot.mouseClick(progress.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=progress.table.visualRect(cell).center())
    assert window.filters.text == "" and window.filters.status_code == "achieved"
    assert set(visible_action_refs(window)) == {"1.3(b)", "2.2(a)"}


def test_a_status_change_refreshes_the_view(qtbot, progress, window):
    window.desk.set_status(window.desk.resolve_ref("3.1(a)"), "achieved")
    window.hub.publish(_all(window))
    qtbot.waitUntil(lambda: progress.figures_texts()["Overall"][1] == "3")


def test_the_report_dialog_writes_the_report(qtbot, window, tmp_path, monkeypatch):
    asked = []
    target = tmp_path / "report.xlsx"
    monkeypatch.setattr(dialogs, "choose_save_file",
                        lambda _p, caption, default, _f: asked.append(default) or target)
    after = []
    monkeypatch.setattr(dialogs, "ask_after_export",
                        lambda _p, path, warnings: after.append(path) or "")
    trigger(window, "File", "Progress Report…")
    dialog = window.progress.report_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.date_from.edit.setText("2026-01-01")
    dialog.date_to.edit.setText("2025-12-31")
    dialog.accept()
    assert dialog.isVisible() and "before it starts" in dialog.error.text()
    dialog.date_to.edit.setText("2026-12-31")
    dialog.marking.setCurrentText("RESTRICTED")
    dialog.format.setCurrentIndex(1)  # Excel
    dialog.accept()
    assert asked[0].name == report_name(date(2026, 1, 1), date(2026, 12, 31), ".xlsx")
    assert target.is_file() and after == [target]
    from openpyxl import load_workbook

    wb = load_workbook(target, read_only=True)
    assert "Summary" in wb.sheetnames
    wb.close()
    assert "Wrote the progress report" in window.statusBar().currentMessage()


def test_the_view_and_the_dialog_are_named_without_clashes(qtbot, progress, window):
    for top in (progress, window.progress.open_report()):
        qtbot.waitExposed(top)
        assert unnamed(top) == []
        assert clashes(top) == {}
        assert literal_ampersands(top) == []
    window.progress.report_dialog.reject()
    progress.tabs.setCurrentIndex(1)
    assert unnamed(progress) == []
    assert progress.trend_model.rowCount() == len(progress.points)
