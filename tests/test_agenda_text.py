"""An agenda typed in one line (`meeting add --refs`, the window's Agenda field): references in
the plan's notation and items of one's own in double quotes, read by one function."""

from __future__ import annotations

import pytest

from app.errors import BadReference, InputError
from app.meetings.agenda_text import read_agenda
from app.refs import split_agenda

QUICK = '1.3b, 2.1(c), 3.5, 5a, "Any other business"'


def test_split_agenda_reads_references_and_quoted_items():
    entries = split_agenda(QUICK)
    assert [(e.text, e.free) for e in entries] == [
        ("1.3b", False), ("2.1(c)", False), ("3.5", False), ("5a", False),
        ("Any other business", True)]
    assert QUICK[entries[-1].start:entries[-1].end] == '"Any other business"'
    assert QUICK[entries[1].start:entries[1].end] == "2.1(c)"
    # commas inside the quotes belong to the title; curly quotes too; ; and line breaks split
    assert [(e.text, e.free) for e in split_agenda('"Date, venue"; 1.1(a)\n\u201cAOB\u201d')] == [
        ("Date, venue", True), ("1.1(a)", False), ("AOB", True)]
    assert split_agenda(" , ;\n") == []


@pytest.mark.parametrize("text", ['1.1(a), "Any other', '""', '"AOB" 1.1a', '1.1a "AOB"'])
def test_split_agenda_refuses_what_is_no_list(text):
    with pytest.raises(InputError):
        split_agenda(text)


def test_read_agenda_says_which_entry_is_wrong_and_why(desk):
    index = desk.plan.index()
    lines = read_agenda('1.3b, 9.9, 1, "AOB", 1.3(b), "aob"', index)
    assert [line.ok for line in lines] == [True, False, False, True, True, True]
    assert "no section 9.9" in lines[1].problem and "is a part" in lines[2].problem
    assert lines[0].info is not None and lines[0].info.ref == "1.3(b)"
    assert [line.duplicate for line in lines] == [False, False, False, False, True, True]


def test_a_meeting_made_with_the_quick_agenda(desk):
    meetings = desk.meetings
    meeting = meetings.create("SOM", "ASEAN-EU SOM", None, "Jakarta", "", QUICK).id
    items = meetings.get(meeting).items
    assert [i.ref or i.title for i in items] == ["1.3(b)", "2.1(c)", "3.5", "5(a)",
                                                "Any other business"]
    assert items[2].is_section and items[4].is_free
    # add-items takes the same text; what is on the agenda already is refused, by name
    with pytest.raises(InputError, match="already on the agenda of this meeting: any other"):
        meetings.add_items(meeting, '"any other business"')
    added = meetings.add_items(meeting, '"Date of the next meeting", 1.1(a)', position=0)
    assert [i.ref or i.title for i in meetings.get(meeting).items][:2] == [
        "Date of the next meeting", "1.1(a)"]
    assert len(added.ids) == 2
    with pytest.raises(BadReference, match="9.9"):
        meetings.create("SOM", "wrong", refs="1.1(a), 9.9")
    assert meetings.create("SOM", "own items only", refs='"Adoption of the agenda"').id


def test_the_completers_references_in_plan_order(desk):
    refs = [ref for ref, _title in desk.plan.index().references()]
    assert refs[:3] == ["1.1", "1.1(a)", "1.1(b)"]
    assert refs.index("3.5") + 1 == refs.index("3.5(a)")
    assert "5(a)" in refs and len(refs) == 165 + 29
