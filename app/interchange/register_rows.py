"""Rows of a register workbook -> validated `IncomingPerson` records and per-row problems.

Used by app.interchange.register_xlsx (the rules are in its module docstring). Every problem
names its row number as Excel shows it, so a person can find and fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from app.errors import InputError
from app.focal.checks import CountryLookup, check_email, clean_field, name_key
from app.focal.incoming import IncomingAssignment, IncomingPerson
from app.text_clean import clean_text
from app.values import TargetInfo
from app.vocab import role_code

if TYPE_CHECKING:
    from app.store.plan_index import PlanIndex

FIELDS = {"name": "Name", "title": "Title", "organisation": "Organisation",
          "country": "Country", "email": "Email", "phone": "Phone", "active": "Active",
          "notes": "Notes", "ref": "Ref", "role": "Role"}
_ALIASES = {
    "name": ("name", "fullname", "focalpoint", "focalpointname", "person", "contactname",
             "contactperson"),
    "title": ("title", "position", "jobtitle", "designation", "function", "post"),
    "organisation": ("organisation", "organization", "org", "agency", "ministry",
                     "ministryagency", "ministryoragency", "institution", "office",
                     "department"),
    "country": ("country", "countrycode", "memberstate", "countryorinstitution"),
    "email": ("email", "emailaddress", "mail"),
    "phone": ("phone", "telephone", "tel", "phonenumber", "telephonenumber", "mobile"),
    "active": ("active", "isactive", "activeyesno", "current"),
    "notes": ("notes", "note", "remarks", "remark", "comments", "comment"),
    "ref": ("ref", "reference", "actionline", "actionlineref", "refsection", "reforsection",
            "actionlineorsection", "section", "sectionoractionline", "poaref"),
    "role": ("role", "assignmentrole"),
}
_HEADER_TO_FIELD = {alias: f for f, aliases in _ALIASES.items() for alias in aliases}
_YES = {"yes", "y", "true", "1", "x", "active"}
_NO = {"no", "n", "false", "0", "inactive"}
PERSON_TEXT = ("title", "organisation", "phone", "notes")


def header_field(header: str) -> str | None:
    """'E-mail' -> 'email', 'Organization' -> 'organisation'; None for other columns."""
    return _HEADER_TO_FIELD.get(re.sub(r"[\W_]+", "", header.casefold()))


Cell = tuple[Any, str]  # (value, openpyxl data_type: "s", "n", "b", "d", "f", ...)


@dataclass(frozen=True, slots=True)
class RawRow:
    number: int  # as Excel shows it
    cells: dict[str, Cell]

    def has_values(self) -> bool:
        return any(v is not None and not (isinstance(v, str) and not v.strip())
                   for v, _t in self.cells.values())


@dataclass
class SheetData:
    title: str
    header_row: int
    fields: tuple[str, ...]
    ignored: tuple[str, ...]
    rows: list[RawRow]


@dataclass
class _Row:
    number: int
    problems: list[str] = field(default_factory=list)
    name: str | None = None
    code: str | None = None
    email: str | None = None
    texts: dict[str, str] = field(default_factory=dict)
    active: bool | None = None
    target: TargetInfo | None = None
    role: str | None = None
    follows: int | None = None  # index of the row this one continues


def rows_label(numbers: list[int]) -> str:
    """[4, 5, 6, 9] -> 'rows 4-6, 9'."""
    nums = sorted(set(numbers))
    if len(nums) == 1:
        return f"row {nums[0]}"
    spans: list[str] = []
    start = prev = nums[0]
    for n in [*nums[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return "rows " + ", ".join(spans)


def _text(row: _Row, cells: dict[str, Cell], key: str, warnings: list[str]) -> str | None:
    value, data_type = cells.get(key, (None, "n"))
    if value is None:
        return None
    if data_type == "f":
        shown = str(value) if len(str(value)) <= 40 else str(value)[:37] + "..."
        row.problems.append(f"{FIELDS[key]} is a formula ({shown}): type the value itself")
        return None
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime) and value.time() == time(0):
        text = value.date().isoformat()
    elif isinstance(value, date | datetime):
        text = value.isoformat()
    else:
        text = str(value)
    cleaned, changed = clean_text(text)
    if changed:
        warnings.append(f"row {row.number}: {FIELDS[key]}: removed control characters")
    return cleaned.strip() or None


def _parse(raw: RawRow, countries: CountryLookup, targets: PlanIndex,
           warnings: list[str]) -> _Row:
    row = _Row(raw.number)
    cells = raw.cells
    text = {key: _text(row, cells, key, warnings) for key in FIELDS if key != "ref"}
    name, country, email = text["name"], text["country"], text["email"]
    if name is not None:
        try:
            row.name = clean_field("name", name)[0]
        except InputError as exc:
            row.problems.append(str(exc))
    elif country or email:
        row.problems.append("Name is missing")
    if country is not None:
        try:
            row.code = countries.code(country)
        except InputError as exc:
            row.problems.append(str(exc))
    elif name or email:
        row.problems.append("Country is missing")
    if email is not None:
        try:
            row.email = check_email(email)
        except InputError as exc:
            row.problems.append(str(exc))
    for key in PERSON_TEXT:
        if text[key] is not None:
            try:
                row.texts[key] = clean_field(key, text[key] or "")[0]
            except InputError as exc:
                row.problems.append(str(exc))
    if text["active"] is not None:
        flag = text["active"].casefold()
        if flag in _YES or flag in _NO:
            row.active = flag in _YES
        else:
            row.problems.append(f"Active must be yes or no, not {text['active']!r}")
    ref_value, ref_type = cells.get("ref", (None, "n"))
    ref: str | None = None
    if isinstance(ref_value, int | float) and not isinstance(ref_value, bool) \
            and ref_type != "f":
        row.problems.append(
            f"Ref {ref_value!r} is a number, not text: it is ambiguous (Excel turns 1.10 into "
            "1.1); type the reference as text, e.g. with a leading apostrophe")
    elif isinstance(ref_value, date | datetime):
        row.problems.append(
            f"Ref {_text(row, cells, 'ref', warnings)} is a date: Excel turned the reference "
            "into a date; type it as text, e.g. with a leading apostrophe")
    else:
        ref = _text(row, cells, "ref", warnings)
    if ref is not None:
        try:
            row.target = targets.resolve(ref)
        except InputError as exc:
            row.problems.append(str(exc))
        try:
            row.role = role_code(text["role"] or "lead")
        except InputError as exc:
            row.problems.append(str(exc))
    elif text["role"] is not None and ref_value is None:
        row.problems.append(f"Role {text['role']!r} is given but Ref is empty")
    return row


def build_people(countries: CountryLookup, targets: PlanIndex, sheet: SheetData
                 ) -> tuple[list[IncomingPerson], list[str], list[str]]:
    """(people, problems, warnings) from the sheet's rows."""
    warnings: list[str] = []
    rows = [_parse(raw, countries, targets, warnings) for raw in sheet.rows]
    for index, row in enumerate(rows):
        if row.name is None and row.code is None and row.email is None and not row.problems:
            if index == 0 or rows[index - 1].name is None and rows[index - 1].follows is None:
                row.problems.append("Name and Country are missing")
            else:
                row.follows = index - 1
    problems = [f"row {r.number}: {'; '.join(r.problems)}" for r in rows if r.problems]
    groups = _group([r for r in rows if not r.problems], rows)
    people = [_person(group, problems) for group in groups]
    return [p for p in people if p is not None], problems, warnings


