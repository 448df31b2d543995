"""The "activities" block of the JSON backup (`poadesk export json` / `import json`).

    "activities": [{"plan": PLAN TITLE, "ref": "1.3(b)" | "section": "2.1", "title",
                    "kind": "meeting" | "workshop" | "project" | "visit" | "statement" |
                            "other",
                    "start": "2026-03-05" | null, "end": "2026-03-07" | null, "place", "lead",
                    "programme", "link", "notes", "updated_at"}]

On import an activity with the same action line or section, title and start date is updated;
any other is added; nothing is removed. Every problem is named (with where) before anything is
written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.activities.values import ActivityFields
from app.clock import to_iso
from app.interchange.checker import Checker
from app.values import Target

if TYPE_CHECKING:
    from app.service import Desk

BLOCK = "activities"
_TEXTS = ("place", "lead", "programme", "link", "notes")


def export_activities(desk: Desk) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for plan in desk.plans():
        for a in desk.activities.list(plan.id):
            f = a.fields
            out.append({"plan": plan.title,
                        ("section" if a.target.section_id is not None else "ref"): a.ref,
                        "title": f.title, "kind": f.kind,
                        "start": f.start_date.isoformat() if f.start_date else None,
                        "end": f.end_date.isoformat() if f.end_date else None,
                        **{name: getattr(f, name) for name in _TEXTS},
                        "updated_at": to_iso(a.updated_at)})
    return out


def import_activities(desk: Desk, block: Any, check: Checker) -> None:
    """Check the block (problems go to `check`); if it is clean, merge it."""
    wanted: list[tuple[Target, ActivityFields]] = []
    plans = {p.title: p.id for p in desk.plans()}
    indexes: dict[int, Any] = {}
    with check.at():
        for number, raw in enumerate(check.list_(block, f'"{BLOCK}"'), start=1):
            with check.at(f"activity {number}"):
                d = check.obj(raw, "an activity")
                title = check.str_(d, "plan", "")
                if title and title not in plans:
                    raise check.fail(f"unknown plan {title!r}")
                plan_id = plans[title] if title else desk.default_plan_id()
                index = indexes.setdefault(plan_id, desk.plan.index(plan_id))
                if ("ref" in d) == ("section" in d):
                    raise check.fail('give either "ref" (an action line) or "section"')
                typed = check.str_(d, "ref") if "ref" in d else check.str_(d, "section")
                target = index.resolve(typed).target
                if target.is_section != ("section" in d):
                    raise check.fail(f"{typed!r} is not "
                                     + ("a section" if "section" in d else "an action line"))
                wanted.append((target, ActivityFields(
                    check.str_(d, "title"), check.str_(d, "kind", "other"),
                    check.day(d, "start"), check.day(d, "end"),
                    *(check.str_(d, name, "") for name in _TEXTS))))
    if check.problems:
        return
    existing = {(a.target, a.fields.title, a.fields.start_date): a.id
                for plan_id in plans.values() for a in desk.activities.list(plan_id)}
    for target, fields in wanted:
        with check.at(f"activity {fields.title!r}"):
            found = existing.get((target, fields.title, fields.start_date))
            if found is None:
                existing[(target, fields.title, fields.start_date)] = \
                    desk.activities.add(target, fields).id
            else:
                desk.activities.edit(found, fields)
