"""References in each plan's own notation: read however they are typed (app.refs), and
resolved, searched and put on an agenda in plans of every numbering style."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import BadReference
from app.plan_parser import parse_plan
from app.refs import REF_RE, normalize_ref, ref_key, ref_prefixes, ref_spellings
from tests.conftest import raw_session
from tests.plan_styles import PLANS


@pytest.mark.parametrize(("typed", "canonical"), [
    # the ASEAN-EU plan's forms, as before
    ("1.3(b)", "1.3(b)"), ("1.3b", "1.3(b)"), ("1.3 (B)", "1.3(b)"), ("5a", "5(a)"),
    ("1.3", "1.3"), ("1.3.", "1.3"), ("1.10(a)", "1.10(a)"), ("01.03b", "1.3(b)"),
    ("1.3ab", "1.3(ab)"), (" 2.1(c) ", "2.1(c)"), ("5", "5"), ("1.3(b", "1.3(b)"),
    ("1.3b)", "1.3(b)"),
    # other plans' notations
    ("1.1.1", "1.1.1"), ("1.1.1.", "1.1.1"), ("1.1.1:", None), ("i.3", "I.3"), ("I.3", "I.3"),
    ("ii.a.2", "II.A.2"), ("II A 2", "II.A.2"), ("a.2", "A.2"), ("A 2", "A.2"),
    ("A.2(b)", "A.2(b)"), ("a.2b", "A.2(b)"), ("I.A", "I.A"), ("I(a)", "I(a)"),
    # words, not references
    ("hello", None), ("", None), ("EU", None), ("I", None), ("2023", None), ("G20", None),
    ("a2", None), ("COVID-19", None), ("(b)", None), ("1.2.3.x4", None),
])
def test_normalize_ref(typed, canonical):
    assert normalize_ref(typed) == canonical


def _as_before(value: str) -> str | None:
    """normalize_ref as it was: the ASEAN-EU notation only (app.refs.REF_RE)."""
    m = REF_RE.match(value)
    if not m:
        return None
    part, section, letter = m.groups()
    base = f"{int(part)}.{int(section)}" if section else str(int(part))
    return f"{base}({letter.lower()})" if letter else base


@given(st.text(alphabet="0123456789.() abAB", max_size=9))
def test_every_form_read_before_reads_the_same(value):
    before = _as_before(value)
    if before is not None:
        assert normalize_ref(value) == before


@pytest.mark.parametrize(("one", "other"), [
    ("1.1.1.", "1.1.1"), ("1.3b", "1.3(b)"), ("1.3 (B)", "1.3(b)"), ("i.3", "I.3"),
    ("a.2", "A.2"), ("A.2 (B)", "a.2b"), ("I(a)", "I.A"), ("II.B.3", "ii b 3"),
])
def test_spellings_share_a_key(one, other):
    assert ref_key(one) == ref_key(other) is not None


@pytest.mark.parametrize(("one", "other"), [
    ("1.1", "11"), ("1.1.1", "1.11"), ("I.3", "I.A.3"), ("1.3(b)", "1.3"), ("II.1", "I.1"),
])
def test_different_references_differ(one, other):
    assert ref_key(one) != ref_key(other)


def test_spellings_and_prefixes_for_a_query():
    assert ref_spellings("1.3b") == ("1.3(b)", "1.3.B")
    assert ref_spellings("i.a") == ("I.A", "I(a)")
    assert ref_spellings("1.1.1.") == ("1.1.1",)
    assert ref_spellings("EU") == ()
    assert ref_prefixes("1.3") == ("1.3(", "1.3.")
    assert ref_prefixes("5") == ("5(",)  # a part's own lines only, as before
    assert ref_prefixes("1.3b") == ()


def _typings(ref: str) -> list[str]:
    """How a user may type `ref`: as written, lower-case, with a closing dot, with spaces for
    dots, and with the brackets taken out."""
    out = [ref, ref.lower(), ref.upper(), ref + ".", ref.replace(".", " ")]
    if "(" in ref:
        out += [ref.replace("(", ".").replace(")", ""), ref.replace("(", " (")]
    return out


@pytest.fixture
def style_plans(desk):
    """Every style's plan imported beside the ASEAN-EU plan: (StylePlan, plan id)."""
    out = []
    for n, plan in enumerate(PLANS):
        parsed = parse_plan(plan.text)
        if n == len(PLANS) - 1:  # two plans cannot share a title
            parsed = type(parsed)(f"{parsed.title} (copy)", parsed.preamble, parsed.parts,
                                  parsed.style)
        info = desk.add_plan(parsed, source_name=f"{plan.key}.txt")
        out.append((plan, info.id))
    return out


def test_every_reference_of_every_plan_resolves_however_typed(desk, style_plans):
    for plan, plan_id in style_plans:
        for ref, text in plan.actions:
            for typed in _typings(ref):
                info = desk.resolve(typed, plan_id)
                assert (info.ref, info.title) == (ref, text), (plan.key, typed)
            assert desk.action(desk.resolve_ref(ref, plan_id)).text == text


