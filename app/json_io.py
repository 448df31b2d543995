"""The whole working state as documented JSON: a readable backup and a way to pass work on.

Format (version 1), documented in the README::

    {"format": "poadesk", "version": 1, "exported_at": "2026-11-27T10:00:00Z",
     "plans": [{"title", "preamble", "source_name",
                "parts": [{"number", "title",
                           "sections": [{"number", "title", "actions": [ACTION...]}],
                           "actions": [ACTION...]}]}],
     "acronyms": [{"plan", "abbr", "expansion"}],
     "countries": [{"code", "name", "grouping"}]}

    ACTION = {"ref", "letter", "text", "status", "notes", "notes_private", "lines_to_take",
              "tags", "updated_at"}

A private note is exported as `"notes": null` unless the user asks for private notes; on
import a null note leaves the local note as it is. Import is all-or-nothing: it validates the
whole file first and any error leaves the database unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Acronym, ActionLine, Country, Plan, Tag
from app.plan_parser import ParsedAction, ParsedPart, ParsedPlan, ParsedSection
from app.status import status_code, status_label
from app.text_clean import clean_text

FORMAT_NAME = "poadesk"
FORMAT_VERSION = 1

Exporter = Callable[[Session, bool], Any]
Importer = Callable[[Session, Any], None]


def extra_blocks() -> dict[str, tuple[Exporter, Importer]]:
    """The top-level blocks kept by other parts of the core, in the order they are written."""
    from app.focal import json_block as focal
    from app.meetings import json_block as meetings

    return {
        focal.BLOCK: (focal.export_block, focal.import_block),
        meetings.BLOCK: (meetings.export_meetings, meetings.import_meetings),
    }


def _action_json(a: ActionLine, include_private: bool) -> dict[str, Any]:
    withheld = a.notes_private and not include_private
    return {
        "ref": a.ref,
        "letter": a.letter,
        "text": a.text,
        "status": status_label(a.status),
        "notes": None if withheld else a.notes,
        "notes_private": a.notes_private,
        "lines_to_take": a.lines_to_take,
        "tags": [t.name for t in a.tags],
        "updated_at": a.updated_at.isoformat(timespec="seconds") + "Z" if a.updated_at else None,
    }


def export_state(session: Session, *, include_private: bool = False,
                 exported_at: datetime | None = None) -> dict[str, Any]:
    plans_out = []
    acronyms_out: list[dict[str, str]] = []
    for plan in session.scalars(select(Plan).order_by(Plan.position, Plan.id)):
        actions_by_owner: dict[tuple[int, int | None], list[dict[str, Any]]] = {}
        for a in session.scalars(select(ActionLine).where(ActionLine.plan_id == plan.id)
                                 .order_by(ActionLine.position)):
            actions_by_owner.setdefault((a.part_id, a.section_id), []).append(
                _action_json(a, include_private))
        parts_out = []
        for part in plan.parts:
            parts_out.append({
                "number": part.number,
                "title": part.title,
                "sections": [
                    {"number": sec.number, "title": sec.title,
                     "actions": actions_by_owner.get((part.id, sec.id), [])}
                    for sec in part.sections
                ],
                "actions": actions_by_owner.get((part.id, None), []),
            })
        plans_out.append({"title": plan.title, "preamble": plan.preamble,
                          "source_name": plan.source_name, "parts": parts_out})
        acronyms_out.extend(
            {"plan": plan.title, "abbr": ac.abbr, "expansion": ac.expansion}
            for ac in session.scalars(select(Acronym).where(Acronym.plan_id == plan.id)
                                      .order_by(Acronym.abbr))
        )
    stamp = (exported_at or datetime.now()).strftime("%Y-%m-%dT%H:%M:%S")
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": stamp,
        "plans": plans_out,
        "acronyms": acronyms_out,
        "countries": [
            {"code": c.code, "name": c.name, "grouping": c.grouping}
            for c in session.scalars(select(Country).order_by(Country.position))
        ],
    }
    for key, (exporter, _importer) in extra_blocks().items():
        data[key] = exporter(session, include_private)
    return data


def load_json_file(path: Path | None, raw: str | None = None) -> dict[str, Any]:
    """Read a POA Desk JSON file; InputError (one line) if it is not one."""
    name = str(path) if path else "standard input"
    if raw is None:
        assert path is not None
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(f"cannot read {name}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise InputError(f"{name} is not a JSON text file") from None
    if not raw.strip():
        raise InputError(f"{name} is empty")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InputError(f"{name} is not a POA Desk export (no \"format\": \"poadesk\")")
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InputError(f"{name} has format version {version!r}; this POA Desk reads "
                         f"version {FORMAT_VERSION} or older")
    if not isinstance(data.get("plans"), list):
        raise InputError(f"{name} has no \"plans\" list")
    return data


class Checker:
    """Typed access to untrusted JSON with error messages that say where."""

    def __init__(self) -> None:
        self.where: list[str] = []

    def fail(self, message: str) -> InputError:
        return InputError(f"{' > '.join(self.where)}: {message}" if self.where else message)

    def obj(self, value: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{what} must be an object")
        return value

    def list_(self, value: Any, what: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"{what} must be a list")
        return value

    def str_(self, d: dict[str, Any], key: str, default: str | None = None) -> str:
        value = d.get(key, default)
        if not isinstance(value, str):
            raise self.fail(f"\"{key}\" must be text")
        return clean_text(value)[0]


def import_state(session: Session, data: dict[str, Any]) -> int:
    """Apply an export to the database in the caller's transaction; returns actions updated."""
    check = Checker()
    updated = 0
    for p_index, p in enumerate(check.list_(data["plans"], "plans"), start=1):
        check.where = [f"plan {p_index}"]
        p = check.obj(p, "a plan")
        title = check.str_(p, "title")
        check.where = [f"plan {title!r}"]
        parts = check.list_(p.get("parts"), "\"parts\"")
        plan = session.scalar(select(Plan).where(Plan.title == title))
        if plan is None:
            plan = _create_plan(session, check, p, title, parts)
        existing = {a.ref: a for a in session.scalars(
            select(ActionLine).where(ActionLine.plan_id == plan.id))}
        for action in _iter_actions(check, parts):
            ref = check.str_(action, "ref")
            check.where = [f"plan {title!r}", f"action {ref}"]
            target = existing.get(ref)
            if target is None:
                raise check.fail("no such action line in this plan")
            if "text" in action and check.str_(action, "text") != target.text:
                raise check.fail("its text differs from the plan's verbatim text")
            _apply_action(session, check, action, target)
            updated += 1
    check.where = []
    for ac in check.list_(data.get("acronyms", []), "\"acronyms\""):
        ac = check.obj(ac, "an acronym")
        plan_title = check.str_(ac, "plan", "")
        plan = session.scalar(select(Plan).where(Plan.title == plan_title)) if plan_title else \
            session.scalar(select(Plan).order_by(Plan.position, Plan.id))
        if plan is None:
            raise check.fail(f"acronym {ac.get('abbr')!r} names an unknown plan {plan_title!r}")
        abbr, expansion = check.str_(ac, "abbr"), check.str_(ac, "expansion")
        row = session.scalar(select(Acronym).where(Acronym.plan_id == plan.id,
                                                   Acronym.abbr == abbr))
        if row is None:
            session.add(Acronym(plan_id=plan.id, abbr=abbr, expansion=expansion))
        else:
            row.expansion = expansion
    for key, (_exporter, importer) in extra_blocks().items():
        if key in data:
            importer(session, data[key])
    session.flush()
    return updated


