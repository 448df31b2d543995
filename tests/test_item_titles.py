"""The default title of an agenda item (app.meetings.item_titles): a short subject from the
action line, checked on every line and section of the seed plan (issue 21)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from app.meetings.item_titles import MAX_TITLE, default_item_title
from app.paths import seed_plan_text
from app.plan_parser import read_plan_file

# Words a title never ends on: a cut sentence ("... in the margins of", "... and the").
DANGLING = {"of", "and", "the", "in", "on", "for", "to", "with", "a", "an", "or", "by", "as",
            "at", "from", "between", "among", "into", "its", "their", "this", "such", "that",
            "which", "including", "through", "towards", "within", "under", "other", "any"}
# The words the rule may add: "Collaborate with" -> "Cooperation with", "shall review" ->
# "Review of", "does not create any" -> "No"
ADDED = {"Cooperation", "Review", "of", "No"}


def plan_titles():
    plan = read_plan_file(seed_plan_text())
    lines = [(ref, section, action.text) for ref, _, section, action in plan.action_lines()]
    sections = [(s.number, s, s.title) for part in plan.parts for s in part.sections]
    return lines, sections


LINES, SECTIONS = plan_titles()


def test_the_seed_plan_has_what_the_test_reads():
    assert len(LINES) == 165 and len(SECTIONS) == 29


@pytest.mark.parametrize(("ref", "text"), [(ref, text) for ref, _, text in LINES + SECTIONS])
def test_every_default_title_is_a_short_whole_phrase(ref, text):
    title = default_item_title(text)
    assert 4 <= len(title) <= MAX_TITLE <= 64, (ref, title)
    words = title.split()
    assert words[0][:1].isupper(), (ref, title)
    assert words[-1].lower().strip(",;:") not in DANGLING, (ref, title)
    assert not title.endswith(("\u2026", "...", ",", ";", ":", "-", "\u2013")), (ref, title)
    assert title.count("(") == title.count(")"), (ref, title)
    # whole words of the line (an abbreviation may stand for its full name): never a word
    # cut in the middle
    flat = " ".join(text.split())
    for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9+&'\u2019]*", title):
        if word in ADDED:
            continue
        assert re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", flat,
                         re.IGNORECASE), (ref, title, word)
    if len(flat) > MAX_TITLE:
        assert not flat.startswith(title[:-1]) or len(words) <= 8, (ref, title)


def test_titles_tell_the_lines_of_a_section_apart():
    by_section: dict[str, list[str]] = {}
    for ref, section, text in LINES:
        key = section.number if section is not None else ref.split("(")[0]
        by_section.setdefault(key, []).append(default_item_title(text))
    for key, titles in by_section.items():
        assert len(set(titles)) == len(titles), (key, titles)
    counts = Counter(default_item_title(text) for _, _, text in LINES)
    assert sum(n - 1 for n in counts.values() if n > 1) <= 3, counts.most_common(5)


@pytest.mark.parametrize(("text", "title"), [
    ("Convene the ASEAN Plus EU Senior Officials Meeting on Transnational Crime (SOMTC+EU) "
     "Consultations in the margins of the annual SOMTC on a regular basis, in accordance with "
     "the SOMTC's rules.", "SOMTC+EU Consultations in the margins of the annual SOMTC"),
    ("Support the ASEAN Smart Cities Network (ASCN) in building a network of smart cities "
     "that are resilient", "ASEAN Smart Cities Network (ASCN)"),
    ("ASEAN and the EU shall regularly review this Plan of Action through the appropriate "
     "existing mechanisms", "Review of this Plan of Action"),
    ("Continue the holding of the Joint Working Group on Palm Oil between relevant ASEAN "
     "Member States and the European Union as per the agreed Terms of Reference.",
     "Joint Working Group on Palm Oil"),
    ("Promote cooperation on the implementation of the United Nations Convention against "
     "Transnational Organized Crime (UNTOC) and its Protocols thereto.",
     "UNTOC and its Protocols thereto"),
    ("Address regional and global environmental challenges and promote sustainable "
     "development", "Regional and global environmental challenges"),
    ("Enhance maritime security cooperation", "Maritime security cooperation"),
    ("Smart Cities Cooperation", "Smart Cities Cooperation"),
    ("Any other business", "Any other business"),
])
def test_examples_read_as_a_desk_officer_would_title_them(text, title):
    assert default_item_title(text) == title


def test_odd_input_still_gives_a_title():
    assert default_item_title("") == ""
    assert default_item_title("   Enhance  ") == "Enhance"
    assert default_item_title("x" * 200) == "X" + "x" * 199  # one word is never cut
    long_words = " ".join(["Cooperation"] * 30)
    assert len(default_item_title(long_words)) <= MAX_TITLE


def test_the_users_title_wins_and_the_brief_and_window_use_the_default(desk):
    meeting = desk.meetings.create("SOM", "SOM", refs="1.3(b),3.5,5(a)").id
    items = desk.meetings.get(meeting).items
    assert [i.brief_title for i in items] == [
        "SOMTC+EU Consultations in the margins of the annual SOMTC",
        "Regional and global environmental challenges", "Review of this Plan of Action"]
    desk.meetings.edit_item(items[0].id, title="SOMTC+EU consultations")
    item = desk.meetings.item(items[0].id)
    assert item.brief_title == "SOMTC+EU consultations"
    assert item.default_title == "SOMTC+EU Consultations in the margins of the annual SOMTC"
