"""The acronym glossary against the real plan text, another plan's style, and random text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.glossary import Acronym, acronyms_in, extract_acronyms
from app.plan_parser import parse_plan
from tests.conftest import SOURCE, fuzz_cases

SOURCE_TEXT = SOURCE.read_text(encoding="utf-8")

# Count verified by hand: the file has 133 parentheses and 124 distinct contents
# (grep -o '([^()]*)' | sort -u). Nine are years or year ranges (2023-2027, 2018-2022, 2020-2025,
# 2016-2025, 2022-2024, 2018-2025, 1999, 2019, 2021-2025) and two are names, not abbreviations:
# "(Eurocodes)" and "(ASEAN Transport Strategic Plan)" (another name for the Kuala Lumpur plan).
# 124 - 9 - 2 = 113, and every one of the 113 was read against its sentence (table below).
EXPECTED_COUNT = 113
_ONE_WORD_ABBRS = """
    4IR AADMER AATHP ACB ACCC ACCP ACCT ACRF ACSDSD ACTIP ACTS ACW ACWC ADIX AEC AEGC AEM AEMM
    AHRD AICHR AIPA AIPRAP AN-IUU ANIEE AOIP APA APAEC APASTI APHDA APRF APSC APSMPE ARF
    ARMAC ASCN ASEAN-IPR ASEANTOM ASEM ASW ATC ATCSW AUN AWGCC AWGIPC BCBS BCWG BIMP-EAGA CBRN
    CFTORROP CITES COSTI CPR CoE DIFAP EID EMPACT EP ERCC ERW FATF FLEGT FSB FSRBs FTA GHG GI
    GRTKF IAI ICAO IDTF IFIs IMO IMT-GT IUU JCC JWG MEAs MPAC MRV MSMEs OEWG PMC PPP PTF S&T
    SALW SAR SCP SDGs SEOM-EU SFM SOM SOMSWD SOMTC+EU SPS STI SUPA TMTF TVET ToR UNCLOS UNGGE
    UNTOC WPS YPS"""
EXPECTED_ABBRS = set(_ONE_WORD_ABBRS.split()) | {
    "ACPOA on CT",
    "AE CATA",
    "AHA Centre",
    "EU SAHA",
    "ISM on MS",
    "ISM on NPD",
    "SAP SMED",
    "SEANWFZ Treaty",
}

# (abbr, expansion exactly as written). The expansion is the shortest run of words that explains
# the letters, plus the words up to the "(": "ASEAN-EU Senior Officials' Meeting (SOM)" -> SOM is
# "Senior Officials' Meeting"; "... Representatives to ASEAN (CPR)" keeps "to ASEAN".
EXPECTED = [
    ("ARF", "ASEAN Regional Forum"),
    ("CPR", "Committee of Permanent Representatives to ASEAN"),
    ("AEMM", "ASEAN-EU Ministerial Meetings"),
    ("SOM", "Senior Officials' Meeting"),
    ("JCC", "Joint Cooperation Committee"),
    ("PMC", "Post-Ministerial Conference"),  # first definition (preamble) wins
    ("CITES", "Convention on International Trade in Endangered Species of Wild Fauna and Flora"),
    ("ASEANTOM", "ASEAN Network of Regulatory Bodies on Atomic Energy"),
    ("EMPACT", "European Multidisciplinary Platform Against Criminal Threats"),
    ("WPS", "women, peace and security"),  # first definition, lowercase as written
    ("YPS", "youth, peace and security"),
    ("UNCLOS", "United Nations Convention on the Law of the Sea"),
    ("AOIP", "ASEAN Outlook on the Indo-Pacific"),
    ("ASEAN-IPR", "ASEAN Institute for Peace and Reconciliation"),
    ("ToR", "Terms of Reference"),
    ("4IR", "Fourth Industrial Revolution"),
    ("SOMTC+EU", "ASEAN Plus EU Senior Officials Meeting on Transnational Crime"),
    ("IUU", "Illegal, Unreported and Unregulated"),
    ("MSMEs", "Micro, Small and Medium Enterprises"),  # "(MSMEs)" after a page break
    ("AE CATA", "ASEAN-EU Comprehensive Air Transport Agreement"),
    ("APHDA", "ASEAN Post-2015 Health Development Agenda"),  # "(APHDA 2021-2025)"
    ("S&T", "Science and Technology"),
    ("AEM", "ASEAN Economic Ministers"),  # "Ministers' (AEM)-EU": possessive apostrophe dropped
    ("SEANWFZ Treaty", "Treaty on the Southeast Asia Nuclear Weapon-Free Zone"),
    ("ACPOA on CT", "ASEAN Comprehensive Plan of Action on Counter-Terrorism"),
    ("ISM on MS", "Inter-Sessional Meeting on Maritime Security"),
    ("ISM on NPD", "Inter-Sessional Meeting on Non-Proliferation and Disarmament"),
    ("CoE", "Centre of Excellence"),
    ("ASEM", "Asia – Europe Meeting"),
    ("CBRN", "chemical, biological, radiological, and nuclear"),
    ("SAR", "search and rescue"),
    ("GHG", "greenhouse gases"),
    ("AHA Centre", "ASEAN Coordinating Centre for Humanitarian Assistance on disaster management"),
    (
        "EU SAHA",
        "Integrated Programme in Enhancing the capacity of AHA Centre and ASEAN Emergency"
        " Response Mechanism",
    ),  # "(EU SAHA project)": letters unexplained, fallback
    ("SEOM-EU", "ASEAN-EU Senior Economic Officials"),
    ("APA", "ASEAN Plan of Action Against Trafficking in Persons, Especially Women and Children"),
    ("ACTIP", "ASEAN Convention Against Trafficking in Persons, Especially Women and Children"),
    ("CFTORROP", "Cooperation Framework, Terms of Reference and Rules of Procedure"),
    ("FSRBs", "FATF-Style Regional Bodies"),
    ("UNGGE", "UN Group of Governmental Experts"),
    ("BIMP-EAGA", "Brunei-Indonesia-Malaysia-Philippines-East ASEAN Growth Area"),
    ("SAP SMED", "Strategic Action Plan for SME Development"),
    ("ERCC", "Emergency Response Coordination Centre"),
    ("TVET", "Technical and Vocational Education and Training"),  # defined in a heading
    (
        "ACWC",
        "ASEAN Commission on the Promotion and Protection of the Rights of Women and Children",
    ),
]


@pytest.fixture(scope="module")
def glossary() -> list[Acronym]:
    return extract_acronyms(SOURCE_TEXT)


@pytest.fixture(scope="module")
def by_abbr(glossary: list[Acronym]) -> dict[str, str]:
    return {a.abbr: a.expansion for a in glossary}


@pytest.mark.parametrize(("abbr", "expansion"), EXPECTED)
def test_expansion_from_the_real_plan(by_abbr: dict[str, str], abbr: str, expansion: str) -> None:
    assert by_abbr.get(abbr) == expansion


def test_count_and_exact_set(glossary: list[Acronym]) -> None:
    assert len(glossary) == EXPECTED_COUNT
    assert {a.abbr for a in glossary} == EXPECTED_ABBRS
    assert len({a.abbr for a in glossary}) == len(glossary)  # one entry per abbreviation


def test_non_acronyms_are_excluded(by_abbr: dict[str, str]) -> None:
    assert not [a for a in by_abbr if re.fullmatch(r"[\d\s\-–]+", a)]
    for absent in (
        "2016-2025",
        "1999",
        "2019",
        "Eurocodes",
        "ASEAN Transport Strategic Plan",
        "EU SAHA project",
        "APHDA 2021-2025",
    ):
        assert absent not in by_abbr
    assert extract_acronyms("adopted in (1999) and (2016-2025), see (Annex) or (e.g. ASEAN)") == []


def test_every_expansion_is_verbatim_and_trimmed(glossary: list[Acronym]) -> None:
    for a in glossary:
        assert a.expansion in SOURCE_TEXT, a
        assert a.expansion == a.expansion.strip(" ,;:'\n"), a
        assert "\n" not in a.expansion, a
        assert a.expansion.split()[0].lower() not in {"the", "of", "and", "through", "support"}, a


def test_sorted_case_insensitively_and_deterministic(glossary: list[Acronym]) -> None:
    keys = [a.abbr.casefold() for a in glossary]
    assert keys == sorted(keys)
    assert keys.index("coe") < keys.index("costi")  # "CoE" sorts as "coe", not before "C..."
    assert extract_acronyms(SOURCE_TEXT) == glossary


def test_joined_action_texts_give_the_same_expansions(by_abbr: dict[str, str]) -> None:
    plan = parse_plan(SOURCE_TEXT)
    first: dict[str, str] = {}
    for _ref, _part, _section, action in plan.action_lines():
        for a in extract_acronyms(action.text):
            first.setdefault(a.abbr, a.expansion)
    # The preamble defines PMC first; 1.1(a) words it differently. TVET is defined in a heading.
    assert first.pop("PMC") == "Post Ministerial Conference with the EU"
    assert first == {k: v for k, v in by_abbr.items() if k not in {"PMC", "TVET"}}


def test_page_break_before_the_parenthesis() -> None:
    text = "resilient and competitive Micro, Small and Medium Enterprises\n\n(MSMEs), and more"
    assert extract_acronyms(text) == [Acronym("MSMEs", "Micro, Small and Medium Enterprises")]


def test_acronyms_in_whole_words(glossary: list[Acronym]) -> None:
    def abbrs(text: str) -> list[str]:
        return [a.abbr for a in acronyms_in(text, glossary)]

    assert abbrs("support the ARF Vision Statement") == ["ARF"]
    assert abbrs("SCARF, ARFX and arf are not it") == []
    assert abbrs("relevant ASEAN platforms such as the ASEAN-IPR") == ["ASEAN-IPR"]
    assert abbrs("the SOMTC+EU and the SEANWFZ Treaty") == ["SEANWFZ Treaty", "SOMTC+EU"]
    assert abbrs("SEANWFZ alone is not the entry") == []
    assert abbrs("the CoE and the COE") == ["CoE"]  # case-sensitive
    assert abbrs("FTAs, the WPS agenda, ToR; 4IR technologies") == ["4IR", "FTA", "ToR", "WPS"]
    assert abbrs("AN-IUU fishing network") == ["AN-IUU"]
    assert abbrs("Business and MSMEs.\n") == ["MSMEs"]
    found = acronyms_in("ARF and JCC and ARF", glossary)
    assert found == [
        Acronym("ARF", "ASEAN Regional Forum"),
        Acronym("JCC", "Joint Cooperation Committee"),
    ]
    assert acronyms_in("ARF", []) == []
    assert acronyms_in("", glossary) == []


ANOTHER_PLAN = """Plan of Action to Implement the ASEAN-Japan Strategic Partnership (2024-2028)

