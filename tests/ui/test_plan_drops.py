"""A plan of action dropped on the window opens File > Import Plan…'s review (issue 22): a .pdf
or .docx always (no other import reads one), a .txt when its first lines name a plan (any
other text file is refused at once, as before: tests/ui/test_help_and_keys.py)."""

from __future__ import annotations

import pytest
from docx import Document
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from app.ui.files.drops import names_a_plan
from app.ui.files.plan_review import PlanReviewDialog
from app.ui.shell import dialogs
from tests.conftest import DATA

MINI_TITLE = "Plan of Action to Implement the Example Partnership (2024-2028)"


def _data(path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    return data


def _drop(window, path) -> bool:
    """The window's filter given a drop as Qt gives it (QApplication.sendEvent delivers one
    only during a real drag)."""
    data = _data(path)  # kept: the event does not own it
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return window.databases.drops.eventFilter(window, event) and event.isAccepted()


def _enter(window, path) -> bool:
    data = _data(path)
    event = QDragEnterEvent(QPointF(50, 50).toPoint(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return window.databases.drops.eventFilter(window, event) and event.isAccepted()


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str]]:
    """The dialogs opened: (window title, the plan's title for a review, else the text)."""
    seen: list[tuple[str, str]] = []

    def run(dialog) -> bool:
        title = dialog.parsed.title if isinstance(dialog, PlanReviewDialog) else ""
        seen.append((dialog.windowTitle(), title))
        return False  # cancelled: nothing imported

    monkeypatch.setattr(dialogs, "run_dialog", run)
    monkeypatch.setattr(dialogs, "show_error",
                        lambda _parent, title, text: seen.append((title, text)))
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: pytest.fail("asked"))
    return seen


def test_a_plan_dropped_as_text_or_word_opens_the_import_plan_review(
        qtbot, window, tmp_path, shown):
    text = tmp_path / "example.txt"
    text.write_bytes((DATA / "mini-plan.txt").read_bytes())
    word = tmp_path / "example.docx"
    doc = Document()
    for line in (DATA / "mini-plan.txt").read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    doc.save(str(word))
    plans = len(window.desk.plans())
    for count, path in enumerate((text, word), start=1):
        assert _enter(window, path)  # the drag is accepted where it enters
        assert _drop(window, path)
        qtbot.waitUntil(lambda count=count: len(shown) == count)
    assert [title.split(" — ")[0] for title, _ in shown] == ["Import Plan"] * 2
    assert [plan for _, plan in shown] == [MINI_TITLE] * 2
    assert len(window.desk.plans()) == plans  # reviewed, cancelled: nothing added


def test_a_dropped_pdf_goes_to_import_plan_which_refuses_a_bad_one_in_one_line(
        qtbot, window, tmp_path, shown):
    fake = tmp_path / "plan.pdf"
    fake.write_bytes(b"this is no PDF")
    assert _drop(window, fake)
    qtbot.waitUntil(lambda: len(shown) == 1)
    [(title, text)] = shown
    assert title == "Import Plan" and "\n" not in text
    assert text.startswith("plan.pdf is not a PDF")  # Import Plan's reader said it


def test_only_a_text_that_names_a_plan_is_taken(window, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Call Siti about the SOM.\nBook the flights.\n")
    assert not names_a_plan(notes) and not _enter(window, notes)
    work_plan = tmp_path / "apt.txt"
    work_plan.write_text("\ufeffASEAN Plus Three Cooperation\nWork  Plan (2023-2027)\n\n1. A\n")
    assert names_a_plan(work_plan)
    wide = tmp_path / "utf16.txt"
    wide.write_text("ASEAN-Japan Plan of Action (2024-2028)\n", encoding="utf-16")
    assert names_a_plan(wide)
    late = tmp_path / "late.txt"  # named only after the first 4 KB: not taken for a plan
    late.write_text("x " * 3000 + "Plan of Action\n")
    assert not names_a_plan(late)
    notes.write_text("Plan of Action to Implement the Example Partnership\n")  # changed
    assert names_a_plan(notes)
    assert not names_a_plan(tmp_path / "gone.txt")
