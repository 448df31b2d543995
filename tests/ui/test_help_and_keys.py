"""Help > POA Desk Guide (F1), shipped with the app and shown in it offline; the desktop's
standard keys (Ctrl+O, Ctrl+W, Ctrl+Q) (issue 19)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.ui.help import GUIDE_DIR, PAGES
from app.ui.shell import dialogs
from app.ui.shell.actions import Act, Menu
from tests.ui.file_helpers import menu, menu_texts
from tests.ui.walk_helpers import clashes, literal_ampersands, unnamed


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links += [v for k, v in attrs if k == "href" and v]
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def _read(page: str) -> _Links:
    parser = _Links()
    parser.feed((GUIDE_DIR / f"{page}.html").read_text(encoding="utf-8"))
    return parser


def test_the_guides_pages_link_to_each_other_and_nowhere_else():
    assert sorted(p.stem for p in GUIDE_DIR.glob("*.html")) == sorted(PAGES)
    contents = _read("index")
    assert contents.links == [f"{page}.html" for page in PAGES[1:]]  # every task, in order
    for page in PAGES:
        found = _read(page)
        assert found.title.strip(), page
        assert all(link.removesuffix(".html") in PAGES for link in found.links), page
        assert page == "index" or "index.html" in found.links  # the way back to the contents


def test_the_guide_names_only_keys_and_menus_the_window_has(window):
    """What the guide tells the officer to press or choose exists, with that key."""
    shortcuts = {a.shortcut().toString() for a in window.findChildren(type(window.find_action))
                 if not a.shortcut().isEmpty()}
    menus = {t.replace("…", "") for title in ("File", "Edit", "View", "Meeting",
                                              "Focal Points", "Help")
             for t in menu_texts(menu(window, title))}
    for page in PAGES:
        text = (GUIDE_DIR / f"{page}.html").read_text(encoding="utf-8")
        for key in re.findall(r"<b>((?:Ctrl\+)(?:Shift\+)?[A-Z])</b>", text):
            assert key in shortcuts, (page, key)
        for item in re.findall(r"<b>(?:File|Meeting|Focal Points) &gt; ([^<]*)</b>", text):
            item = item.replace("&hellip;", "")
            assert item in menus, (page, item)


def test_f1_opens_the_guide_on_its_contents_and_its_links_go_on(qtbot, window):
    qtbot.keyClick(window.tree, Qt.Key.Key_F1)
    guide = window.help.window
    assert guide is not None and guide.isVisible()
    qtbot.waitExposed(guide)
    assert guide.page() == "index" and guide.windowTitle() == "POA Desk Guide"
    assert "Prepare a SOM brief" in guide.browser.toPlainText()
    assert unnamed(guide) == [] and clashes(guide) == {} and literal_ampersands(guide) == []
    guide.browser.setSource(guide.browser.source().resolved("som-brief.html"))
    assert guide.page() == "som-brief"
    assert guide.windowTitle() == "Prepare a SOM brief — POA Desk Guide"
    assert "Ctrl+N" in guide.browser.toPlainText()
    assert guide.back_button.isEnabled()
    guide.back_button.click()
    assert guide.page() == "index"
    guide.contents_button.click()
    assert menu_texts(menu(window, "Help"))[0] == "POA Desk Guide"
    # Ctrl+W closes the window in front: the guide, not the main window
    guide.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is guide)
    qtbot.keyClick(guide.browser, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not guide.isVisible() and window.isVisible()


def test_the_standard_keys(qtbot, window, monkeypatch):
    acts = window.acts
    assert QKeySequence("Ctrl+O") in acts[Act.OPEN_DATABASE_FILE].shortcuts()
    assert QKeySequence("Ctrl+N") in acts[Act.NEW_MEETING].shortcuts()
    assert QKeySequence("Ctrl+Q") in acts[Act.QUIT].shortcuts()
    assert QKeySequence("Ctrl+W") in acts[Act.CLOSE_WINDOW].shortcuts()
    assert QKeySequence("F1") in acts[Act.GUIDE].shortcuts()
    asked = []
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: asked.append(a[1]))
    qtbot.keyClick(window.tree, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Open a POA Desk database file"]
    qtbot.keyClick(window.tree, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible() and window.closed


def test_open_recent_lists_the_last_databases_and_opens_one(qtbot, window, db_path, tmp_path,
                                                            monkeypatch):
    import shutil

    other = tmp_path / "som-series.db"
    shutil.copy(db_path, other)
    gone = tmp_path / "gone.db"
    shutil.copy(db_path, gone)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: chosen.pop(0))
    chosen = [gone, other]
    for _ in range(2):
        qtbot.keyClick(window.tree, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.db_path == other
    gone.unlink()
    assert window.settings.recent_databases() == [str(other), str(gone), str(db_path)]
    recent = window.acts.menus[Menu.RECENT]
    recent.aboutToShow.emit()
    entries = [(a.text(), a.isEnabled()) for a in recent.actions() if a.text()]
    assert entries == [("som-series.db (shown)", False), ("gone.db (not found)", False),
                       (db_path.name, True), ("Clear the List", True)]
    next(a for a in recent.actions() if a.text() == db_path.name).trigger()
    assert window.db_path == db_path  # back on the first, its lock taken again
    assert window.settings.recent_databases()[0] == str(db_path)
    assert "Open Recent" in menu_texts(menu(window, "File"))


def _drop(window, path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    # (QApplication.sendEvent delivers a drop only during a real drag: the window's filter is
    # given the event as Qt would give it)
    return window.databases.drops.eventFilter(window, event) and event.isAccepted()


def test_a_backup_or_workbook_dropped_on_the_window_opens_its_imports_review(
        qtbot, window, tmp_path, monkeypatch):
    from app.export import export_matrix
    from app.interchange.json_backup import write_backup
    from app.interchange.register_xlsx import export_register

    backup, matrix, register = (tmp_path / n for n in ("b.json", "m.xlsx", "r.xlsx"))
    write_backup(window.desk, backup)
    export_matrix(window.desk, matrix)
    export_register(window.desk, register)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "run_dialog",
                        lambda dialog: shown.append(dialog.windowTitle()) and False)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: pytest.fail("asked"))
    for count, path in enumerate((backup, matrix, register), start=1):
        assert _drop(window, path)
        qtbot.waitUntil(lambda count=count: len(shown) == count)
    assert [t.split(" — ")[0] for t in shown] == [
        "Restore or Merge", "Import Matrix", "Import Register"], shown
    other = tmp_path / "notes.txt"
    other.write_text("x")
    assert not _drop(window, other)  # not for POA Desk: refused at once
