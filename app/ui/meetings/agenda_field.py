"""The New Meeting form's Agenda field: the whole agenda typed in one line, as the command line's
`meeting add --refs` takes it: `1.3b, 2.1(c), 3.5, 5a, "Any other business"`.

Each reference is read as it is typed by the core's one resolver (app.meetings.agenda_text over
the plan's PlanIndex, asked once when the form opens): a wrong one is shown in red in the field,
with the reason in red under it, and the form's OK stays off; the reference being typed is not
called wrong while it can still become one ("1.3" on its way to "1.3(b)"). A completer offers
the plan's section numbers and references (with their titles) for the entry under the cursor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QInputMethodEvent, QTextCharFormat
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import InputError, PoaDeskError
from app.meetings.agenda_text import AgendaLine, Resolver, read_agenda
from app.meetings.plan_names import PlanNamedResolver
from app.refs import AGENDA_SEPARATORS, normalize_ref
from app.ui.shell.widgets import accessible, named

WRONG = "#b3261e"
_NO_PARENT = QModelIndex()


class ReferenceList(QAbstractListModel):
    """The plan's references for the completer: the reference to insert (EditRole), shown
    with its title (DisplayRole)."""

    def __init__(self, references: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = references

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ref, title = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole:
            return ref
        if role == Qt.ItemDataRole.DisplayRole:
            short = title if len(title) <= 70 else title[:69] + "…"
            return f"{ref}   {short}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return title
        return None


def _piece_at(text: str, cursor: int) -> tuple[int, int]:
    """The bounds of the comma-separated entry the cursor is in."""
    start = max(text.rfind(sep, 0, cursor) for sep in AGENDA_SEPARATORS) + 1
    ends = [i for i in (text.find(sep, cursor) for sep in AGENDA_SEPARATORS) if i >= 0]
    return start, min(ends) if ends else len(text)


class AgendaField(QWidget):
    validity_changed = Signal(bool)

    def __init__(self, resolver: Resolver, references: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resolver = resolver
        self._starts = [normalize_ref(ref) or ref for ref, _ in references]
        self.edit = accessible(
            named(QLineEdit(), "agenda"), "Agenda",
            "Action lines and whole sections in the plan's notation, and items of your own "
            "in double quotes, separated by commas")
        self.edit.setPlaceholderText('e.g. 1.3b, 2.1(c), 3.5, 5a, "Any other business"')
        self.edit.setToolTip("Action lines (1.3b), whole sections (3.5) and items of your own "
                             "in double quotes (\"Any other business\"), separated by commas")
        if isinstance(resolver, PlanNamedResolver) and len(resolver.labels) > 1:
            names = sorted(resolver.labels.values(), key=str.casefold)
            self.edit.setToolTip(self.edit.toolTip() + "; a line of another plan with the "
                                 f"plan's name first, e.g. {names[0]} 1.1b (the plans: "
                                 f"{', '.join(names)})")
        self.edit.setMaxLength(2000)
        self.completer = QCompleter(ReferenceList(references, self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(8)
        self.completer.setWidget(self.edit)
        self.completer.activated.connect(self._complete)
        self.message = accessible(named(QLabel(wordWrap=True), "agendaMessage"),
                                  "Agenda check")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.lines: list[AgendaLine] = []
        self._valid = True
        self.edit.textEdited.connect(self._offer)
        self.edit.textChanged.connect(self._check)
        self._check()

    @property
    def valid(self) -> bool:
        return self._valid

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    # -- completion -------------------------------------------------------------------------

    def _offer(self, text: str) -> None:
        """The completer for the entry under the cursor (not inside quotes, not empty, not a
        whole reference already)."""
        start, end = _piece_at(text, self.edit.cursorPosition())
        piece = text[start:end].strip()
        if not piece or '"' in piece or "\u201c" in piece or text[:start].count('"') % 2:
            self._hide_popup()
            return
        try:
            self.resolver.resolve(piece)
        except PoaDeskError:
            pass  # not a reference yet: offer what it can become
        else:  # a whole reference already ("3.5"): Enter makes the meeting, Tab moves on
            self._hide_popup()
            return
        prefix = normalize_ref(piece) or piece
        self.completer.setCompletionPrefix(prefix)
        count = self.completer.completionCount()
        if count == 0 or (count == 1 and self.completer.currentCompletion().casefold()
                          == prefix.casefold()):
            self._hide_popup()
        else:
            self.completer.complete()

    def _hide_popup(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def _complete(self, ref: str) -> None:
        text, cursor = self.edit.text(), self.edit.cursorPosition()
        start, end = _piece_at(text, cursor)
        lead = " " if start > 0 else ""
        self.edit.setText(text[:start] + lead + ref + text[end:])
        self.edit.setCursorPosition(start + len(lead) + len(ref))

    # -- checking ---------------------------------------------------------------------------

    def _typing(self, line: AgendaLine) -> bool:
        """The entry under the cursor that can still become a reference ('1.3' -> '1.3(b)',
        '1.' -> '1.1')."""
        entry = line.entry
        if entry.free or entry.end != self.edit.cursorPosition():
            return False
        if isinstance(self.resolver, PlanNamedResolver):  # another plan's, named first
            named, _ = self.resolver.split(entry.text)
            folded = " ".join(entry.text.split()).casefold()
            if named is not None or any(name.casefold().startswith(folded)
                                        for name in self.resolver.labels.values()):
                return True
        typed = (normalize_ref(entry.text) or entry.text).casefold()
        return any(ref.casefold().startswith(typed) and ref.casefold() != typed
                   for ref in self._starts)

    def _check(self) -> None:
        text = self.edit.text()
        problem, wrong = "", []
        try:
            self.lines = read_agenda(text, self.resolver)
        except InputError as exc:
            self.lines, problem = [], str(exc)
        else:
            wrong = [line for line in self.lines if not line.ok]
            shown = [line for line in wrong if not self._typing(line)]
            if shown:
                problem = shown[0].problem  # the resolver's words name the entry
        self._mark(wrong if not problem else [x for x in wrong if not self._typing(x)])
        if problem:
            self.message.setText(problem)
            self.message.setStyleSheet(f"color: {WRONG};")
        else:
            self.message.setText(self._summary())
            self.message.setStyleSheet("color: palette(placeholder-text);")
        valid = not problem and not wrong
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _summary(self) -> str:
        lines = [line for line in self.lines if line.ok and not line.duplicate]
        if not lines:
            return "Optional: the agenda can be built later too"
        actions = sum(1 for x in lines if x.info is not None and not x.info.is_section)
        sections = [x.info for x in lines if x.info is not None and x.info.is_section]
        own = sum(1 for x in lines if x.info is None)
        said = [f"{actions} action line{'s' if actions != 1 else ''}"] if actions else []
        said += [f"section {s.ref} ({len(s.action_ids)} lines)" for s in sections]
        said += [f"{own} of your own"] if own else []
        plans = len({x.info.plan_id for x in lines if x.info is not None})
        across = f" from {plans} plans" if plans > 1 else ""  # a plan named first (issue 22)
        return f"{len(lines)} item{'s' if len(lines) != 1 else ''}{across}: " + ", ".join(said)

    def _mark(self, wrong: list[AgendaLine]) -> None:
        """The wrong references in red in the field (text formats, the way an input method
        marks its text; the text itself is not changed)."""
        cursor = self.edit.cursorPosition()
        red = QTextCharFormat()
        red.setForeground(QColor(WRONG))
        red.setFontUnderline(True)
        red.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        attributes = [QInputMethodEvent.Attribute(
            QInputMethodEvent.AttributeType.TextFormat, line.entry.start - cursor,
            line.entry.end - line.entry.start, red) for line in wrong]
        QCoreApplication.sendEvent(self.edit, QInputMethodEvent("", attributes))
