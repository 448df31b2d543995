"""The Progress view's charts, painted with QPainter: the bars are the figures, in app.vocab's
order and colours (the report's chart has the same, tests/export/test_report_chart.py), the
values are written on the bars, a click on a bar shows those lines; the trend is the history's."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from app.activities.trend import Point
from app.ui.progress.charts import ADDRESSED, StatusBars, TrendChart, nice_step
from app.values import Change
from app.vocab import STATUS_COLOURS, STATUS_INK, STATUS_ORDER
from tests.ui.file_helpers import trigger
from tests.ui.helpers import visible_action_refs

PILLARS = ["1. Political and Security Cooperation", "2. Economic Cooperation", "5. Follow-up"]
COUNTS = [{"achieved": 8, "recurring": 8, "being_addressed": 22, "not_yet_addressed": 6,
           "not_assessed": 3},
          {"achieved": 1, "being_addressed": 4, "not_assessed": 30},
          {"recurring": 4}]


def _close(pixel: QColor, colour: str) -> bool:
    want = QColor(colour)
    return max(abs(pixel.red() - want.red()), abs(pixel.green() - want.green()),
               abs(pixel.blue() - want.blue())) <= 2


@pytest.fixture
def bars(qtbot) -> StatusBars:
    chart = StatusBars()
    qtbot.addWidget(chart)
    chart.resize(700, 320)
    chart.set_figures(PILLARS, COUNTS)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_the_bars_are_the_figures_in_the_one_order_and_colours(bars):
    drawn = bars.bars()
    assert [(b.category, b.code, b.value) for b in drawn] == [
        (PILLARS[row], code, counts[code]) for row, counts in enumerate(COUNTS)
        for code in STATUS_ORDER if counts.get(code)]
    for row in range(len(PILLARS)):
        line = [b for b in drawn if b.row == row]
        assert [b.code for b in line] == [c for c in STATUS_ORDER if c in COUNTS[row]]
        for left, right in zip(line, line[1:], strict=False):  # stacked, left to right
            assert right.rect.left() == pytest.approx(left.rect.right())
    # widths in proportion to the values, on one scale for every pillar
    unit = drawn[0].rect.width() / drawn[0].value
    assert all(b.rect.width() == pytest.approx(unit * b.value) for b in drawn)
    image = bars.grab().toImage()
    for bar in drawn:  # painted in the status's colour (a point clear of the value's text)
        where = QPoint(int(bar.rect.left() + 2), int(bar.rect.top() + 3))
        assert _close(image.pixelColor(where), STATUS_COLOURS[bar.code]), bar


def test_the_values_are_written_on_the_bars(bars):
    image = bars.grab().toImage()
    wide = [b for b in bars.bars() if b.rect.width() > 40]
    assert {b.code for b in wide} >= {"achieved", "being_addressed", "not_assessed"}
    for bar in wide:
        rect = bar.rect.toAlignedRect().adjusted(2, 2, -2, -2)
        inked = sum(_close(image.pixelColor(x, y), STATUS_INK[bar.code])
                    for x in range(rect.left(), rect.right())
                    for y in range(rect.top(), rect.bottom()))
        assert inked >= 4, bar  # the number's strokes, in the ink chosen for the colour


def test_a_click_on_a_bar_says_which_pillar_and_status(qtbot, bars):
    bar = next(b for b in bars.bars() if b.row == 1 and b.code == "being_addressed")
    with qtbot.waitSignal(bars.bar_clicked) as signal:
        qtbot.mouseClick(bars, Qt.MouseButton.LeftButton, pos=bar.rect.center().toPoint())
    assert signal.args == [1, "being_addressed"]


def test_nice_steps():
    assert [nice_step(n) for n in (0, 4, 12, 47, 60, 165)] == [1, 1, 2, 10, 10, 50]


def test_the_trend_chart_draws_the_points(qtbot):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(600, 260)
    points = [Point(date(2026, m, 1), n, 165) for m, n in ((1, 0), (2, 40), (3, 40), (4, 90))]
    chart.set_points(points)
    chart.show()
    qtbot.waitExposed(chart)
    image = chart.grab().toImage()
    for index, point in enumerate(points):  # the step's level in the middle of each month
        middle = chart.position(index, point.addressed)
        x = int((middle.x() + chart.position(index + 1, 0).x()) / 2)
        assert any(_close(image.pixelColor(x, int(middle.y()) + dy), ADDRESSED.name())
                   for dy in (-1, 0, 1)), point
    assert "Apr 2026 90 of 165" in chart.accessibleDescription()


SET = {"1.3(b)": "achieved", "1.4(a)": "recurring", "2.2(a)": "achieved",
       "2.1(c)": "not_yet_addressed"}


def test_the_windows_chart_is_the_databases_figures(qtbot, window):
    desk = window.desk
    for ref, code in SET.items():
        desk.set_status(desk.resolve_ref(ref), code)
    window.hub.publish(Change(plan_structure=True))  # as the watcher would: the tree reloads
    trigger(window, "View", "Progress")
    view = window.progress.window
    qtbot.waitExposed(view)
    tree = desk.plan_tree(window.plan_id)
    drawn = {(b.row, b.code): b.value for b in view.chart.bars()}
    for row, part in enumerate(tree.parts):
        actions = list(part.actions) + [a for s in part.sections for a in s.actions]
        for code in STATUS_ORDER:
            assert drawn.get((row, code), 0) == sum(a.status == code for a in actions)
    assert view.chart.categories[0] == f"1. {tree.parts[0].display_title}"
    assert view.trend_chart.points == view.points and view.points[-1].addressed == 3

    bar = next(b for b in view.chart.bars() if b.row == 1 and b.code == "achieved")
    view.tabs.setCurrentIndex(0)
    qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=bar.rect.center().toPoint())
    assert window.filters.status_code == "achieved"
    assert set(visible_action_refs(window)) == {"1.3(b)", "2.2(a)"}
    assert window.model.node_for_key("p2") is window.tree.node_at(window.tree.currentIndex())


def test_the_windows_status_colours_are_the_one_definition():
    from app.ui.shell import icons

    assert icons.STATUS_COLORS is STATUS_COLOURS  # the icons, the section summary's bar
    for code, colour in STATUS_COLOURS.items():
        assert colour in (icons.ICON_DIR / f"status-{code}.svg").read_text()
        image = icons.status_icon(code).pixmap(32, 32).toImage()
        assert any(_close(image.pixelColor(x, y), colour)
                   for x in range(32) for y in range(32)), code


def test_the_section_summarys_bar_has_the_same_order_and_colours(qtbot):
    from app.ui.plan.section_summary import SectionSummary, StatusBarChart

    summary = SectionSummary()
    qtbot.addWidget(summary)
    assert list(summary.count_labels) == list(STATUS_ORDER)
    bar = StatusBarChart()
    qtbot.addWidget(bar)
    bar.resize(300, 14)
    bar.set_counts({"not_assessed": 1, "achieved": 1, "being_addressed": 1})
    image = bar.grab().toImage()
    painted = [image.pixelColor(x, 7) for x in (50, 150, 250)]  # thirds, left to right
    for pixel, code in zip(painted, ("achieved", "being_addressed", "not_assessed"),
                           strict=True):
        assert _close(pixel, STATUS_COLOURS[code]), code
