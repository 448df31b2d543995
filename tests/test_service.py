"""The gateway: tree, details, edits committed at once, search, plan import."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.errors import InputError, NotFoundError
from app.interchange.plan_text import import_plan
from app.refs import normalize_ref
from tests.conftest import DATA, second_desk


def test_tree_holds_the_whole_plan(desk):
    tree = desk.plan_tree()
    assert tree.plan.action_count == 165
    assert [p.display_title for p in tree.parts] == [
        "Political and Security Cooperation",
        "Economic Cooperation",
        "Socio-Cultural Cooperation",
        "Cross Pillar Cooperation",
        "Follow-up of the Plan of Action",
    ]
    assert [s.number for s in tree.parts[0].sections][-1] == "1.9"
    assert [a.ref for a in tree.parts[4].actions] == ["5(a)", "5(b)", "5(c)", "5(d)"]
    assert len(tree.all_actions()) == 165


@pytest.mark.parametrize(("typed", "canonical"), [
    ("1.3(b)", "1.3(b)"), ("1.3b", "1.3(b)"), ("1.3 (B)", "1.3(b)"), ("5a", "5(a)"),
    ("1.3", "1.3"), ("1.10(a)", "1.10(a)"), ("hello", None), ("", None),
])
def test_normalize_ref(typed, canonical):
    assert normalize_ref(typed) == canonical


def test_detail_has_breadcrumb_and_verbatim_text(desk):
    detail = desk.action(desk.resolve_ref("1.3(b)"))
    assert detail.breadcrumb == ("1. Political and Security Cooperation > 1.3 Combat terrorism, "
                                 "transnational crimes, address other non-traditional security "
                                 "issues")
    assert detail.text.startswith("Convene the ASEAN Plus EU Senior Officials Meeting")
    assert detail.status == "not_assessed" and detail.notes == "" and detail.updated_at is None
    assert desk.action(desk.resolve_ref("5(b)")).breadcrumb == (
        "5. Follow-up of the Plan of Action")


def test_edits_are_committed_at_once(desk):
    aid = desk.resolve_ref("2.1(c)")
    desk.set_status(aid, "Being addressed")
    desk.set_notes(aid, "FTA stocktake due before SOM", private=True)
    desk.set_lines_to_take(aid, "Welcome the stocktaking exercise.")
    desk.set_tags(aid, ["trade", "SOM 2026", "trade ", ""])
    other = second_desk(desk)  # a second connection sees it without any "save"
    try:
        detail = other.action(aid)
        node = next(a for a in other.plan_tree().all_actions() if a.id == aid)
    finally:
        other.close()
    assert detail.status == "being_addressed"
    assert detail.notes == "FTA stocktake due before SOM" and detail.notes_private
    assert detail.lines_to_take == "Welcome the stocktaking exercise."
    assert detail.tags == ("SOM 2026", "trade")
    assert isinstance(detail.updated_at, datetime) and detail.updated_at.tzinfo is None  # UTC
    assert (node.status, node.has_notes, node.tags) == ("being_addressed", True,
                                                        ("SOM 2026", "trade"))
    assert {"SOM 2026", "trade"} <= set(desk.all_tags())
    desk.set_tags(aid, ["trade"])  # a tag can be taken off again
    assert desk.action(aid).tags == ("trade",)


def test_control_characters_are_cleaned_and_reported(desk):
    aid = desk.resolve_ref("1.1(a)")
    change = desk.set_notes(aid, "line one\x0bline\x00 two\r\nthree")
    assert desk.action(aid).notes == "line oneline two\nthree"
    assert change.action_ids == {aid}
    assert change.warnings and "notes" in change.warnings[0]


def test_bad_status_changes_nothing(desk):
    aid = desk.resolve_ref("1.1(a)")
    with pytest.raises(InputError, match="unknown status 'Done'"):
        desk.set_status(aid, "Done")
    assert desk.action(aid).status == "not_assessed"


def test_unknown_refs(desk):
    with pytest.raises(NotFoundError, match="no action line 9.9\\(z\\)"):
        desk.resolve_ref("9.9(z)")
    with pytest.raises(NotFoundError, match="not an action-line reference"):
        desk.resolve_ref("1.3")
    with pytest.raises(NotFoundError, match="no action line with id 999999"):
        desk.action(999999)


def test_search_ranks_and_covers_notes(desk):
    hits = [h.ref for h in desk.search("cybercrime")]
    assert set(hits) >= {"1.3(l)", "4.3(a)"}
    assert all("cybercrime" in desk.action(h.action_id).text.lower()
               for h in desk.search("cybercrime"))
    aid = desk.resolve_ref("3.4(b)")
    desk.set_notes(aid, "Ask about the Zanzibar workshop")
    assert [h.ref for h in desk.search("zanzib")] == ["3.4(b)"]
    desk.set_notes(aid, "")
    assert desk.search("zanzib") == []  # the index follows edits


def test_search_by_reference_comes_first(desk):
    assert [h.ref for h in desk.search("1.3(b)")][0] == "1.3(b)"
    assert [h.ref for h in desk.search("4.3")] [:1] == ["4.3(a)"]
    assert desk.search("   ") == []


def test_search_matches_words_as_prefixes_without_case(desk):
    refs = [h.ref for h in desk.search("maritime security")]
    assert "1.4(a)" in refs
    for ref in refs:
        text = desk.action(desk.resolve_ref(ref)).text.casefold()
        assert "maritime" in text and "secur" in text
    assert desk.search_ids("MARITIME Security") == desk.search_ids("maritime security") == {
        h.action_id for h in desk.search("maritime security")}
    assert desk.search_ids("security") | desk.search_ids("secure") < desk.search_ids("secur")
    assert not desk.search_ids("ecurity")  # the start of a word
    assert desk.search_ids("haze") == {desk.resolve_ref("3.5(i)")}
    assert not desk.search("zzzz nothing") and not desk.search_ids("   ")
    assert [h.ref for h in desk.search("5")][:4] == ["5(a)", "5(b)", "5(c)", "5(d)"]
    assert len(desk.search("climate", limit=2)) == 2


def test_search_looks_in_notes_and_lines_to_take(desk):
    aid = desk.resolve_ref("4.2(a)")
    desk.set_notes(aid, "Quokka briefing pending")
    desk.set_lines_to_take(aid, "Mention the Wombat initiative.")
    assert desk.search_ids("quokka") == {aid} == desk.search_ids("WOMBAT init")
    assert [h.ref for h in desk.search("Quokka Briefing")] == ["4.2(a)"]
    desk.set_notes(aid, "")
    assert desk.search_ids("quokka") == set()


def test_search_ignores_diacritics(desk):
    assert [h.ref for h in desk.search("Skłodowska")] == ["2.7(d)"]
    aid = desk.resolve_ref("1.9(a)")
    desk.set_notes(aid, "Call Ms Nguyễn Thị Hương at the Mission")
    assert [h.ref for h in desk.search("nguyen huong")] == ["1.9(a)"]


def test_search_with_several_words_needs_them_all(desk):
    refs = {h.ref for h in desk.search("marine debris")}
    assert "2.6(c)" in refs and "3.5(j)" in refs
    for hit in desk.search("marine debris"):
        text = desk.action(hit.action_id).text.lower()
        assert "marine" in text and "debris" in text


def test_countries_reference_data(desk):
    countries = desk.countries()
    asean = [c.name for c in countries if c.grouping == "ASEAN"]
    assert len(asean) == 11 and "Timor-Leste" in asean and "Lao PDR" in asean
    assert "Viet Nam" in asean
    assert len([c for c in countries if c.grouping == "EU"]) == 27
    assert {c.code for c in countries if c.grouping == "institution"} == {"EU", "ASEC"}


def test_import_a_second_plan(desk):
    info = import_plan(desk, DATA / "mini-plan.txt")
    assert info.action_count == 6
    assert [p.title for p in desk.plans()][1] == info.title
    tree = desk.plan_tree(info.id)
    assert [a.ref for a in tree.all_actions()] == [
        "1.1(a)", "1.1(b)", "1.2(a)", "2.1(a)", "3(a)", "3(b)"]
    assert desk.plan_tree().plan.action_count == 165  # the first plan is untouched
    assert desk.resolve_ref("1.1(b)", info.id) != desk.resolve_ref("1.1(b)")
    assert desk.action(desk.resolve_ref("1.1(b)", info.id)).text.endswith(
        "capacity-building for coast guards.")
    assert [h.ref for h in desk.search("cybercrime", info.id)] == ["1.2(a)"]
    assert {a.abbr for a in desk.acronyms(info.id)} >= {"EMM", "SOM", "ROF", "ECC", "FTA"}
    with pytest.raises(InputError, match="already in the database"):
        import_plan(desk, DATA / "mini-plan.txt")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"Hello,\nthis is a letter, not a plan.\n", "no numbered parts"),
    (b"PK\x03\x04\x00\x00binary", "binary"),
    (b"\xff\xfe\x00d\x00o\x00c", "not a UTF-8 text file"),
])
def test_bad_plan_files_change_nothing(desk, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = desk.plans()
    with pytest.raises(InputError, match=message):
        import_plan(desk, bad)
    assert desk.plans() == before


@pytest.mark.parametrize("query", [
    "cyber", "c", "marine debris", "1.3", "1.3(b)", "5a", "zzz", "  ", "(", "skłodowska"])
def test_search_ids_finds_what_search_finds(desk, query):
    desk.set_notes(desk.resolve_ref("4.2(a)"), "cyber workshop notes")
    assert desk.search_ids(query) == {h.action_id for h in desk.search(query)}


def test_search_never_tells_which_private_notes_hold_a_word(desk):
    """Issue 23: `search` found lines by the words of their private notes."""
    aid = desk.resolve_ref("2.1(c)")
    other = desk.resolve_ref("1.3(b)")
    desk.set_notes(aid, "Quokkafest bilateral walkout", private=True)
    desk.set_notes(other, "Quokkafest shared with the team")
    assert desk.search_ids("quokkafest") == {other}
    assert [h.action_id for h in desk.search("quokkafest")] == [other]
    assert desk.search_ids("walkout") == set()
    assert aid in desk.search_ids("ASEAN-EU FTA")  # its own text still finds it