- a) Strengthen cooperation through the ASEAN Defence Ministers' Meeting-Plus (ADMM-Plus) and the
East Asia Summit (EAS), and support the Japan-ASEAN Integration Fund (JAIF).
- b) Work with the ASEAN Secretariat (ASEC) and the Group of Twenty (G20) on information and
communications technology (ICT) under the United Nations Framework Convention on Climate Change
(UNFCCC).
- c) Cooperate with the Japan International Cooperation Agency (JICA) in the Regional
Comprehensive Economic Partnership (RCEP) for micro, small and medium-sized enterprises (MSMEs),
the ARF (ARF) and the thing (XYZ), in line with the Work Plan (2021-2025).
- d) Convene the ASEAN Plus Three Senior Officials Meeting (APT SOM) and the U.S. Agency for
International Development (USAID) Dialogue.
"""


def test_another_plan_in_the_same_style() -> None:
    got = {a.abbr: a.expansion for a in extract_acronyms(ANOTHER_PLAN)}
    assert got == {
        "ADMM-Plus": "ASEAN Defence Ministers' Meeting-Plus",
        "EAS": "East Asia Summit",
        "JAIF": "Japan-ASEAN Integration Fund",
        "ASEC": "ASEAN Secretariat",
        "G20": "Group of Twenty",
        "ICT": "information and\ncommunications technology",
        "UNFCCC": "United Nations Framework Convention on Climate Change",
        "JICA": "Japan International Cooperation Agency",
        "RCEP": "Regional\nComprehensive Economic Partnership",
        "MSMEs": "micro, small and medium-sized enterprises",
        "APT SOM": "ASEAN Plus Three Senior Officials Meeting",
        "USAID": "U.S. Agency for\nInternational Development",
    }


_WORDS = st.sampled_from(
    [
        "ASEAN",
        "Regional",
        "Forum",
        "of",
        "the",
        "and",
        "on",
        "women",
        "peace",
        "Post-2015",
        "Treaty",
        "Fourth",
        "EU",
        "S&T",
        "(ARF)",
        "(ToR)",
        "(4IR)",
        "(2019)",
        "(AE CATA)",
        "(X)",
        "(SOMTC+EU)",
        "(AHA Centre)",
        "(",
        ")",
        ",",
        ";",
        ".",
        "\n\n",
        "–",
        "Ministers'",
        "(E",
        "(AB",
        "CD)",
        "()",
        "( )",
        "(Ab)",
        "(A1)",
        "(ÄÖ)",
        "İ",
        "ß",
        "(MSMEs)",
    ]
)


@settings(max_examples=fuzz_cases(300), deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=60).map(" ".join)))
def test_property_never_raises_and_expansions_are_verbatim(text: str) -> None:
    result = extract_acronyms(text)
    assert [a.abbr.casefold() for a in result] == sorted(a.abbr.casefold() for a in result)
    for a in result:
        assert a.expansion and a.expansion in text
        assert a.abbr and a.expansion != a.abbr
    assert acronyms_in(text, result) == sorted(
        acronyms_in(text, result), key=lambda a: a.abbr.casefold()
    )
