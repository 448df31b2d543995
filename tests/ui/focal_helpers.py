"""Driving the focal-point forms and windows as a user would, for the tests."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox

from app.focal.values import FocalPointFields
from app.ui.focal.focal_forms import PersonFields
from app.ui.window import MainWindow
from app.values import Target


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def fill_person(qtbot, person: PersonFields, name: str, country: str | None = None,
                **fields: str) -> None:
    for edit in (person.name, person.title, person.organisation, person.email, person.phone):
        edit.clear()
    type_into(qtbot, person.name, name)
    if country is not None:
        assert person.country is not None
        choose(person.country, country)
    for field, value in fields.items():
        type_into(qtbot, getattr(person, field), value)


def type_into(qtbot, edit, text: str) -> None:
    """Type like a user; QTest can only type ASCII, so the rest is inserted as an IME would."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def click_cell(qtbot, view: QAbstractItemView, index: QModelIndex, double: bool = False) -> None:
    assert index.isValid()
    view.scrollTo(index)
    center = view.visualRect(index).center()
    if double:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def add_person(window: MainWindow, name: str, country: str, **fields: str) -> int:
    """Straight through the core (set-up for a test, not the thing tested)."""
    created = window.desk.focal.add(FocalPointFields(name, country, **fields))
    window.hub.publish(created.change)
    return created.id


def section_target(window: MainWindow, number: str) -> Target:
    node = window.model.node_for_key(f"s{number}")
    assert node is not None
    return Target(section_id=node.value.id)
