"""A meeting across plans (issue 22): each item says which plan it is from by the plan's short
name (app.meetings.plan_names), and an agenda typed with that name before a reference takes
the reference from that plan."""

from __future__ import annotations

import pytest

from app.errors import BadReference, InputError, NotFoundError
from app.interchange.plan_text import import_plan
from app.meetings.plan_names import plan_labels, plan_years, short_plan_name
from tests.conftest import DATA
from tests.plan_styles import PLANS

ASEAN_EU = "Plan of Action to Implement the ASEAN-EU Strategic Partnership (2023-2027)"
MINI = "Plan of Action to Implement the Example Partnership (2024-2028)"


@pytest.mark.parametrize(("title", "name"), [
    (ASEAN_EU, "ASEAN-EU"),
    (MINI, "Example Partnership"),
    ("Plan of Action to Implement the Joint Declaration on the ASEAN-Australia Comprehensive "
     "Partnership (2008-2013)", "ASEAN-Australia"),
    ("Plan of Action to Implement the Joint Declaration on ASEAN-Republic of Korea Strategic "
     "Partnership for Peace and Prosperity (2011-2015)", "ASEAN-Republic of Korea"),
    ("ASEAN Plus Three Cooperation Work Plan 2018-2022", "ASEAN Plus Three"),
    ("ASEAN\u2013Japan Plan of Action (2024-2028)", "ASEAN-Japan"),  # an en dash
    ("PLAN OF ACTION TO IMPLEMENT THE ASEAN-NEW ZEALAND STRATEGIC PARTNERSHIP (2026-2030)",
     "ASEAN-New Zealand"),  # a title in capitals
    ("ASEAN PLUS THREE COOPERATION WORK PLAN", "ASEAN Plus Three"),
    ("EU-ASEAN Plan of Action", "EU-ASEAN"),
    ("Plan of Action for Cooperation between Ruritania and the Partners of the Seas",
     "Cooperation between Ruritania"),  # four words at most, never ending on "and"
    ("Work Plan on Maritime Cooperation for the Period 2020-2025", "Maritime Cooperation"),
    ("  ", ""),
])
def test_a_plan_is_named_by_its_partnership_or_its_first_words(title, name):
    assert short_plan_name(title) == name


def test_every_style_plans_title_gives_a_short_name_of_whole_words():
    names = [short_plan_name(style.title) for style in PLANS]
    assert all(0 < len(name) <= 32 for name in names), names
    assert all(name.casefold() in " ".join(style.title.split()).casefold()
               for name, style in zip(names, PLANS, strict=True)), names
    assert len({*names}) >= len(PLANS) - 1  # two plans of the same partnership at most


def test_plans_that_would_share_a_name_are_told_apart_by_years_then_id():
    labels = plan_labels({
        1: ASEAN_EU,
        2: "Plan of Action to Implement the ASEAN-Australia Partnership (2015-2019)",
        3: "ASEAN-Australia Plan of Action (2008-13)",
        4: "ASEAN-Korea Plan of Action", 5: "ASEAN-Korea Work Plan", 6: ""})
    assert labels == {1: "ASEAN-EU", 2: "ASEAN-Australia 2015-2019",
                      3: "ASEAN-Australia 2008-2013", 4: "ASEAN-Korea (plan 4)",
                      5: "ASEAN-Korea (plan 5)", 6: "Plan 6"}
    assert plan_years("(2008\u201313)") == "2008-2013" and plan_years("no years") == ""


@pytest.fixture
def mini(desk) -> int:
    return import_plan(desk, DATA / "mini-plan.txt").id


def test_each_item_names_its_plan_when_the_meeting_spans_two(desk, mini):
    first = desk.default_plan_id()
    one = desk.meetings.create("SOM", "One plan", refs="1.3b, 3.5").id
    m = desk.meetings.get(one)
    assert [i.plan_label for i in m.items] == ["", ""] and m.plans == ()
    assert [i.plan_title for i in m.items] == [ASEAN_EU, ASEAN_EU]
    assert m.items[0].heading.startswith("1.3(b) Combat terrorism")
    assert m.items[0].plan_ref == "1.3(b)"

    desk.meetings.add_items(one, "1.1(b), 3a", plan_id=mini)
    desk.meetings.add_free_item(one, "Any other business")
    m = desk.meetings.get(one)
    assert [(i.plan_ref, i.plan_id) for i in m.items] == [
        ("ASEAN-EU 1.3(b)", first), ("ASEAN-EU 3.5", first),
        ("Example Partnership 1.1(b)", mini), ("Example Partnership 3(a)", mini),
        ("", None)]
    assert m.plans == (("ASEAN-EU", ASEAN_EU), ("Example Partnership", MINI))
    section, line = m.items[1], m.items[2]
    assert section.heading.startswith("ASEAN-EU section 3.5 Address regional")
    assert line.heading == "Example Partnership 1.1(b) Regular dialogue"
    assert line.label.endswith("(Example Partnership 1.1(b))")
    assert section.label.endswith("(ASEAN-EU section 3.5)")
    assert m.items[4].heading == m.items[4].label == "Any other business"
    assert line.plan_title == MINI and m.items[4].plan_title == ""
    # one item read alone says the same
    assert desk.meetings.item(line.id).plan_ref == "Example Partnership 1.1(b)"
    assert desk.meetings.item(m.items[0].id).plan_label == "ASEAN-EU"
    # the other plan's items gone: no names again
    for item in m.items[2:4]:
        desk.meetings.remove_item(item.id)
    assert [i.plan_ref for i in desk.meetings.get(one).items] == ["1.3(b)", "3.5", ""]


