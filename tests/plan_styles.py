"""Small plans of action written in each numbering style the parser reads, with what reading
them must give: every action line's reference and text (verbatim, rejoined), the preamble, the
parts and sections. Used as .txt here (tests/test_plan_styles.py) and made into .docx and PDF
by the document-import tests.

Each `text` is one paragraph a line; a blank line separates paragraphs, except where an action
is broken by a blank line (a page break in the source) and goes on after it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StylePlan:
    key: str  # the parser's style key (app.plan_parser.STYLES)
    text: str
    title: str
    preamble: str
    parts: tuple[tuple[str, str], ...]  # (label as published, title)
    sections: tuple[tuple[str, str], ...]  # (number in the plan's notation, title)
    actions: tuple[tuple[str, str], ...]  # (reference, text verbatim)


ASEAN_EU = StylePlan(
    "asean-eu",
    """Plan of Action to Implement the Example Partnership (2024-2028)

This Plan of Action is adopted by the Example Ministerial Meeting (EMM).

1. POLITICAL COOPERATION

1.1. Regular dialogue

- a) Convene annual Senior Officials' Meetings (SOM) and the Example Joint Committee (EJC).
- b) Support the Regional Ocean Forum (ROF) and its work on capacity-

building for coast guards.

1.2. Security

- a) Cooperate against cybercrime through the Example Cyber Centre (ECC), including

through training and exchanges.

2. FOLLOW-UP

- a) Review this plan at the Example Ministerial Meeting.
- b) Report progress every two years.
""",
    "Plan of Action to Implement the Example Partnership (2024-2028)",
    "This Plan of Action is adopted by the Example Ministerial Meeting (EMM).",
    (("1", "POLITICAL COOPERATION"), ("2", "FOLLOW-UP")),
    (("1.1", "Regular dialogue"), ("1.2", "Security")),
    (
        ("1.1(a)", "Convene annual Senior Officials' Meetings (SOM) and the Example Joint "
                   "Committee (EJC)."),
        ("1.1(b)", "Support the Regional Ocean Forum (ROF) and its work on capacity-building "
                   "for coast guards."),
        ("1.2(a)", "Cooperate against cybercrime through the Example Cyber Centre (ECC), "
                   "including through training and exchanges."),
        ("2(a)", "Review this plan at the Example Ministerial Meeting."),
        ("2(b)", "Report progress every two years."),
    ),
)

DECIMAL = StylePlan(
    "decimal",
    """Plan of Action to Implement the ASEAN-Australia Strategic Partnership (2025-2029)

1. We, the Foreign Ministers of ASEAN Member States and Australia, met on 10 July 2024.

2. We agreed to deepen cooperation in the following areas, and noted that (i) security,
(ii) prosperity and (iii) people-to-people links go together.

3. This Plan of Action shall be implemented through the existing mechanisms.

1. POLITICAL-SECURITY COOPERATION

1.1 Political cooperation

1.1.1 Convene a Commemorative Summit to celebrate the 50th anniversary of ASEAN-
Australia dialogue relations.

1.1.2. Hold annual Foreign Ministers' meetings, supported by senior officials' meetings
and the ASEAN-Australia Joint Cooperation Committee.

1.2. Transnational crime:

1.2.1. Strengthen cooper-
ation against trafficking in persons, including through the ASEAN-Australia

Counter-Trafficking programme.
1.2.2 Support the work of the ASEAN Ministerial Meeting on Transnational Crime.

2. ECONOMIC COOPERATION

2.1 Trade and investment

2.1.1 Implement the ASEAN-Australia-New Zealand Free Trade Agreement.

3. FOLLOW-UP

