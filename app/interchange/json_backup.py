"""The whole working state as documented JSON: a readable backup and a way to pass work on.

Format (version 1), documented in the README::

    {"format": "poadesk", "version": 1, "exported_at": "2026-11-27T10:00:00Z",
     "plans": [{"title", "preamble", "source_name",
                "parts": [{"number", "label", "title",
                           "sections": [{"number", "title", "actions": [ACTION...]}],
                           "actions": [ACTION...]}]}],
     "acronyms": [{"plan", "abbr", "expansion"}],
     "countries": [{"code", "name", "grouping"}],
     "focal_points": {...},            (app.interchange.json_focal)
     "meetings": [...],                (app.interchange.json_meetings)
     "user_acronyms": [{"abbr", "expansion"}],   (the user's own glossary, same module)
     "activities": [...]}              (app.interchange.json_activities)

    ACTION = {"ref", "letter", "text", "status", "notes", "notes_private", "lines_to_take",
              "tags", "updated_at"}

A private note is exported as `"notes": null` unless the user asks for private notes; on
import a null note leaves the local note as it is. Import is all-or-nothing: it runs in one
transaction through the gateway's ordinary methods, checks the whole file, and any problem (all
of them are named) leaves the database unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import limits
from app.atomic import write_atomically
from app.clock import to_iso
from app.errors import InputError
from app.interchange import json_activities, json_focal, json_meetings
from app.interchange.checker import Checker
from app.plan_parser import ParsedAction, ParsedPart, ParsedPlan, ParsedSection
from app.values import ActionDetail, Change
from app.vocab import status_code, status_label

if TYPE_CHECKING:
    from app.service import Desk

FORMAT_NAME = "poadesk"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import did: how many action lines the file set, and the change."""

    action_lines: int
    change: Change


def _action_json(a: ActionDetail, include_private: bool) -> dict[str, Any]:
    withheld = a.notes_private and not include_private
    return {
        "ref": a.ref,
        "letter": a.letter,
        "text": a.text,
        "status": status_label(a.status),
        "notes": None if withheld else a.notes,
        "notes_private": a.notes_private,
        "lines_to_take": a.lines_to_take,
        "tags": list(a.tags),
        "updated_at": to_iso(a.updated_at),
    }


def export_state(desk: Desk, *, include_private: bool = False,
                 exported_at: datetime | None = None) -> dict[str, Any]:
    plans_out = []
    acronyms_out: list[dict[str, str]] = []
    for plan in desk.plans():
        details = {a.id: _action_json(a, include_private) for a in desk.action_details(plan.id)}
        parts_out = [{
            "number": part.number,
            "label": part.label,  # as published: "II"; "" for an unnumbered heading
            "title": part.title,
            "sections": [{"number": sec.number, "title": sec.title,
                          "actions": [details[a.id] for a in sec.actions]}
                         for sec in part.sections],
            "actions": [details[a.id] for a in part.actions],
        } for part in desk.plan_tree(plan.id).parts]
        plans_out.append({"title": plan.title, "preamble": plan.preamble,
                          "source_name": plan.source_name, "parts": parts_out})
        acronyms_out.extend({"plan": plan.title, "abbr": ac.abbr, "expansion": ac.expansion}
                            for ac in sorted(desk.acronyms(plan.id), key=lambda ac: ac.abbr))
    stamp = (exported_at or datetime.now()).strftime("%Y-%m-%dT%H:%M:%S")
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": stamp,
        "plans": plans_out,
        "acronyms": acronyms_out,
        "countries": [{"code": c.code, "name": c.name, "grouping": c.grouping}
                      for c in desk.countries()],
        json_focal.BLOCK: json_focal.export_block(desk),
        json_meetings.BLOCK: json_meetings.export_meetings(desk),
        json_meetings.GLOSSARY_BLOCK: json_meetings.export_glossary(desk),
        json_activities.BLOCK: json_activities.export_activities(desk),
    }


