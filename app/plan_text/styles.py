"""The numbering styles plans of action are published in, and the marks each level takes.

A style names how its parts, sections and action lines are numbered; the reader tries them all
and keeps the one that places the most text (`parse_plan(text, style=...)` forces one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLETS = "-\u2013\u2014\u2022\u25aa\u25cf\u25e6\u2023\u2043\uf0b7\u00b7*"
_B = f"(?:[{re.escape(BULLETS)}]\\s*)?"

# Parts
ARABIC_PART_RE = re.compile(r"^(?P<label>\d{1,2})\.\s+(?P<text>\S.*)$")
ROMAN_PART_RE = re.compile(r"^(?:PART\s+)?(?P<label>[IVXL]{1,7})[.:]?\s+(?P<text>\S.*)$")
BULLET_ALONE_RE = re.compile(f"^[{re.escape(BULLETS)}]$")
BULLET_HEADING_RE = re.compile(f"^[{re.escape(BULLETS)}]\\s*(?P<text>\\S.*)$")
# Sections
DECIMAL_SECTION_RE = re.compile(r"^(?P<label>\d{1,2}\.\d{1,2})[.:]?\s+(?P<text>\S.*)$")
LETTER_SECTION_RE = re.compile(r"^(?P<label>[A-Z])[.):]\s+(?P<text>\S.*)$")
# Action lines
DASH_LETTER_RE = re.compile(r"^[-\u2013\u2022]\s*(?P<label>[a-z]{1,2})\)\s+(?P<text>\S.*)$")
LETTER_RE = re.compile(
    f"^{_B}(?:\\((?P<l1>[a-z]{{1,2}})\\)|(?P<l2>[a-z]{{1,2}})[.)])\\s+(?P<text>\\S.*)$")
DECIMAL_ACTION_RE = re.compile(
    f"^{_B}(?P<label>\\d{{1,2}}\\.\\d{{1,2}}\\.\\d{{1,2}})\\.?:?\\s+(?P<text>\\S.*)$")
NUMBER_RE = re.compile(f"^{_B}(?P<label>\\d{{1,2}})[.)]\\s+(?P<text>\\S.*)$")


def shape(line: str) -> str | None:
    """The kind of number a line starts with (the most specific one), for style detection."""
    if DECIMAL_ACTION_RE.match(line):
        return "decimal-action"
    if DECIMAL_SECTION_RE.match(line):
        return "decimal-section"
    if DASH_LETTER_RE.match(line):
        return "dash-letter"
    if LETTER_RE.match(line):
        return "letter"
    if (m := ROMAN_PART_RE.match(line)) and m["label"] in ROMAN_LABELS:
        return "roman" if len(m["label"]) > 1 else "roman-or-letter"
    if LETTER_SECTION_RE.match(line):
        return "letter-section"
    if NUMBER_RE.match(line):
        return "number"
    return None


@dataclass(frozen=True, slots=True)
class Style:
    description: str
    parts: str  # "arabic" (1.), "roman" (I.) or "heading" (an unnumbered heading in capitals)
    sections: tuple[str, ...]  # "decimal" (1.1), "letter" (A.)
    actions: tuple[str, ...]  # "dash-letter" (- a)), "letter", "decimal" (1.1.1), "number" (1.)

    def shapes(self) -> frozenset[str]:
        """The line shapes (`shape`) this style numbers something with."""
        out = {"number"} if "number" in self.actions or self.parts == "arabic" else set()
        if self.parts == "roman":
            out |= {"roman", "roman-or-letter"}
        if "decimal" in self.sections:
            out.add("decimal-section")
        if "letter" in self.sections:
            out |= {"letter-section", "roman-or-letter"}
        if "decimal" in self.actions:
            out.add("decimal-action")
        if "letter" in self.actions:
            out |= {"letter", "dash-letter"}
        if "dash-letter" in self.actions:
            out.add("dash-letter")
        return frozenset(out)


SPECS: dict[str, Style] = {
    "asean-eu": Style("1. PART / 1.1. Section / - a) action (the ASEAN-EU plan's own)",
                      "arabic", ("decimal",), ("dash-letter",)),
    "lettered": Style("1. PART / 1.1 Section / a), (a) or a. action",
                      "arabic", ("decimal",), ("letter",)),
    "decimal": Style("1. PART / 1.1 Section / 1.1.1 action (dotted or not)",
                     "arabic", ("decimal",), ("decimal",)),
    "numbered": Style("1. PART / 1.1 Section / 1. action, restarting in each section",
                      "arabic", ("decimal",), ("number",)),
    "outline": Style("1. PART / A. Section / 1. or a) action",
                     "arabic", ("letter",), ("number", "letter")),
    "roman": Style("I. PART / A. Section (or none) / 1. or a) action",
                   "roman", ("letter",), ("number", "letter")),
    "roman-decimal": Style("I. PART / 1.1 Section / 1.1.1, 1. or a) action",
                           "roman", ("decimal",), ("decimal", "number", "letter")),
    "headings": Style("Part Heading, unnumbered (in capitals or title case) / 1.1 or A. "
                      "Section (or none) / 1., a) or 1.1.1 action", "heading",
                      ("decimal", "letter"), ("number", "letter", "decimal")),
}

STYLES: dict[str, str] = {key: spec.description for key, spec in SPECS.items()}

_ROMAN = (("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman(n: int) -> str:
    out = ""
    for numeral, value in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


ROMAN_LABELS: dict[str, int] = {roman(n): n for n in range(1, 90)}


def letters(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa': the n-th action letter."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def is_caps(text: str) -> bool:
    """A heading in capitals: at least four letters, none of them lower-case."""
    return text.upper() == text and sum(1 for c in text if c.isalpha()) >= 4


_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or",
                          "the", "to", "with"})


def is_title_case(text: str) -> bool:
    """A heading in title case ('Political-Security Cooperation'): every word but the small
    ones starts with a capital, and it is not a sentence."""
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    return (bool(words) and text[:1].isupper() and len(text) <= 120
            and sum(len(w) for w in words) >= 4 and not text.rstrip().endswith((".", ";", ",", ":"))
            and all(w[0].isupper() for w in words if w.casefold() not in _SMALL_WORDS))


def looks_like_heading(title: str) -> bool:
    """A part's title: short, not a sentence (a numbered preamble paragraph ends with a stop)."""
    return len(title) <= 200 and not title.rstrip().endswith((".", ";", ","))
