"""The "focal_points" block of the JSON backup (`poadesk export json` / `import json`).

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

from typing import TYPE_CHECKING, Any

from app.clock import to_iso
from app.errors import InputError
from app.focal.checks import CountryLookup, check_email, clean_field
from app.focal.incoming import IncomingAssignment, IncomingPerson
from app.interchange.checker import Checker
from app.vocab import role_code

if TYPE_CHECKING:
    from app.focal.values import FocalPointInfo
    from app.service import Desk
    from app.store.plan_index import PlanIndex

BLOCK = "focal_points"
_Node = tuple[str, int]  # a person after the import: ("file", index) or ("db", focal point id)
TEXTS = ("title", "organisation", "phone", "notes")


def export_block(desk: Desk) -> dict[str, Any]:
    """The register and every assignment, assignments naming plan title + ref or section."""
    people = [
        {"id": fp.id, "name": fp.name, "title": fp.title, "organisation": fp.organisation,
         "country": fp.country_code, "email": fp.email, "phone": fp.phone, "notes": fp.notes,
         "active": fp.active, "successor": fp.successor_id, "updated_at": to_iso(fp.updated_at)}
        for fp in desk.focal.people()
    ]
    assignments = [
        {"person": a.focal_point_id, "plan": plan.title,
         ("section" if a.is_section else "ref"): a.ref, "role": a.role}
        for plan in desk.plans() for a in desk.focal.assignments(plan.id)
    ]
    return {"people": people, "assignments": assignments}


def import_block(desk: Desk, block: Any, check: Checker) -> None:
    """Check the block (problems go to `check`); if it is clean, merge it into the register."""
    if not isinstance(block, dict):
        check.note(f"\"{BLOCK}\" must be an object")
        return
    problems: list[str] = []
    countries = desk.focal.country_lookup()
    people: list[IncomingPerson] = []
    keys: dict[Any, int] = {}
    successors: list[tuple[int, Any, str]] = []
    for index, item in enumerate(_list(block, "people", problems), start=1):
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
    _assignments(desk, block, people, keys, problems)
    for _index, successor, where in successors:
        if successor not in keys:
            problems.append(f"{where}: \"successor\" {successor!r} is not a person's \"id\"")
    plan = desk.focal.plan_merge(people, problems)
    _check_successor_cycles(desk.focal.people(), people, plan.result.ids,
                            {i: (keys[k], where) for i, k, where in successors if k in keys},
                            problems)
    if problems or check.problems:
        check.problems.extend(problems)
        return
    ids = desk.focal.apply_merge(plan)
    for index, successor, _where in successors:
        desk.focal.set_successor(ids[index], ids[keys[successor]])


def _check_successor_cycles(register: list[FocalPointInfo], people: list[IncomingPerson],
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
    for fp in register:
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


def _list(block: dict[str, Any], key: str, problems: list[str]) -> list[Any]:
    value = block.get(key, [])
    if not isinstance(value, list):
        problems.append(f"{BLOCK} > \"{key}\" must be a list")
        return []
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
    person.updated_at = Checker().stamp(item)
    return person, _key(item, "id"), _key(item, "successor")


def _key(item: dict[str, Any], key: str) -> Any:
    """A person's "id" or "successor": a number or text (they only link inside the file)."""
    value = item.get(key)
    if value is not None and not isinstance(value, int | str):
        raise InputError(f"\"{key}\" must be a number or text, not {value!r}")
    return value


def _assignments(desk: Desk, block: dict[str, Any], people: list[IncomingPerson],
                 keys: dict[Any, int], problems: list[str]) -> None:
    plans = {p.title: p.id for p in desk.plans()}
    resolvers: dict[int, PlanIndex] = {}
    for index, item in enumerate(_list(block, "assignments", problems), start=1):
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
                resolvers[plans[title]] = desk.plan.index(plans[title])
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
