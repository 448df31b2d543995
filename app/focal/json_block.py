"""The "focal_points" block of `poadesk export json` / `import json` (app.json_io.extra_blocks).

Format (inside the version-1 export)::

    "focal_points": {
      "people": [{"id": 3, "name", "title", "organisation", "country": "VN", "email", "phone",
                  "notes", "active": true, "successor": 7 or null, "updated_at"}],
      "assignments": [{"person": 3, "plan": PLAN TITLE, "ref": "1.3(b)", "role": "lead"},
                      {"person": 3, "plan": PLAN TITLE, "section": "2.1", "role": "support"}]
    }

"id" is the exporting database's id: it only links "person" and "successor" inside the file.
Import matches people with the register as app.focal.merge describes (by email, else by name
and country), sets their fields from the file (and, for a person it adds or changes, its
"updated_at"), adds missing assignments and updates roles;
an unknown country, plan, reference or role, a duplicate person, or a person who would be
their own successor (directly, or through a cycle such as A -> B -> A, counting the successors
the register already holds) refuses the whole import.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.focal.merge import (
    ImportRefused,
    IncomingAssignment,
    IncomingPerson,
    apply_merge,
    plan_merge,
)
from app.focal.queries import assignment_infos
from app.focal.rules import CountryLookup, TargetResolver, check_email, clean_field, role_code
from app.models import Country, FocalPoint, Plan

BLOCK = "focal_points"
_Node = tuple[str, int]  # a person after the import: ("file", index) or ("db", focal point id)
TEXTS = ("title", "organisation", "phone", "notes")


def export_block(session: Session, include_private: bool) -> dict[str, Any]:
    """The register and every assignment, assignments naming plan title + ref or section."""
    plans = {pid: title for pid, title in session.execute(select(Plan.id, Plan.title))}
    people = [
        {"id": fp.id, "name": fp.name, "title": fp.title, "organisation": fp.organisation,
         "country": fp.country_code, "email": fp.email, "phone": fp.phone, "notes": fp.notes,
         "active": fp.active, "successor": fp.successor_id,
         "updated_at": fp.updated_at.isoformat(timespec="seconds") + "Z"
         if fp.updated_at else None}
        for fp in session.scalars(select(FocalPoint)
                                  .join(Country, Country.code == FocalPoint.country_code)
                                  .order_by(Country.position, FocalPoint.name, FocalPoint.id))
    ]
    assignments = [
        {"person": a.focal_point_id, "plan": plans[a.plan_id],
         ("section" if a.is_section else "ref"): a.ref, "role": a.role}
        for a in assignment_infos(session)
    ]
    return {"people": people, "assignments": assignments}


def import_block(session: Session, block: Any) -> None:
    """Merge the block into the register in the caller's transaction; all or nothing."""
    if not isinstance(block, dict):
        raise InputError(f"\"{BLOCK}\" must be an object")
    problems: list[str] = []
    countries = CountryLookup(session)
    people: list[IncomingPerson] = []
    keys: dict[Any, int] = {}
    successors: list[tuple[int, Any, str]] = []
    for index, item in enumerate(_list(block, "people"), start=1):
        where = f"{BLOCK} > people {index}"
        try:
            person, key, successor = _person(item, where, countries)
        except InputError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if key is not None:
            if key in keys:
                problems.append(f"{where}: \"id\" {key!r} is used twice")
            keys[key] = len(people)
        if successor is not None:
            successors.append((len(people), successor, where))
        people.append(person)
    _assignments(session, block, people, keys, problems)
    for _index, successor, where in successors:
        if successor not in keys:
            problems.append(f"{where}: \"successor\" {successor!r} is not a person's \"id\"")
    plan = plan_merge(session, people, problems)
    _check_successor_cycles(session, people, plan.result.ids,
                            {i: (keys[k], where) for i, k, where in successors if k in keys},
                            problems)
    if problems:
        raise ImportRefused(f"\"{BLOCK}\"", problems)
    ids = apply_merge(session, plan)
    for index, successor, _where in successors:
        fp = session.get_one(FocalPoint, ids[index])
        fp.successor_id = ids[keys[successor]]
    session.flush()


