"""The detail pane's Activities: the line's own and its section's, added, edited and removed
through the pane's form, each step undone and redone on the window's one undo stack."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app.activities.values import ActivityFields
from app.values import Target
from tests.ui.focal_helpers import choose
from tests.ui.helpers import click_row
from tests.ui.walk_helpers import clashes, literal_ampersands, unnamed


def _fill(qtbot, form, title: str, start: str = "", end: str = "", **texts: str) -> None:
    form.title_edit.clear()
    qtbot.keyClicks(form.title_edit, title)
    for field, text in (("start", start), ("end", end)):
        edit = getattr(form, field).edit
        edit.clear()
        if text:
            qtbot.keyClicks(edit, text)
    for name, text in texts.items():
        edit = getattr(form, name)
        edit.clear()
        qtbot.keyClicks(edit, text)


def _titles(window) -> list[str]:
    return [row[2] for row in window.detail.activities_box.texts()]


def test_the_list_shows_the_lines_and_its_sections_activities(qtbot, window):
    desk = window.desk
    section = desk.resolve("3.5").target
    desk.activities.add(section, ActivityFields("Haze dialogue", "meeting", date(2026, 3, 4),
                                                date(2026, 3, 5), place="Bangkok"))
    desk.activities.add(Target(action_id=desk.resolve_ref("3.5(b)")),
                        ActivityFields("Peatland visit", "visit", date(2026, 2, 1)))
    click_row(qtbot, window, "a3.5(b)")
    box = window.detail.activities_box
    # dates as everywhere in the window (issue 19: app.clock.long_date)
    assert box.texts() == [("1 February 2026", "Visit", "Peatland visit", ""),
                           ("4–5 March 2026", "Meeting", "Haze dialogue", "Bangkok")]
    assert box.model.column_texts(4) == ["", "section 3.5"]
    assert box.title.text() == "Activit&ies (2)"
    click_row(qtbot, window, "a1.3(b)")
    assert box.texts() == [] and box.empty.isVisibleTo(window)


def test_add_edit_remove_each_undone_and_redone(qtbot, window):
    desk = window.desk
    click_row(qtbot, window, "a3.5(b)")
    box = window.detail.activities_box
    aid = desk.resolve_ref("3.5(b)")

    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    form = window.activities.form
    assert form is not None and form.isVisible()
    assert [form.under.itemText(i).split()[0] for i in range(form.under.count())] == [
        "3.5(b)", "3.5"]
    _fill(qtbot, form, "ASEAN-EU dialogue on haze", "2026-03-04", "2026-03-05",
          place="Bangkok", lead="EU", programme="E-READI")
    choose(form.kind, "meeting")
    form.end.edit.editingFinished.emit()
    assert form.end.edit.text() == "5 March 2026"  # shown as the field writes dates
    form.accept()
    assert not form.isVisible()
    [made] = desk.activities.list(target=Target(action_id=aid))
    assert made.fields == ActivityFields("ASEAN-EU dialogue on haze", "meeting",
                                         date(2026, 3, 4), date(2026, 3, 5), "Bangkok", "EU",
                                         "E-READI")
    assert made.target == Target(action_id=aid)
    assert _titles(window) == ["ASEAN-EU dialogue on haze"]
    assert window.undo_action.text() == "Undo add activity “ASEAN-EU dialogue on haze” on 3.5(b)"

    window.undo()
    assert desk.activities.list(target=Target(action_id=aid)) == []
    assert _titles(window) == []
    window.redo()
    [again] = desk.activities.list(target=Target(action_id=aid))
    assert again.id == made.id  # the same id back
    assert _titles(window) == ["ASEAN-EU dialogue on haze"]

    box.select(made.id)
    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    form = window.activities.form
    assert form.title_edit.text() == "ASEAN-EU dialogue on haze"
    assert form.start.edit.text() == "4 March 2026" and not form.under.isEnabled()
    form.place.clear()
    qtbot.keyClicks(form.place, "Chiang Mai")
    form.accept()
    assert desk.activities.get(made.id).fields.place == "Chiang Mai"
    assert box.texts()[0][3] == "Chiang Mai"
    window.undo()
    assert desk.activities.get(made.id).fields.place == "Bangkok"
    assert box.texts()[0][3] == "Bangkok"
    window.redo()
    assert desk.activities.get(made.id).fields.place == "Chiang Mai"

    box.select(made.id)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert desk.activities.list(target=Target(action_id=aid)) == []
    assert _titles(window) == []
    window.undo()
    [back] = desk.activities.list(target=Target(action_id=aid))
    assert back.id == made.id and back.fields.place == "Chiang Mai"
    assert _titles(window) == ["ASEAN-EU dialogue on haze"]


def test_a_section_activity_and_the_forms_refusals(qtbot, window):
    desk = window.desk
    click_row(qtbot, window, "a3.5(b)")
    form = window.activities.open_add()
    form.under.setCurrentIndex(1)  # the whole section
    assert form.target() == desk.resolve("3.5").target
    _fill(qtbot, form, "", "2026-03-04")
    form.accept()
    assert form.isVisible() and "needs a title" in form.error.text()
    _fill(qtbot, form, "Haze dialogue", "2026-03-40")
    form.accept()
    assert form.isVisible() and form.error.text().startswith("Starts:")
    _fill(qtbot, form, "Haze dialogue", "2026-03-05", "2026-03-04")
    form.accept()  # the core's refusal, in the form
    assert form.isVisible() and "ends" in form.error.text()
    _fill(qtbot, form, "Haze dialogue", "2026-03-04")
    form.accept()
    assert not form.isVisible()
    [made] = desk.activities.list(target=desk.resolve("3.5").target)
    assert made.target.is_section
    click_row(qtbot, window, "a3.5(a)")  # a line of the same section lists it too
    assert _titles(window) == ["Haze dialogue"]


def test_the_pane_and_the_form_are_named_without_clashes(qtbot, window):
    click_row(qtbot, window, "a3.5(b)")
    form = window.activities.open_add()
    qtbot.waitExposed(form)
    assert unnamed(form) == []
    assert clashes(form) == {}
    assert literal_ampersands(form) == []
    form.reject()
    box = window.detail.activities_box
    assert [name for name in unnamed(window) if "ctivit" in name] == []
    assert [texts for texts in clashes(window).values()
            if any("Activit" in t for t in texts)] == []
    for widget in (box.list, box.add_button, box.edit_button, box.remove_button):
        assert widget.accessibleName()
