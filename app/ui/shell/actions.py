"""Every menu action of the window, keyed by `Act` (cf. Picard's MainAction), and the menu bar.

The one place for the menus: `SPECS` gives each action its text, shortcut and icon, `MENU_BAR`
says where it goes. The window and its parts (focal points, meetings) connect the actions they
answer (`ActionRegistry.add`) and never look a menu or an action up by its text;
`build_menus()` then builds the menu bar once, from the registry.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from app.ui.shell.icons import status_icon, themed_later
from app.vocab import STATUS_CODES, STATUS_LABELS


class Act(enum.Enum):
    OPEN_TEAM_DATABASE = enum.auto()
    OPEN_DATABASE_FILE = enum.auto()
    COPY_OFFLINE = enum.auto()
    MERGE_BACK = enum.auto()
    IMPORT_ACTIVITIES = enum.auto()
    BACK_UP = enum.auto()
    BACK_UP_PRIVATE = enum.auto()
    RESTORE = enum.auto()
    BACKUPS = enum.auto()
    IMPORT_PLAN = enum.auto()
    IMPORT_MATRIX = enum.auto()
    UNDO_IMPORT = enum.auto()
    PROGRESS_REPORT = enum.auto()
    EXPORT_BRIEF_WORD = enum.auto()
    EXPORT_BRIEF_EXCEL = enum.auto()
    EXPORT_BRIEFS = enum.auto()
    EXPORT_MATRIX = enum.auto()
    QUIT = enum.auto()
    UNDO = enum.auto()
    REDO = enum.auto()
    FIND = enum.auto()
    CLEAR_FILTERS = enum.auto()
    SET_NOT_ASSESSED = enum.auto()
    SET_NOT_YET_ADDRESSED = enum.auto()
    SET_BEING_ADDRESSED = enum.auto()
    SET_ACHIEVED = enum.auto()
    SET_RECURRING = enum.auto()
    EDIT_NOTES = enum.auto()
    EDIT_LINES = enum.auto()
    EDIT_TAGS = enum.auto()
    EXPAND_ALL = enum.auto()
    COLLAPSE_ALL = enum.auto()
    GO_TO_TREE = enum.auto()
    GO_TO_DETAIL = enum.auto()
    GO_TO_AGENDA = enum.auto()
    GO_TO_ITEM = enum.auto()
    MEETINGS_PANEL = enum.auto()
    PROGRESS_VIEW = enum.auto()
    NEW_MEETING = enum.auto()
    EDIT_MEETING = enum.auto()
    DELETE_MEETING = enum.auto()
    DELETED_MEETINGS = enum.auto()
    ADD_FREE_ITEM = enum.auto()
    MY_ACRONYMS = enum.auto()
    WORD_TEMPLATE = enum.auto()
    FOCAL_REGISTER = enum.auto()
    FOCAL_COVERAGE = enum.auto()
    FOCAL_ASSIGN = enum.auto()
    OUR_GAPS = enum.auto()
    EXPORT_REGISTER = enum.auto()
    IMPORT_REGISTER = enum.auto()
    ABOUT = enum.auto()
    ABOUT_QT = enum.auto()
    GUIDE = enum.auto()
    CLOSE_WINDOW = enum.auto()


class Menu(enum.Enum):
    FILE = enum.auto()
    EDIT = enum.auto()
    STATUS = enum.auto()
    VIEW = enum.auto()
    PLAN = enum.auto()  # filled by the window with the plans in the database
    MEETING = enum.auto()
    FOCAL = enum.auto()
    DELEGATION = enum.auto()  # filled when it opens (FocalUi)
    HELP = enum.auto()
    RECENT = enum.auto()  # filled when it opens (app.ui.files.database_actions)


STATUS_ACTS: dict[str, Act] = dict(zip(STATUS_CODES, (
    Act.SET_NOT_ASSESSED, Act.SET_NOT_YET_ADDRESSED, Act.SET_BEING_ADDRESSED, Act.SET_ACHIEVED,
    Act.SET_RECURRING), strict=True))


def _redo_keys() -> list[QKeySequence]:
    """Ctrl+Shift+Z everywhere, and the platform's own Redo keys besides."""
    keys = [QKeySequence("Ctrl+Shift+Z")]
    return keys + [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
                   if k not in keys]


