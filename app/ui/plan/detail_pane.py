"""The right-hand pane: the selected action line (or a section's / pillar's summary).

Status, private mark and tags are saved when chosen; notes and lines to take are saved as you
type, after a short pause (the debounce). `flush()` saves a pending edit at once: the window
calls it before the selection moves, before undo/redo and on close. Every save is a command on
the undo stack (see undo_commands), so nothing here writes to the database directly.

The action line's page (app.ui.plan.action_page: its editors, verbatim view and focal points) is
built when first needed, not for the window's first paint, which shows a summary or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.errors import PoaDeskError
from app.text_clean import split_tags
from app.ui.plan.action_commands import FIELDS, ActionEditor
from app.ui.plan.plan_tree_model import Node
from app.ui.plan.section_summary import SectionSummary
from app.ui.shell import dialogs
from app.ui.shell.debounce import Debounce
from app.ui.shell.parts import FocalBox, FocalBoxMaker
from app.ui.shell.scroll import ScrollPage
from app.ui.shell.texts import when
from app.ui.shell.widgets import EndOfSession, WindowUndoKeys, replace_text
from app.values import ActionDetail, HistoryItem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

    from app.glossary import Acronym
    from app.ui.plan.action_page import ActionPage
    from app.ui.plan.activities_box import ActivitiesBox
    from app.ui.plan.history_view import HistoryBox
    from app.ui.plan.verbatim_view import VerbatimView
    from app.ui.shell.commands import Origin

TEXT_FIELDS = ("notes", "lines_to_take")


def _utc(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def parse_tags(text: str) -> list[str]:
    return split_tags(text)


def _tagset(tags: Sequence[str]) -> set[str]:
    return set(tags)


W = TypeVar("W")


class _OnPage(Generic[W]):
    """A widget of the action line's page, reached from the pane: asking for it builds the
    page (`DetailPane.page`) if it is not there yet."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, pane: None, owner: type) -> _OnPage[W]: ...
    @overload
    def __get__(self, pane: DetailPane, owner: type) -> W: ...

    def __get__(self, pane: DetailPane | None, owner: type) -> _OnPage[W] | W:
        if pane is None:
            return self
        widget: W = getattr(pane.page, self._name)
        return widget