def _check_successor_cycles(session: Session, people: list[IncomingPerson],
                            matched: tuple[int | None, ...],
                            links: dict[int, tuple[int, str]], problems: list[str]) -> None:
    """After the import nobody may succeed themselves, directly or through a chain. `links`:
    person index -> (successor's index, where the person is in the file); `matched`: each
    person's focal point id, if they match one. Successors the register already holds count
    too (the file only sets successors, it never clears one)."""

    def node(index: int) -> _Node:
        fp_id = matched[index]
        return ("db", fp_id) if fp_id is not None else ("file", index)

    labels: dict[_Node, str] = {}
    after: dict[_Node, _Node] = {}
    for fp in session.scalars(select(FocalPoint)):
        labels[("db", fp.id)] = f"{fp.name} ({fp.country_code})"
        if fp.successor_id is not None:
            after[("db", fp.id)] = ("db", fp.successor_id)
    for index, person in enumerate(people):
        labels[node(index)] = person.label
    for index, (successor, _where) in links.items():
        after[node(index)] = node(successor)
    reported: set[_Node] = set()
    for index in sorted(links):
        start = node(index)
        chain = [start]
        while chain[-1] in after and after[chain[-1]] not in chain:
            chain.append(after[chain[-1]])
        if chain[-1] not in after:
            continue  # the chain ends: no cycle from here
        loop = chain[chain.index(after[chain[-1]]):]
        if start not in loop or reported & set(loop):
            continue  # reported from the person who is in it (or already)
        reported |= set(loop)
        where = links[index][1]
        if len(loop) == 1:
            problems.append(f"{where}: {labels[start]} is given as their own successor")
        else:
            names = " -> ".join(labels[n] for n in [*loop, start])
            problems.append(f"{where}: successors go round in a circle: {names}")


def _list(block: dict[str, Any], key: str) -> list[Any]:
    value = block.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{BLOCK} > \"{key}\" must be a list")
    return value


def _str(item: dict[str, Any], key: str, default: str | None = "") -> str:
    value = item.get(key, default)
    if not isinstance(value, str):
        raise InputError(f"\"{key}\" must be text")
    return value


def _person(item: Any, where: str, countries: CountryLookup
            ) -> tuple[IncomingPerson, Any, Any]:
    if not isinstance(item, dict):
        raise InputError("a person must be an object")
    name = clean_field("name", _str(item, "name", None))[0]
    if not name:
        raise InputError("the name is missing")
    texts = {k: clean_field(k, _str(item, k))[0] for k in TEXTS if k in item}
    active = item.get("active", True)
    if not isinstance(active, bool):
        raise InputError("\"active\" must be true or false")
    email = check_email(_str(item, "email")) if "email" in item else None
    person = IncomingPerson(f"{where} ({name})", name, countries.code(_str(item, "country")),
                            email=email, active=active, title=texts.get("title"),
                            organisation=texts.get("organisation"), phone=texts.get("phone"),
                            notes=texts.get("notes"))
    stamp = item.get("updated_at")
    if isinstance(stamp, str) and stamp:
        try:
            person.updated_at = datetime.fromisoformat(stamp.removesuffix("Z"))
        except ValueError:
            raise InputError(f"\"updated_at\" is not a date and time: {stamp!r}") from None
    return person, _key(item, "id"), _key(item, "successor")


def _key(item: dict[str, Any], key: str) -> Any:
    """A person's "id" or "successor": a number or text (they only link inside the file)."""
    value = item.get(key)
    if value is not None and not isinstance(value, int | str):
        raise InputError(f"\"{key}\" must be a number or text, not {value!r}")
    return value


def _assignments(session: Session, block: dict[str, Any], people: list[IncomingPerson],
                 keys: dict[Any, int], problems: list[str]) -> None:
    plans = {title: pid for pid, title in session.execute(select(Plan.id, Plan.title))}
    resolvers: dict[int, TargetResolver] = {}
    for index, item in enumerate(_list(block, "assignments"), start=1):
        where = f"{BLOCK} > assignments {index}"
        try:
            if not isinstance(item, dict):
                raise InputError("an assignment must be an object")
            person = item.get("person")
            if not isinstance(person, int | str) or person not in keys:
                raise InputError(f"\"person\" {item.get('person')!r} is not a person's \"id\"")
            title = _str(item, "plan")
            if title not in plans:
                raise InputError(f"unknown plan {title!r}")
            if plans[title] not in resolvers:
                resolvers[plans[title]] = TargetResolver(session, plans[title])
            resolver = resolvers[plans[title]]
            if ("ref" in item) == ("section" in item):
                raise InputError("give either \"ref\" (an action line) or \"section\"")
            typed = _str(item, "ref") if "ref" in item else _str(item, "section")
            target = resolver.resolve(typed)
            if target.is_section != ("section" in item):
                wanted = "a section" if "section" in item else "an action line"
                raise InputError(f"{typed!r} is not {wanted}")
            role = role_code(_str(item, "role", "lead"))
        except InputError as exc:
            problems.append(f"{where}: {exc}")
            continue
        people[keys[item["person"]]].assignments.append(
            IncomingAssignment(where, target, role))
