"""File > Import Activities…: the window's side of `poadesk import activities`
(app.interchange.activities_xlsx), built as File > Import Matrix… is.

The workbook (one row per activity: Ref, Title, Kind, Start, End, Place, Lead, Programme, Link,
Notes) is read and compared first, nothing written; a refused one lists its problems, one per
cell. The activities it would add or update are reviewed in the one review dialog, per action
line or section: an update shows its changed fields here beside the file's; each row ticked.
The ticked ones are made in one transaction, after a backup, as one operation in the history;
the Change goes through the hub. Imported when first chosen.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from app.clock import long_date
from app.ui.shell import dialogs
from app.ui.shell.core import core_imports
from app.ui.shell.imports import apply_reviewed, pick_and_check
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.review_dialog import ReviewDialog, ReviewGroup, ReviewRow
from app.ui.shell.texts import count_of
from app.values import Change
from app.vocab import ACTIVITY_KINDS

if TYPE_CHECKING:
    from app.activities.values import ActivityFields
    from app.interchange.activities_xlsx import ActivitiesPreview, IncomingActivity
    from app.ui.shell.host import Host

ACTIVITIES = "activities"
NAMES = {"kind": "kind", "start_date": "start", "end_date": "end", "place": "place",
         "lead": "lead", "programme": "programme", "link": "link", "notes": "notes"}


def _value(fields: ActivityFields, name: str) -> str:
    value = getattr(fields, name)
    if value is None:
        return ""
    if name == "kind":
        return ACTIVITY_KINDS.get(str(value), str(value))
    if name in ("start_date", "end_date"):
        return long_date(value)
    return " ".join(str(value).split())


def _summary(fields: ActivityFields, names: list[str]) -> str:
    return "; ".join(f"{NAMES[n]}: {_value(fields, n) or '(empty)'}" for n in names)


def item_key(item: IncomingActivity) -> Hashable:
    return item.where  # "sheet 'Activities', row 7": one row, one activity


def activity_groups(preview: ActivitiesPreview) -> list[ReviewGroup]:
    """One group per action line or section; a row per activity added or updated (ticked)."""
    by_ref: dict[str, list[ReviewRow]] = {}
    for item in preview.items:
        fields = item.fields
        when = long_date(fields.start_date) if fields.start_date else "undated"
        if item.existing is None:
            shown = [n for n in NAMES if _value(fields, n)]
            row = ReviewRow(f"add “{fields.title}” ({when})", "", _summary(fields, shown),
                            item.where, key=item_key(item))
        else:
            old = item.existing.fields
            changed = [n for n in NAMES if _value(old, n) != _value(fields, n)]
            row = ReviewRow(f"update “{fields.title}” ({when})", _summary(old, changed),
                            _summary(fields, changed), item.where, key=item_key(item))
        by_ref.setdefault(item.ref, []).append(row)
    return [ReviewGroup(ref, tuple(rows)) for ref, rows in by_ref.items()]


def review_dialog(host: Host, preview: ActivitiesPreview) -> ReviewDialog:
    text = ("Each ticked activity is added, or updated where the same action line or section "
            "has one with the same title and start, in one step, after a backup; nothing is "
            "removed. Untick what you do not want. An activity added by mistake is removed "
            "from its line's Activities list.")
    notes = ["Columns not read: " + ", ".join(preview.ignored)] if preview.ignored else []
    summary = preview.summary()
    return ReviewDialog(host.widget, "Import Activities", summary[:1].upper() + summary[1:],
                        text, activity_groups(preview), ok_text="&Import", notes=notes,
                        lines_title=f"&Activities ({len(preview.items)}):")


def import_activities(host: Host) -> Change | None:
    """Read an activities workbook, review what it adds or updates, make the ticked ones."""
    title = "Import Activities"
    with core_imports():
        from app.interchange.activities_xlsx import apply_activities, preview_activities

    picked = pick_and_check(host, title, ACTIVITIES, "Import activities from Excel (one row "
                            "per activity: Ref, Title, Kind, Start, End, …)",
                            lambda path, plan_id: preview_activities(host.desk(), path,
                                                                     plan_id=plan_id))
    if picked is None:
        return None
    path, preview = picked
    if not preview.items:
        dialogs.run_dialog(ListDialog(
            host.widget, title, "Nothing to import",
            f"{path.name} ({count_of(preview.rows, 'row')}) adds or changes no activity here.", ()))
        host.status(f"Nothing to import from {path.name}", 8000)
        return None
    done = apply_reviewed(host, title, path, review_dialog(host, preview),
                          lambda chosen: apply_activities(
                              host.desk(), preview, accept=lambda i: item_key(i) in chosen),
                          none_ticked="no activity ticked")
    if done is None:
        return None
    change, chosen = done
    host.status(f"Imported {path.name}: {count_of(len(chosen), 'activity', 'activities')}", 15000)
    return change
