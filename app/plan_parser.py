"""Parse a plan-of-action text into parts, sections and lettered action lines.

The format is the one of the ASEAN-EU Plan of Action and its siblings::

    <title>
    <preamble paragraphs>
    1. PART TITLE
    1.1. Section title
    - a) Action text ...
    <blank line>
    continuation of the action after a page break
    5. PART WITHOUT SECTIONS
    - a) Part-level action ...

Anything the parser cannot place raises :class:`PlanParseError` with the line number:
it never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import InputError
from app.limits import read_input_bytes
from app.text_clean import REMOVED, clean_text

PART_RE = re.compile(r"^(?P<num>\d{1,2})\.\s+(?P<title>\S.*)$")
SECTION_RE = re.compile(r"^(?P<num>\d{1,2}\.\d{1,2})\.?\s+(?P<title>\S.*)$")
ACTION_RE = re.compile(r"^[-\u2013\u2022]\s*(?P<letter>[a-z]{1,2})\)\s+(?P<text>\S.*)$")


class PlanParseError(ValueError):
    """The text cannot be read as a plan; `line` is 1-based (0 when not about one line)."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True, slots=True)
class ParsedAction:
    letter: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class ParsedSection:
    number: str  # "1.3": text, never a float
    title: str
    line: int
    actions: tuple[ParsedAction, ...]


@dataclass(frozen=True, slots=True)
class ParsedPart:
    number: int
    title: str
    line: int
    sections: tuple[ParsedSection, ...]
    actions: tuple[ParsedAction, ...]  # part-level actions (e.g. part 5)


@dataclass(frozen=True, slots=True)
class UnplacedText:
    """Text the parser could not place (shown in the preview, never guessed)."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedPlan:
    title: str
    preamble: str
    parts: tuple[ParsedPart, ...]
    # The numbering style the text was read in (a key of the parser's styles; "asean-eu" is
    # the ASEAN-EU plan's own) and what could not be placed: a plan with unplaced text is
    # shown in the preview and refused at import unless the user accepts leaving it out.
    style: str = "asean-eu"
    unplaced: tuple[UnplacedText, ...] = ()
    footnotes: tuple[str, ...] = ()

    def action_lines(
        self,
    ) -> Iterator[tuple[str, ParsedPart, ParsedSection | None, ParsedAction]]:
        """(ref, part, section, action) for every action line, in document order."""
        for part in self.parts:
            for action in part.actions:
                yield action_ref(part.number, None, action.letter), part, None, action
            for section in part.sections:
                for action in section.actions:
                    ref = action_ref(part.number, section.number, action.letter)
                    yield ref, part, section, action


def action_ref(part_number: int, section_number: str | None, letter: str) -> str:
    """Canonical reference: ``1.3(b)`` for a section's action, ``5(a)`` for a part-level one."""
    return f"{section_number if section_number else part_number}({letter})"


def join_continuation(text: str, continuation: str) -> str:
    """Join a line broken by a page break: no space after a trailing hyphen, else one space."""
    text = text.rstrip()
    continuation = continuation.strip()
    if text.endswith("-") and not text.endswith(" -"):
        return text + continuation
    return f"{text} {continuation}"


@dataclass
class _Builder:
    """Mutable state while reading; frozen into Parsed* values at the end."""

    number: int | str
    title: str
    line: int
    actions: list[ParsedAction] = field(default_factory=list)
    sections: list[_Builder] = field(default_factory=list)


def _letter_index(letter: str) -> int:
    """a=1 ... z=26, aa=27 ...: the expected order of action letters."""
    value = 0
    for ch in letter:
        value = value * 26 + (ord(ch) - ord("a") + 1)
    return value