def test_an_agenda_takes_a_reference_of_another_plan_by_its_name(desk, mini):
    created = desk.meetings.create(
        "SOM", "Typed", refs='1.3b, Example Partnership 1.1b, example partnership: 3a, '
        'ASEAN-EU 1.1(b), "Any other business"')
    m = desk.meetings.get(created.id)
    assert [(i.plan_ref, i.plan_id) for i in m.items] == [
        ("ASEAN-EU 1.3(b)", 1), ("Example Partnership 1.1(b)", mini),
        ("Example Partnership 3(a)", mini), ("ASEAN-EU 1.1(b)", 1), ("", None)]
    texts = [i.text for i in m.items]
    assert texts[1].startswith("Support the Regional Ocean Forum") and texts[3] != texts[1]
    # the plain forms keep their meaning: the plan given (the first by default)
    desk.meetings.add_items(created.id, "2.1", plan_id=mini)
    assert desk.meetings.get(created.id).items[-1].plan_ref == "Example Partnership 2.1"
    # found by the name the agenda shows
    found = desk.meetings.find_item(created.id, "Example Partnership 1.1(b)")
    assert found == m.items[1].id
    assert desk.meetings.find_item(created.id, "ASEAN-EU 1.1b") == m.items[3].id
    # already there, whichever way it is named
    with pytest.raises(InputError, match="already on the agenda"):
        desk.meetings.add_items(created.id, "1.1b", plan_id=mini)


def test_a_wrong_named_reference_says_which_plan_and_changes_nothing(desk, mini):
    made = desk.meetings.create("SOM", "Wrong", refs="1.3b").id
    with pytest.raises(BadReference) as caught:
        desk.meetings.add_items(made, "Example Partnership 9.9")
    assert str(caught.value).startswith("Example Partnership: unknown reference '9.9'")
    with pytest.raises(BadReference) as caught:
        desk.meetings.add_items(made, "Ruritania 1.1b")
    message = str(caught.value)
    assert "\n" not in message and "put its name first" in message
    assert "the plans: ASEAN-EU, Example Partnership" in message
    with pytest.raises(NotFoundError):
        desk.meetings.find_item(made, "Example Partnership 1.1(b)")
    assert [i.ref for i in desk.meetings.get(made).items] == ["1.3(b)"]


def test_a_resolver_reads_names_only_before_a_reference(desk, mini):
    reader = desk.meetings.resolver(mini)
    assert reader.split("Example Partnership 1.1b") == (mini, "1.1b")
    assert reader.split("ASEAN-EU:3.5") == (1, "3.5")
    assert reader.split("ASEAN-EUx 3.5") == (None, "ASEAN-EUx 3.5")
    assert reader.split("ASEAN-EU") == (None, "ASEAN-EU")  # a name alone names no line
    assert reader.resolve("1.1b").plan_id == mini  # the plan shown
    assert reader.resolve("ASEAN-EU 1.1b").plan_id == 1


def test_a_name_is_matched_without_case_whatever_its_letters():
    from app.meetings.plan_names import PlanNamedResolver

    class Never:
        def resolve(self, typed: str):
            raise AssertionError(typed)

    reader = PlanNamedResolver(Never(), {1: "ASEAN-EU", 2: "Straße Partnership",
                                         3: "ASEAN-EU 2013-2017"}, lambda _pid: Never())
    assert reader.split("STRASSE Partnership 1.1b") == (None, "STRASSE Partnership 1.1b")
    assert reader.split("straße partnership 1.1b") == (2, "1.1b")
    assert reader.split("asean-eu 2013-2017 1.1b") == (3, "1.1b")  # the longest name first
    assert reader.split("ASEAN-EU  1.1b") == (1, "1.1b")
