"""The steps every import from a file goes through, written once: choose the file (in the
folder last used for its kind) and run the core's check on it, a refusal listing its problems;
then, once the changes are reviewed, make the ticked ones, tell every view (the change hub)
and say what was done. The matrix, activities, register and trip-copy imports use them."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.ui.shell import dialogs
from app.ui.shell.jobs import choose_file_to_open, run_core, save_typed_edits
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.texts import count_of

if TYPE_CHECKING:
    from app.errors import PoaDeskError
    from app.ui.shell.host import Host
    from app.ui.shell.review_dialog import ReviewDialog
    from app.values import Change

T = TypeVar("T")
EXCEL_FILTER = "Excel workbooks (*.xlsx);;All files (*)"


def show_problems(host: Host, title: str, path: Path, exc: PoaDeskError, *,
                  where: str = "cells", at_least: int = 2, from_text: bool = False) -> bool:
    """A refused file: its problems (one per cell or row, `where`) in a list that can be
    copied into a reply to its sender; False when there are fewer than `at_least` (a
    one-line error, which the caller shows as such). `from_text`: without a list of problems,
    the message's lines after the first are the problems."""
    problems = list(getattr(exc, "problems", ()))
    if not problems and from_text:
        problems = [line.strip() for line in str(exc).splitlines()[1:] if line.strip()]
    if len(problems) < at_least:
        return False
    count = count_of(len(problems), "problem")
    text = (f"Nothing was changed: the import is all or nothing, and {path.name} has {count}. "
            f"Correct these {where} in the workbook (or send the list back to whoever filled "
            "it in) and import it again.")
    dialogs.run_dialog(ListDialog(host.widget, title, f"{path.name} was not imported", text,
                                  problems, lines_title=f"{count}:", warning=True))
    host.status(f"Not imported: {path.name} ({count})", 15000)
    return True


def pick_and_check(host: Host, title: str, kind: str, prompt: str,
                   check: Callable[[Path, int], T]) -> tuple[Path, T] | None:
    """The first steps of every workbook import: save what is being typed, choose the file
    (from the folder last used for `kind`), run the core's `check(path, plan_id)` (a refusal
    shows its problems); the file and what the check found, or None."""
    if not save_typed_edits(host, title):
        return None
    path = choose_file_to_open(host, kind, prompt, EXCEL_FILTER)
    if path is None:
        return None
    plan_id = host.plan_id()
    found = run_core(host, f"Checking {path.name}…", title, lambda: check(path, plan_id),
                     lambda exc: show_problems(host, title, path, exc))
    return None if found is None else (path, found)


def apply_reviewed(host: Host, title: str, path: Path, dialog: ReviewDialog,
                   apply: Callable[[set[Hashable]], Change], *, none_ticked: str,
                   not_done: str = "Not imported: {name}",
                   busy: str = "Importing {name}…") -> tuple[Change, set[Hashable]] | None:
    """The last steps of every reviewed import: show the review; make the ticked changes
    (`apply(chosen)`, one transaction in the core); tell every view. The Change and what was
    ticked, or None (cancelled, nothing ticked, refused: said in the status bar, or shown).
    `not_done` and `busy` name the file as {name}; `none_ticked` is what "nothing ticked" is."""
    if not dialogs.run_dialog(dialog):
        host.status(not_done.format(name=path.name), 8000)
        return None
    chosen = set(dialog.chosen())
    if not chosen:
        host.status(f"{not_done.format(name=path.name)} ({none_ticked})", 8000)
        return None
    change = run_core(host, busy.format(name=path.name), title, lambda: apply(chosen))
    if change is None:
        return None
    host.hub.publish(change)  # from outside the undo stack: no command is its origin
    return change, chosen
