"""The tree model: a thin adapter over the core's values, checked by qtmodeltester."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.ui.plan.plan_filter import FilterCriteria, PlanFilterProxy
from app.ui.plan.plan_tree_model import COL_COVERAGE, COL_STATUS, KEY_ROLE, PlanTreeModel


@pytest.fixture
def model(desk, qapp):
    m = PlanTreeModel()
    m.set_tree(desk.plan_tree())
    return m


def test_model_passes_qtmodeltester(model, qtmodeltester):
    qtmodeltester.check(model)


def test_proxy_passes_qtmodeltester_filtered_and_not(model, desk, qtmodeltester):
    proxy = PlanFilterProxy(model)
    qtmodeltester.check(proxy)
    proxy.set_criteria(FilterCriteria(matching_ids=frozenset(desk.search_ids("maritime"))))
    qtmodeltester.check(proxy)


def _rows(proxy, parent=None):
    """Every row of the proxy under `parent`, depth first: (key, hasChildren asked before its
    rows are, rowCount)."""
    parent = parent if parent is not None else QModelIndex()
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        has = proxy.hasChildren(index)
        yield index.data(KEY_ROLE), has, proxy.rowCount(index)
        yield from _rows(proxy, index)


def test_filtered_as_a_reset_the_same_rows_and_children(model, desk, qtmodeltester):
    """The window filters as a reset of the proxy (apply_criteria), a pillar or section then
    answering hasChildren without filtering its rows: the same rows as a filter change, and
    hasChildren true exactly where rows are shown."""
    proxy, plain = PlanFilterProxy(model), PlanFilterProxy(model)
    for word in ("maritime", "c", "nothing-matches-this", ""):
        criteria = FilterCriteria(matching_ids=frozenset(desk.search_ids(word)) if word
                                  else None)
        proxy.set_criteria(criteria, reset_above=-1)
        plain.set_criteria(criteria)
        shown = list(_rows(proxy))
        assert shown == list(_rows(plain))
        assert len([k for k, _h, _n in shown if k.startswith("a")]) == proxy.accepted_count
        assert all(has == (count > 0) for _k, has, count in shown)
        assert (len(shown) > 0) == (word != "nothing-matches-this")
        qtmodeltester.check(proxy)



def test_rows_are_pillars_sections_and_action_lines(model):
    parts = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert parts == [
        "1. Political and Security Cooperation", "2. Economic Cooperation",
        "3. Socio-Cultural Cooperation", "4. Cross Pillar Cooperation",
        "5. Follow-up of the Plan of Action",
    ]
    pillar1 = model.index(0, 0)
    assert model.rowCount(pillar1) == 9
    section = model.index(2, 0, pillar1)
    assert section.data().startswith("1.3  Combat terrorism")
    assert section.data(KEY_ROLE) == "s1.3"
    first = model.index(0, 0, section)
    assert first.data().startswith("1.3(a)  ")
    assert first.parent() == section and section.parent() == pillar1
    assert model.index(1, COL_STATUS, section).data() == "Not assessed"
    assert model.index(1, COL_COVERAGE, section).data() == "–"
    part5 = model.index(4, 0)
    assert [model.index(r, 0, part5).data().split()[0] for r in range(4)] == [
        "5(a)", "5(b)", "5(c)", "5(d)"]
    assert model.rowCount(model.index(0, 1)) == 0  # only column 0 has children
    assert model.action_count() == 165
    assert model.index(0, COL_STATUS).data() == "0/47"


def test_update_names_only_the_changed_row_and_its_totals(model, desk, qtbot):
    aid = desk.resolve_ref("1.3(b)")
    desk.set_status(aid, "Achieved")
    summary = desk.action(aid).summary()
    changed: list[tuple[str, int, int]] = []
    model.dataChanged.connect(
        lambda tl, br, _roles=(): changed.append((tl.data(KEY_ROLE), tl.column(), br.column())))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    assert model.update_action(summary)
    assert changed == [("a1.3(b)", 0, 2), ("s1.3", 1, 2), ("p1", 1, 2)]
    assert not resets
    index = model.index_for_action(aid, COL_STATUS)
    assert index.data() == "Achieved"
    assert model.index_for_key("s1.3", COL_STATUS).data() == "1/13"
    assert model.progress() == (1, 165)
    changed.clear()
    assert model.update_action(summary)  # the same value: nothing to repaint
    assert changed == []


def test_refresh_keeps_rows_when_only_values_change(model, desk):
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    desk.set_status(desk.resolve_ref("4.1(a)"), "Recurring")
    model.refresh(desk.plan_tree())
    assert not resets
    assert model.index_for_key("a4.1(a)", COL_STATUS).data() == "Recurring"
    tree = desk.plan_tree()
    first = tree.parts[0]
    fewer = dataclasses.replace(tree, parts=(dataclasses.replace(first, sections=()),)
                                + tree.parts[1:])
    model.refresh(fewer)
    assert resets == [True]
    assert model.action_count() == 165 - 47


def test_lookups_and_invalid_indexes(model):
    assert not model.index_for_key("nope").isValid()
    assert not model.index(99, 0).isValid()
    assert not model.index(0, 5).isValid()
    assert model.node(QModelIndex()) is None
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Status"
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