def _group(good: list[_Row], rows: list[_Row]) -> list[list[_Row]]:
    """Rows of one person: same email, or same name and country, or continuation rows (a row
    marked inactive joins others by name and country only)."""
    parent = {id(r): id(r) for r in good}

    def find(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    first: dict[object, int] = {}
    for r in good:
        if r.follows is not None:
            above = id(rows[r.follows])
            if above in parent:
                parent[find(id(r))] = find(above)
            continue
        keys: list[object] = [("name and country", name_key(r.name or ""), r.code)]
        if r.email and r.active is not False:
            # not an inactive row's email: an office mailbox passes to the successor, so a
            # predecessor kept as history may share it with the person who holds it now
            keys.append(("email", r.email.casefold()))
        for key in keys:
            parent[find(id(r))] = find(first.setdefault(key, id(r)))
    groups: dict[int, list[_Row]] = {}
    for r in good:
        groups.setdefault(find(id(r)), []).append(r)
    return list(groups.values())


def _distinct(values: list[Any], same: Any = None) -> list[Any]:
    out: dict[Any, Any] = {}
    for value in values:
        out.setdefault(same(value) if same else value, value)
    return list(out.values())


def _shown(values: list[Any]) -> str:
    return " / ".join(repr(v) if isinstance(v, str) else ("yes" if v else "no") for v in values)


def _person(group: list[_Row], problems: list[str]) -> IncomingPerson | None:
    heads = [r for r in group if r.follows is None]
    if not heads:
        return None
    where = rows_label([r.number for r in group])
    before = len(problems)
    names = _distinct([r.name for r in heads], name_key)
    codes = _distinct([r.code for r in heads])
    emails = _distinct([r.email for r in heads if r.email], str.casefold)
    if len(names) > 1 or len(codes) > 1:
        what = "names" if len(names) > 1 else "countries"
        problems.append(f"{where}: the same email {emails[0]} with different {what}: "
                        f"{_shown(names if len(names) > 1 else codes)} (one email, one person)")
    if len(emails) > 1:
        problems.append(f"{where}: duplicate person: {names[0]} ({codes[0]}) has different "
                        f"emails: {_shown(emails)}")
    texts: dict[str, str | None] = {}
    for key in PERSON_TEXT:
        values = _distinct([r.texts[key] for r in group if key in r.texts])
        if len(values) > 1:
            problems.append(f"{where}: {names[0]} ({codes[0]}) has different "
                            f"{FIELDS[key]} values: {_shown(values)}")
        texts[key] = values[0] if values else None
    actives = _distinct([r.active for r in group if r.active is not None])
    if len(actives) > 1:
        problems.append(f"{where}: {names[0]} ({codes[0]}) is both active and not")
    if len(problems) > before or names[0] is None or codes[0] is None:
        return None
    person = IncomingPerson(where, names[0], codes[0], email=emails[0] if emails else None,
                            active=actives[0] if actives else None, title=texts["title"],
                            organisation=texts["organisation"], phone=texts["phone"],
                            notes=texts["notes"])
    person.assignments = [IncomingAssignment(f"row {r.number}", r.target, r.role)
                          for r in group if r.target is not None and r.role is not None]
    return person
