"""Paint first: the tree read without the Desk, the Desk attached right after the first paint.

The fast start must show what the full way shows, allow no edit before the Desk is there, and
step aside (open the Desk first, as before) for anything but an up-to-date database.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from app.errors import DatabaseError, PoaDeskError
from app.focal.values import FocalPointFields
from app.service import Desk
from app.store import fast_open
from app.ui.main import open_window, open_window_fast, run_window
from app.ui.plan.plan_tree_model import HEADERS
from app.ui.shell.settings import UiSettings
from app.ui.window import OPENING_TEXT
from tests.ui.helpers import click_row, proxy_index


def _rows(window) -> list[tuple[str, ...]]:
    """Every row shown, depth-first, with the text of each column."""
    out = []
    index = window.tree.model().index(0, 0)
    while index.isValid():
        out.append(tuple(index.sibling(index.row(), c).data() for c in range(len(HEADERS))))
        index = window.tree.indexBelow(index)
    return out


def _show(qtbot, window) -> None:
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # window shortcuts need the active window
        window.show()
        window.activateWindow()


def _status_in_db(db_path, ref: str) -> str:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT status FROM action_lines WHERE ref = ?", (ref,)).fetchone()[0]


def test_the_fast_start_shows_the_tree_the_desk_shows(qtbot, db_path, tmp_path, shown_dialogs):
    desk = Desk.open(db_path)  # an officer's database, not the pristine plan
    try:
        desk.set_status(desk.resolve_ref("1.3(b)"), "Achieved")
        desk.set_notes(desk.resolve_ref("2.1(c)"), "raised at the SOM")
        desk.set_tags(desk.resolve_ref("5(a)"), ["AEMM"])
        person = desk.focal.add(FocalPointFields("Siti Rahmawati", "ID"))
        desk.focal.assign(person.id, desk.focal.resolve_target("1.3").target)
    finally:
        desk.close()

    fast = open_window_fast(db_path, UiSettings(tmp_path / "fast.ini"))
    full = open_window(db_path, UiSettings(tmp_path / "full.ini"))
    assert fast is not None and full is not None
    qtbot.addWidget(fast)
    qtbot.addWidget(full)
    assert not fast.ready and full.ready
    assert len(_rows(fast)) == 5 + 29 + 165
    assert _rows(fast) == _rows(full)
    assert fast.windowTitle() == full.windowTitle()
    assert fast.progress_label.text() == full.progress_label.text()
    assert fast.filters.count.text() == full.filters.count.text() == "165 of 165 action lines"
    assert proxy_index(fast, "a1.3(c)", 2).data() == "1"  # the section's focal point

    fast.attach_desk(Desk.open(db_path))
    assert fast.ready and _rows(fast) == _rows(full)
    assert fast.filters.tag.findText("AEMM") > 0  # what only the Desk adds: tags, glossary...
    assert fast.filters.country.findData("ID") > 0


def test_nothing_can_be_edited_before_the_desk_is_attached(qtbot, db_path, tmp_path,
                                                           shown_dialogs):
    window = open_window_fast(db_path, UiSettings(tmp_path / "ui.ini"), save_delay_ms=10)
    assert window is not None
    _show(qtbot, window)
    with pytest.raises(PoaDeskError):
        window.desk  # noqa: B018 - the property refuses: the database is still opening
    assert not window.filters.isEnabled() and not window.filters.search.isEnabled()
    assert not window.menuBar().isEnabled()  # and with it the menus' shortcuts

    click_row(qtbot, window, "a1.3(b)")  # browsing works
    assert window.detail.detail is None  # no editor shown: nothing to type into
    assert window.detail.empty.text() == OPENING_TEXT and window.detail.empty.isVisible()
    qtbot.keyClick(window.tree, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # Achieved
    aid = next(a.id for a in window.model.actions() if a.ref == "1.3(b)")
    assert not window.editor.edit(aid, "1.3(b)", "status", "not_assessed", "achieved")
    assert window.undo_stack.count() == 0
    assert _status_in_db(db_path, "1.3(b)") == "not_assessed"

    with qtbot.waitSignal(window.desk_attached, timeout=1000):
        window.attach_desk(Desk.open(db_path))
    assert window.ready and window.filters.isEnabled() and window.menuBar().isEnabled()
    assert window.detail.ref_label.text() == "1.3(b)"  # the selection, now with its detail
    assert window.detail.empty.text() != OPENING_TEXT
    qtbot.keyClick(window.tree, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert _status_in_db(db_path, "1.3(b)") == "achieved"
    assert window.undo_action.text() == "Undo status change on 1.3(b)"
    qtbot.keyClicks(window.filters.search, "cybersecurity")
    assert window.proxy.accepted_count < 10  # search works too


def test_run_window_paints_first_then_attaches_the_desk(qapp, db_path, tmp_path, shown_dialogs):
    seen = {}

    def shown(window):
        seen["painted"] = (window.ready, window.proxy.rowCount(), window.filters.isEnabled())

    def ready(window):
        seen["ready"] = (window.ready, window.filters.isEnabled(), window.desk.path)
        window.close()

    assert run_window(db_path, settings=UiSettings(tmp_path / "ui.ini"), on_shown=shown,
                      on_ready=ready) == 0
    assert seen["painted"] == (False, 5, False)
    assert seen["ready"] == (True, True, db_path)
    assert shown_dialogs == []


def test_an_older_schema_takes_the_full_way(qapp, db_path, tmp_path, shown_dialogs,
                                            monkeypatch):
    # This version knows a newer schema than the file's: no fast read, Desk.open migrates.
    monkeypatch.setattr(fast_open, "scanned_head_revision", lambda: "next-release")
    assert open_window_fast(db_path, UiSettings(tmp_path / "fast.ini")) is None
    seen = {}

    def shown(window):
        seen["ready at first paint"] = window.ready
        seen["rows"] = window.proxy.rowCount()
        window.close()

    assert run_window(db_path, settings=UiSettings(tmp_path / "ui.ini"), on_shown=shown) == 0
    assert seen == {"ready at first paint": True, "rows": 5}


def test_a_first_run_creates_the_database_the_full_way(qapp, seed_db, tmp_path, shown_dialogs,
                                                       monkeypatch):
    from app import paths

    # A first run names no database: the default one, in a user-data folder not made yet
    # (the core makes only that folder; a folder the user names must exist).
    monkeypatch.setattr(paths, "seed_database", lambda: seed_db)
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "data" / "POA Desk")
    db = tmp_path / "data" / "POA Desk" / "poadesk.db"
    seen = {}

    def shown(window):
        seen["ready"] = window.ready
        seen["db"] = window.db_path
        window.close()

    assert run_window(None, settings=UiSettings(tmp_path / "ui.ini"), on_shown=shown) == 0
    assert seen["ready"] and db.exists() and shown_dialogs == []
    assert seen["db"] in (None, db)


def test_a_database_in_a_folder_that_does_not_exist_is_refused_in_one_line(
        qapp, tmp_path, shown_dialogs):
    db = tmp_path / "no such folder" / "poadesk.db"
    assert run_window(db, settings=UiSettings(tmp_path / "ui.ini")) == 1
    (title, message), = shown_dialogs
    assert "does not exist" in message and "Traceback" not in message
    assert not db.parent.exists()


def test_a_database_refused_after_the_first_paint_closes_with_one_message(
        qapp, db_path, tmp_path, shown_dialogs, monkeypatch):
    def damaged(path=None):
        raise DatabaseError(f"database {path} is damaged (quick_check); restore it from a backup")

    monkeypatch.setattr(Desk, "open", staticmethod(damaged))
    painted = []
    assert run_window(db_path, settings=UiSettings(tmp_path / "ui.ini"),
                      on_shown=lambda w: painted.append(w.ready)) == 1
    assert painted == [False]  # the tree was on screen, then the full check refused the file
    (title, message), = shown_dialogs
    assert "is damaged" in message and "Traceback" not in message


def test_the_window_modules_do_not_load_the_core():
    """What runs before the first paint (the command line and the window's modules) must not
    import SQLAlchemy or alembic: the fast start would lose its point."""
    code = ("import sys, app.cli\n"
            "assert app.cli.window_args(['--db', 'x.db']) is not None\n"
            "import app.ui.main, app.ui.window, app.store.fast_open\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}),"
            " 'app.service' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] False", (
        "a module imported before the first paint loads the core: import it lazily, or under "
        "TYPE_CHECKING when only annotations need it")


HEAVY = {"sqlalchemy", "alembic", "docx", "openpyxl",
         # the lock before the first paint is flock on POSIX (app/store/lock.py), not portalocker
         *(() if sys.platform == "win32" else ("portalocker",))}
DEFERRED = {  # the list in app/ui/__init__.py's docstring
    "app.service", "app.store.db", "app.meetings", "app.export", "app.glossary",
    "app.interchange", "app.ui.files.file_actions", "app.ui.focal.register_io",
    "app.ui.focal.focal_register", "app.ui.focal.coverage_view", "app.ui.focal.focal_forms",
    "app.ui.focal.focal_commands", "app.ui.focal.focal_pane", "app.ui.meetings.meetings_panel",
    "app.ui.plan.action_page"}


def test_the_first_paint_loads_nothing_heavy(db_path, tmp_path):
    """The rule written in app/ui/__init__.py: up to the window's first paint (a fast start, in
    a fresh interpreter), no database layer, no document format and no window part that the
    first paint does not show is imported."""
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from app.ui.main import run_window\n"
            "from app.ui.shell.settings import UiSettings\n"
            "heavy, deferred = set(sys.argv[3].split()), set(sys.argv[4].split())\n"
            "seen = []\n"
            "def shown(window):\n"
            "    seen.append(window.ready)\n"
            "    seen.extend(sorted(m for m in sys.modules\n"
            "                       if m.split('.')[0] in heavy or m in deferred))\n"
            "    window.close()\n"
            "run_window(Path(sys.argv[1]), settings=UiSettings(Path(sys.argv[2])), "
            "on_shown=shown)\n"
            "print(seen)\n")
    result = subprocess.run([sys.executable, "-c", code, str(db_path),
                             str(tmp_path / "ui.ini"), " ".join(sorted(HEAVY)),
                             " ".join(sorted(DEFERRED))], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[False]", (
        "painted fast (ready False), and nothing of the rule's list imported by then; else "
        "import it inside the function that needs it (see app/ui/__init__.py)")
