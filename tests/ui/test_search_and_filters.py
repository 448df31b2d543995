"""Search as you type, the filters, and the selection through them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.focal.values import FocalPointFields
from app.values import Target
from tests.ui.helpers import (
    click_row,
    proxy_index,
    top_level_texts,
    visible_action_refs,
    visible_rows,
)


def test_typing_filters_and_keeps_pillars_and_sections_of_matches(qtbot, window):
    window.find_action.trigger()  # Edit > Find (Ctrl+F)
    assert window.filters.search.hasFocus()
    qtbot.keyClicks(window.filters.search, "cybersecurity")
    expected = {h.ref for h in window.desk.search("cybersecurity")}
    assert expected and len(expected) < 10
    assert set(visible_action_refs(window)) == expected
    assert window.filters.count.text() == f"{len(expected)} of 165 action lines"
    rows = visible_rows(window)
    for ref in expected:  # each match sits under its pillar and section
        part, _, rest = ref.partition(".")
        section = part + "." + rest.split("(")[0]
        assert any(r.startswith(f"{part}. ") for r in rows)
        assert any(r.startswith(f"{section}  ") for r in rows)
    assert len(top_level_texts(window)) == len({r.split(".")[0] for r in expected})

    qtbot.keyClick(window.filters.search, Qt.Key.Key_Down)  # to the first match
    assert window.tree.hasFocus()
    detail = window.detail
    assert detail.ref_label.text() in expected
    assert detail.text_view.highlighted_words()
    assert all(w.lower().startswith("cybersecurity")
               for w in detail.text_view.highlighted_words())

    window.filters.search.setFocus()
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Escape)
    assert window.filters.count.text() == "165 of 165 action lines"
    assert len(visible_rows(window)) == 199  # the expansion is back
    assert detail.text_view.highlighted_words() == []


def test_search_covers_notes_and_references(qtbot, window):
    click_row(qtbot, window, "a3.4(b)")
    qtbot.keyClicks(window.detail.notes_edit, "Zanzibar workshop")
    window.detail.flush()
    qtbot.keyClicks(window.filters.search, "zanzib")
    assert visible_action_refs(window) == ["3.4(b)"]
    assert window.detail.notes_edit.extraSelections()  # the match is marked in the notes
    window.filters.search.clear()
    qtbot.keyClicks(window.filters.search, "1.3")  # a section's reference: that section
    assert set(visible_action_refs(window)) == {f"1.3({c})" for c in "abcdefghijklm"}
    assert window.filters.count.text() == "13 of 165 action lines"
    window.filters.search.clear()
    qtbot.keyClicks(window.filters.search, "qqqxyz")
    assert visible_rows(window) == []
    assert window.filters.count.text() == "0 of 165 action lines"


def test_selection_survives_edits_and_filtering(qtbot, window):
    click_row(qtbot, window, "a1.3(b)")
    qtbot.keyClick(window.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tree.currentIndex() == proxy_index(window, "a1.3(b)")
    qtbot.keyClicks(window.filters.search, "convene")
    assert "1.3(b)" in visible_action_refs(window)
    assert window.tree.currentIndex() == proxy_index(window, "a1.3(b)")
    window.filters.search.clear()
    qtbot.keyClicks(window.filters.search, "qqqxyz")
    assert not window.tree.currentIndex().isValid()
    assert window.detail.ref_label.text() == "1.3(b)"  # the pane keeps showing it
    window.filters.search.clear()
    assert window.tree.currentIndex() == proxy_index(window, "a1.3(b)")
    assert window.tree.selectionModel().isSelected(proxy_index(window, "a1.3(b)"))


def test_status_filter_follows_edits(qtbot, window):
    for ref in ("1.1(a)", "2.2(b)"):
        window.desk.set_status(window.desk.resolve_ref(ref), "Achieved")
    window.model.refresh(window.desk.plan_tree())
    status = window.filters.status
    status.setCurrentIndex(status.findText("Achieved"))
    assert visible_action_refs(window) == ["1.1(a)", "2.2(b)"]
    assert window.filters.count.text() == "2 of 165 action lines"
    click_row(qtbot, window, "a2.2(b)")
    qtbot.keyClick(window.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.filters.count.text() == "1 of 165 action lines")
    assert visible_action_refs(window) == ["1.1(a)"]
    assert window.detail.ref_label.text() == "2.2(b)"
    status.setCurrentIndex(0)
    assert window.filters.count.text() == "165 of 165 action lines"


def test_country_filter_with_and_without_a_focal_point(qtbot, window):
    desk = window.desk
    created = desk.focal.add(FocalPointFields("Siti Rahmawati", "ID"))
    section = window.model.node_for_key("s1.3").value
    change = desk.focal.assign(created.id, Target(section_id=section.id)).change
    window.hub.publish(change)
    assert proxy_index(window, "a1.3(b)", 2).data() == "1"
    click_row(qtbot, window, "a1.3(b)")
    listed = window.detail.focal_box.model
    assert listed.column_texts(0) == ["Siti Rahmawati"]
    assert listed.column_texts(3) == ["whole section 1.3"]
    country = window.filters.country
    country.setCurrentIndex(country.findData("ID"))
    assert window.filters.mode.isEnabled()
    assert window.filters.count.text() == "13 of 165 action lines"
    assert set(visible_action_refs(window)) == {f"1.3({c})" for c in "abcdefghijklm"}
    window.filters.mode.setCurrentIndex(1)  # without a focal point there
    assert window.filters.count.text() == "152 of 165 action lines"
    country.setCurrentIndex(country.findData("SG"))
    assert window.filters.count.text() == "165 of 165 action lines"
    window.filters.mode.setCurrentIndex(0)
    assert window.filters.count.text() == "0 of 165 action lines"
    country.setCurrentIndex(1)  # any country, with
    assert window.filters.count.text() == "13 of 165 action lines"
    country.setCurrentIndex(0)
    assert not window.filters.mode.isEnabled()


def test_tag_filter_lists_tags_as_they_are_added(qtbot, window):
    assert not window.filters.tag.isEnabled()
    click_row(qtbot, window, "a2.1(c)")
    window.detail.tags_edit.setFocus()
    qtbot.keyClicks(window.detail.tags_edit, "trade, SOM 2026")
    qtbot.keyClick(window.detail.tags_edit, Qt.Key.Key_Return)
    tag = window.filters.tag
    assert [tag.itemText(i) for i in range(tag.count())] == ["All tags", "SOM 2026", "trade"]
    tag.setCurrentIndex(tag.findText("trade"))
    assert visible_action_refs(window) == ["2.1(c)"]
    window.side.clear_filters()
    assert window.filters.count.text() == "165 of 165 action lines"
    assert window.undo_action.text() == "Undo tags change on 2.1(c)"


def test_combined_search_and_status(qtbot, window):
    window.desk.set_status(window.desk.resolve_ref("4.3(a)"), "Recurring")
    window.model.refresh(window.desk.plan_tree())
    qtbot.keyClicks(window.filters.search, "cybercrime")
    assert len(visible_action_refs(window)) > 1
    window.filters.status.setCurrentIndex(window.filters.status.findText("Recurring"))
    assert visible_action_refs(window) == ["4.3(a)"]


def _grow(db_path, copies: int) -> int:
    """The plan made `copies` times larger: each section copied (same texts) as a new one."""
    import sqlite3

    con = sqlite3.connect(db_path)
    with con:
        sections = con.execute("SELECT id, part_id, number, title, position FROM sections "
                               "ORDER BY position").fetchall()
        for k in range(1, copies):
            for sid, part_id, number, title, position in sections:
                new = con.execute("INSERT INTO sections (part_id, number, title, position) "
                                  "VALUES (?,?,?,?)",
                                  (part_id, f"{number}.{k}", title, position + 1000 * k)).lastrowid
                con.execute(
                    "INSERT INTO action_lines (plan_id, part_id, section_id, letter, ref, "
                    "position, text, status, notes, notes_private, lines_to_take) "
                    "SELECT plan_id, part_id, ?, letter, ref || '#' || ?, position + 100000 * ?, "
                    "text, status, notes, notes_private, lines_to_take FROM action_lines "
                    "WHERE section_id = ?", (new, k, k, sid))
        total = con.execute("SELECT count(*) FROM action_lines").fetchone()[0]
    con.close()
    return int(total)


def _rows_expected(window, ids: set[int] | None, closed: frozenset[str] = frozenset()) -> list[str]:
    """The rows the tree should show, read from the plan's values: the pillars and sections
    holding a line of `ids` (None: all of them) and those lines, in plan order."""
    rows: list[str] = []
    for part in window.desk.plan_tree().parts:
        sections = []
        for section in part.sections:
            lines = [a for a in section.actions if ids is None or a.id in ids]
            if lines or (ids is None):
                sections.append((section, lines))
        own = [a for a in part.actions if ids is None or a.id in ids]
        if not own and not sections:
            continue
        rows.append(f"{part.number}. {part.display_title}")
        rows.extend(f"{a.ref}  {a.text[:120]}" for a in own)
        for section, lines in sections:
            rows.append(f"{section.number}  {section.title}")
            if f"s{section.number}" not in closed:
                rows.extend(f"{a.ref}  {a.text[:120]}" for a in lines)
    return rows


def test_a_large_plan_shows_what_the_search_finds_and_then_the_officers_tree(qtbot, db_path,
                                                                               open_window):
    assert _grow(db_path, 5) == 809  # the sections five times; part 5 has no sections
    window = open_window()
    assert window.model.action_count() == 809
    assert visible_rows(window) == _rows_expected(window, None)
    window.tree.collapse(proxy_index(window, "s2.1"))  # the officer's own expansion
    window.tree.collapse(proxy_index(window, "s3.5.2"))
    closed = frozenset({"s2.1", "s3.5.2"})
    assert visible_rows(window) == _rows_expected(window, None, closed)
    for query in ("c", "cy", "cyber", "cybersecurity", "maritime security", "nothing-like-it"):
        window.filters.search.setText(query)
        found = window.desk.search_ids(query)
        assert visible_rows(window) == _rows_expected(window, found), query
        assert window.filters.count.text() == f"{len(found)} of 809 action lines"
    window.filters.search.setText("")  # cleared: every line, as the officer had it open
    assert visible_rows(window) == _rows_expected(window, None, closed)
    assert not window.tree.isExpanded(proxy_index(window, "s2.1"))
    assert window.tree.isExpanded(proxy_index(window, "s2.1.1"))
    window.filters.status.setCurrentIndex(window.filters.status.findData("not_assessed"))
    window.filters.search.setText("maritime")  # a search and a filter together, then neither
    assert visible_rows(window) == _rows_expected(window, window.desk.search_ids("maritime"))
    window.side.clear_filters()
    assert visible_rows(window) == _rows_expected(window, None, closed)


def _shown_keys(proxy, parent=None) -> list[str]:
    """Every row the filtered tree holds (opened or not), depth first, by key."""
    from app.ui.plan.plan_tree_model import KEY_ROLE

    parent = parent if parent is not None else proxy.index(-1, -1)
    keys: list[str] = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        keys.append(index.data(KEY_ROLE))
        keys.extend(_shown_keys(proxy, index))
    return keys


def test_many_matches_open_the_pillars_only_and_keep_the_current_line(qtbot, window,
                                                                      monkeypatch):
    """Past EXPAND_MATCHES_UP_TO matches the tree is filtered as a reset of its proxy, only
    the pillars opened: the same lines held, the current line kept (its section opened to
    show it), closed sections still openable, and the officer's expansion back when cleared."""
    import app.ui.plan.plan_tree_view as tree_view

    monkeypatch.setattr(tree_view, "EXPAND_MATCHES_UP_TO", 5)
    expected = {h.ref for h in window.desk.search("c")}
    assert "1.3(b)" in expected and len(expected) > 5
    click_row(qtbot, window, "a1.3(b)")
    qtbot.keyClicks(window.filters.search, "c")
    assert window.filters.count.text() == f"{len(expected)} of 165 action lines"
    keys = _shown_keys(window.proxy)
    assert {k[1:] for k in keys if k.startswith("a")} == expected
    assert window.tree.currentIndex() == proxy_index(window, "a1.3(b)")
    assert window.detail.ref_label.text() == "1.3(b)"
    shown = visible_rows(window)
    assert len(shown) < len(keys)  # sections closed, but the current line's
    assert any(r.startswith("1.3(b)  ") for r in shown)
    closed = [k for k in keys if k.startswith("s") and not window.tree.isExpanded(
        proxy_index(window, k))]
    assert closed and all(window.proxy.hasChildren(proxy_index(window, k)) for k in closed)
    window.tree.expand(proxy_index(window, closed[0]))
    assert window.proxy.rowCount(proxy_index(window, closed[0])) > 0
    window.filters.search.setFocus()
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Escape)
    assert window.filters.count.text() == "165 of 165 action lines"
    assert len(visible_rows(window)) == 199
    assert window.tree.currentIndex() == proxy_index(window, "a1.3(b)")
