"""Loading plan texts and reference data into a database, and building the pristine plan.db."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app import limits, paths
from app.errors import InputError
from app.glossary import extract_acronyms
from app.models import Acronym, ActionLine, Country, Part, Plan, Section
from app.plan_parser import ParsedPlan, read_plan_file
from app.plan_text import first_problem
from app.store.db import backup_to, make_engine, upgrade
from app.text_clean import check_length
from app.vocab import COUNTRY_GROUPS


def add_plan(session: Session, parsed: ParsedPlan, source_name: str, *,
             allow_unplaced: bool = False) -> Plan:
    """Add a parsed plan (parts, sections, action lines, glossary) to the session. A plan with
    text the parser could not place is refused unless `allow_unplaced` (the user saw it in the
    preview and chose to leave it out)."""
    if parsed.unplaced and not allow_unplaced:
        count = len(parsed.unplaced)
        raise InputError(f"{count} piece{'s' if count > 1 else ''} of text could not be placed "
                         f"(the first: {first_problem(parsed)}); see --dry-run")
    check_plan_lengths(parsed)
    if session.scalar(select(Plan.id).where(Plan.title == parsed.title)) is not None:
        raise InputError(f"a plan titled {parsed.title!r} is already in the database")
    position = (session.scalar(select(func.max(Plan.position))) or 0) + 1
    source_name = source_name[:limits.TEXT_LENGTHS["source name"]]
    plan = Plan(title=parsed.title, preamble=parsed.preamble, source_name=source_name,
                position=position)
    session.add(plan)
    session.flush()
    refs = {id(action): ref for ref, _part, _section, action in parsed.action_lines()}
    order = 0
    texts: list[str] = [parsed.title, parsed.preamble]  # the glossary reads them all in order
    for p in parsed.parts:
        part = Part(plan_id=plan.id, number=p.number, title=p.title, label=p.label)
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
                session.add(ActionLine(plan_id=plan.id, part_id=part.id, section_id=section_id,
                                       letter=a.letter, ref=refs[id(a)], position=order,
                                       text=a.text))
                texts.append(a.text)
    for acronym in extract_acronyms("\n".join(texts)):
        session.add(Acronym(plan_id=plan.id, abbr=acronym.abbr, expansion=acronym.expansion))
    session.flush()
    return plan


def check_plan_lengths(parsed: ParsedPlan) -> None:
    """Every text of a plan fits its column (app.limits); InputError naming the first that
    does not (SQLite would store it anyway, PostgreSQL would refuse it). References must be
    unique in the plan."""
    lengths = limits.TEXT_LENGTHS
    check_length(parsed.title, "the plan's title", lengths["plan title"])
    check_length(parsed.preamble, "the plan's preamble", limits.MAX_PREAMBLE)
    seen: set[str] = set()
    for ref, _part, _section, a in parsed.action_lines():
        check_length(ref, f"reference {ref[:30]!r}", lengths["action reference"])
        if ref in seen:
            raise InputError(f"reference {ref} is given to two action lines")
        seen.add(ref)
        check_length(a.letter, f"action letter {a.letter[:10]!r}", lengths["action letter"])
        check_length(a.text, f"the text of {ref}", limits.MAX_LONG_TEXT)
    numbers: set[int] = set()
    for p in parsed.parts:
        if not 0 <= p.number <= limits.MAX_PART_NUMBER:
            raise InputError(f"part number {p.number} is too large (at most "
                             f"{limits.MAX_PART_NUMBER})")
        if p.number in numbers:
            raise InputError(f"part number {p.number} is given to two parts")
        numbers.add(p.number)
        check_length(p.label, f"the number of part {p.number}", lengths["part label"])
        check_length(p.title, f"the title of part {p.shown_label}", lengths["part title"])
        for sec in p.sections:
            check_length(sec.number, f"section number {sec.number[:20]!r}",
                         lengths["section number"])
            check_length(sec.title, f"the title of section {sec.number}",
                         lengths["section title"])


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


def open_server_database(url: str) -> Engine:
    """A server database (PostgreSQL) named by its URL: the migrations create the schema on
    an empty one and the pristine plan and countries are added when it holds no plan. Kept
    minimal: the team mode builds on it."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.errors import DatabaseError, database_error, first_line

    try:
        engine = make_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        reason = first_line(exc)
        raise DatabaseError(f"cannot use database URL {_hidden(url)}: {reason}") from None
    label = engine.url.render_as_string(hide_password=True)
    try:
        upgrade(engine)
        with Session(engine) as session, session.begin():
            if session.scalar(select(func.count()).select_from(Plan)) == 0:
                if session.scalar(select(func.count()).select_from(Country)) == 0:
                    load_countries(session)
                add_plan(session, read_plan_file(paths.seed_plan_text()),
                         source_name=paths.PLAN_TEXT_NAME)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise database_error(label, exc) from None
    return engine


def _hidden(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - unparseable: say only its scheme
        return url.split("://", 1)[0] + "://..."