def _standard_or(key: QKeySequence.StandardKey, *fallback: str) -> Callable[[], list[QKeySequence]]:
    """The platform's own keys for `key`, and `fallback` besides (Windows has no Quit key:
    Ctrl+Q there too; F1 for help everywhere)."""
    def keys() -> list[QKeySequence]:
        found = list(QKeySequence.keyBindings(key))
        return found + [k for k in map(QKeySequence, fallback) if k not in found]
    return keys


Shortcut = str | QKeySequence.StandardKey | Callable[[], list[QKeySequence]]


@dataclass(frozen=True)
class Spec:
    text: str
    shortcut: Shortcut | None = None
    themed: tuple[str, str] | None = None  # QIcon.ThemeIcon, QStyle.StandardPixmap names
    status: str | None = None  # a status code: its icon
    checkable: bool = False  # the slot is given `checked`


SPECS: dict[Act, Spec] = {
    Act.OPEN_TEAM_DATABASE: Spec("Open &Team Database…"),
    Act.OPEN_DATABASE_FILE: Spec("&Open Database File…", QKeySequence.StandardKey.Open,
                                 themed=("DocumentOpen", "SP_DialogOpenButton")),
    Act.COPY_OFFLINE: Spec("Take a Copy O&ffline…"),
    Act.MERGE_BACK: Spec("Bring My &Changes Back…"),
    Act.IMPORT_ACTIVITIES: Spec("Import &Activities…"),
    Act.BACK_UP: Spec("&Back Up…", themed=("DocumentSaveAs", "SP_DialogSaveButton")),
    Act.BACK_UP_PRIVATE: Spec("Back Up Including &Private Notes…"),
    Act.RESTORE: Spec("&Restore or Merge from Backup…",
                      themed=("DocumentOpen", "SP_DialogOpenButton")),
    Act.BACKUPS: Spec("Bac&kups…"),
    Act.IMPORT_PLAN: Spec("&Import Plan…"),
    Act.IMPORT_MATRIX: Spec("Import &Matrix…"),
    Act.UNDO_IMPORT: Spec("&Undo Last Import…"),
    Act.PROGRESS_REPORT: Spec("Pro&gress Report…"),
    Act.EXPORT_BRIEF_WORD: Spec("Export Brief as &Word…"),
    Act.EXPORT_BRIEF_EXCEL: Spec("Export Brief as &Excel…"),
    Act.EXPORT_BRIEFS: Spec("Export Brief&s: Word and Excel", "Ctrl+E"),
    Act.EXPORT_MATRIX: Spec("Export Implementation Matri&x…"),
    Act.QUIT: Spec("&Quit", _standard_or(QKeySequence.StandardKey.Quit, "Ctrl+Q"),
                   themed=("ApplicationExit", "SP_DialogCloseButton")),
    Act.UNDO: Spec("Undo", QKeySequence.StandardKey.Undo, themed=("EditUndo", "SP_ArrowBack")),
    Act.REDO: Spec("Redo", _redo_keys, themed=("EditRedo", "SP_ArrowForward")),
    Act.FIND: Spec("&Find…", QKeySequence.StandardKey.Find,
                   themed=("EditFind", "SP_FileDialogContentsView")),
    Act.CLEAR_FILTERS: Spec("&Clear Search and Filters", "Ctrl+Shift+F"),
    **{act: Spec(STATUS_LABELS[code], f"Ctrl+{number}", status=code)
       for number, (code, act) in enumerate(STATUS_ACTS.items(), start=1)},
    Act.EDIT_NOTES: Spec("Edit &Notes", "Ctrl+Shift+N"),
    Act.EDIT_LINES: Spec("Edit &Lines to Take", "Ctrl+Shift+L"),
    Act.EDIT_TAGS: Spec("Edit &Tags", "Ctrl+Shift+G"),
    Act.EXPAND_ALL: Spec("&Expand All", "Ctrl+Shift+E"),
    Act.COLLAPSE_ALL: Spec("&Collapse All", "Ctrl+Shift+C"),
    Act.GO_TO_TREE: Spec("Go to Plan &Tree", "Ctrl+Shift+T"),
    Act.GO_TO_DETAIL: Spec("Go to &Detail Pane", "Ctrl+Shift+D"),
    Act.GO_TO_AGENDA: Spec("Go to &Agenda", "Ctrl+Shift+M"),
    Act.GO_TO_ITEM: Spec("Go to Agenda &Item", "Ctrl+Shift+I"),
    Act.MEETINGS_PANEL: Spec("&Meetings Panel", "Ctrl+M", checkable=True),
    Act.PROGRESS_VIEW: Spec("Pr&ogress", "Ctrl+Shift+R"),
    Act.NEW_MEETING: Spec("&New Meeting…", QKeySequence.StandardKey.New),
    Act.EDIT_MEETING: Spec("Ed&it Meeting…"),
    Act.DELETE_MEETING: Spec("&Delete Meeting…"),
    Act.DELETED_MEETINGS: Spec("De&leted Meetings…"),
    Act.ADD_FREE_ITEM: Spec("Add &Free-Text Item…"),
    Act.MY_ACRONYMS: Spec("My &Acronyms…"),
    Act.WORD_TEMPLATE: Spec("Word &Template…"),
    Act.FOCAL_REGISTER: Spec("Focal-Point &Register…", "Ctrl+Shift+P"),
    Act.FOCAL_COVERAGE: Spec("&Coverage…", "Ctrl+Shift+K"),
    Act.FOCAL_ASSIGN: Spec("&Assign a Focal Point…", "Ctrl+Shift+A"),
    Act.OUR_GAPS: Spec("Show &Our Gaps", "Ctrl+Shift+Y", checkable=True),
    Act.EXPORT_REGISTER: Spec("&Export Register to Excel…"),
    Act.IMPORT_REGISTER: Spec("&Import Register from Excel…"),
    Act.ABOUT: Spec("&About POA Desk", themed=("HelpAbout", "SP_MessageBoxInformation")),
    Act.ABOUT_QT: Spec("About &Qt"),
    Act.GUIDE: Spec("POA Desk &Guide", _standard_or(QKeySequence.StandardKey.HelpContents, "F1"),
                    themed=("HelpFaq", "SP_DialogHelpButton")),
    Act.CLOSE_WINDOW: Spec("C&lose Window", _standard_or(QKeySequence.StandardKey.Close,
                                                         "Ctrl+W")),
}

