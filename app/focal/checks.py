"""Checks of focal-point input, shared by the register, the workbook and the JSON import:
plain Python over plain values (no session), so the importers use them without the storage.

Each check raises `InputError` with one line that says what is wrong and what would be right.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.errors import InputError
from app.focal.values import FocalPointFields
from app.text_clean import clean_text
from app.values import CountryInfo

EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")
LENGTHS = {"name": 200, "title": 200, "organisation": 300, "email": 254, "phone": 60}
SINGLE_LINE = ("name", "title", "organisation", "email", "phone")


def name_key(name: str) -> str:
    """Names compare without case and with runs of spaces folded."""
    return " ".join(name.split()).casefold()


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

    def __init__(self, countries: Iterable[CountryInfo]) -> None:
        self.names: dict[str, str] = {}
        self._by_key: dict[str, str] = {}
        for c in countries:
            self.names[c.code] = c.name
            self._by_key[c.code.casefold()] = c.code
            self._by_key[" ".join(c.name.split()).casefold()] = c.code

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