3.1 Review this Plan of Action at the Post Ministerial Conference.
3.2 Report progress annually to the Foreign Ministers.
""",
    "Plan of Action to Implement the ASEAN-Australia Strategic Partnership (2025-2029)",
    "1. We, the Foreign Ministers of ASEAN Member States and Australia, met on 10 July 2024."
    "\n\n2. We agreed to deepen cooperation in the following areas, and noted that (i) "
    "security, (ii) prosperity and (iii) people-to-people links go together."
    "\n\n3. This Plan of Action shall be implemented through the existing mechanisms.",
    (("1", "POLITICAL-SECURITY COOPERATION"), ("2", "ECONOMIC COOPERATION"),
     ("3", "FOLLOW-UP")),
    (("1.1", "Political cooperation"), ("1.2", "Transnational crime:"),
     ("2.1", "Trade and investment")),
    (
        ("1.1.1", "Convene a Commemorative Summit to celebrate the 50th anniversary of "
                  "ASEAN-Australia dialogue relations."),
        ("1.1.2", "Hold annual Foreign Ministers' meetings, supported by senior officials' "
                  "meetings and the ASEAN-Australia Joint Cooperation Committee."),
        ("1.2.1", "Strengthen cooperation against trafficking in persons, including through "
                  "the ASEAN-Australia Counter-Trafficking programme."),
        ("1.2.2", "Support the work of the ASEAN Ministerial Meeting on Transnational Crime."),
        ("2.1.1", "Implement the ASEAN-Australia-New Zealand Free Trade Agreement."),
        ("3.1", "Review this Plan of Action at the Post Ministerial Conference."),
        ("3.2", "Report progress annually to the Foreign Ministers."),
    ),
)

LETTERED = StylePlan(
    "lettered",
    """ASEAN-Korea Plan of Action (2026-2030)

The Plan of Action sets out the areas of cooperation.

1. POLITICAL AND SECURITY COOPERATION

1.1 Dialogue

(a) Hold annual Summits and Post Ministerial Conferences, and

(ii) the meetings of senior officials that prepare them;
(b) Promote exchanges among parliamentarians.

1.2 Non-traditional security

a. Cooperate on counter-terrorism, cybercrime and maritime
security.
b. Hold joint exercises on disaster relief.

2. IMPLEMENTATION

a) Report to the Post Ministerial Conference each year.
""",
    "ASEAN-Korea Plan of Action (2026-2030)",
    "The Plan of Action sets out the areas of cooperation.",
    (("1", "POLITICAL AND SECURITY COOPERATION"), ("2", "IMPLEMENTATION")),
    (("1.1", "Dialogue"), ("1.2", "Non-traditional security")),
    (
        ("1.1(a)", "Hold annual Summits and Post Ministerial Conferences, and (ii) the "
                   "meetings of senior officials that prepare them;"),
        ("1.1(b)", "Promote exchanges among parliamentarians."),
        ("1.2(a)", "Cooperate on counter-terrorism, cybercrime and maritime security."),
        ("1.2(b)", "Hold joint exercises on disaster relief."),
        ("2(a)", "Report to the Post Ministerial Conference each year."),
    ),
)

NUMBERED = StylePlan(
    "numbered",
    """Plan of Action to Implement the ASEAN-India Partnership (2026-2030)

Introduction

1. POLITICAL-SECURITY COOPERATION

1.1 Dialogue

1. Hold the ASEAN-India Summit every year.
2. Hold the Foreign Ministers' meeting back to back with the

Post Ministerial Conference.

1.2 Security

1. Cooperate on maritime security.

2. SOCIO-CULTURAL COOPERATION

1. Promote student exchanges.
2. Support the ASEAN-India Network of Think Tanks.
""",
    "Plan of Action to Implement the ASEAN-India Partnership (2026-2030)",
    "Introduction",
    (("1", "POLITICAL-SECURITY COOPERATION"), ("2", "SOCIO-CULTURAL COOPERATION")),
    (("1.1", "Dialogue"), ("1.2", "Security")),
    (
        ("1.1.1", "Hold the ASEAN-India Summit every year."),
        ("1.1.2", "Hold the Foreign Ministers' meeting back to back with the Post Ministerial "
                  "Conference."),
        ("1.2.1", "Cooperate on maritime security."),
        ("2.1", "Promote student exchanges."),
        ("2.2", "Support the ASEAN-India Network of Think Tanks."),
    ),
)

ROMAN = StylePlan(
    "roman",
    """ASEAN Plus Three Cooperation Work Plan (2023-2027)

1. The Work Plan guides ASEAN Plus Three cooperation.
2. It is reviewed every two years.

I. POLITICAL AND SECURITY COOPERATION

A. Dialogue

1. Hold the ASEAN Plus Three Summit every year.
2. Hold the Foreign Ministers' meeting every year.

