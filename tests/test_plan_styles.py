"""Plans in every numbering style the parser reads (tests/plan_styles.py): each action line
verbatim under its reference in the plan's notation, nothing placed twice or lost, the preamble
untouched, the style found, and a forced style read as told."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import InputError
from app.plan_parser import STYLES, PlanParseError, join_continuation, parse_plan, read_plan_file
from app.plan_text import vocabulary
from tests.conftest import DATA, SOURCE
from tests.plan_styles import DECIMAL, LETTERED, PLANS, ROMAN, StylePlan

IDS = [f"{p.key}-{i}" for i, p in enumerate(PLANS)]


def _read(plan: StylePlan, style: str | None = None):
    return parse_plan(plan.text, style)


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_every_style_is_read_verbatim(plan):
    parsed = _read(plan)
    assert parsed.style == plan.key
    assert parsed.title == plan.title
    assert parsed.preamble == plan.preamble
    assert tuple((p.label, p.title) for p in parsed.parts) == plan.parts
    assert tuple((s.number, s.title) for p in parsed.parts for s in p.sections) == plan.sections
    assert tuple((ref, a.text) for ref, _p, _s, a in parsed.action_lines()) == plan.actions
    assert parsed.unplaced == ()


def _words(text: str) -> list[str]:
    """The words of three letters or more, hyphens and line-end hyphens taken out (what the
    numbers and bullets never are)."""
    text = text.replace("-\n\n", "").replace("-\n", "").replace("-", "")
    return sorted(re.findall(r"[A-Za-z]{3,}", text))


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_nothing_is_placed_twice_or_lost(plan):
    """Every word of the text is in exactly one place: the title, the preamble, a heading or
    one action line."""
    parsed = _read(plan)
    refs = [ref for ref, *_ in parsed.action_lines()]
    assert len(set(refs)) == len(refs)
    placed = [parsed.title, parsed.preamble]
    for part in parsed.parts:
        placed.append(part.title)
        placed += [s.title for s in part.sections]
    placed += [a.text for *_, a in parsed.action_lines()]
    assert _words("\n".join(placed)) == _words(plan.text)


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_forcing_the_style_gives_the_same(plan):
    assert _read(plan, plan.key) == _read(plan)


def test_forcing_another_style_reads_it_that_way():
    """The decimal plan forced to the ASEAN-EU style: its 1.1.1 lines are not action lines
    there, so nothing of its parts can be placed; the text says where it stopped."""
    with pytest.raises(PlanParseError, match="cannot place this text in section 1.1"):
        _read(DECIMAL, "asean-eu")
    with pytest.raises(PlanParseError, match="no numbered parts found"):
        _read(ROMAN, "outline")  # "I." is no part in that style
    with pytest.raises(PlanParseError, match="unknown numbering style 'nope'"):
        _read(DECIMAL, "nope")


def test_every_style_has_a_description_and_a_plan():
    assert set(STYLES) == {p.key for p in PLANS}
    assert all(STYLES[key] and "\n" not in STYLES[key] for key in STYLES)


def test_numbered_preamble_paragraphs_are_not_actions():
    parsed = _read(DECIMAL)
    assert parsed.preamble.startswith("1. We, the Foreign Ministers")
    assert parsed.preamble.count("\n\n") == 2
    assert "(i) security, (ii) prosperity and (iii) people-to-people" in parsed.preamble
    assert [p.title for p in parsed.parts][0] == "POLITICAL-SECURITY COOPERATION"
    roman = _read(ROMAN)
    assert roman.preamble.split("\n\n") == ["1. The Work Plan guides ASEAN Plus Three "
                                            "cooperation.", "2. It is reviewed every two years."]


def test_roman_parts_with_numbered_sections_and_their_own_action_numbers():
    parsed = parse_plan("ASEAN-Japan Plan of Action\n\nI. PEACE AND STABILITY\n\n"
                        "1.1 Political dialogue\n\n1. Hold the Summit.\n2. Hold the meeting.\n\n"
                        "II. PROSPERITY\n\n2.1 Trade\n\n(a) Implement AJCEP.\n")
    assert parsed.style == "roman-decimal"
    assert [(r, a.text) for r, *_x, a in parsed.action_lines()] == [
        ("1.1.1", "Hold the Summit."), ("1.1.2", "Hold the meeting."),
        ("2.1(a)", "Implement AJCEP.")]


def test_a_list_inside_an_action_is_its_text():
    parsed = _read(LETTERED)
    first = next(a for ref, *_x, a in parsed.action_lines() if ref == "1.1(a)")
    assert "and (ii) the meetings of senior officials" in first.text


def test_part_numbers_and_labels():
    roman = _read(ROMAN)
    assert [(p.number, p.label) for p in roman.parts] == [(1, "I"), (2, "II")]
    decimal = _read(DECIMAL)
    assert [(p.number, p.label) for p in decimal.parts] == [(1, "1"), (2, "2"), (3, "3")]
    headings = _read(next(p for p in PLANS if p.key == "headings"))
    assert [(p.number, p.label, p.shown_label) for p in headings.parts] == [
        (1, "", "1"), (2, "", "2")]


# -- the ASEAN-EU plan as it was read before ---------------------------------------------------

def test_the_asean_eu_plan_reads_exactly_as_before():
    """tests/data/asean-eu-as-read-before.json: the seed plan.db's plan as the parser read it
    before it read other styles (title, preamble, parts, sections, and every action line's
    reference, letter, part, section and text, in order)."""
    before = json.loads((DATA / "asean-eu-as-read-before.json").read_text(encoding="utf-8"))
    parsed = parse_plan(SOURCE.read_text(encoding="utf-8"))
    assert parsed.style == "asean-eu" and parsed.unplaced == ()
    assert parsed.title == before["title"] and parsed.preamble == before["preamble"]
    assert [[p.number, p.title] for p in parsed.parts] == before["parts"]
    assert [[s.number, s.title] for p in parsed.parts for s in p.sections] == before["sections"]
    now = [[ref, a.letter, part.number, s.number if s else None, a.text]
           for ref, part, s, a in parsed.action_lines()]
    assert len(now) == 165
    assert now == before["action_lines"]


def test_the_asean_eu_plan_in_its_own_style_when_forced():
    text = SOURCE.read_text(encoding="utf-8")
    assert parse_plan(text, "asean-eu") == parse_plan(text)
    assert parse_plan(text, "lettered").action_lines  # the lenient letters read it too
    assert [r for r, *_ in parse_plan(text, "lettered").action_lines()] == [
        r for r, *_ in parse_plan(text).action_lines()]


# -- line-end hyphens --------------------------------------------------------------------------

@pytest.mark.parametrize(("left", "right", "words", "joined"), [
    ("ASEAN-", "Australia dialogue", "", "ASEAN-Australia dialogue"),  # a capital follows
    ("the EU-", "funded", "", "the EU-funded"),  # an acronym before
    ("the Asia-", "Pacific", "", "the Asia-Pacific"),
    ("2023-", "2027", "", "2023-2027"),
    ("capacity-", "building", "", "capacity-building"),  # kept unless the text says else
    ("capacity-", "building", "other capacity-building initiatives", "capacity-building"),
    ("cooper-", "ation against", "", "cooperation against"),  # only a word's ending follows
    ("imple-", "mented", "it is implemented as planned", "implemented"),  # the text's word
    ("well-", "being", "well-being and wellbeing", "well-being"),  # hyphenated wins
    ("a dash -", "next", "", "a dash - next"),
    ("promote dialogue and", "cooperation", "", "promote dialogue and cooperation"),
])
def test_line_end_hyphen_rule(left, right, words, joined):
    assert join_continuation(left, right, vocabulary(words)) == joined


# -- files -------------------------------------------------------------------------------------

def test_a_file_with_unplaced_text_is_refused_unless_accepted(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("My plan\n\n1. PART\n\n1.1. S\n\n- a) one\n- c) three\n\n- e) five\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_plan_file(path)
    assert str(info.value) == (f"{path}, line 8: action c) is out of order (expected the b)) "
                               "(and 1 more piece of text that could not be placed; see "
                               "--dry-run)")
    parsed = read_plan_file(path, allow_unplaced=True)
    assert [(u.line, u.text) for u in parsed.unplaced] == [(8, "- c) three"), (10, "- e) five")]
    assert [r for r, *_ in parsed.action_lines()] == ["1.1(a)"]


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_a_forced_style_from_a_file(tmp_path, plan):
    path = tmp_path / "plan.txt"
    path.write_text(plan.text, encoding="utf-8")
    assert read_plan_file(path, style=plan.key).style == plan.key
    assert read_plan_file(path) == parse_plan(plan.text)


def test_unplaced_pieces_in_line_order_and_the_error_names_the_text(tmp_path):
    """A section left empty because its lines were out of order: both are listed in line
    order; the one-line refusal names the line that could not be placed."""
    path = tmp_path / "plan.txt"
    path.write_text("T\n\n1. PART\n\n1.1. S\n\n- b) one\n\n1.2. R\n\n- a) two\n", encoding="utf-8")
    parsed = read_plan_file(path, allow_unplaced=True)
    assert [(u.line, u.reason) for u in parsed.unplaced] == [
        (5, "section 1.1 has no action lines"),
        (7, "action b) is out of order (expected the a))")]
    with pytest.raises(InputError, match=r"line 7: action b\) is out of order"):
        read_plan_file(path)


# -- nothing lost, whatever the text -----------------------------------------------------------

_PIECES = ["1.", "1.1", "1.1.1", "I.", "II.", "A.", "B.", "a)", "(b)", "- a)", "\u2022", "PART",
           "POLITICAL COOPERATION", "Title Case Heading", "text.", "", "(ii)", "2.", "1.2.", "c.",
           "C:", "3.1"]


def _plain_words(text: str) -> list[str]:
    return sorted(w for w in re.findall(r"[A-Za-z]{3,}", text.replace("-", " ")) if w != "PART")


@given(st.sampled_from([p for p in PLANS if "cooper-" not in p.text]),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 2),
                          st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3)),
                min_size=1, max_size=6),
       st.sampled_from([None, *STYLES]))
@settings(max_examples=300, deadline=None)
def test_a_damaged_plan_loses_no_word(plan, edits, style):
    """Lines deleted, inserted or swapped: every word of the text is still in the title, the
    preamble, a heading, an action line or a piece reported as not placed (once)."""
    lines = plan.text.split("\n")
    for at, op, words in edits:
        k = at % len(lines)
        if op == 0 and len(lines) > 1:
            del lines[k]
        elif op == 1:
            lines.insert(k, " ".join(words))
        else:
            lines[k], lines[-1 - k] = lines[-1 - k], lines[k]
    text = "\n".join(lines)
    try:
        parsed = parse_plan(text, style)
    except PlanParseError:
        return
    kept = [parsed.title, parsed.preamble, *(p.title for p in parsed.parts),
            *(s.title for p in parsed.parts for s in p.sections),
            *(a.text for *_x, a in parsed.action_lines()), *(u.text for u in parsed.unplaced)]
    assert _plain_words("\n".join(kept)) == _plain_words(text)


def test_the_reference_and_label_limits_match_their_columns():
    from app import limits
    from app.models import ActionLine, Part

    assert limits.TEXT_LENGTHS["action reference"] == ActionLine.ref.type.length
    assert limits.TEXT_LENGTHS["part label"] == Part.label.type.length