def dumps(desk: Desk, *, include_private: bool = False) -> str:
    """The backup as text (`poadesk export json -`)."""
    data = export_state(desk, include_private=include_private)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_backup(desk: Desk, target: Path, *, include_private: bool = False) -> Path:
    """Write the backup to `target`, atomically: never half a file; owner-only when it holds
    private notes."""
    payload = dumps(desk, include_private=include_private)
    write_atomically(target, lambda tmp: tmp.write_bytes(payload.encode("utf-8")),
                     private=include_private)
    return target


def load_json_file(path: Path | None, raw: str | None = None) -> dict[str, Any]:
    """Read a POA Desk JSON file; InputError (one line) if it is not one."""
    name = str(path) if path else "standard input"
    if raw is None:
        assert path is not None
        try:
            raw = limits.read_input_bytes(path, "json", name).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{name} is not a JSON text file") from None
    if len(raw) > limits.MAX_FILE_BYTES["json"]:
        raise InputError(f"{name} is too large (the limit for a json file is "
                         f"{limits.MAX_FILE_BYTES['json'] // limits.MB} MB)")
    if not raw.strip():
        raise InputError(f"{name} is empty")
    limits.check_json_depth(raw, name)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise InputError(f"{name} nests objects or lists too deep") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise InputError(f"{name} is not a POA Desk export (no \"format\": \"poadesk\")")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 1 << 62:
        raise InputError(f"{name} has format version {version!r}: not a whole number from 1")
    if version > FORMAT_VERSION:
        raise InputError(f"{name} has format version {version!r}; this POA Desk reads "
                         f"version {FORMAT_VERSION} or older")
    if not isinstance(data.get("plans"), list):
        raise InputError(f"{name} has no \"plans\" list")
    return data


def import_state(desk: Desk, data: dict[str, Any], *, source: str = "the file") -> Imported:
    """Apply an export to the database in one transaction: all of it, or (ImportRefused,
    naming every problem) nothing."""
    check = Checker()
    action_ids: set[int] = set()
    with desk.transaction(f"import from {source}", backup="before-import"):
        with check.at():
            for p_index, p in enumerate(check.list_(data["plans"], "plans"), start=1):
                with check.at(f"plan {p_index}"):
                    action_ids |= _import_plan(desk, check, p)
        with check.at():
            for ac in check.list_(data.get("acronyms", []), "\"acronyms\""):
                with check.at():
                    _import_acronym(desk, check, ac)
        if json_focal.BLOCK in data:
            json_focal.import_block(desk, data[json_focal.BLOCK], check)
        if json_meetings.BLOCK in data:
            json_meetings.import_meetings(desk, data[json_meetings.BLOCK], check)
        if json_meetings.GLOSSARY_BLOCK in data:
            json_meetings.import_glossary(desk, data[json_meetings.GLOSSARY_BLOCK], check)
        if json_activities.BLOCK in data:
            json_activities.import_activities(desk, data[json_activities.BLOCK], check)
        check.refuse_if_any(source)
    change = Change(action_ids=frozenset(action_ids), plan_structure=True, focal_points=True,
                    meetings=True, activities=True, warnings=tuple(check.warnings))
    return Imported(len(action_ids), change)


def _import_plan(desk: Desk, check: Checker, p: Any) -> set[int]:
    p = check.obj(p, "a plan")
    title = check.str_(p, "title")
    check.where[-1] = f"plan {title!r}"
    parts = check.list_(p.get("parts"), "\"parts\"")
    plan_id = next((info.id for info in desk.plans() if info.title == title), None)
    if plan_id is None:
        plan_id = desk.plan.add(_parsed_plan(check, p, title, parts),
                                check.str_(p, "source_name", "")).id
    existing = {a.ref: a for a in desk.action_details(plan_id)}
    done: set[int] = set()
    for action in _iter_actions(check, parts):
        ref = check.str_(action, "ref")
        with check.at(f"action {ref}"):
            target = existing.get(ref)
            if target is None:
                raise check.fail("no such action line in this plan")
            if "text" in action and check.str_(action, "text") != target.text:
                raise check.fail("its text differs from the plan's verbatim text")
            _apply_action(desk, check, action, target)
            done.add(target.id)
    return done