def test_every_section_resolves_to_its_lines(desk, style_plans):
    for plan, plan_id in style_plans:
        for number, title in plan.sections:
            typed = number if "." in number else number + "."  # 'A' alone is a word
            info = desk.resolve(typed, plan_id)
            assert info.is_section and (info.ref, info.title) == (number, title)
            under = [ref for ref, _t in plan.actions if ref.startswith((number + ".",
                                                                         number + "("))]
            assert sorted(desk.action(a).ref for a in info.action_ids) == sorted(under)


def test_search_finds_each_reference_in_its_plan(desk, style_plans):
    for plan, plan_id in style_plans:
        for ref, _text in plan.actions:
            for typed in _typings(ref)[:4]:
                hits = desk.search(typed, plan_id)
                assert hits and hits[0].ref == ref, (plan.key, typed)
                assert desk.action(next(iter(desk.search_ids(typed, plan_id) & {
                    hits[0].action_id}))).ref == ref


def test_search_by_section_lists_its_lines(desk, style_plans):
    plan, plan_id = next((p, i) for p, i in style_plans if p.key == "roman")
    assert [h.ref for h in desk.search("i.b", plan_id)][:1] == ["I.B.1"]
    assert [h.ref for h in desk.search("I.A", plan_id)][:2] == ["I.A.1", "I.A.2"]
    decimal, decimal_id = next((p, i) for p, i in style_plans if p.key == "decimal")
    assert [h.ref for h in desk.search("1.2", decimal_id)][:2] == ["1.2.1", "1.2.2"]
    # the ASEAN-EU plan as before
    assert [h.ref for h in desk.search("1.3b")][:1] == ["1.3(b)"]
    assert {h.ref for h in desk.search("5")} >= {"5(a)", "5(b)", "5(c)", "5(d)"}


def test_unknown_references_say_so(desk, style_plans):
    _plan, plan_id = next((p, i) for p, i in style_plans if p.key == "decimal")
    with pytest.raises(BadReference, match="no action line or section 9.9.9 in this plan"):
        desk.resolve("9.9.9", plan_id)
    with pytest.raises(BadReference, match="no section 9.9 in this plan"):
        desk.resolve("9.9", plan_id)
    with pytest.raises(BadReference, match="unknown reference 'EU'"):
        desk.resolve("EU", plan_id)
    with pytest.raises(BadReference, match="is a part, not a section"):
        desk.resolve("2", plan_id)
    roman_id = next(i for p, i in style_plans if p.key == "roman")
    with pytest.raises(BadReference, match="is a part, not a section"):
        desk.resolve("II.", roman_id)


def test_the_asean_eu_plan_keeps_its_references(desk):
    assert desk.resolve("1.3b").ref == "1.3(b)"
    assert desk.resolve("5 (A)").ref == "5(a)"
    assert desk.resolve("2.1").is_section
    with pytest.raises(BadReference, match=re.escape("no action line 7.7(q) in this plan")):
        desk.resolve("7.7q")


def test_parts_keep_their_published_labels(desk, style_plans):
    from sqlalchemy import select

    from app.models import Part

    with raw_session(desk) as s:
        for plan, plan_id in style_plans:
            labels = s.execute(select(Part.label, Part.title).where(Part.plan_id == plan_id)
                               .order_by(Part.number)).all()
            assert [tuple(row) for row in labels] == list(plan.parts), plan.key
        first = s.execute(select(Part.label).order_by(Part.id).limit(5)).scalars().all()
        assert first == ["1", "2", "3", "4", "5"]  # the ASEAN-EU plan


def test_a_backup_brings_each_plan_back_with_its_references(desk, other_desk, style_plans):
    """A JSON backup restored into a database without those plans: every plan comes back
    with the references of its own notation, its statuses found by them."""
    import json

    from app.interchange.json_backup import export_state, import_state

    plan, plan_id = next((p, i) for p, i in style_plans if p.key == "roman")
    desk.set_status(desk.resolve_ref("II.3", plan_id), "Achieved")
    data = json.loads(json.dumps(export_state(desk)))
    import_state(other_desk, data)
    restored = next(p.id for p in other_desk.plans() if p.title == plan.title)
    assert [(a.ref, a.text) for a in other_desk.action_details(restored)] == list(plan.actions)
    assert other_desk.action(other_desk.resolve_ref("ii.3", restored)).status == "achieved"


def test_a_stored_reference_always_has_a_key():
    from app.refs import stored_ref_key

    assert stored_ref_key("1.3(b)") == ref_key("1.3b")
    assert stored_ref_key("A") == ref_key("A.") == ("a",)  # 'A' typed alone is a word
    assert stored_ref_key("I.A.2") == ref_key("i a 2")
