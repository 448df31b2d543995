"""Validation of focal-point input, shared by the register, the workbook and the JSON import.

Each check raises `InputError` with one line that says what is wrong and what would be right.
Everything here works inside a caller's session (a transaction or a dry run).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFoundError
from app.focal.values import FocalPointFields, Target, TargetInfo
from app.models import ROLES, ActionLine, Assignment, Country, FocalPoint, Part, Section
from app.text_clean import clean_text

EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")
LENGTHS = {"name": 200, "title": 200, "organisation": 300, "email": 254, "phone": 60}
SINGLE_LINE = ("name", "title", "organisation", "email", "phone")
_ROLE_ALIASES = {r.replace("-", ""): r for r in ROLES}


def name_key(name: str) -> str:
    """Names compare without case and with runs of spaces folded."""
    return " ".join(name.split()).casefold()


def role_code(value: str) -> str:
    """'Lead', 'co lead', 'Co-Lead', 'colead' -> the role code; InputError if unknown."""
    key = re.sub(r"[\s_-]+", "", value.strip().casefold())
    role = _ROLE_ALIASES.get(key)
    if role is None:
        raise InputError(f"unknown role {value.strip()!r} (use one of: {', '.join(ROLES)})")
    return role


def check_email(value: str) -> str:
    """The email stripped; '' is allowed (no email); InputError if it is malformed."""
    email = value.strip()
    if email.lower().startswith("mailto:"):
        email = email[len("mailto:"):]
    if email and not EMAIL_RE.match(email):
        raise InputError(f"malformed email {value.strip()!r} (expected name@domain.org)")
    return email


class CountryLookup:
    """Country codes and display names of the reference data, matched without case."""

    def __init__(self, session: Session) -> None:
        self.names: dict[str, str] = {}
        self._by_key: dict[str, str] = {}
        for code, name in session.execute(select(Country.code, Country.name)
                                          .order_by(Country.position)):
            self.names[code] = name
            self._by_key[code.casefold()] = code
            self._by_key[" ".join(name.split()).casefold()] = code

    def code(self, value: str) -> str:
        """The code for a code ('vn') or the exact display name ('viet nam')."""
        key = " ".join(value.split()).casefold()
        if not key:
            raise InputError("the country is missing")
        code = self._by_key.get(key)
        if code is not None:
            return code
        close = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.75)
        if close:
            match = self._by_key[close[0]]
            hint = f"did you mean {self.names[match]} ({match})?"
        else:
            hint = "use a code like VN or a name like Viet Nam"
        raise InputError(f"unknown country {value.strip()!r} ({hint})")


@dataclass(frozen=True, slots=True)
class CleanFields:
    """Validated focal-point fields, ready for the database."""

    name: str
    country_code: str
    title: str
    organisation: str
    email: str
    phone: str
    notes: str
    warnings: tuple[str, ...] = ()

    def values(self) -> dict[str, str]:
        return {"name": self.name, "country_code": self.country_code, "title": self.title,
                "organisation": self.organisation, "email": self.email, "phone": self.phone,
                "notes": self.notes}


def clean_field(label: str, value: str) -> tuple[str, str | None]:
    """(cleaned text, a warning or None): control characters out, one line where it must be."""
    text, changed = clean_text(value)
    text = " ".join(text.split()) if label in SINGLE_LINE else text.strip()
    limit = LENGTHS.get(label)
    if limit is not None and len(text) > limit:
        raise InputError(f"{label} is too long ({len(text)} characters; at most {limit})")
    warning = f"{label}: removed control characters Word and Excel reject" if changed else None
    return text, warning


def clean_fields(fields: FocalPointFields, countries: CountryLookup) -> CleanFields:
    values: dict[str, str] = {}
    warnings: list[str] = []
    for label in ("name", "title", "organisation", "phone", "notes"):
        text, warning = clean_field(label, getattr(fields, label))
        values[label] = text
        if warning:
            warnings.append(warning)
    if not values["name"]:
        raise InputError("the name is missing")
    email = check_email(clean_field("email", fields.email)[0])
    return CleanFields(values["name"], countries.code(fields.country), values["title"],
                       values["organisation"], email, values["phone"], values["notes"],
                       tuple(warnings))


def find_duplicate(session: Session, name: str, country_code: str, email: str,
                   exclude: frozenset[int] = frozenset()) -> str | None:
    """A message if an *active* focal point already has this email, or this name and country.

    Inactive focal points are history (a successor may take over an office's mailbox).
    """
    rows = session.execute(select(FocalPoint.id, FocalPoint.name, FocalPoint.country_code,
                                  FocalPoint.email).where(FocalPoint.active.is_(True)))
    for fp_id, other_name, other_code, other_email in rows:
        if fp_id in exclude:
            continue
        if email and other_email.casefold() == email.casefold():
            return (f"duplicate focal point: {other_name} ({other_code}, id {fp_id}) already "
                    f"has the email {other_email}")
        if other_code == country_code and name_key(other_name) == name_key(name):
            return (f"duplicate focal point: {other_name} ({other_code}) is already in the "
                    f"register (id {fp_id})")
    return None


class TargetResolver:
    """Action-line references ('1.3(b)', '1.3b') and section numbers ('2.1') of one plan."""

    def __init__(self, session: Session, plan_id: int) -> None:
        self.plan_id = plan_id
        self._actions: dict[str, tuple[int, str]] = {}
        self._action_by_id: dict[int, str] = {}
        self._order: dict[int, int] = {}
        self._first_action: dict[int, int] = {}
        self._section_actions: dict[int, set[int]] = defaultdict(set)
        for aid, ref, txt, section_id in session.execute(
                select(ActionLine.id, ActionLine.ref, ActionLine.text, ActionLine.section_id)
                .where(ActionLine.plan_id == plan_id).order_by(ActionLine.position)):
            self._actions[ref] = (aid, txt)
            self._action_by_id[aid] = ref
            self._order[aid] = len(self._order)
            if section_id is not None:
                self._section_actions[section_id].add(aid)
                self._first_action.setdefault(section_id, self._order[aid])
        self._sections: dict[str, tuple[int, str]] = {}
        self._section_by_id: dict[int, str] = {}
        for sid, number, title in session.execute(
                select(Section.id, Section.number, Section.title)
                .join(Part, Part.id == Section.part_id).where(Part.plan_id == plan_id)
                .order_by(Part.number, Section.position)):
            self._sections[number] = (sid, title)
            self._section_by_id[sid] = number
        self._parts = {str(n) for n in session.scalars(
            select(Part.number).where(Part.plan_id == plan_id))}

    def resolve(self, typed: str) -> TargetInfo:
        """The action line or section `typed` names; InputError that says why not."""
        from app.service import normalize_ref

        text = typed.strip()
        canonical = normalize_ref(text)
        if canonical is None:
            raise InputError(f"unknown reference {text!r} (use an action line like 1.3(b) or "
                             "a section like 2.1)")
        if "(" in canonical:
            if canonical not in self._actions:
                raise InputError(f"unknown reference {text!r}: no action line {canonical} in "
                                 "this plan")
            return self.for_target(Target(action_id=self._actions[canonical][0]))
        if canonical in self._sections:
            return self.for_target(Target(section_id=self._sections[canonical][0]))
        if canonical in self._parts:
            raise InputError(f"{text!r} is a part, not a section: use a section (like 2.1) or "
                             f"an action line (like {canonical}.1(a) or {canonical}(a))")
        raise InputError(f"unknown reference {text!r}: no section {canonical} in this plan")

    def sort_key(self, target: Target) -> tuple[int, int]:
        """Plan order: a section comes just before its first action line."""
        if target.action_id is not None:
            return (self._order.get(target.action_id, 1 << 30), 1)
        assert target.section_id is not None
        return (self._first_action.get(target.section_id, 1 << 30), 0)

    def for_target(self, target: Target) -> TargetInfo:
        if target.action_id is not None:
            ref = self._action_by_id.get(target.action_id)
            if ref is None:
                raise NotFoundError(f"no action line with id {target.action_id} in this plan")
            return TargetInfo(target, self.plan_id, ref, self._actions[ref][1],
                              frozenset({target.action_id}))
        assert target.section_id is not None
        number = self._section_by_id.get(target.section_id)
        if number is None:
            raise NotFoundError(f"no section with id {target.section_id} in this plan")
        return TargetInfo(target, self.plan_id, number, self._sections[number][1],
                          frozenset(self._section_actions[target.section_id]))


def plan_of_target(session: Session, target: Target) -> int:
    """The plan an action line or a section belongs to; NotFoundError if it does not exist."""
    if target.action_id is not None:
        plan_id = session.scalar(select(ActionLine.plan_id)
                                 .where(ActionLine.id == target.action_id))
        what = f"action line with id {target.action_id}"
    else:
        plan_id = session.scalar(select(Part.plan_id).join(Section, Section.part_id == Part.id)
                                 .where(Section.id == target.section_id))
        what = f"section with id {target.section_id}"
    if plan_id is None:
        raise NotFoundError(f"no {what}")
    return plan_id


def assignment_count(session: Session, focal_point_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Assignment)
                          .where(Assignment.focal_point_id == focal_point_id)) or 0
