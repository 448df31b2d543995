"""Meeting > My Acronyms…: the officer's own glossary (EUDR, ASEC...), as `poadesk acronyms
add ABBR "Expansion"` keeps it. Its acronyms join the plan's in the acronyms annex of every
brief; an export names the capitals no glossary explains, to be added here.

Each addition, change and removal is one undoable command on the window's stack
(`GlossaryEdit`, a DeskCommand); the list follows the window's change signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app.errors import PoaDeskError
from app.ui.shell import dialogs
from app.ui.shell.commands import DeskCommand
from app.ui.shell.table_dialog import TableDialog
from app.ui.shell.value_table import Column
from app.ui.shell.widgets import named
from app.values import AcronymInfo, Change

if TYPE_CHECKING:
    from app.service import Desk
    from app.ui.shell.commands import ChangeHub
    from app.ui.shell.host import Host


class GlossaryEdit(DeskCommand):
    """An acronym of the user's glossary set from `old` to `new` (None: not in it)."""

    def __init__(self, hub: ChangeHub, desk: Callable[[], Desk], abbr: str, old: str | None,
                 new: str | None) -> None:
        what = ("remove" if new is None else "add" if old is None else "change")
        super().__init__(hub, f"{what} acronym {abbr}")
        self.desk, self.abbr, self.old, self.new = desk, abbr, old, new

    def _set(self, value: str | None) -> Change:
        desk = self.desk()
        if value is None:
            return desk.remove_user_acronym(self.abbr)
        return desk.set_user_acronym(self.abbr, value)

    def forward(self) -> Change:
        return self._set(self.new)

    def backward(self) -> Change:
        return self._set(self.old)


class GlossaryDialog(TableDialog):
    def __init__(self, host: Host) -> None:
        super().__init__(host.widget, "My Acronyms",
                         "Your own acronyms: they join the plan's in the acronyms annex of "
                         "every brief. An export names the capitals no glossary explains.", [
                             Column("Acronym", lambda a: a.abbr),
                             Column("Full name", lambda a: a.expansion,
                                    lambda a: a.expansion),
                         ], "My acronyms")
        self.setObjectName("glossaryDialog")
        self.host = host
        self.abbr = named(QLineEdit(maxLength=40), "acronymAbbr")
        self.abbr.setPlaceholderText("e.g. EUDR")
        self.expansion = named(QLineEdit(maxLength=300), "acronymExpansion")
        self.expansion.setPlaceholderText("e.g. EU Deforestation Regulation")
        self.save_button = named(QPushButton("&Add or Change"), "acronymSave")
        self.save_button.setToolTip("Add the acronym, or give the one in the list this full name")
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        self.abbr.returnPressed.connect(self.expansion.setFocus)
        self.abbr.textChanged.connect(lambda _text: self._update_buttons())
        self.expansion.textChanged.connect(lambda _text: self._update_buttons())
        grid = QGridLayout()
        for column, (text, field) in enumerate((("Acron&ym:", self.abbr),
                                                ("&Full name:", self.expansion))):
            label = QLabel(text)
            label.setBuddy(field)
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
        grid.addWidget(self.save_button, 1, 2)
        grid.setColumnStretch(1, 1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(3, grid)  # under the list and its "empty" line, above the buttons
        self.remove_button = self.add_button("&Remove", "Take the selected acronym out of your "
                                             "glossary (Edit > Undo brings it back)",
                                             self.remove_selected)
        # Enter adds or changes (when there is something to); never Remove, never Close
        for button in (self.remove_button, self.close_button):
            button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._take_selected())
        self.pending: list[str] = []  # acronyms an export could not explain, to be added
        self.pending_label = named(QLabel(wordWrap=True), "acronymsPending")
        self.pending_label.hide()
        layout.insertWidget(3, self.pending_label)
        host.hub.changed.connect(self._changed)
        self.reload()

    def ask_for(self, words: list[str]) -> None:
        """The acronyms an export named (Add Expansions…): each offered in turn, the full
        name to type."""
        self.pending = list(words)
        self._next_pending()

    def _next_pending(self) -> None:
        known = self.acronyms()
        self.pending = [w for w in self.pending if w not in known]
        self.pending_label.setVisible(bool(self.pending))
        if not self.pending:
            return
        self.pending_label.setText("To explain (the last brief used them without a full "
                                   "name): " + ", ".join(self.pending))
        self.abbr.setText(self.pending[0])
        self.expansion.clear()
        self.expansion.setFocus()

    def reload(self) -> None:
        try:
            values = self.host.desk().user_acronyms()
        except PoaDeskError as exc:
            self.host.error(str(exc))
            values = []
        self.set_values(values, "No acronym of your own yet: type one below and Add.")

    def _changed(self, change: Change) -> None:
        if change.plan_structure and self.isVisible():
            self.reload()

    def acronyms(self) -> dict[str, str]:
        return {a.abbr: a.expansion for a in self.model.values}

    def _take_selected(self) -> None:
        chosen: AcronymInfo | None = self.selected()
        if chosen is not None:
            self.abbr.setText(chosen.abbr)
            self.expansion.setText(chosen.expansion)

    def _update_buttons(self) -> None:
        if hasattr(self, "remove_button"):
            self.remove_button.setEnabled(self.selected() is not None)
        if hasattr(self, "save_button"):
            abbr, expansion = self.abbr.text().strip(), self.expansion.text().strip()
            self.save_button.setEnabled(bool(abbr and expansion)
                                        and self.acronyms().get(abbr) != expansion)

    def _push(self, command: GlossaryEdit) -> bool:
        refusal = self.host.hub.push(command)
        if refusal is not None:
            dialogs.show_error(self, "My Acronyms", refusal)
            return False
        return True

    def save(self) -> bool:
        """Add the acronym typed, or change the full name of one in the list."""
        abbr = " ".join(self.abbr.text().split())
        expansion = " ".join(self.expansion.text().split())
        if not abbr or not expansion:
            return False
        old = self.acronyms().get(abbr)
        if old == expansion:
            return True
        if not self._push(GlossaryEdit(self.host.hub, self.host.desk, abbr, old, expansion)):
            return False
        self.reload()
        self.select_row(self.model.row_where(lambda a: a.abbr == abbr))
        self.abbr.setFocus()
        self.abbr.selectAll()
        if self.pending:
            self._next_pending()
        return True

    def remove_selected(self) -> bool:
        chosen: AcronymInfo | None = self.selected()
        if chosen is None:
            return False
        if not self._push(GlossaryEdit(self.host.hub, self.host.desk, chosen.abbr,
                                       chosen.expansion, None)):
            return False
        self.reload()
        return True
