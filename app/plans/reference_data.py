"""The glossaries (each plan's acronyms and the user's own) and the list of countries and
institutions: `desk.reference_data`."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from app.errors import InputError, NotFoundError
from app.limits import TEXT_LENGTHS
from app.models import Acronym, Country, UserAcronym
from app.store.session import Store
from app.text_clean import check_length, clean
from app.values import AcronymInfo, Change, CountryInfo


class ReferenceData:
    def __init__(self, store: Store, default_plan: Callable[[], int]) -> None:
        self._store = store
        self._default_plan = default_plan

    def acronyms(self, plan_id: int | None = None) -> list[AcronymInfo]:
        """A plan's glossary (default: the first plan's), by abbreviation."""
        plan_id = self._default_plan() if plan_id is None else plan_id
        with self._store.read() as s:
            rows = s.execute(select(Acronym.abbr, Acronym.expansion)
                             .where(Acronym.plan_id == plan_id)
                             .order_by(func.lower(Acronym.abbr)))
            return [AcronymInfo(a, e) for a, e in rows]

    def set_acronym(self, plan_id: int, abbr: str, expansion: str) -> Change:
        """Add an acronym to a plan's glossary, or change its expansion."""
        abbr = check_length(clean(abbr), f"acronym {abbr[:40]!r}", TEXT_LENGTHS["acronym"])
        expansion = check_length(clean(expansion), f"the expansion of {abbr}",
                                 TEXT_LENGTHS["acronym expansion"])
        with self._store.write() as s:
            row = s.scalar(select(Acronym).where(Acronym.plan_id == plan_id,
                                                 Acronym.abbr == abbr))
            if row is None:
                s.add(Acronym(plan_id=plan_id, abbr=abbr, expansion=expansion))
            else:
                row.expansion = expansion
        return Change(plan_structure=True)

    def user_acronyms(self) -> list[AcronymInfo]:
        """The user's own glossary (EUDR, ASEC...): it joins every plan's in a brief."""
        with self._store.read() as s:
            rows = s.execute(select(UserAcronym.abbr, UserAcronym.expansion)
                             .order_by(func.lower(UserAcronym.abbr), UserAcronym.abbr))
            return [AcronymInfo(a, e) for a, e in rows]

    def set_user_acronym(self, abbr: str, expansion: str) -> Change:
        """Add an abbreviation to the user's glossary, or change its expansion."""
        abbr = " ".join(clean(abbr).split())
        expansion = " ".join(clean(expansion).split())
        if not abbr or not expansion:
            raise InputError("an acronym needs the abbreviation and its expansion, e.g. "
                             "EUDR and \"EU Deforestation Regulation\"")
        abbr = check_length(abbr, f"acronym {abbr[:40]!r}", TEXT_LENGTHS["acronym"])
        expansion = check_length(expansion, f"the expansion of {abbr}",
                                 TEXT_LENGTHS["acronym expansion"])
        with self._store.write() as s:
            row = s.scalar(select(UserAcronym).where(UserAcronym.abbr == abbr))
            if row is None:
                s.add(UserAcronym(abbr=abbr, expansion=expansion))
            else:
                row.expansion = expansion
        return Change(plan_structure=True)

    def remove_user_acronym(self, abbr: str) -> Change:
        """Take an abbreviation out of the user's glossary (NotFoundError if not there)."""
        key = " ".join(abbr.split())
        with self._store.write() as s:
            row = s.scalar(select(UserAcronym).where(UserAcronym.abbr == key))
            if row is None:
                raise NotFoundError(f"{key} is not in your glossary")
            s.delete(row)
        return Change(plan_structure=True)

    def countries(self) -> list[CountryInfo]:
        """The countries and institutions, in their list's order (app.models.Country)."""
        with self._store.read() as s:
            return [CountryInfo(c.code, c.name, c.grouping)
                    for c in s.scalars(select(Country).order_by(Country.position))]