_BRIEFS = (Act.EXPORT_BRIEFS, Act.EXPORT_BRIEF_WORD, Act.EXPORT_BRIEF_EXCEL, Act.EXPORT_MATRIX)

# The menus, in menu-bar order: title, object name, and what each holds (an action, a submenu,
# or None for a separator). A submenu is listed after the menu that holds it.
MENU_BAR: dict[Menu, tuple[str, str, tuple[Act | Menu | None, ...]]] = {
    Menu.FILE: ("&File", "fileMenu", (
        Act.OPEN_TEAM_DATABASE, Act.OPEN_DATABASE_FILE, Menu.RECENT, Act.COPY_OFFLINE,
        Act.MERGE_BACK, None,
        Act.BACK_UP, Act.BACK_UP_PRIVATE, Act.RESTORE, None, Act.BACKUPS, None,
        Act.IMPORT_PLAN, Act.IMPORT_MATRIX, Act.IMPORT_ACTIVITIES, Act.UNDO_IMPORT, None, *_BRIEFS,
        Act.PROGRESS_REPORT, None, Act.CLOSE_WINDOW, Act.QUIT)),
    Menu.EDIT: ("&Edit", "editMenu", (
        Act.UNDO, Act.REDO, None, Act.FIND, Act.CLEAR_FILTERS, None, Menu.STATUS,
        Act.EDIT_NOTES, Act.EDIT_LINES, Act.EDIT_TAGS)),
    Menu.STATUS: ("Set &Status", "statusMenu", tuple(STATUS_ACTS.values())),
    Menu.VIEW: ("&View", "viewMenu", (
        Act.EXPAND_ALL, Act.COLLAPSE_ALL, None, Act.GO_TO_TREE, Act.GO_TO_DETAIL,
        Act.GO_TO_AGENDA, Act.GO_TO_ITEM, None, Menu.PLAN, None, Act.MEETINGS_PANEL,
        Act.PROGRESS_VIEW)),
    Menu.PLAN: ("&Plan", "planMenu", ()),
    Menu.MEETING: ("&Meeting", "meetingMenu", (
        Act.NEW_MEETING, Act.EDIT_MEETING, Act.DELETE_MEETING, Act.DELETED_MEETINGS, None,
        Act.MEETINGS_PANEL, Act.ADD_FREE_ITEM, None, *_BRIEFS, Act.WORD_TEMPLATE, None,
        Act.MY_ACRONYMS)),
    Menu.FOCAL: ("F&ocal Points", "focalMenu", (
        Act.FOCAL_REGISTER, Act.FOCAL_COVERAGE, Act.FOCAL_ASSIGN, None, Menu.DELEGATION,
        Act.OUR_GAPS, None, Act.EXPORT_REGISTER, Act.IMPORT_REGISTER)),
    Menu.DELEGATION: ("My &Delegation", "delegationMenu", ()),
    Menu.HELP: ("&Help", "helpMenu", (Act.GUIDE, None, Act.ABOUT, Act.ABOUT_QT)),
    Menu.RECENT: ("Open Rece&nt", "recentMenu", ()),
}
# Per-system keys where a shortcut clashes with the system's ("Ctrl" is Cmd on a Mac): Cmd+M
# is the Mac's Minimize (Cmd+Option+M minimizes all), so the meetings panel is Cmd+Option+A.
SYSTEM_KEYS: dict[str, dict[Act, Shortcut]] = {
    "darwin": {Act.MEETINGS_PANEL: "Ctrl+Alt+A"},
}


