"""The focal-point rules that need the database (duplicates, counts, the list of countries),
inside a caller's session (a transaction or a dry run); the plain checks are in
app.focal.checks."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.focal.checks import (
    CleanFields,
    CountryLookup,
    check_email,
    clean_field,
    clean_fields,
    name_key,
)
from app.models import Assignment, Country, FocalPoint
from app.values import CountryInfo

__all__ = ["CleanFields", "CountryLookup", "assignment_count", "check_email", "clean_field",
           "clean_fields", "find_duplicate", "name_key", "read_countries"]


def read_countries(session: Session) -> CountryLookup:
    """The countries of the reference data, to look codes and names up in."""
    return CountryLookup(CountryInfo(code, name, grouping) for code, name, grouping in
                         session.execute(select(Country.code, Country.name, Country.grouping)
                                         .order_by(Country.position)))


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


def assignment_count(session: Session, focal_point_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Assignment)
                          .where(Assignment.focal_point_id == focal_point_id)) or 0
