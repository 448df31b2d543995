"""The plan tree's painting: the cells the delegate paints are Qt's own, kept up to date by
edits; leaf flags."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.plan.plan_tree_model import COL_COVERAGE, COL_STATUS, COL_TITLE
from app.ui.plan.plan_tree_view import PlanTreeDelegate
from tests.ui.helpers import proxy_index


def _option(window, delegate: QStyledItemDelegate, index: QModelIndex,
            selected: bool = False) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(window.tree)
    option.decorationSize = window.tree.iconSize() if window.tree.iconSize().isValid() \
        else option.decorationSize
    if selected:
        option.state |= QStyle.StateFlag.State_Selected
    delegate.initStyleOption(option, index)
    return option


def _seen(option: QStyleOptionViewItem) -> tuple:
    return (option.text, option.features, option.icon.isNull(), option.icon.cacheKey(),
            option.decorationSize, option.font.bold(), option.displayAlignment,
            option.palette.color(QPalette.ColorRole.Text).name(), option.index,
            option.styleObject)


def _cells(window):
    """Every cell of every row the tree shows."""
    index = window.tree.model().index(0, 0)
    while index.isValid():
        for column in (COL_TITLE, COL_STATUS, COL_COVERAGE):
            yield index.data(), column, index.siblingAtColumn(column)
        index = window.tree.indexBelow(index)


def test_the_delegate_fills_the_same_option_as_qt(window):
    ours = window.tree.itemDelegate()
    assert isinstance(ours, PlanTreeDelegate)
    plain = QStyledItemDelegate()
    for state in ("", "maritime"):  # unfiltered, then through a filter
        window.filters.search.setText(state)
        cells = list(_cells(window))
        assert len(cells) >= 9
        for key, column, index in cells:
            for selected in (False, True):
                assert _seen(_option(window, ours, index, selected)) == \
                    _seen(_option(window, plain, index, selected)), (state, key, column)
    assert _option(window, ours, proxy_index(window, "p1")).font.bold()


def test_painted_cells_follow_edits(window):
    delegate = window.tree.itemDelegate()
    action = proxy_index(window, "a1.3(b)", COL_STATUS)
    section = proxy_index(window, "s1.3", COL_STATUS)
    assert _option(window, delegate, action).text == "Not assessed"  # cached from now on
    assert _option(window, delegate, section).text == "0/13"
    aid = window.desk.resolve_ref("1.3(b)")
    window.desk.set_status(aid, "Achieved")
    window.model.update_action(window.desk.action(aid).summary())
    assert _option(window, delegate, action).text == "Achieved"
    assert _option(window, delegate, section).text == "1/13"
    assert action.data() == "Achieved" and section.data() == "1/13"


def test_action_lines_are_leaves_sections_and_pillars_are_not(window):
    model = window.model
    never = Qt.ItemFlag.ItemNeverHasChildren
    assert model.flags(model.index_for_key("a1.3(b)")) & never
    assert model.flags(model.index_for_key("a1.3(b)")) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index_for_key("s1.3")) & never
    assert not model.flags(model.index_for_key("p1")) & never
    assert not model.flags(model.index_for_key("p1")) & Qt.ItemFlag.ItemIsDragEnabled
