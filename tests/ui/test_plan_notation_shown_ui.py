"""The window shows every plan in its own notation (issue 22): a roman plan's parts "I." and
"II.", an unnumbered heading by its title alone (tree rows, the detail's breadcrumb, a pillar's
and a section's summary), a whole section's lines by their references, and an agenda row by
the title its brief gives it (the full text in its tooltip)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.interchange.plan_text import import_plan
from app.service import Desk
from app.ui.meetings.agenda_model import COL_ITEM
from tests.plan_styles import HEADINGS, ROMAN
from tests.ui.helpers import top_level_texts, visible_rows
from tests.ui.meetings_helpers import agenda_rows, open_panel, select_item

ROMAN_PARTS = ["I. Political and Security Cooperation", "II. Economic Cooperation"]


@pytest.fixture
def styled(db_path: Path, tmp_path: Path) -> dict[str, int]:
    """The roman and the unnumbered-headings plans beside the ASEAN-EU plan; their ids."""
    desk = Desk.open(db_path, daily_backup=False)
    try:
        ids = {}
        for name, plan in (("roman", ROMAN), ("headings", HEADINGS)):
            path = tmp_path / f"{name}.txt"
            path.write_text(plan.text, encoding="utf-8")
            ids[name] = import_plan(desk, path).id
        return ids
    finally:
        desk.close()


def test_a_roman_plan_is_shown_as_published(qtbot, styled, open_window):
    window = open_window()
    window.show_row("aII.2", styled["roman"])
    assert top_level_texts(window) == ROMAN_PARTS
    rows = visible_rows(window)
    assert rows[:2] == [ROMAN_PARTS[0], "I.A  Dialogue"]
    assert rows[6] == ROMAN_PARTS[1]
    assert window.detail.ref_label.text() == "II.2"
    assert window.detail.breadcrumb.text() == "II. Economic Cooperation"
    window.select_key("p2")
    summary = window.detail.summary
    assert summary.heading.text() == "II. Economic Cooperation"
    window.select_key("sI.B")
    assert summary.breadcrumb.text() == "I. Political and Security Cooperation"
    assert summary.heading.text() == "I.B Transnational crime"


def test_unnumbered_headings_are_shown_by_their_titles(qtbot, styled, open_window):
    window = open_window()
    window.show_row("a2.A.1", styled["headings"])
    assert top_level_texts(window) == ["Political and Security Cooperation",
                                       "Economic Cooperation"]
    assert window.detail.breadcrumb.text() == "Economic Cooperation > 2.A Trade"
    window.select_key("s1.B")
    assert window.detail.summary.breadcrumb.text() == "Political and Security Cooperation"


def test_agenda_rows_and_quoted_lines_in_the_plans_notation(qtbot, styled, open_window):
    window = open_window()
    roman = styled["roman"]
    window.desk.meetings.create("SOM", "APT SOM", refs="II.3, I.A", plan_id=roman)
    panel = open_panel(window)
    rows = agenda_rows(panel)
    # the title the brief gives the item, not the whole action text
    assert rows[0] == "II.3  " + panel.agenda_model.items[0].default_title
    assert rows[0] != "II.3  " + ROMAN.actions[5][1]
    tip = panel.agenda_model.index(0, COL_ITEM).data(Qt.ItemDataRole.ToolTipRole)
    assert "Promote food security through the ASEAN Plus Three Emergency Rice Reserve." in tip
    assert rows[1] == "Section I.A  Dialogue"
    select_item(panel, "I.A")
    quoted = panel.item_editor.quoted
    lines = [quoted.list.item(i).text() for i in range(quoted.list.count())]
    assert lines == ["I.A.1 Hold the ASEAN Plus Three Summit every year.",
                     "I.A.2 Hold the Foreign Ministers' meeting every year."]
