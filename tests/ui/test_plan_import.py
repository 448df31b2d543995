"""File > Import Plan…: the file read in a worker thread, reviewed in PlanReviewDialog (the tree
with its counts, each section's first and last action line, the introduction, the text not
placed in red, the style detected with a combo that reads the file again), then Import adds the
plan (and shows it) or Cancel stores nothing. Driven through the real menu; the dialog is read
back as the officer sees it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from app.ui.files.plan_review import PlanReviewDialog
from app.ui.shell import dialogs, screen
from app.ui.shell.list_dialog import ListDialog
from tests.conftest import DATA
from tests.ui.file_helpers import menu, menu_texts, trigger

MINI = DATA / "mini-plan.txt"
MINI_TITLE = "Plan of Action to Implement the Example Partnership (2024-2028)"
ASEAN_EU = "Plan of Action to Implement the ASEAN-EU"


@dataclass
class Review:
    """The file chosen, what to do with the review (`act`: True goes ahead), the answer to
    "Show It Now?"; what was shown."""

    open: Path | None = MINI
    act: Callable[[PlanReviewDialog], bool] = lambda _d: True
    show_now: bool = True
    reviews: list[dict] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    def run(self, dialog) -> bool:
        assert QApplication.overrideCursor() is None  # not busy while the officer reads
        if isinstance(dialog, PlanReviewDialog):
            self.reviews.append(seen(dialog))
            go = self.act(dialog)
            dialog.press_ok() if go else dialog.reject()
        else:
            assert isinstance(dialog, ListDialog)
            self.others.append(dialog.heading.text())
            dialog.press_ok() if self.show_now else dialog.reject()
        return dialog.result() == ListDialog.DialogCode.Accepted


def seen(dialog: PlanReviewDialog) -> dict:
    return {"heading": dialog.heading.text(), "text": dialog.text.text(),
            "rows": dialog.tree.rows(), "lines": dialog.line_texts(),
            "ok": dialog.ok_button.isEnabled(), "style": dialog.chosen_style(),
            "problem": dialog.problem.text()}


@pytest.fixture
def review(monkeypatch, shown_dialogs) -> Review:
    answers = Review()
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: answers.open)
    monkeypatch.setattr(dialogs, "run_dialog", answers.run)
    return answers


def plans(window) -> list[str]:
    return [p.title for p in window.desk.plans()]


def checked_plans(window) -> list[str]:
    """View > Plan: the entries ticked (the plan shown)."""
    return [a.text() for a in window.plans_menu.actions() if a.isCheckable() and a.isChecked()]


def test_the_file_menu_says_import_plan(window):
    texts = menu_texts(menu(window, "File"))
    assert "Import Plan…" in texts and "Import Plan Text…" not in texts


def test_the_review_shows_the_tree_then_import_adds_and_shows_the_plan(qtbot, window,
                                                                        review):
    trigger(window, "File", "Import Plan…")
    [shown] = review.reviews
    assert shown["heading"] == "Add the plan in “mini-plan.txt”?"
    assert shown["text"].startswith(f"“{MINI_TITLE}”: 3 parts, 3 sections, 6 action lines, "
                                    "read in the style 'asean-eu'")
    assert "cannot be undone with Edit > Undo" in shown["text"]
    assert shown["rows"] == [
        ["Introduction (kept, not action lines)", "",
         "This Plan of Action is adopted by the Example Ministerial Meeting (EMM).", ""],
        ["1. POLITICAL COOPERATION", "3", "", ""],
        ["  1.1 Regular dialogue", "2",
         "1.1(a)  Convene annual Senior Officials' Meetings (SOM) and the Example Joint "
         "Committee (EJC).",
         "1.1(b)  Support the Regional Ocean Forum (ROF) and its work on capacity-building for "
         "coast guards."],
        ["  1.2 Security", "1",
         "1.2(a)  Cooperate against cybercrime through the Example Cyber Centre (ECC), "
         "including through training and exchanges.", "(the same)"],
        ["2. ECONOMIC COOPERATION", "1", "", ""],
        ["  2.1 Trade", "1",
         "2.1(a)  Explore a Free Trade Agreement (FTA) between the two regions.", "(the same)"],
        ["3. FOLLOW-UP", "2", "3(a)  Review this plan at the Example Ministerial Meeting.",
         "3(b)  Report progress every two years."],
    ]
    assert shown["ok"] and shown["style"] == "asean-eu" and shown["problem"] == ""
    # Copy List gives the same lines as `poadesk import plan --dry-run`
    assert shown["lines"][0] == MINI_TITLE
    assert "  1.1 Regular dialogue: 2 action lines" in shown["lines"]
    assert review.others == [f"Added “{MINI_TITLE}”"]
    assert plans(window)[1] == MINI_TITLE
    assert window.model.tree.plan.title == MINI_TITLE  # Show It Now
    assert window.model.action_count() == 6
    assert checked_plans(window) == [f"{MINI_TITLE} (6)"]
    assert "View > Plan" in window.statusBar().currentMessage()


def test_cancel_stores_nothing(qtbot, window, review):
    before = [(p.title, p.action_count) for p in window.desk.plans()]
    review.act = lambda _d: False
    trigger(window, "File", "Import Plan…")
    assert len(review.reviews) == 1 and review.others == []
    assert [(p.title, p.action_count) for p in window.desk.plans()] == before
    assert window.model.tree.plan.title.startswith(ASEAN_EU)
    assert "Not imported: mini-plan.txt" in window.statusBar().currentMessage()


def test_a_plan_already_here_is_refused_in_one_line(qtbot, window, review, shown_dialogs):
    review.show_now = False
    trigger(window, "File", "Import Plan…")
    shown_dialogs.clear()
    trigger(window, "File", "Import Plan…")
    [(title, message)] = shown_dialogs
    assert title == "Import Plan" and "already in the database" in message
    assert "\n" not in message
    assert plans(window).count(MINI_TITLE) == 1


def test_a_wrong_file_type_is_one_line(qtbot, window, review, shown_dialogs, tmp_path):
    from openpyxl import Workbook

    book = tmp_path / "matrix.xlsx"
    Workbook().save(book)
    review.open = book
    trigger(window, "File", "Import Plan…")
    [(title, message)] = shown_dialogs
    assert title == "Import Plan" and "matrix.xlsx" in message and "\n" not in message
    assert review.reviews == [] and len(plans(window)) == 1


def test_the_file_is_read_in_a_worker_thread(qtbot, window, review, monkeypatch):
    from app.interchange import plan_preview

    threads: list[str] = []
    real = plan_preview.read_preview

    def watched(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(plan_preview, "read_preview", watched)
    review.act = lambda _d: False
    trigger(window, "File", "Import Plan…")
    assert threads == ["poadesk-job"]


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_the_review_fits_a_laptop_and_works_from_the_keyboard(qtbot, window, review,
                                                              monkeypatch, size):
    from tests.ui.test_it_fits import fits

    area = QRect(0, 0, size[0], size[1] - 40)  # less a taskbar
    monkeypatch.setattr(screen, "available_area", lambda _widget=None: QRect(area))
    found: dict = {}

    def look(dialog: PlanReviewDialog) -> bool:
        dialog.show()
        qtbot.waitExposed(dialog)
        found["fits"] = fits(qtbot, dialog, area)
        found["focus"] = QApplication.focusWidget() is dialog.tree
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Down)
        found["detail"] = dialog.detail.toPlainText()
        order = []
        for _ in range(4):  # Tab in the order the eye reads
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            order.append(QApplication.focusWidget())
        found["tab"] = order == [dialog.detail, dialog.ok_button, dialog.cancel_button,
                                 dialog.copy_button]
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        found["combo"] = QApplication.focusWidget() is dialog.style_combo
        qtbot.keyClick(dialog.style_combo, Qt.Key.Key_Tab)
        found["tree again"] = QApplication.focusWidget() is dialog.tree
        return True

    review.act = look
    trigger(window, "File", "Import Plan…")
    assert found["fits"] == [] and found["focus"] and found["combo"]
    assert found["tab"] and found["tree again"]
    assert found["detail"].startswith("1.1 Regular dialogue: 2 action lines\n\nFirst: 1.1(a)")
    assert "Last: 1.1(b)  Support the Regional Ocean Forum" in found["detail"]
    assert plans(window)[1] == MINI_TITLE



STRAY = """Plan of Action to Implement the Stray Partnership (2025-2029)