class DetailPane(QWidget):
    pending_changed = Signal()  # a typed edit is waiting for the pause, or has been saved
    action_activated = Signal(int)  # from a summary's list
    action_shown = Signal(object)  # ActionDetail shown or refreshed (its activities are read)
    key_activated = Signal(str)

    # The action line's page (app.ui.plan.action_page): built when first shown or asked for.
    breadcrumb: _OnPage[QLabel] = _OnPage()
    ref_label: _OnPage[QLabel] = _OnPage()
    status_combo: _OnPage[QComboBox] = _OnPage()
    changed_label: _OnPage[QLabel] = _OnPage()
    text_view: _OnPage[VerbatimView] = _OnPage()
    notes_edit: _OnPage[QPlainTextEdit] = _OnPage()
    private_box: _OnPage[QCheckBox] = _OnPage()
    save_state: _OnPage[QLabel] = _OnPage()
    lines_edit: _OnPage[QPlainTextEdit] = _OnPage()
    tags_edit: _OnPage[QLineEdit] = _OnPage()
    focal_box: _OnPage[FocalBox] = _OnPage()
    focal_label: _OnPage[QLabel] = _OnPage()
    history_box: _OnPage[HistoryBox] = _OnPage()
    activities_box: _OnPage[ActivitiesBox] = _OnPage()

    def __init__(self, editor: ActionEditor, save_delay_ms: int = 600,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_keys = WindowUndoKeys(self)
        self._editor = editor
        self._detail: ActionDetail | None = None
        self._glossary: list[Acronym] = []
        self._words: tuple[str, ...] = ()
        self._loading = False
        self._shown: dict[str, str] = {}  # what each editor was last loaded with
        self._debounce = Debounce(self, save_delay_ms, self.flush)  # typed, not saved yet
        self._session_end = EndOfSession(self, self._end_session)
        # the shown line's recorded changes (the window gives `desk.history`)
        self.history_source: Callable[[int], list[HistoryItem]] | None = None
        # makes the focal points box (the window gives the focal part's; its requests go there)
        self.focal_box_maker: FocalBoxMaker | None = None

        self.stack = QStackedWidget()
        self.empty = QLabel("Select an action line, a section or a pillar in the plan.",
                            alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.summary = SectionSummary()
        self.summary.action_activated.connect(self.action_activated)
        self.summary.key_activated.connect(self.key_activated)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.summary)
        self._page: ActionPage | None = None  # the action line's page: see `page`
        # the page scrolls when the window is short (focal points, activities, history open)
        self.page_scroll: ScrollPage | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    @property
    def page(self) -> ActionPage:
        """The action line's page, built on first use (the first paint does not need it)."""
        if self._page is None:
            from app.ui.plan.action_page import ActionPage

            page = ActionPage(self._undo_keys, self.focal_box_maker)
            page.status_combo.activated.connect(self._status_chosen)
            page.private_box.clicked.connect(self._private_clicked)
            page.tags_edit.editingFinished.connect(self._save_tags)
            page.notes_edit.textChanged.connect(self._typed)
            page.lines_edit.textChanged.connect(self._typed)
            for edit in (page.notes_edit, page.lines_edit):
                edit.installEventFilter(self._session_end)
            self.page_scroll = ScrollPage(page, "actionScroll", "Action line")
            # between the empty label and the summary
            self.stack.insertWidget(1, self.page_scroll)
            self._page = page
        return self._page

    def focus_first(self) -> None:
        """View > Go to Detail Pane: an action line's notes, or a summary's list of lines."""
        reason = Qt.FocusReason.ShortcutFocusReason
        if self.detail is not None:
            self.notes_edit.setFocus(reason)
        elif self.stack.currentWidget() is self.summary:
            self.summary.list.setFocus(reason)

    # -- what is shown ----------------------------------------------------------------------

    @property
    def detail(self) -> ActionDetail | None:
        scroll = self.page_scroll
        shown = scroll is not None and self.stack.currentWidget() is scroll
        return self._detail if shown else None

    @property
    def shown_section_number(self) -> str | None:
        """The section whose summary is shown (None for an action line or a pillar)."""
        node = self.summary.node
        if self.stack.currentWidget() is not self.summary or node is None:
            return None
        return str(node.value.number) if node.kind == "section" else None

    def set_glossary(self, entries: Sequence[Acronym]) -> None:
        self._glossary = list(entries)
        if self._page is not None:
            self._page.text_view.forget()

    def set_search_words(self, words: tuple[str, ...]) -> None:
        if words == self._words:
            return
        self._words = words
        if self.detail is not None:
            self.text_view.show_text(self.detail.text, self._glossary, words)
            self._mark_editors()

    def show_nothing(self) -> None:
        self.flush()
        self._detail = None
        self.stack.setCurrentWidget(self.empty)

    def show_node(self, node: Node) -> None:
        self.flush()
        self._detail = None
        self.summary.show_node(node)
        self.stack.setCurrentWidget(self.summary)

    def show_action(self, detail: ActionDetail) -> None:
        """Show another action line (a pending edit of the previous one is saved first)."""
        if self._detail is not None and self._detail.id != detail.id:
            self.flush()
        self._detail = detail
        self._shown = {}
        self._loading = True
        try:
            self.breadcrumb.setText(detail.breadcrumb)
            self.ref_label.setText(detail.ref)
            self.text_view.show_text(detail.text, self._glossary, self._words)
            for field, edit in self._editors():
                edit.setPlainText(getattr(detail, field))
                self._shown[field] = getattr(detail, field)
            self.tags_edit.setText(", ".join(detail.tags))
            self._shown["tags"] = self.tags_edit.text()
            self._show_values(detail)
        finally:
            self._loading = False
        self._mark_editors()
        self._set_save_state("")
        if self.page_scroll is not None:  # built with the page, above
            self.stack.setCurrentWidget(self.page_scroll)

    def refresh_action(self, detail: ActionDetail, origin: Origin = None) -> None:
        """The shown action line changed in the database (an edit, undo or redo; `origin`,
        from the change hub, is the command that made it: this pane's own save of a field
        comes back as one whose text is the editor's, which is then not "being typed")."""
        if self._detail is None or self._detail.id != detail.id:
            return
        self._detail = detail
        self._loading = True
        try:
            for field, edit in self._editors():
                text, new = edit.toPlainText(), getattr(detail, field)
                saved = self._editor.saved_by(origin, detail.id, field)
                clean = text in (self._shown.get(field), saved)
                if clean and text != new:  # not being typed in: show the database's value
                    replace_text(edit, new)
                if clean:
                    self._shown[field] = new
            typed = _tagset(parse_tags(self.tags_edit.text()))
            if typed in (_tagset(parse_tags(self._shown.get("tags", ""))), _tagset(detail.tags)):
                self.tags_edit.setText(", ".join(detail.tags))
                self._shown["tags"] = self.tags_edit.text()
            self._show_values(detail)
        finally:
            self._loading = False
        self._mark_editors()

    def refresh_node(self, node: Node) -> None:
        if self.stack.currentWidget() is self.summary:
            self.summary.show_node(node)

    def _show_values(self, detail: ActionDetail) -> None:
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(detail.status)))
        self.private_box.setChecked(detail.notes_private)
        self.focal_box.set_detail(detail)
        items = self._history(detail.id)
        self.history_box.set_items(items)
        self.action_shown.emit(detail)  # its activities
        times = [t for t in (detail.updated_at, items[0].at if items else None) if t is not None]
        if not times:
            self.changed_label.setText("Not changed since the plan was loaded")
        else:
            newest = max(_utc(t) for t in times)
            who = f" by {items[0].who}" if items and items[0].who else ""
            self.changed_label.setText(f"Last changed {when(newest)}{who}")

    def _history(self, action_id: int) -> list[HistoryItem]:
        if self.history_source is None:
            return []
        try:
            return self.history_source(action_id)
        except PoaDeskError:
            return []

    def _editors(self) -> list[tuple[str, QPlainTextEdit]]:
        return [("notes", self.notes_edit), ("lines_to_take", self.lines_edit)]

    def _mark_editors(self) -> None:
        self.page.mark_matches(self._words)

    # -- edits ------------------------------------------------------------------------------

    @property
    def has_pending(self) -> bool:
        return self._debounce.pending

    def pending_field(self) -> str | None:
        """The field typed in and not saved yet ("notes" or "lines_to_take")."""
        if self._detail is None or not self.has_pending:
            return None
        for field, edit in self._editors():
            if edit.toPlainText() != getattr(self._detail, field):
                return field
        return None

    def pending_undo_text(self) -> str:
        """'notes edit on 1.3(b)' while typed text waits for the pause, else ''."""
        field, detail = self.pending_field(), self.detail
        return f"{FIELDS[field][0]} on {detail.ref}" if field and detail else ""

    def _typed(self) -> None:
        if self._loading or self._detail is None:
            return
        self._debounce.poke()
        self._set_save_state("Editing…")
        self._mark_editors()
        self.pending_changed.emit()

    def flush(self) -> bool:
        """Save what was typed and not yet saved; False if the database refused it (an edit
        made on a value changed underneath is refused too, but then the typed text goes to the
        clipboard and the field shows the newer value: nothing is left pending)."""
        was_pending = self._debounce.take()
        d = self._detail
        if d is None:
            return True
        ok = True
        values = {field: edit.toPlainText() for field, edit in self._editors()}
        for field, value in values.items():
            current = getattr(self._detail, field) if self._detail else value
            if value != current:
                base = self._shown.get(field, current)  # what the typing started from
                if not self._editor.edit(d.id, d.ref, field, base, value):
                    if self._editor.stale is not None:
                        self._stale(field, value)
                    else:
                        ok = False  # refused: not the database's text, keep it on screen
        ok = self._save_tags() and ok
        if was_pending:
            self._set_save_state("Saved" if ok else "Not saved")
            self.pending_changed.emit()
        return ok

    def _end_session(self) -> None:
        """The focus left a text field: its typing is one undo step, the next one another."""
        if self.flush():
            self._editor.seal()

    def _stale(self, field: str, mine: str) -> None:
        """The field was changed underneath while the officer typed: their text goes to the
        clipboard and into the message, the field shows the newer value."""
        stale, d = self._editor.stale, self._detail
        if stale is None or d is None:
            return
        if mine:
            QGuiApplication.clipboard().setText(mine)
        self._shown[field] = mine  # shown, not being typed in: the refresh replaces it
        self._editor.reload(d.id)
        QTimer.singleShot(0, self, lambda: dialogs.show_stale_edit(self, str(stale), mine))

    def _save_tags(self) -> bool:
        d = self._detail
        if d is None or self._loading:
            return True
        wanted = parse_tags(self.tags_edit.text())
        if _tagset(wanted) == _tagset(d.tags):
            return True
        if self._editor.edit(d.id, d.ref, "tags", list(d.tags), wanted):
            return True
        if self._editor.stale is not None:
            self._shown["tags"] = self.tags_edit.text()
            self._stale("tags", self.tags_edit.text())
            return True
        return False

    def _status_chosen(self, index: int) -> None:
        code = self.status_combo.itemData(index)
        if self._detail is not None and code != self._detail.status:
            self.flush()
            d = self._detail
            if not self._editor.edit(d.id, d.ref, "status", d.status, code):
                self._refused_choice("status")

    def set_status(self, code: str) -> None:
        """Choose a status from the keyboard (Edit > Status)."""
        index = self.status_combo.findData(code)
        if index >= 0:
            self._status_chosen(index)

    def _private_clicked(self, checked: bool) -> None:
        if self._detail is not None and checked != self._detail.notes_private:
            self.flush()
            d = self._detail
            if not self._editor.edit(d.id, d.ref, "notes_private", d.notes_private, checked):
                self._refused_choice("notes_private")

    def _refused_choice(self, field: str) -> None:
        """A status or private mark refused: show the database's value again."""
        d = self._detail
        if d is None:
            return
        self._show_values(d)
        if self._editor.stale is not None:
            self._stale(field, "")

    def _set_save_state(self, text: str) -> None:
        self.save_state.setText(text)


