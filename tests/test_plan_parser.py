"""The parser against the real plan text: structure, every action verbatim, page-break joins."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.plan_parser import PlanParseError, join_continuation, parse_plan
from tests.conftest import DATA, SOURCE

SOURCE_TEXT = SOURCE.read_text(encoding="utf-8")
ACTION_LINE = re.compile(r"^- ([a-z])\) (.*)$")


@pytest.fixture(scope="module")
def plan():
    return parse_plan(SOURCE_TEXT)


def test_structure_counts(plan):
    assert plan.title == (
        "Plan of Action to Implement the ASEAN-EU Strategic Partnership (2023-2027)"
    )
    assert plan.preamble.startswith("This Plan of Action to Implement")
    assert plan.preamble.endswith("in the following areas.")
    assert [p.number for p in plan.parts] == [1, 2, 3, 4, 5]
    assert [len(p.sections) for p in plan.parts] == [9, 8, 5, 7, 0]
    assert sum(len(p.sections) for p in plan.parts) == 29
    assert len(list(plan.action_lines())) == 165
    part5 = plan.parts[4]
    assert part5.title == "FOLLOW-UP OF THE PLAN OF ACTION"
    assert [a.letter for a in part5.actions] == ["a", "b", "c", "d"]


def test_every_action_matches_the_source_verbatim(plan):
    """Walk the source independently: each '- x)' line starts an action; every other body line
    after it (until the next heading) is its continuation, joined as the plan's rules say."""
    expected: list[tuple[str, str]] = []
    owner = ""
    for raw in SOURCE_TEXT.splitlines():
        line = raw.strip()
        if not line:
            continue
        if m := re.match(r"^(\d)\.(\d)\. ", line):
            owner = f"{m[1]}.{m[2]}"
        elif m := re.match(r"^(\d)\. [A-Z]", line):
            owner = m[1]
        elif m := ACTION_LINE.match(line):
            expected.append((f"{owner}({m[1]})", m[2]))
        elif expected and owner:
            ref, text = expected[-1]
            sep = "" if text.endswith("-") else " "
            expected[-1] = (ref, text + sep + line)
    parsed = [(ref, action.text) for ref, _part, _sec, action in plan.action_lines()]
    assert len(expected) == 165
    assert sorted(parsed) == sorted(expected)


@pytest.mark.parametrize(
    ("ref", "fragment"),
    [
        ("1.3(b)", "to promote dialogue and cooperation on ways to tackle"),
        ("1.8(c)", "and other capacity-building initiatives to enhance"),
        ("2.1(c)", "parameters of a future ASEAN-EU FTA, taking into account"),
        ("2.2(b)", "Trademarks Task Force (TMTF), and the ASEAN Network of IP"),
        ("2.4(a)", "resilient and competitive Micro, Small and Medium Enterprises (MSMEs), and"),
        ("2.5(f)", "secure and resilient digital infrastructure, as guided by"),
        ("3.5(f)", "Peatland Ecosystems (APSMPE), ASEAN Working Group on Climate Change"),
        ("5(a)", "Joint Cooperation Committee (JCC) and the ASEAN-EU Senior Officials' Meeting"),
    ],
)
def test_page_break_joins(plan, ref, fragment):
    texts = {r: a.text for r, _p, _s, a in plan.action_lines()}
    assert fragment in texts[ref]
    assert "  " not in texts[ref]


def test_references_are_canonical_text(plan):
    refs = [ref for ref, *_ in plan.action_lines()]
    assert refs[:3] == ["1.1(a)", "1.1(b)", "1.1(c)"]
    assert "3.5(v)" in refs and "5(c)" in refs
    assert len(set(refs)) == 165
    assert all(isinstance(s.number, str) for p in plan.parts for s in p.sections)


def test_another_plan_in_the_same_style():
    mini = parse_plan((DATA / "mini-plan.txt").read_text(encoding="utf-8"))
    refs = {ref: a.text for ref, _p, _s, a in mini.action_lines()}
    assert list(refs) == ["1.1(a)", "1.1(b)", "1.2(a)", "2.1(a)", "3(a)", "3(b)"]
    assert refs["1.1(b)"].endswith("its work on capacity-building for coast guards.")
    assert refs["1.2(a)"].endswith("(ECC), including through training and exchanges.")


