"""The plan browser: the plan tree with its search and filters on the left, the detail pane on
the right, and what joins them (which plan is shown, the selection, the refresh after a change).

It is the window's `Navigator` (app.ui.shell.parts): the other parts show rows, filter the tree
and read what the pane shows through it. View > Plan shows one plan, or all of them side by side
(each under its title; search and filters run across them; the plan the other parts work on is
then the current row's). It asks the session for the Desk and follows
`desk_changed`: the fast start's Desk attached after the first paint (the tree read without it
is kept, refreshed if it changed meanwhile), or another database shown (its plan loaded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu

from app.errors import PoaDeskError
from app.refs import ref_key
from app.ui.plan.action_commands import ActionEditor
from app.ui.plan.detail_pane import DetailPane
from app.ui.plan.plan_filter import FilterCriteria
from app.ui.plan.plan_side import PlanSide
from app.ui.plan.plan_tree_model import ACTION, SECTION, Node, in_plan, node_ref
from app.ui.plan.text_marks import query_words
from app.ui.shell.screen import bring_forward
from app.values import ActionDetail, Change, PlanInfo, PlanTree

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from app.service import Desk
    from app.ui.shell.commands import ChangeHub, Origin
    from app.ui.shell.host import Frame
    from app.ui.shell.session import DeskSession
    from app.ui.shell.settings import UiSettings


def _actions_under(node: Node) -> list[Node]:
    if node.kind == ACTION:
        return [node]
    return [leaf for child in node.children for leaf in _actions_under(child)]


class PlanBrowser(QObject):
    tree_shown = Signal(object)  # PlanTree: a plan was (re)loaded into the tree

    def __init__(self, session: DeskSession, hub: ChangeHub, settings: UiSettings,
                 frame: Frame, save_delay_ms: int = 600, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.hub, self.settings, self.frame = session, hub, settings, frame
        self.plan_id_shown = 0  # the plan shown (the first one when all are)
        self.all_plans = False  # View > Plan > All Plans
        self.current_key = ""
        self._refs: tuple[object, dict[tuple[int, tuple[str, ...]], Node]] = ((), {})
        self._navigating = False  # a programmatic selection change: do not reload the pane
        self.plans_menu: QMenu | None = None  # View > Plan (the window gives it)
        self.editor = ActionEditor(session.desk if session.ready else None, hub,
                                   frame.show_error)
        self.side = PlanSide()  # the filter bar over the plan tree
        self.model, self.proxy, self.tree = self.side.model, self.side.proxy, self.side.tree
        self.filters = self.side.filters
        self.side.named_key = lambda text: getattr(self.ref_node(text), "key", None)
        self._refilter = QTimer(self, singleShot=True, interval=0)
        self._refilter.timeout.connect(lambda: self.apply_filter(force=True))
        self.filters.changed.connect(lambda: self.apply_filter())
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        self.detail = DetailPane(self.editor, save_delay_ms)
        self.detail.history_source = lambda action_id: session.desk.history(action_id,
                                                                            limit=200)
        self.detail.action_activated.connect(self.reveal_action)
        self.detail.key_activated.connect(self.select_key)
        hub.changed.connect(self._changed)  # first: the other views after the tree
        session.desk_changed.connect(self._desk_changed)

    # -- the Navigator (app.ui.shell.parts) -------------------------------------------------

    @property
    def filters_changed(self) -> SignalInstance:
        return self.filters.changed

    def plan_id(self) -> int:
        """The plan the other parts work on: the one shown, or with all plans shown the
        current row's (the first plan's before a row is chosen)."""
        node = self.model.node_for_key(self.current_key) if self.model.several else None
        plan = self.model.plan_of(node) if node is not None else None
        return plan if plan is not None else self.plan_id_shown

    def shown(self) -> tuple[ActionDetail | None, str | None]:
        return self.detail.detail, self.detail.shown_section_number

    def show_row(self, key: str, plan_id: int) -> None:
        """Select a row ("a1.3(b)", "s1.3") of a plan, switching to it, and raise the window."""
        shown = {t.plan.id for t in self.model.trees}
        if self.model.several and plan_id in shown:
            key = key if key.startswith("P") else in_plan(key, plan_id)
        elif plan_id != self.plan_id_shown or self.all_plans:
            self.switch_plan(plan_id)
        self.select_key(key)
        bring_forward(self.side.window())

    def show_lines(self, key: str, status: str | None = None) -> None:
        """A pillar's ("p1") or section's ("s1.3") lines in the tree, or the whole plan's
        (""); with `status`, only the lines with that status. The other filters are
        cleared, and the window comes forward (over the Progress window)."""
        filters = self.filters
        self.side.clear_filters()
        index = filters.status.findData(status) if status else 0
        filters.status.setCurrentIndex(max(index, 0))
        filters.search.setText(key[1:] if key.startswith("s") else "")
        if key:
            self.show_row(key, self.plan_id())
        else:
            bring_forward(self.side.window())

    def filter_without(self, code: str) -> None:
        """The lines without a focal point of `code` (the other filters cleared)."""
        filters = self.filters
        self.side.clear_filters()
        filters.country.setCurrentIndex(max(0, filters.country.findData(code)))
        filters.mode.setCurrentIndex(max(0, filters.mode.findData(False)))

    def set_delegation(self, code: str | None) -> None:
        self.filters.set_delegation(code)

    def show_our_gaps(self, on: bool) -> None:
        self.filters.show_our_gaps(on)

    def gaps(self) -> tuple[str, bool]:
        return self.filters.delegation_name, self.filters.showing_our_gaps

    # -- the database -----------------------------------------------------------------------

    def start(self, desk: Desk, plan_id: int | None = None) -> None:
        """The window opened the full way: the Desk first, then its plan."""
        self.filters.set_countries(desk.countries())
        self.load_plan(plan_id if plan_id is not None else desk.default_plan_id())

    def _desk_changed(self, desk: Desk) -> None:
        fast_start = self.editor.desk is None
        self.editor.desk = desk
        self.filters.set_countries(desk.countries())
        if not fast_start:  # another database, or the same after a restore: its plan
            plans = {p.id for p in desk.plans()}
            if self.all_plans and len(plans) > 1:
                self.show_trees(self._read_trees())
                return
            self.load_plan(self.plan_id_shown if self.plan_id_shown in plans
                           else desk.default_plan_id())
            return
        fresh = desk.plan_tree(self.plan_id_shown)
        if fresh != self.model.tree:  # changed since the fast read (by another program)
            self.model.refresh(fresh)
            self.tree.restore_expansion()
            self.side.update_counts()
        self._load_plan_lists()
        node = self.model.node_for_key(self.current_key)
        if node is not None:  # show it again, now with what only the Desk can tell
            index = self.tree.index_of(node.key)
            if index.isValid() and index == self.tree.currentIndex():
                self._show(node)
            else:
                self.select_key(node.key)

    # -- the plan ---------------------------------------------------------------------------

    @property
    def plan_key(self) -> str:
        return "plans" if self.all_plans else f"plan{self.plan_id_shown}"

    def load_plan(self, plan_id: int) -> None:
        self.all_plans = False
        self.plan_id_shown = plan_id
        self.show_tree(self.session.desk.plan_tree(plan_id))

    def show_all_plans(self) -> None:
        """View > Plan > All Plans: every plan in the tree, each under its title."""
        if not self.all_plans:
            if not self.frame.flush():  # as a switch of plans: typed text first
                self.fill_plans_menu()
                self.frame.report_unsaved()
                return
            self.save_tree_state()
            self.hub.stack.clear()
        self.all_plans = True
        self.show_trees(self._read_trees())

    def _read_trees(self) -> list[PlanTree]:
        desk = self.session.desk
        if self.all_plans:
            plans = desk.plans()
            if len(plans) > 1:
                return [desk.plan_tree(info.id) for info in plans]
            self.all_plans = False
            self.plan_id_shown = plans[0].id if plans else self.plan_id_shown
        return [desk.plan_tree(self.plan_id_shown)]

    def _load_plan_lists(self) -> None:
        """What the Desk adds to the tree: the glossary, the tags, the plans menu."""
        from app.glossary import Acronym

        desk = self.session.desk
        glossary = {a.abbr: Acronym(a.abbr, a.expansion)
                    for tree in reversed(self.model.trees) for a in desk.acronyms(tree.plan.id)}
        self.detail.set_glossary(list(glossary.values()))
        self.filters.set_tags(desk.all_tags())
        self.fill_plans_menu()

    def show_tree(self, tree: PlanTree) -> None:
        self.show_trees([tree])

    def show_trees(self, trees: list[PlanTree]) -> None:
        """Show these plans' trees (one, or all of them side by side)."""
        self.plan_id_shown = trees[0].plan.id
        self.model.set_trees(trees)
        if self.session.ready:
            self._load_plan_lists()
        if len(trees) > 1:  # the window's title names what is shown
            total = sum(t.plan.action_count for t in trees)
            self.tree_shown.emit(PlanTree(PlanInfo(trees[0].plan.id, f"All {len(trees)} plans",
                                                   "", total), ()))
        else:
            self.tree_shown.emit(trees[0])
        self.proxy.set_criteria(self._criteria())
        self.tree.set_expanded_keys(self.settings.expanded(self.plan_key))
        self.side.update_counts()
        self.current_key = ""
        self.detail.show_nothing()
        # Where the officer left off; on a first run, the first pillar's summary.
        saved = self.settings.current(self.plan_key)
        first = self.model.root_children()[0].key if self.model.root_children() else ""
        self.select_key(saved if self.model.node_for_key(saved) is not None else first)

    def fill_plans_menu(self) -> None:
        menu = self.plans_menu
        if menu is None:
            return
        menu.clear()
        plans = self.session.desk.plans()
        menu.setEnabled(len(plans) > 1)
        for info in plans:
            action = menu.addAction(f"{info.title} ({info.action_count})")
            action.setCheckable(True)
            action.setChecked(info.id == self.plan_id_shown and not self.all_plans)
            action.triggered.connect(lambda _c=False, pid=info.id: self.switch_plan(pid))
        if len(plans) > 1:  # last: the plans keep their places in the menu
            menu.addSeparator()
            every = menu.addAction(f"All Plans ({sum(p.action_count for p in plans)})")
            every.setCheckable(True)
            every.setChecked(self.all_plans)
            every.triggered.connect(lambda _c=False: self.show_all_plans())

    def switch_plan(self, plan_id: int) -> None:
        if plan_id != self.plan_id_shown or self.all_plans:
            # Typed text first, before the undo stack is cleared; refused: stay on this plan.
            if not self.frame.flush():
                self.fill_plans_menu()  # its check mark back on this plan
                self.frame.report_unsaved()
                return
            self.save_tree_state()
            self.hub.stack.clear()  # its commands name action lines of the other plan
            self.load_plan(plan_id)

    def save_tree_state(self) -> None:
        self.settings.set_expanded(self.plan_key, self.tree.expanded_keys)
        self.settings.set_current(self.plan_key, self.current_key)

    # -- search and filters -----------------------------------------------------------------

    def _criteria(self) -> FilterCriteria:
        return self.side.criteria(self._search)

    def _ref_nodes(self, text: str) -> list[Node]:
        """The action lines or sections a search in a plan's notation names ("2.1(c)", "2.1c",
        "5(a)", "2.1", "I.3", "1.1.1."; app.refs.ref_key), one per plan shown that has it,
        the current row's plan first."""
        key = ref_key(text.strip())
        if key is None:
            return []
        trees = self.model.trees
        if self._refs[0] is not trees:  # by plan and reference key, built once per tree
            index: dict[tuple[int, tuple[str, ...]], Node] = {}
            for node in self.model.nodes():
                if node.kind in (ACTION, SECTION):
                    k = ref_key(node_ref(node) or "")
                    plan = self.model.plan_of(node)
                    if k is not None and plan is not None:
                        index.setdefault((plan, k), node)  # (an action line before a section)
            self._refs = (trees, index)
        found = self._refs[1]
        first = self.plan_id()
        plans = [first, *(t.plan.id for t in trees if t.plan.id != first)]
        return [found[(plan, key)] for plan in plans if (plan, key) in found]

    def ref_node(self, text: str) -> Node | None:
        """The action line or section a search in the plan's notation names, if a plan shown
        has it (with all plans shown: the current row's plan's, else the first that has it)."""
        nodes = self._ref_nodes(text)
        return nodes[0] if nodes else None

    def _search(self, text: str) -> frozenset[int]:
        nodes = self._ref_nodes(text)
        if nodes:  # a reference: that line, or that section's lines, only (in every plan)
            return frozenset(n.value.id for node in nodes for n in _actions_under(node))
        try:
            if self.model.several:  # (all the plans are shown)
                return frozenset(self.session.desk.search_ids(text, every_plan=True))
            return frozenset(self.session.desk.search_ids(text, self.plan_id_shown))
        except PoaDeskError as exc:
            self.frame.show_error(str(exc))
            return frozenset()

    def apply_filter(self, force: bool = False) -> None:
        """Once per keystroke or filter change: filter, keep the selection, count, highlight.
        `force`: the criteria are the same but the values under them changed (an edit)."""
        criteria = self._criteria()
        if criteria != self.proxy.criteria or force:
            self._navigating = True
            try:
                self.tree.apply_criteria(criteria)
                self.tree.show_current(self.current_key)  # the pane keeps it if filtered out
            finally:
                self._navigating = False
            self.side.update_counts()
            target = self.ref_node(self.filters.text)
            if target is not None and not force and target.key != self.current_key:
                self.select_key(target.key)  # straight to it: Ctrl+3 then changes that line
        self.detail.set_search_words(query_words(self.filters.text))

    # -- selection --------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = None if self._navigating else self.tree.node_at(current)
        if node is not None:
            self._show(node)

    def _show(self, node: Node) -> None:
        if not self.detail.flush():  # refused (database locked...): keep the text on screen
            self._stay_on_unsaved()
            return
        self.editor.seal()
        self.current_key = node.key
        if node.kind != ACTION:
            self.detail.show_node(node)
            return
        if not self.session.ready:  # the fast start: the Desk's arrival shows it
            self.detail.show_nothing()
            return
        try:
            self.detail.show_action(self.session.desk.action(node.value.id))
        except PoaDeskError as exc:
            self.frame.show_error(str(exc))
            return
        self._name_plan(node)

    def _name_plan(self, node: Node) -> None:
        """With several plans shown, the pane's line above the reference names the plan."""
        plan = self.model.plan_of(node) if self.model.several else None
        tree = next((t for t in self.model.trees if t.plan.id == plan), None)
        detail = self.detail.detail
        if tree is not None and detail is not None:
            self.detail.breadcrumb.setText(f"{tree.plan.title} › {detail.breadcrumb}")

    def _stay_on_unsaved(self) -> None:
        """The pane's typed text could not be saved: its action line stays selected and
        shown (the text is saved by the next keystroke, move or close)."""
        index = self.tree.index_of(self.current_key)
        self._navigating = True
        try:
            if index.isValid():
                self.tree.setCurrentIndex(index)
            else:
                self.tree.selectionModel().clear()
        finally:
            self._navigating = False
        self.frame.report_unsaved()

    def select_key(self, key: str) -> None:
        """Select a row by key; one hidden by the filters is shown in the pane all the same."""
        node = self.model.node_for_key(key)
        if node is None:
            return
        index = self.tree.index_of(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            return
        self._navigating = True
        try:
            self.tree.selectionModel().clear()
        finally:
            self._navigating = False
        self._show(node)

    def reveal_action(self, action_id: int) -> None:
        node = self.model.node_for_action(action_id)
        if node is not None and node.key != self.current_key:
            self.select_key(node.key)

    def _activated(self, index: QModelIndex) -> None:
        node = self.tree.node_at(index)
        if node is not None and node.kind == ACTION:
            self.detail.notes_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_refs(self, node: Node) -> tuple[list[str], list[str]]:
        """What an agenda takes for the rows a context menu is about: the selection (in the
        tree's order) when `node` is in it, else `node` alone; and which are sections."""
        selected = self.tree.selected_nodes()
        nodes = selected if node in selected else [node]
        plan = self.model.plan_of(node)  # (all plans shown: an agenda takes one plan's lines)
        nodes = [n for n in nodes if self.model.plan_of(n) == plan]
        refs = [ref for ref in map(node_ref, nodes) if ref is not None]
        return refs, [node_ref(n) or "" for n in nodes if n.kind == SECTION]

    # -- edits ------------------------------------------------------------------------------

    def _changed(self, change: Change, origin: Origin = None) -> None:
        """Refresh what a change names: its rows, the pane, the totals, the filter."""
        if change.warnings:
            self.frame.status("; ".join(change.warnings), 8000)
        if not (change.action_ids or change.plan_structure or change.focal_points):
            return  # a meeting: not shown in the tree
        desk = self.session.desk
        if change.plan_structure or change.focal_points:
            self.model.refresh(self._read_trees())
        tags_changed = False
        for action_id in sorted(change.action_ids):
            try:
                detail = desk.action(action_id)
            except PoaDeskError:
                continue
            node = self.model.node_for_action(action_id)
            tags_changed |= node is not None and node.value.tags != detail.tags
            self.model.update_action(detail.summary())
            if self.detail.detail is not None and self.detail.detail.id == action_id:
                self.detail.refresh_action(detail, origin)
                if node is not None:
                    self._name_plan(node)
        current = self.model.node_for_key(self.current_key)
        if current is not None and current.kind != ACTION:
            self.detail.refresh_node(current)
        if tags_changed:
            self.filters.set_tags(desk.all_tags())
        self.side.update_counts()
        if self.proxy.criteria.active:
            self._refilter.start()  # after this edit's signals have settled
