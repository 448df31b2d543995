"""File > Take a Copy Offline… and File > Bring My Changes Back…: the laptop that travels, the
window's side of `poadesk --db URL copy-offline` and `merge-back` (app.interchange.offline).

Both work on a team database only. The copy is a local database file (trip.db) that remembers
where it came from; the window offers to open it at once (File > Open Team Database… goes
back). Back home, the copy's own changes are read and compared with the team database now
(nothing written), then reviewed in the one review dialog (app.ui.shell.review_dialog): per
action line or activity, each field's value on the team database beside the copy's, every
plain change ticked, every conflict (changed on the team database too since the copy was taken)
unticked with what it was then; what is not carried back (focal points, meetings) is listed, to
be made on the team database. The ticked changes are made in one transaction, as one operation
in the history; the Change goes through the hub. Imported when first chosen.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.ui.files.team_database import DB_FILTER, Switch, open_file
from app.ui.shell import dialogs
from app.ui.shell.core import core_imports
from app.ui.shell.imports import apply_reviewed
from app.ui.shell.jobs import (
    choose_file_to_open,
    choose_file_to_save,
    run_core,
    save_typed_edits,
)
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.review_dialog import ReviewDialog, ReviewGroup, ReviewRow
from app.ui.shell.texts import count_of
from app.ui.shell.where import server_words
from app.values import Change

if TYPE_CHECKING:
    from app.interchange.offline import MergeItem, MergePreview
    from app.ui.shell.host import Host

OFFLINE = "offline"
ONLY_TEAM = ("This works on a team database: open it first (File > Open Team Database…), "
             "then {what}.")
FIELD_NAMES = {"status": "status", "notes": "notes", "notes_private": "private notes",
               "lines_to_take": "lines to take", "tags": "tags", "created": "added on the trip",
               "deleted": "removed on the trip"}


def _on_server(host: Host, title: str, what: str) -> bool:
    if host.desk().path is None:
        return True
    dialogs.show_error(host.widget, title, ONLY_TEAM.format(what=what))
    return False


def copy_name(today: date | None = None) -> str:
    return f"POA Desk trip copy {(today or date.today()).isoformat()}.db"


# -- Take a Copy Offline ----------------------------------------------------------------------

def take_copy_offline(host: Host, switch: Switch) -> Path | None:
    """A local copy of the team database for a trip; then the offer to open it now."""
    title = "Take a Copy Offline"
    if not _on_server(host, title, "take a copy of it") or not save_typed_edits(host, title):
        return None
    target = choose_file_to_save(host, OFFLINE, "Save a copy of the team database for a trip",
                                 copy_name(), DB_FILTER, ".db")
    if target is None:
        return None
    words = server_words(host.desk().label)
    made = run_core(host, f"Copying the {words}…", title,
                    lambda: host.desk().copy_offline(target))
    if made is None:
        return None
    host.status(f"Copied the {words} to {made}", 15000)
    ask = ListDialog(host.widget, title, f"Copied to “{made.name}”",
                     f"The copy is in {made.parent}. Work on it while away (it needs no "
                     "network); back home, open the team database again and choose File > "
                     "Bring My Changes Back… with this file. Open the copy now?", (),
                     ok_text="&Open the Copy", cancel_text="&Later")
    if dialogs.run_dialog(ask):
        open_file(host, switch, made, title)
    return made


# -- Bring My Changes Back --------------------------------------------------------------------

def item_key(item: MergeItem) -> Hashable:
    return (item.kind, item.entity_id, item.field)


def merge_groups(preview: MergePreview) -> list[ReviewGroup]:
    """The preview as the review dialog's groups: one per action line or activity, a row per
    field (key: kind, id, field); conflicts unticked, with the value when the copy was taken.
    What is not carried back comes last, as lines without a tick."""
    by_label: dict[str, list[ReviewRow]] = {}
    for item in preview.items:
        note = ""
        if item.conflict:
            was = item.shown(item.base) or "(empty)"
            note = f"conflict: changed on the team database too; it was “{was}” when copied"
        by_label.setdefault(item.label, []).append(ReviewRow(
            FIELD_NAMES.get(item.field, item.field.replace("_", " ")), item.shown(item.server),
            item.shown(item.offline), note, item.conflict, item_key(item),
            checked=not item.conflict))
    groups = [ReviewGroup(label, tuple(rows)) for label, rows in by_label.items()]
    if preview.not_carried:
        groups.append(ReviewGroup("Not carried back: make these on the team database",
                                  tuple(ReviewRow(line) for line in preview.not_carried)))
    return groups


def merge_dialog(host: Host, path: Path, preview: MergePreview) -> ReviewDialog:
    conflicts = len(preview.conflicts)
    text = ("Each ticked change made on the trip is made on the team database, in one step, "
            "recorded in its history; untick what you do not want. In the list, “Here now” is "
            "the team database and “In the file” the copy. ")
    if conflicts:
        text += (f"{count_of(conflicts, 'conflict')} (marked, unticked): the field was changed on "
                 "the team database too since the copy was taken; unticked, it stays as it is "
                 "there; tick it to take the copy's value all the same. ")
    if preview.not_carried:
        text += (f"{count_of(len(preview.not_carried), 'change')} to focal points or meetings "
                 "cannot come back this way: they are listed last, to be made by hand.")
    heading = (f"Bring back {count_of(len(preview.items), 'change')} from “{path.name}”?"
               if preview.items else f"Nothing to bring back from “{path.name}”")
    return ReviewDialog(host.widget, "Bring My Changes Back", heading, text.strip(),
                        merge_groups(preview),
                        ok_text="&Bring Back" if preview.items else None,
                        lines_title=f"&Changes ({len(preview.items)}):")


def bring_changes_back(host: Host) -> Change | None:
    """Preview a trip copy's changes against the team database, make the ticked ones."""
    title = "Bring My Changes Back"
    if (not _on_server(host, title, "bring a copy's changes back to it")
            or not save_typed_edits(host, title)):
        return None
    path = choose_file_to_open(host, OFFLINE, "Bring back the changes made on a trip copy",
                               DB_FILTER)
    if path is None:
        return None
    with core_imports():
        from app.interchange.offline import apply_merge, preview_merge

    preview = run_core(host, f"Comparing {path.name} with the team database…", title,
                       lambda: preview_merge(host.desk(), path))
    if preview is None:
        return None
    if not preview.items and not preview.not_carried:
        dialogs.run_dialog(ListDialog(host.widget, title, "Nothing to bring back",
                                      f"{path.name} has no change that the team database does "
                                      "not have already.", ()))
        host.status(f"Nothing to bring back from {path.name}", 8000)
        return None
    dialog = merge_dialog(host, path, preview)
    if not preview.items:  # only what cannot be carried back: shown, nothing to do
        dialogs.run_dialog(dialog)
        host.status(f"Nothing brought back from {path.name}", 8000)
        return None
    done = apply_reviewed(host, title, path, dialog,
                          lambda chosen: apply_merge(host.desk(), path, preview,
                                                     accept=lambda i: item_key(i) in chosen),
                          none_ticked="no change ticked",
                          not_done="Nothing brought back from {name}",
                          busy="Bringing back the changes of {name}…")
    if done is None:
        return None
    change, chosen = done
    left = sum(1 for i in preview.items if item_key(i) not in chosen)
    host.status(f"Brought back {count_of(len(chosen), 'change')} from {path.name}"
                + (f"; {left} left as they are on the team database" if left else ""), 15000)
    return change
