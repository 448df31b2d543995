"""Settings, text marks, acronym tooltips, the About text, and run_window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app import __version__
from app.glossary import Acronym
from app.ui.main import run_window
from app.ui.plan.text_marks import acronym_spans, match_spans, query_words
from app.ui.shell import dialogs
from app.ui.shell.settings import UiSettings
from tests.ui.helpers import click_row


def test_settings_round_trip_with_typed_values(tmp_path):
    path = tmp_path / "ui.ini"
    s = UiSettings(path)
    assert s.geometry is None and s.expanded("plan1") is None and s.current("plan1") == ""
    s.geometry = QByteArray(b"\x01\x02geometry")
    s.set_expanded("plan1", {"p1", "s1.10", "s2.1"})
    s.set_current("plan1", "a1.10(a)")
    s.sync()
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    assert raw.value("tree/plan1/saved") in ("true", True)  # an INI bool comes back as text
    again = UiSettings(path)
    assert again.geometry == QByteArray(b"\x01\x02geometry")
    assert again.expanded("plan1") == {"p1", "s1.10", "s2.1"}
    assert again.current("plan1") == "a1.10(a)"
    again.set_expanded("plan1", set())
    assert UiSettings(path).expanded("plan1") == set()


def test_match_spans_follow_the_search_rules():
    text = "Cooperation on cybersecurity and Nguyễn's CYBER-crime, not acyber."
    words = query_words("cyber nguyen")
    assert words == ("cyber", "nguyen")
    assert [text[a:b] for a, b in match_spans(text, words)] == [
        "cybersecurity", "Nguyễn", "CYBER"]
    assert query_words("1.3(b)") == () and query_words("  ") == ()


def test_acronym_spans():
    glossary = [Acronym("ARF", "ASEAN Regional Forum"), Acronym("SOMTC+EU", "ASEAN Plus EU")]
    text = "The ARF and SOMTC+EU, not SCARF; two ARFs."
    spans = [(text[a:b], e.abbr) for a, b, e in acronym_spans(text, glossary)]
    assert spans == [("ARF", "ARF"), ("SOMTC+EU", "SOMTC+EU"), ("ARF", "ARF")]


def test_acronyms_are_explained_on_hover(qtbot, window):
    click_row(qtbot, window, "a1.3(b)")
    view = window.detail.text_view
    text = view.toPlainText()
    start = text.index("SOMTC+EU")
    cursor = view.textCursor()
    cursor.setPosition(start + 2)
    assert view.tooltip_at(view.cursorRect(cursor).center()) == (
        "SOMTC+EU: ASEAN Plus EU Senior Officials Meeting on Transnational Crime")
    cursor.setPosition(text.index("margins") + 3)
    assert view.tooltip_at(view.cursorRect(cursor).center()) == ""


def test_about_text_names_version_and_database(tmp_path):
    text = dialogs.about_text(tmp_path / "a<b>.db")
    assert __version__ in text and "a&lt;b&gt;.db" in text


def test_run_window_refuses_a_bad_database_with_one_message(qapp, tmp_path, shown_dialogs):
    bad = tmp_path / "notes.db"
    bad.write_text("my notes, not a database")
    assert run_window(bad, settings=UiSettings(tmp_path / "ui.ini")) == 1
    (title, message), = shown_dialogs
    assert "not a POA Desk database" in message and "Traceback" not in message
    assert bad.read_text() == "my notes, not a database"


def test_run_window_opens_and_closes(qapp, db_path, tmp_path: Path, shown_dialogs):
    seen = {}

    def shown(window):
        seen["title"] = window.windowTitle()
        seen["rows"] = window.proxy.rowCount()
        window.close()

    assert run_window(db_path, settings=UiSettings(tmp_path / "ui.ini"), on_shown=shown) == 0
    assert db_path.name in seen["title"] and seen["rows"] == 5
    assert (tmp_path / "ui.ini").exists() and shown_dialogs == []


def test_the_core_is_imported_past_the_pyside_import_hook():
    """PySide6 hooks every import after it and reads each module's source: SQLAlchemy imported
    that way costs ~20 MB more. The window loads Qt first (it paints before it needs the core),
    so the core comes through `core_imports()`, which steps around the hook."""
    import subprocess
    import sys

    code = ("import builtins, linecache, sys\n"
            "from app.ui.shell.core import core_imports\n"
            "hooked = getattr(builtins.__import__, '__name__', '') == '__feature_import__'\n"
            "if sys.argv[1] == 'core_imports':\n"
            "    with core_imports():\n"
            "        import app.service\n"
            "else:\n"
            "    import app.service\n"
            "read = [f for f in linecache.cache if f.endswith('.py') and 'sqlalchemy' in f]\n"
            "print(hooked, len(read))\n")
    runs = {how: subprocess.run([sys.executable, "-c", code, how], capture_output=True, text=True)
            for how in ("core_imports", "plain")}
    assert all(r.returncode == 0 for r in runs.values()), runs
    hooked, read = runs["core_imports"].stdout.split()
    assert read == "0"
    if hooked == "True":  # the control: through the hook, SQLAlchemy's sources are all read
        assert int(runs["plain"].stdout.split()[1]) > 50