def test_join_continuation_rules():
    assert join_continuation("capacity-", "building") == "capacity-building"
    assert join_continuation("ASEAN-", "EU FTA") == "ASEAN-EU FTA"
    assert join_continuation("promote dialogue and", "cooperation") == (
        "promote dialogue and cooperation")
    assert join_continuation("a dash -", "next") == "a dash - next"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 0, "empty"),
        ("Just a title\n\nSome words but no parts.\n", 0, "no numbered parts"),
        ("T\n\n1. PART\n\n1.1. S\n\n- b) skipped a\n", 7, "out of order"),
        ("T\n\n1. PART\n\n1.2. S\n\n- a) x\n", 5, "out of order (expected 1.1)"),
        ("T\n\n- a) before any part\n", 3, "before any part"),
        ("T\n\n1. PART\n\nstray prose\n", 5, "cannot place"),
    ],
)
def test_errors_name_the_line(text, line, message):
    """Nothing could be placed: an error naming the line that stopped it."""
    with pytest.raises(PlanParseError) as info:
        parse_plan(text)
    assert info.value.line == line
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "line", "message", "placed"),
    [
        ("T\n\n1. PART\n\n1.1. S\n\n- a) x\n\n2.1. stray section\n\n- a) y\n", 9,
         "section 2.1 does not belong to the current part", ["1.1(a)"]),
        ("T\n\n1. PART\n\n1.1. Empty section\n\n1.2. S\n\n- a) x\n", 5,
         "section 1.1 has no action lines", ["1.2(a)"]),
        ("T\n\n1. PART\n\n1.1. S\n\n- a) x\n- c) three\n", 8,
         "action c) is out of order (expected the b))", ["1.1(a)"]),
        ("T\n\n1. PART\n\n1.1. S\n\n- a) x\n\n2. NEXT\n\n- a) y\n\n1.1. back\n", 13,
         "section 1.1 does not belong to the current part", ["1.1(a)", "2(a)"]),
        ("T\n\n1. PART\nstray prose\n\n1.1. S\n\n- a) x\n", 4,
         "cannot place this text in part 1", ["1.1(a)"]),  # not a title in capitals
        ("T\n\n1. PART\n\n1.1 S\n\n1.1.1 x\n\n2. NEXT\n\n2.1.1 orphan\n\n2.1 S\n\n"
         "2.1.1 y\n", 11, "action 2.1.1 does not belong to part 2", ["1.1.1", "2.1.1"]),
        ("T\n\n1. PART\n\n1.1. S\n" + "".join(f"- {c}) x\n" for c in "abcdefgh")
         + "- v) stray\n", 14, "action v) is out of order (expected the i))",
         [f"1.1({c})" for c in "abcdefgh"]),
    ],
)
def test_unplaced_text_is_reported_not_guessed(text, line, message, placed):
    """What cannot be placed is returned with its line and why, and nothing else moves: the
    lines after an unplaced section are not put in the section before it."""
    plan = parse_plan(text)
    assert [ref for ref, *_ in plan.action_lines()] == placed
    first = plan.unplaced[0]
    assert (first.line, first.reason) == (line, message)
    assert first.text == text.split("\n")[line - 1]
    assert all(u.text.strip() for u in plan.unplaced)


def test_a_wrapped_part_title_goes_on_in_capitals():
    plan = parse_plan("T\n\n1. POLITICAL AND SECURITY\nCOOPERATION\n\n1.1 Political\ndialogue\n"
                      "\n1.1.1 x\n")
    assert [p.title for p in plan.parts] == ["POLITICAL AND SECURITY COOPERATION"]
    assert [s.title for s in plan.parts[0].sections] == ["Political dialogue"]


def test_lines_under_an_unplaced_section_stay_out():
    plan = parse_plan("T\n\n1. PART\n\n1.1. S\n\n- a) x\n\n1.3. skipped 1.2\n\n"
                      "- a) under it\n\nand its wrapped line\n")
    assert [a.text for *_, a in plan.action_lines()] == ["x"]
    assert [(u.line, u.text) for u in plan.unplaced] == [
        (9, "1.3. skipped 1.2"), (11, "- a) under it and its wrapped line")]
    assert "which could not be placed" in plan.unplaced[1].reason


@given(st.text(max_size=400))
def test_parser_never_crashes_otherwise(text):
    try:
        parsed = parse_plan(text)
    except PlanParseError:
        return
    assert parsed.parts