This Plan of Action is adopted by the Stray Ministerial Meeting.

1. POLITICAL COOPERATION

1.1. Regular dialogue

A note the editor left here by mistake.

- a) Convene annual Senior Officials' Meetings.
- b) Support the Regional Ocean Forum.

2. FOLLOW-UP

- a) Review this plan.
"""


def _colour(dialog: PlanReviewDialog, text: str) -> str:
    [item] = [i for i in dialog.tree.findItems(text, Qt.MatchFlag.MatchStartsWith
                                               | Qt.MatchFlag.MatchRecursive)]
    return item.foreground(0).color().name()


def test_unplaced_text_is_shown_in_red_and_import_waits_for_consent(qtbot, window, review,
                                                                     tmp_path):
    stray = tmp_path / "stray.txt"
    stray.write_text(STRAY, encoding="utf-8")
    review.open = stray
    found: dict = {}

    def look(dialog: PlanReviewDialog) -> bool:
        found["before"] = seen(dialog)
        found["red"] = (_colour(dialog, "Not placed"), _colour(dialog, "line 9: "))
        found["black"] = _colour(dialog, "1.1 Regular dialogue")
        found["box"] = dialog.accept_unplaced.isVisibleTo(dialog)
        dialog.accept_unplaced.setChecked(True)
        found["ok after"] = dialog.ok_button.isEnabled()
        return True

    review.act = look
    trigger(window, "File", "Import Plan…")
    before = found["before"]
    assert before["rows"][-2] == ["Not placed (1 piece of text: left out of the plan if it "
                                  "is imported)", "", "", ""]
    assert before["rows"][-1][0].startswith("  line 9: 'A note the editor left here by "
                                            "mistake.' (")
    assert ["  1.1 Regular dialogue", "2", "1.1(a)  Convene annual Senior Officials' Meetings.",
            "1.1(b)  Support the Regional Ocean Forum."] in before["rows"]
    assert "1 piece of text could not be placed (in red)" in before["text"]
    assert not before["ok"] and found["box"] and found["ok after"]
    assert found["red"] == ("#b3261e", "#b3261e") and found["black"] != "#b3261e"
    title = "Plan of Action to Implement the Stray Partnership (2025-2029)"
    assert plans(window)[1] == title
    info = next(p for p in window.desk.plans() if p.title == title)
    assert info.action_count == 3
    texts = [" ".join(d.text.split()) for d in window.desk.action_details(info.id)]
    assert not any("editor" in t for t in texts)


def test_cancel_with_unplaced_text_stores_nothing(qtbot, window, review, tmp_path):
    stray = tmp_path / "stray.txt"
    stray.write_text(STRAY, encoding="utf-8")
    review.open = stray
    review.act = lambda dialog: dialog.accept_unplaced.setChecked(True) or False
    trigger(window, "File", "Import Plan…")
    assert len(review.reviews) == 1 and len(plans(window)) == 1


def test_another_style_reads_the_file_again(qtbot, window, review, monkeypatch):
    from app.interchange import plan_preview

    styles: list[str | None] = []
    real = plan_preview.read_preview

    def watched(path, style=None):
        styles.append((style, threading.current_thread().name))
        return real(path, style)

    monkeypatch.setattr(plan_preview, "read_preview", watched)
    found: list[dict] = []

    def look(dialog: PlanReviewDialog) -> bool:
        found.append(seen(dialog))
        assert dialog.style_combo.currentText().endswith("(detected)")
        dialog.choose_style("roman")  # not the file's style: said, nothing to import
        found.append(seen(dialog))
        dialog.choose_style("lettered")
        found.append(seen(dialog))
        return True

    review.act = look
    trigger(window, "File", "Import Plan…")
    detected, roman, lettered = found
    assert detected["style"] == "asean-eu" and detected["ok"]
    assert roman["problem"].startswith("Read as roman: ")
    assert "no numbered parts found" in roman["problem"]
    assert roman["rows"] == [] and not roman["ok"]
    assert "choose another" in roman["text"]
    assert lettered["style"] == "lettered" and lettered["ok"] and lettered["problem"] == ""
    assert "read in the style 'lettered'" in lettered["text"]
    assert lettered["rows"][1:] == detected["rows"][1:]  # the same tree, read another way
    assert styles == [(None, "poadesk-job"), ("roman", "poadesk-job"),
                      ("lettered", "poadesk-job")]
    assert plans(window)[1] == MINI_TITLE


def test_a_word_file_is_offered_and_reviewed_with_its_footnotes_apart(qtbot, window, review,
                                                                      monkeypatch, tmp_path):
    from tests.plan_docs import DECIMAL

    word = DECIMAL.write(tmp_path / "korea.docx", header="ASEAN-ROK Plan of Action")
    asked: list[str] = []

    def choose(_parent, caption, _start, file_filter):
        asked.append(file_filter)
        return word

    monkeypatch.setattr(dialogs, "choose_open_file", choose)
    review.act = lambda _d: False
    trigger(window, "File", "Import Plan…")
    assert asked[0].startswith("Plans of action (*.pdf *.docx *.txt);;")
    [shown] = review.reviews
    rows = shown["rows"]
    assert rows[0] == ["Introduction (kept, not action lines)", "", DECIMAL.shown[1], ""]
    assert ["1. POLITICAL-SECURITY COOPERATION", "4", "", ""] in rows
    assert ["  2.1 Trade and investment", "2", "2.1.1  " + DECIMAL.shown[11][6:],
            "2.1.2  Review the Free Trade Area."] in rows
    at = rows.index(["Footnotes (kept apart from the action text): 2 footnotes", "", "", ""])
    assert rows[at + 1:] == [["  1 Adopted at the 22nd ASEAN-Republic of Korea Summit.", "", "",
                              ""],
                             ["  2 The Senior Officials' Meeting meets every year before the "
                              "Summit.", "", "", ""]]
    assert not any("ASEAN-ROK Plan of Action" in cell for row in rows for cell in row)
    assert len(plans(window)) == 1  # cancelled