def parse_plan(text: str) -> ParsedPlan:
    """Read a plan text; raise PlanParseError on anything that cannot be placed."""
    if "\x00" in text:
        raise PlanParseError(0, "this is a binary file, not a plan text")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = ""
    preamble: list[str] = []
    parts: list[_Builder] = []
    part: _Builder | None = None
    section: _Builder | None = None
    last_action_owner: _Builder | None = None  # where a continuation line would go

    for index, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        if m := ACTION_RE.match(line):
            owner = section or part
            if owner is None:
                raise PlanParseError(index, "an action line comes before any part or section")
            if part is not None and section is None and part.sections:
                raise PlanParseError(index, f"action {m['letter']}) is outside any section")
            letter = m["letter"]
            expected = len(owner.actions) + 1
            if _letter_index(letter) != expected:
                raise PlanParseError(
                    index, f"action {letter}) is out of order (expected the {_ordinal(expected)})"
                )
            owner.actions.append(ParsedAction(letter, m["text"].strip(), index))
            last_action_owner = owner
            continue
        if m := SECTION_RE.match(line):
            num = m["num"]
            part_num = int(num.split(".")[0])
            if part is None or part_num != part.number:
                raise PlanParseError(index, f"section {num} does not belong to the current part")
            if part.actions:
                raise PlanParseError(index, f"section {num} follows part-level actions")
            expected_sec = f"{part.number}.{len(part.sections) + 1}"
            if num != expected_sec:
                raise PlanParseError(
                    index, f"section {num} is out of order (expected {expected_sec})"
                )
            section = _Builder(num, m["title"].strip(), index)
            part.sections.append(section)
            last_action_owner = None
            continue
        if (m := PART_RE.match(line)) and _is_heading(m["title"], expected_part=len(parts) + 1,
                                                      number=int(m["num"])):
            part = _Builder(int(m["num"]), m["title"].strip(), index)
            parts.append(part)
            section = None
            last_action_owner = None
            continue
        if last_action_owner is not None:
            previous = last_action_owner.actions[-1]
            joined = join_continuation(previous.text, line)
            last_action_owner.actions[-1] = ParsedAction(previous.letter, joined, previous.line)
            continue
        if part is None:
            if not title:
                title = line
            else:
                preamble.append(line)
            continue
        where = f"section {section.number}" if section else f"part {part.number}"
        raise PlanParseError(index, f"cannot place this text in {where}: {line[:60]!r}")

    return _freeze(title, preamble, parts)


def _is_heading(title: str, *, expected_part: int, number: int) -> bool:
    """A numbered line is a part heading only if it is the next part number."""
    return number == expected_part and len(title) <= 200


def _ordinal(n: int) -> str:
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return f"{letters})"


def _freeze(title: str, preamble: list[str], parts: list[_Builder]) -> ParsedPlan:
    if not title:
        raise PlanParseError(0, "the file is empty: there is no plan title")
    if not parts:
        raise PlanParseError(0, "no numbered parts found (expected headings like '1. TITLE')")
    frozen_parts: list[ParsedPart] = []
    for p in parts:
        sections = []
        for s in p.sections:
            if not s.actions:
                raise PlanParseError(s.line, f"section {s.number} has no action lines")
            sections.append(ParsedSection(str(s.number), s.title, s.line, tuple(s.actions)))
        if not sections and not p.actions:
            raise PlanParseError(p.line, f"part {p.number} has no sections and no action lines")
        frozen_parts.append(
            ParsedPart(int(p.number), p.title, p.line, tuple(sections), tuple(p.actions))
        )
    return ParsedPlan(title, "\n\n".join(preamble), tuple(frozen_parts))


def read_plan_file(path: Path, warnings: list[str] | None = None) -> ParsedPlan:
    """Read and parse a plan text file (a regular file within the size limit); any problem
    becomes one InputError line. Every line passes the text gate (app.text_clean): the lines
    it had to clean are added to `warnings`."""
    raw = read_input_bytes(path, "plan")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not a UTF-8 text file (is it a Word or PDF file?)") from None
    if "\x00" in text:
        raise InputError(f"{path}: this is a binary file, not a plan text")
    text, cleaned = clean_text(text)
    if cleaned and warnings is not None:
        dirty = [n for n, line in enumerate(raw.decode("utf-8-sig").split("\n"), start=1)
                 if clean_text(line)[1]]
        shown = ", ".join(str(n) for n in dirty[:10]) + (", ..." if len(dirty) > 10 else "")
        warnings.append(f"{path.name}, line{'s' if len(dirty) > 1 else ''} {shown}: {REMOVED}")
    try:
        return parse_plan(text)
    except PlanParseError as exc:
        where = f"{path}, line {exc.line}" if exc.line else str(path)
        raise InputError(f"{where}: {exc.message}") from None