B. Transnational crime

1. Cooperate against drug trafficking.

II. ECONOMIC COOPERATION

1. Strengthen the Chiang Mai Initiative Multilateralisation.
2. Support the ASEAN+3 Macroeconomic Research Office.
3. Promote food security through the ASEAN Plus Three

Emergency Rice Reserve.
""",
    "ASEAN Plus Three Cooperation Work Plan (2023-2027)",
    "1. The Work Plan guides ASEAN Plus Three cooperation.\n\n"
    "2. It is reviewed every two years.",
    (("I", "POLITICAL AND SECURITY COOPERATION"), ("II", "ECONOMIC COOPERATION")),
    (("I.A", "Dialogue"), ("I.B", "Transnational crime")),
    (
        ("I.A.1", "Hold the ASEAN Plus Three Summit every year."),
        ("I.A.2", "Hold the Foreign Ministers' meeting every year."),
        ("I.B.1", "Cooperate against drug trafficking."),
        ("II.1", "Strengthen the Chiang Mai Initiative Multilateralisation."),
        ("II.2", "Support the ASEAN+3 Macroeconomic Research Office."),
        ("II.3", "Promote food security through the ASEAN Plus Three Emergency Rice Reserve."),
    ),
)

ROMAN_DECIMAL = StylePlan(
    "roman-decimal",
    """ASEAN-Japan Plan of Action (2024-2028)

I. PEACE AND STABILITY

1.1 Political dialogue

1.1.1 Hold the ASEAN-Japan Summit every year.
1.1.2 Hold the Foreign Ministers' meeting every year.

II. PROSPERITY

2.1. Economic partnership

2.1.1. Implement the ASEAN-Japan Comprehensive Economic Partnership.
""",
    "ASEAN-Japan Plan of Action (2024-2028)",
    "",
    (("I", "PEACE AND STABILITY"), ("II", "PROSPERITY")),
    (("1.1", "Political dialogue"), ("2.1", "Economic partnership")),
    (
        ("1.1.1", "Hold the ASEAN-Japan Summit every year."),
        ("1.1.2", "Hold the Foreign Ministers' meeting every year."),
        ("2.1.1", "Implement the ASEAN-Japan Comprehensive Economic Partnership."),
    ),
)

OUTLINE = StylePlan(
    "outline",
    """ASEAN-UK Plan of Action (2022-2026)

1. POLITICAL-SECURITY

A. Dialogue partnership

1. Hold the ASEAN-UK Post Ministerial Conference every year.

B. Maritime cooperation

1. Share expertise on maritime law.
2. Support the ASEAN Maritime Outlook.

2. SOCIO-CULTURAL

A. Education

a) Offer Chevening scholarships to ASEAN students.
b) Support English language teaching.
""",
    "ASEAN-UK Plan of Action (2022-2026)",
    "",
    (("1", "POLITICAL-SECURITY"), ("2", "SOCIO-CULTURAL")),
    (("1.A", "Dialogue partnership"), ("1.B", "Maritime cooperation"), ("2.A", "Education")),
    (
        ("1.A.1", "Hold the ASEAN-UK Post Ministerial Conference every year."),
        ("1.B.1", "Share expertise on maritime law."),
        ("1.B.2", "Support the ASEAN Maritime Outlook."),
        ("2.A(a)", "Offer Chevening scholarships to ASEAN students."),
        ("2.A(b)", "Support English language teaching."),
    ),
)

HEADINGS = StylePlan(
    "headings",
    """ASEAN-China Plan of Action (2026-2030)

This Plan of Action sets out the cooperation of ASEAN and China.

POLITICAL AND SECURITY COOPERATION

A. High-level exchanges

1. Hold the ASEAN-China Summit every year.
2. Hold the ASEAN-China Foreign Ministers' meeting every year.

B. Non-traditional security

1. Cooperate against transnational crime.

\u2022
ECONOMIC COOPERATION

A. Trade