def _iter_actions(check: Checker, parts: list[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for part in parts:
        part = check.obj(part, "a part")
        out.extend(check.obj(a, "an action") for a in check.list_(part.get("actions", []),
                                                                  "\"actions\""))
        for sec in check.list_(part.get("sections", []), "\"sections\""):
            sec = check.obj(sec, "a section")
            out.extend(check.obj(a, "an action") for a in check.list_(sec.get("actions", []),
                                                                      "\"actions\""))
    return out


def _apply_action(session: Session, check: Checker, d: dict[str, Any], a: ActionLine) -> None:
    if "status" in d:
        try:
            a.status = status_code(check.str_(d, "status"))
        except ValueError as exc:
            raise check.fail(str(exc)) from None
    if d.get("notes") is not None:
        a.notes = check.str_(d, "notes")
    if "notes_private" in d:
        if not isinstance(d["notes_private"], bool):
            raise check.fail("\"notes_private\" must be true or false")
        a.notes_private = d["notes_private"]
    if "lines_to_take" in d:
        a.lines_to_take = check.str_(d, "lines_to_take")
    if "tags" in d:
        names = sorted({clean_text(n)[0].strip() for n in check.list_(d["tags"], "\"tags\"")
                        if isinstance(n, str)} - {""})
        tags = []
        for name in names:
            tag = session.scalar(select(Tag).where(Tag.name == name))
            if tag is None:
                tag = Tag(name=name)
                session.add(tag)
            tags.append(tag)
        a.tags = tags
    stamp = d.get("updated_at")
    if isinstance(stamp, str) and stamp:
        try:
            a.updated_at = datetime.fromisoformat(stamp.removesuffix("Z"))
        except ValueError:
            raise check.fail(f"\"updated_at\" is not a date and time: {stamp!r}") from None


def _create_plan(session: Session, check: Checker, p: dict[str, Any], title: str,
                 parts: list[Any]) -> Plan:
    """A plan the database does not have yet: rebuild its structure from the JSON."""
    from app.seed import add_plan

    parsed_parts = []
    for part in parts:
        part = check.obj(part, "a part")
        number = part.get("number")
        if not isinstance(number, int):
            raise check.fail("a part's \"number\" must be a whole number")

        def actions(items: Any) -> tuple[ParsedAction, ...]:
            return tuple(ParsedAction(check.str_(a, "letter"), check.str_(a, "text"), 0)
                         for a in (check.obj(x, "an action")
                                   for x in check.list_(items, "\"actions\"")))

        sections = tuple(
            ParsedSection(check.str_(sec, "number"), check.str_(sec, "title"), 0,
                          actions(sec.get("actions", [])))
            for sec in (check.obj(x, "a section")
                        for x in check.list_(part.get("sections", []), "\"sections\""))
        )
        parsed_parts.append(ParsedPart(number, check.str_(part, "title"), 0, sections,
                                       actions(part.get("actions", []))))
    parsed = ParsedPlan(title, check.str_(p, "preamble", ""), tuple(parsed_parts))
    return add_plan(session, parsed, source_name=check.str_(p, "source_name", ""))


