"""The "meetings" block of the JSON backup (`poadesk export json` / `import json`).

    "meetings": [{"kind", "title", "date": "2026-03-05" | null, "venue", "marking",
                  "purpose", "key_asks", "delegation", "logistics",
                  "drafter", "cleared_by", "version", "reference",
                  "plan": "<plan title>",
                  "items": [{"ref": "1.1(a)" | "3.5" | null, "title", "quoted_lines",
                             "objective", "points_to_make", "defensive_points",
                             "background", "outcome"}]}],
    "user_acronyms": [{"abbr", "expansion"}]

An item whose "ref" is null is a free-text item ("Any other business"): its "title" says
what it is. The fields after "marking" and "title"/"quoted_lines" came with version 1 files
of POA Desk 0.4; an older file without them leaves them empty.

On import a meeting with the same kind, title and date is replaced (fields and whole agenda);
any other is added. Each meeting of the database is replaced by one of the file at most (the
oldest first), so meetings that share kind, title and date stay as many as they were.
Everything is checked first, inside the import's transaction: one bad item and nothing changes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from app.errors import InputError
from app.interchange.checker import Checker
from app.meetings.values import (
    ITEM_EXTRA_FIELDS,
    ITEM_FIELDS,
    MEETING_LINE_FIELDS,
    MEETING_TEXT_FIELDS,
)
from app.values import Target

if TYPE_CHECKING:
    from app.service import Desk

BLOCK = "meetings"
GLOSSARY_BLOCK = "user_acronyms"
_MEETING_EXTRA = (*MEETING_TEXT_FIELDS, *MEETING_LINE_FIELDS)
_ITEM_KEYS = (*ITEM_EXTRA_FIELDS, *ITEM_FIELDS)
_Spec = tuple[str, str, date | None, str, str, list[tuple[Target | None, dict[str, str]]],
              dict[str, str]]


def export_meetings(desk: Desk) -> list[dict[str, Any]]:
    titles = {p.id: p.title for p in desk.plans()}
    out = []
    for info in desk.meetings.all():
        m = desk.meetings.get(info.id)
        first = m.items[0].plan_id if m.items else None
        plan_title = titles.get(first, "") if first is not None else ""
        items = [{"ref": None if item.is_free else item.ref,
                  **{name: item.field(name) for name in _ITEM_KEYS}}
                 for item in m.items]
        out.append({"kind": m.kind, "title": m.title,
                    "date": m.date.isoformat() if m.date else None, "venue": m.venue,
                    "marking": m.marking, **m.extra(), "plan": plan_title, "items": items})
    return out


def export_glossary(desk: Desk) -> list[dict[str, str]]:
    """The user's own acronyms (the plans' are in "acronyms")."""
    return [{"abbr": a.abbr, "expansion": a.expansion} for a in desk.user_acronyms()]


def import_glossary(desk: Desk, block: Any, check: Checker) -> None:
    """Add or update the user's acronyms of the file (none is removed)."""
    with check.at():
        for raw in check.list_(block, f'"{GLOSSARY_BLOCK}"'):
            with check.at():
                entry = check.obj(raw, "an acronym")
                try:
                    desk.set_user_acronym(check.str_(entry, "abbr"),
                                          check.str_(entry, "expansion"))
                except InputError as exc:
                    raise check.fail(str(exc)) from None


def import_meetings(desk: Desk, block: Any, check: Checker) -> None:
    """Check the block (problems go to `check`); if it is clean, merge it."""
    specs: list[_Spec] = []
    plans = {p.title: p.id for p in desk.plans()}
    with check.at():
        for index, raw in enumerate(check.list_(block, '"meetings"'), start=1):
            with check.at(f"meeting {index}"):
                spec = _meeting(desk, check, raw, plans)
                specs.append(spec)
    if check.problems:
        return
    matched: set[int] = set()
    for kind, title, when, venue, marking, items, extra in specs:
        # each meeting of the database stands for one meeting of the file: two with the same
        # kind, title and date in the file are two meetings, not one replaced by the other
        matched.add(desk.meetings.put(kind, title, when, venue, marking, items,
                                      skip=frozenset(matched), extra=extra))


def _meeting(desk: Desk, check: Checker, raw: Any, plans: dict[str, int]) -> _Spec:
    d = check.obj(raw, "a meeting")
    kind, title = check.str_(d, "kind").strip(), check.str_(d, "title").strip()
    if not kind or not title:
        raise check.fail('a meeting needs a "kind" and a "title"')
    check.where[-1] = f"meeting {title!r}"
    when = check.day(d, "date")
    plan_title = check.str_(d, "plan", "")
    if plan_title and plan_title not in plans:
        raise check.fail(f"unknown plan {plan_title!r}")
    if not plans:
        raise check.fail("the database holds no plan")
    index = desk.plan.index(plans[plan_title] if plan_title else None)
    items: list[tuple[Target | None, dict[str, str]]] = []
    for x in check.list_(d.get("items", []), '"items"'):
        item = check.obj(x, "an agenda item")
        fields = {name: check.str_(item, name, "") for name in _ITEM_KEYS}
        target: Target | None = None
        if item.get("ref") is None:
            if not fields["title"].strip():
                raise check.fail('an agenda item with no "ref" (a free-text item) needs a '
                                 '"title"')
        else:
            ref = check.str_(item, "ref")
            try:
                target = index.resolve(ref).target
            except InputError:
                raise check.fail(f"agenda item {ref!r} is not an action line or section of "
                                 "the plan") from None
        items.append((target, fields))
    targets = [t for t, _ in items if t is not None]
    if len(set(targets)) != len(targets):
        raise check.fail("an action line or section is on the agenda twice")
    extra = {name: check.str_(d, name, "") for name in _MEETING_EXTRA}
    return (kind, title, when, check.str_(d, "venue", "").strip(),
            check.str_(d, "marking", "").strip(), items, extra)