1. Upgrade the ASEAN-China Free Trade Area.
""",
    "ASEAN-China Plan of Action (2026-2030)",
    "This Plan of Action sets out the cooperation of ASEAN and China.",
    (("", "POLITICAL AND SECURITY COOPERATION"), ("", "ECONOMIC COOPERATION")),
    (("1.A", "High-level exchanges"), ("1.B", "Non-traditional security"), ("2.A", "Trade")),
    (
        ("1.A.1", "Hold the ASEAN-China Summit every year."),
        ("1.A.2", "Hold the ASEAN-China Foreign Ministers' meeting every year."),
        ("1.B.1", "Cooperate against transnational crime."),
        ("2.A.1", "Upgrade the ASEAN-China Free Trade Area."),
    ),
)

HEADINGS_UNIQUE = StylePlan(
    "headings",
    """ASEAN-EU Plan of Action (2013-2017)

POLITICAL AND SECURITY COOPERATION

A. Dialogue

1. Hold the ASEAN-EU Ministerial Meeting every two years.
2. Hold the Senior Officials' Meeting every year.

ECONOMIC COOPERATION

B. Trade

1. Work towards a region-to-region Free Trade Agreement.
""",
    "ASEAN-EU Plan of Action (2013-2017)",
    "",
    (("", "POLITICAL AND SECURITY COOPERATION"), ("", "ECONOMIC COOPERATION")),
    (("A", "Dialogue"), ("B", "Trade")),
    (
        ("A.1", "Hold the ASEAN-EU Ministerial Meeting every two years."),
        ("A.2", "Hold the Senior Officials' Meeting every year."),
        ("B.1", "Work towards a region-to-region Free Trade Agreement."),
    ),
)

HEADINGS_PREAMBLE = StylePlan(
    "headings",
    """PLAN OF ACTION TO IMPLEMENT THE ASEAN-NEW ZEALAND STRATEGIC PARTNERSHIP (2026-2030)

PREAMBLE

1. We, the Leaders of ASEAN and New Zealand, met in Kuala Lumpur.
2. We agreed on the following.

POLITICAL-SECURITY COOPERATION

A: Dialogue

1. Hold the ASEAN-New Zealand Summit every three years.

ECONOMIC COOPERATION

A: Trade

1. Upgrade the ASEAN-Australia-New Zealand Free Trade Area.
""",
    "PLAN OF ACTION TO IMPLEMENT THE ASEAN-NEW ZEALAND STRATEGIC PARTNERSHIP (2026-2030)",
    "PREAMBLE\n\n1. We, the Leaders of ASEAN and New Zealand, met in Kuala Lumpur.\n\n"
    "2. We agreed on the following.",
    (("", "POLITICAL-SECURITY COOPERATION"), ("", "ECONOMIC COOPERATION")),
    (("1.A", "Dialogue"), ("2.A", "Trade")),
    (
        ("1.A.1", "Hold the ASEAN-New Zealand Summit every three years."),
        ("2.A.1", "Upgrade the ASEAN-Australia-New Zealand Free Trade Area."),
    ),
)

HEADINGS_TITLE_CASE = StylePlan(
    "headings",
    """ASEAN-Russia Plan of Action (2026-2030)

This Plan of Action sets out the cooperation of ASEAN and Russia.

Political-Security Cooperation

1. Hold the ASEAN-Russia Summit every year, with the support of the
ASEAN Regional Forum

2. Cooperate on counter-terrorism.

Economic Cooperation

1. Implement the Roadmap on Trade and Investment.

\u2022
Follow-up of the Plan of Action

1. Review the plan every two years.
""",
    "ASEAN-Russia Plan of Action (2026-2030)",
    "This Plan of Action sets out the cooperation of ASEAN and Russia.",
    (("", "Political-Security Cooperation"), ("", "Economic Cooperation"),
     ("", "Follow-up of the Plan of Action")),
    (),
    (
        ("1.1", "Hold the ASEAN-Russia Summit every year, with the support of the ASEAN "
                "Regional Forum"),
        ("1.2", "Cooperate on counter-terrorism."),
        ("2.1", "Implement the Roadmap on Trade and Investment."),
        ("3.1", "Review the plan every two years."),
    ),
)

PLANS: tuple[StylePlan, ...] = (ASEAN_EU, DECIMAL, LETTERED, NUMBERED, ROMAN, ROMAN_DECIMAL,
                                OUTLINE, HEADINGS, HEADINGS_UNIQUE, HEADINGS_PREAMBLE,
                                HEADINGS_TITLE_CASE)
