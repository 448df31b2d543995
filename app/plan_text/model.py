"""What the plan parser gives: a plan's title, preamble, parts > sections > action lines, each
with the reference it has in the plan's own notation, and the text it could not place."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


class PlanParseError(ValueError):
    """The text cannot be read as a plan; `line` is 1-based (0 when not about one line)."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True, slots=True)
class ParsedAction:
    letter: str  # its own label as published: "b" of "1.3(b)", "3" of "1.1.3" or of "I.3"
    text: str
    line: int
    ref: str = ""  # in the plan's notation ("1.3(b)", "1.1.3", "I.A.2"); "" = ASEAN-EU form


@dataclass(frozen=True, slots=True)
class ParsedSection:
    number: str  # its reference in the plan's notation: "1.3", "I.A", "A"; text, never a float
    title: str
    line: int
    actions: tuple[ParsedAction, ...]


@dataclass(frozen=True, slots=True)
class ParsedPart:
    number: int  # 1, 2, ... (a roman numeral's value; an unnumbered heading's position)
    title: str
    line: int
    sections: tuple[ParsedSection, ...]
    actions: tuple[ParsedAction, ...]  # part-level actions (e.g. part 5)
    label: str = ""  # the number as published ("1", "I"), "" for an unnumbered heading

    @property
    def shown_label(self) -> str:
        """The label when the part has one, else its number (what a tree shows before it)."""
        return self.label or str(self.number)


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
                yield action.ref or action_ref(part.number, None, action.letter), part, None, action
            for section in part.sections:
                for action in section.actions:
                    ref = action.ref or action_ref(part.number, section.number, action.letter)
                    yield ref, part, section, action


def action_ref(part_number: int, section_number: str | None, letter: str) -> str:
    """The ASEAN-EU reference: ``1.3(b)`` for a section's action, ``5(a)`` for a part's own."""
    return f"{section_number if section_number else part_number}({letter})"