def shortcut_of(act: Act) -> Shortcut | None:
    """`act`'s shortcut on this system (`SPECS`, or `SYSTEM_KEYS` where that clashes)."""
    return SYSTEM_KEYS.get(sys.platform, {}).get(act, SPECS[act].shortcut)


TOP_MENUS = (Menu.FILE, Menu.EDIT, Menu.VIEW, Menu.MEETING, Menu.FOCAL, Menu.HELP)


class ActionRegistry:
    """The window's actions by `Act`, made from `SPECS`; `build_menus` puts them in menus."""

    def __init__(self, parent: QObject) -> None:
        self._parent = parent  # the window: its actions' shortcuts work anywhere in it
        self._actions: dict[Act, QAction] = {}
        self._on_show: list[tuple[Menu, Callable[[], object]]] = []
        self.menus: dict[Menu, QMenu] = {}

    def add(self, act: Act, slot: Callable[..., object] | None = None,
            action: QAction | None = None) -> QAction:
        """`act`'s action calling `slot()` (`slot(checked)` if it is checkable); or `action`,
        made elsewhere (a dock's toggle), given `act`'s text and shortcut."""
        if act in self._actions:
            raise ValueError(f"{act} is registered already")
        spec = SPECS[act]
        if action is None:
            action = QAction(spec.text, self._parent)
            action.setCheckable(spec.checkable)
        action.setText(spec.text)
        shortcut = shortcut_of(act)
        if callable(shortcut):
            action.setShortcuts(shortcut())
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if spec.status is not None:
            action.setIcon(status_icon(spec.status))
        if slot is not None:
            if spec.checkable:
                action.triggered.connect(slot)
            else:
                action.triggered.connect(lambda _checked=False: slot())
        self._actions[act] = action
        return action

    def __getitem__(self, act: Act) -> QAction:
        return self._actions[act]

    def on_show(self, menu: Menu, callback: Callable[[], object]) -> None:
        """Call `callback` each time `menu` is about to open (to fill it, or update it)."""
        self._on_show.append((menu, callback))

    def build_menus(self, bar: QMenuBar) -> dict[Menu, QMenu]:
        """The menu bar, once every part has registered its actions."""
        for menu_id, (title, name, _) in MENU_BAR.items():
            menu = QMenu(title, bar)
            menu.setObjectName(name)
            self.menus[menu_id] = menu
        for menu_id in TOP_MENUS:
            bar.addMenu(self.menus[menu_id])
        themed: set[Act] = set()
        for menu_id, (_, _, entries) in MENU_BAR.items():
            menu = self.menus[menu_id]
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                elif isinstance(entry, Menu):
                    menu.addMenu(self.menus[entry])
                elif entry in self._actions:
                    menu.addAction(self._actions[entry])
                    spec = SPECS[entry]
                    if spec.themed is not None and entry not in themed:
                        themed.add(entry)  # the icon is looked up when the menu first opens
                        themed_later(menu, self._actions[entry], *spec.themed)
        for menu_id, callback in self._on_show:
            self.menus[menu_id].aboutToShow.connect(callback)
        return self.menus
