"""Loading plan texts and reference data into a database, and building the pristine plan.db."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import paths
from app.errors import InputError
from app.glossary import extract_acronyms
from app.models import Acronym, ActionLine, Country, Part, Plan, Section
from app.plan_parser import ParsedPlan, action_ref, read_plan_file
from app.store.db import backup_to, make_engine, upgrade
from app.vocab import COUNTRY_GROUPS


def add_plan(session: Session, parsed: ParsedPlan, source_name: str) -> Plan:
    """Add a parsed plan (parts, sections, action lines, glossary) to the session."""
    if session.scalar(select(Plan.id).where(Plan.title == parsed.title)) is not None:
        raise InputError(f"a plan titled {parsed.title!r} is already in the database")
    position = (session.scalar(select(func.max(Plan.position))) or 0) + 1
    plan = Plan(title=parsed.title, preamble=parsed.preamble, source_name=source_name,
                position=position)
    session.add(plan)
    session.flush()
    order = 0
    texts: list[str] = [parsed.title, parsed.preamble]  # the glossary reads them all in order
    for p in parsed.parts:
        part = Part(plan_id=plan.id, number=p.number, title=p.title)
        session.add(part)
        session.flush()
        texts.append(p.title)
        groups = [(None, p.actions)] + [(s, s.actions) for s in p.sections]
        for position_in_part, (s, actions) in enumerate(groups):
            section_id = None
            if s is not None:
                section = Section(part_id=part.id, number=s.number, title=s.title,
                                  position=position_in_part)
                session.add(section)
                session.flush()
                section_id = section.id
                texts.append(s.title)
            for a in actions:
                order += 1
                ref = action_ref(p.number, s.number if s else None, a.letter)
                session.add(ActionLine(plan_id=plan.id, part_id=part.id, section_id=section_id,
                                       letter=a.letter, ref=ref, position=order, text=a.text))
                texts.append(a.text)
    for acronym in extract_acronyms("\n".join(texts)):
        session.add(Acronym(plan_id=plan.id, abbr=acronym.abbr, expansion=acronym.expansion))
    session.flush()
    return plan


def load_countries(session: Session, path: Path | None = None) -> int:
    """Insert the reference list of countries and institutions (ASEAN, EU, institutions)."""
    path = path or paths.countries_csv()
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for position, row in enumerate(rows):
        if row["grouping"] not in COUNTRY_GROUPS:
            raise InputError(f"{path}: unknown grouping {row['grouping']!r} for {row['code']}")
        session.add(Country(code=row["code"], name=row["name"], grouping=row["grouping"],
                            position=position))
    session.flush()
    return len(rows)


def build_seed(target: Path | None = None, plan_text: Path | None = None) -> Path:
    """Build the pristine database from resources/ and write it to `target` (atomically)."""
    target = target or paths.seed_database()
    parsed = read_plan_file(plan_text or paths.seed_plan_text())
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.with_name(f".{target.name}.building")
    work.unlink(missing_ok=True)
    engine = make_engine(work)
    try:
        upgrade(engine)
        with Session(engine) as session, session.begin():
            load_countries(session)
            add_plan(session, parsed, source_name=paths.PLAN_TEXT_NAME)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    backup_to(work, target)  # one self-contained file, journal_mode=DELETE
    target.chmod(0o644)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    return target