def _import_acronym(desk: Desk, check: Checker, ac: Any) -> None:
    ac = check.obj(ac, "an acronym")
    plan_title = check.str_(ac, "plan", "")
    plans = desk.plans()
    plan = next((p for p in plans if p.title == plan_title), None) if plan_title else \
        (plans[0] if plans else None)
    if plan is None:
        raise check.fail(f"acronym {ac.get('abbr')!r} names an unknown plan {plan_title!r}")
    desk.reference_data.set_acronym(plan.id, check.str_(ac, "abbr"),
                                    check.str_(ac, "expansion"))


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


def _apply_action(desk: Desk, check: Checker, d: dict[str, Any], now: ActionDetail) -> None:
    """The file's fields of one action line, through the gateway's one edit path; nothing is
    written (no history, no new time stamp) when the file says what the database holds."""
    fields: dict[str, Any] = {}
    if "status" in d:
        try:
            fields["status"] = status_code(check.str_(d, "status"))
        except ValueError as exc:
            raise check.fail(str(exc)) from None
    incoming_private = check.bool_(d, "notes_private") if "notes_private" in d else False
    if now.notes_private and not incoming_private:
        # my private note stays as it is: an ordinary export (a colleague's, with "notes": ""
        # or a note of theirs) never erases or replaces it; only a file that carries a private
        # note itself ("including private", e.g. my own backup) may
        if d.get("notes") is not None:
            check.str_(d, "notes")
    elif d.get("notes") is not None:
        fields["notes"] = check.str_(d, "notes")
        if "notes_private" in d:
            fields["notes_private"] = incoming_private
    elif "notes_private" in d:
        # a note withheld as private (null): the local note stays as it is, and so does its
        # Private flag; only a check that the flag is well-formed
        check.bool_(d, "notes_private")
    if "lines_to_take" in d:
        fields["lines_to_take"] = check.str_(d, "lines_to_take")
    if "tags" in d:
        tags = check.list_(d["tags"], "\"tags\"")
        if not all(isinstance(t, str) for t in tags):
            raise check.fail(f"\"tags\" must be a list of texts, not {d['tags']!r}"[:200])
        fields["tags"] = tags
    stamp = check.stamp(d)
    same = all(sorted(value, key=str.casefold) == sorted(now.tags, key=str.casefold)
               if name == "tags" else getattr(now, name) == value
               for name, value in fields.items())
    if same:
        return
    desk.update_action(now.id, **fields, updated_at=stamp)


def _parsed_plan(check: Checker, p: dict[str, Any], title: str,
                 parts: list[Any]) -> ParsedPlan:
    """A plan the database does not have yet: its structure as the parser would give it."""
    parsed_parts = []
    for part in parts:
        part = check.obj(part, "a part")
        number = part.get("number")
        if isinstance(number, bool) or not isinstance(number, int):
            raise check.fail("a part's \"number\" must be a whole number")
        if not 0 <= number <= limits.MAX_INT:
            raise check.fail(f"a part's \"number\" {number} is too large")

        def actions(items: Any) -> tuple[ParsedAction, ...]:
            return tuple(ParsedAction(check.str_(a, "letter"), check.str_(a, "text"), 0,
                                      check.str_(a, "ref", ""))  # in the plan's notation
                         for a in (check.obj(x, "an action")
                                   for x in check.list_(items, "\"actions\"")))

        sections = tuple(
            ParsedSection(check.str_(sec, "number"), check.str_(sec, "title"), 0,
                          actions(sec.get("actions", [])))
            for sec in (check.obj(x, "a section")
                        for x in check.list_(part.get("sections", []), "\"sections\""))
        )
        parsed_parts.append(ParsedPart(number, check.str_(part, "title"), 0, sections,
                                       actions(part.get("actions", [])),
                                       # a file of before labels: every plan was numbered 1.
                                       check.str_(part, "label", str(number))))
    return ParsedPlan(title, check.str_(p, "preamble", ""), tuple(parsed_parts))
