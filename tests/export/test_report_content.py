"""The progress report's content: its activity figures are the database's (counted here past the
gateway, straight from the tables), an activity on a whole section is counted and listed once,
at the section, and the report is "as at" the period's end or today, whichever is earlier."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from app.export.report_content import as_at, describe, load_report
from app.models import ActionLine, Activity, Part, Section
from app.vocab import ACTIVITY_KINDS
from tests.conftest import raw_session
from tests.export.report_data import ACTIVITIES, PERIOD, PRIVATE, SECTION_WIDE, make_report_set


@pytest.fixture
def report_set(desk):
    make_report_set(desk)
    return desk


def database_counts(desk) -> dict[str, Counter]:
    """The period's activities counted from the tables: by pillar (part number) and by
    section number, each split into on-lines / section-wide, and by kind."""
    start, end = PERIOD
    with raw_session(desk) as s:
        line_part = dict(s.execute(select(ActionLine.id, Part.number)
                                   .join(Part, ActionLine.part_id == Part.id)).all())
        line_section = dict(s.execute(select(ActionLine.id, Section.number)
                                      .join(Section, ActionLine.section_id == Section.id)
                                      ).all())
        section_part = dict(s.execute(select(Section.id, Part.number)
                                      .join(Part, Section.part_id == Part.id)).all())
        section_number = dict(s.execute(select(Section.id, Section.number)).all())
        rows = s.execute(select(Activity.kind, Activity.start_date, Activity.end_date,
                                Activity.action_line_id, Activity.section_id)).all()
    out: dict[str, Counter] = {name: Counter() for name in (
        "pillar_lines", "pillar_wide", "section_lines", "section_wide", "kind")}
    for kind, first, last, line_id, section_id in rows:
        if first is None or first > end or (last or first) < start:
            continue
        out["kind"][ACTIVITY_KINDS[kind]] += 1
        if line_id is not None:
            out["pillar_lines"][line_part[line_id]] += 1
            if line_id in line_section:
                out["section_lines"][line_section[line_id]] += 1
        else:
            out["pillar_wide"][section_part[section_id]] += 1
            out["section_wide"][section_number[section_id]] += 1
    return out


def test_the_activity_figures_are_the_databases(report_set):
    content = load_report(report_set, *PERIOD)
    figures = content.activity_figures
    db = database_counts(report_set)
    total = sum(db["kind"].values())
    assert total == 30  # the fixture's 36, less 5 before the period and 1 undated
    assert figures.total == total == len(content.activities)
    assert figures.section_wide == sum(db["pillar_wide"].values()) == 4
    for count in figures.by_pillar:
        number = int(count.label.split(".")[0])
        assert (count.on_lines, count.section_wide) == (db["pillar_lines"][number],
                                                        db["pillar_wide"][number])
    assert [c.label.split()[0] for c in figures.by_section] == sorted(
        set(db["section_lines"]) | set(db["section_wide"]),
        key=lambda n: tuple(int(x) for x in n.split(".")))
    for count in figures.by_section:
        number = count.label.split()[0]
        assert (count.on_lines, count.section_wide) == (db["section_lines"][number],
                                                        db["section_wide"][number])
    assert dict(figures.by_kind) == dict(db["kind"])
    assert [k for k, _ in figures.by_kind] == [v for v in ACTIVITY_KINDS.values()
                                               if v in db["kind"]]


def test_a_section_wide_activity_is_at_its_section_once(report_set):
    content = load_report(report_set, *PERIOD)
    (section,) = [g for g in content.groups if g.number == "1.3"]
    assert [a.fields.title for a in section.activities] == [
        SECTION_WIDE, "SOMTC+EU consultation on trafficking in persons"]
    listed = [a.fields.title for line in content.lines for a in line.activities]
    assert SECTION_WIDE not in listed  # never under the section's lines
    lines_with = {line.ref for line in content.lines if line.activities}
    expected = {ref for ref, _t, _k, start, end, *_ in ACTIVITIES
                if "(" in ref and start is not None and start <= PERIOD[1]
                and (end or start) >= PERIOD[0]}
    assert lines_with == expected  # "with activity": their own only
    assert all(line.ref not in lines_with for line in content.without_activity)
    assert len(content.without_activity) == 165 - len(expected)


def test_each_activity_shows_its_lead_and_programme_never_its_notes(report_set):
    content = load_report(report_set, *PERIOD)
    (supa,) = [a for a in content.activities if a.fields.programme == "SUPA"]
    text = describe(supa)
    assert text.startswith("1 June 2025 \u2013 31 May 2027: SUPA: sustainable use")
    assert "lead: EU" in text and "programme: SUPA" in text and "Project or programme" in text
    assert all(PRIVATE not in describe(a) for a in content.activities)


def test_as_at_is_the_period_end_or_today_whichever_is_earlier(report_set):
    assert as_at(date(2026, 12, 31), date(2026, 12, 7)) == date(2026, 12, 7)
    assert as_at(date(2025, 12, 31), date(2026, 12, 7)) == date(2025, 12, 31)
    content = load_report(report_set, *PERIOD, today=date(2026, 12, 7))
    assert content.as_at_text == "as at 7 December 2026"
    past = load_report(report_set, date(2025, 1, 1), date(2025, 12, 31),
                       today=date(2026, 12, 7))
    assert past.as_at_text == "as at 31 December 2025"
    assert [a.fields.title for a in past.activities] == [
        "Climate study tour of 2025", "SUPA: sustainable use of peatland and haze mitigation",
        "23rd AEMM", "SOMTC+EU consultation"]


def test_the_status_changes_are_read_from_the_action_lines_history_alone(report_set):
    """The report asks the history for the action lines' changes only (the period's activities
    are recorded there too, many more rows): the same changes as from the whole history."""
    desk = report_set
    start = datetime.combine(PERIOD[0], time.min)
    everything = desk.history(since=start)
    lines = desk.history(since=start, kinds=["action_line"])
    assert {h.kind for h in everything} > {"action_line"}  # the activities' rows, and others
    assert lines == [h for h in everything if h.kind == "action_line"]
    statuses = [(h.at, h.new) for h in reversed(lines) if h.field == "status"]
    report = load_report(desk, *PERIOD)
    assert len(report.changes) == len(statuses) == 21
    assert [c.at for c in report.changes] == [at for at, _new in statuses]
