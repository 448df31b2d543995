"""Reading a plan text in one numbering style, and finding the style a text is in.

Line by line: a part heading (the next part number, a heading and not a sentence, followed by
its first section or action line when it reads like a sentence), a section (the next one of its
part), an action line (the next letter or number of its section or part); any other line
continues what came before it: the title of a heading right above it, else the last action
line (a blank line inside an action does not end it). Before the first part: the title, then
the preamble (numbered paragraphs included). A numbered line out of order, and whatever follows
it until the next part or section, is reported as unplaced, never guessed into the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.plan_text import styles as st
from app.plan_text.joining import join_continuation, vocabulary

# headings of an introduction that a plan of unnumbered headings may number paragraphs under
_PREAMBLE_HEADINGS = frozenset({"preamble", "introduction", "background", "foreword"})
_SUBLIST = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})
_NEW_PARAGRAPH = re.compile(r"^(?:\d{1,2}[.)]|\(?[a-z]{1,2}\)|[" + re.escape(st.BULLETS) + r"])\s")


@dataclass
class _Act:
    kind: str
    label: str
    text: str
    line: int


@dataclass
class _Node:
    kind: str  # a part: arabic, roman, heading; a section: decimal, letter
    label: str  # as published: "1", "I", "" / "1.1", "A"
    number: int
    title: str
    line: int
    raw: str  # its line(s) as written: what is reported if nothing can be placed under it
    actions: list[_Act] = field(default_factory=list)
    sections: list[_Node] = field(default_factory=list)


class _Text:
    """What every style's reading of one text shares: its words (for the hyphen rule, only
    when a line ends with a hyphen) and the sections its 1.1.1 lines name."""

    def __init__(self, lines: list[str]) -> None:
        self.words = (vocabulary("\n".join(lines)) if any(line.endswith("-") for line in lines)
                      else frozenset())
        self.parents = {".".join(str(int(x)) for x in m["label"].split(".")[:2])
                        for line in lines if (m := st.DECIMAL_ACTION_RE.match(line))}


@dataclass
class _Piece:
    line: int
    text: str
    reason: str


class _Reader:
    def __init__(self, lines: list[str], style: str, text: _Text | None = None) -> None:
        self.lines = lines
        self.spec = st.SPECS[style]
        text = text or _Text(lines)
        self.words, self.parents = text.words, text.parents
        self.title = ""
        self.preamble: list[str] = []
        self.parts: list[_Node] = []
        self.part: _Node | None = None
        self.section: _Node | None = None
        self.last: _Act | None = None
        self.heading: _Node | None = None
        self.lost: _Piece | None = None  # an unplaced heading or line: what follows joins it
        self.lost_heading = False  # the lost piece is a part or section heading
        self._lost_heading_line = 0
        self.skip: set[int] = set()
        self.unplaced: list[_Piece] = []

    # -- reading ------------------------------------------------------------------------
    def read(self) -> _Reader:
        after_blank = True
        for index, line in enumerate(self.lines):
            if not line:
                after_blank = True
                continue
            if index not in self.skip:
                self._line(index, line, after_blank)
            after_blank = False
        return self

    def _line(self, i: int, line: str, after_blank: bool) -> None:
        n = i + 1
        if self.part is None:
            if self._part(i, line):
                return
            if not self.title:
                self.title = line
            elif "dash-letter" in self.spec.actions and st.DASH_LETTER_RE.match(line):
                self._unplace(n, line, "an action line comes before any part or section")
            elif (after_blank or not self.preamble or (
                    _NEW_PARAGRAPH.match(line) and self.preamble[-1].endswith((".", ";", ":")))):
                self.preamble.append(line)
            else:
                self.preamble[-1] = join_continuation(self.preamble[-1], line, self.words)
            return
        if (self.heading is not None and not after_blank and not self._marker(line)
                and (self.heading is self.section or not st.is_caps(self.heading.title)
                     or st.is_caps(line))):
            # a wrapped title (a part's in capitals goes on in capitals)
            self.heading.title = join_continuation(self.heading.title, line, self.words)
            self.heading.raw = join_continuation(self.heading.raw, line, self.words)
            return
        self.heading = None
        reasons: list[str] = []
        for attempt in (self._section, self._part, self._action):
            outcome = attempt(i, line)
            if outcome is True:
                return
            if isinstance(outcome, str):
                reasons.append(outcome)
        if reasons:
            self._unplace(n, line, reasons[0])
            if reasons[0].startswith("section ") and not self.lost_heading:
                self.lost_heading, self._lost_heading_line = True, n
            return
        if self.lost is not None:
            self.lost.text = join_continuation(self.lost.text, line, self.words)
        elif self.last is not None:
            self.last.text = join_continuation(self.last.text, line, self.words)
        else:
            self._unplace(n, line, f"cannot place this text in {self._where()}")

    def _where(self) -> str:
        if self.section is not None:
            return f"section {self._section_name(self.section)}"
        assert self.part is not None
        return f"part {self.part.label or self.part.title[:40]}"

    def _section_name(self, section: _Node) -> str:
        assert self.part is not None
        if section.kind == "letter" and self.part.label:
            return f"{self.part.label}.{section.label}"
        return section.label

    def _unplace(self, n: int, line: str, reason: str) -> None:
        piece = _Piece(n, line, reason)
        self.unplaced.append(piece)
        self.lost, self.last = piece, None

    # -- parts --------------------------------------------------------------------------
    def _part(self, i: int, line: str) -> bool | str | None:
        kind = self.spec.parts
        expected = len(self.parts) + 1
        if kind == "heading":
            title, skip = line, None
            if st.BULLET_ALONE_RE.match(line):
                j = self._next_line(i)
                if j is None:
                    return None
                title, skip = self.lines[j], j
            elif m := st.BULLET_HEADING_RE.match(line):
                title = m["text"]
            if (not self.title or self._marker(title) or not st.looks_like_heading(title)
                    or not (st.is_caps(title) or (skip is not None and title[:1].isupper())
                            or (st.is_title_case(title) and self._stands_alone(i)))
                    or (not self.parts and title.strip(" :").casefold() in _PREAMBLE_HEADINGS)
                    or not self._opens(skip if skip is not None else i, expected)):
                return None  # the title (in capitals), a preamble's heading, or text
            label, value = "", expected
            if skip is not None:
                self.skip.add(skip)
        else:
            regex = st.ARABIC_PART_RE if kind == "arabic" else st.ROMAN_PART_RE
            m = regex.match(line)
            if not m:
                return None
            label, title = m["label"], m["text"].strip()
            value = int(label) if kind == "arabic" else st.ROMAN_LABELS.get(label, 0)
            if value != expected:
                return None
            if kind == "arabic" and "number" in self.spec.actions and not st.is_caps(title):
                return None
            if not st.looks_like_heading(title) and not self._opens(i, expected):
                return None
        raw = line if kind != "heading" or title is line else f"{line} {title}"
        part = _Node(kind, label, value, title.strip(), i + 1, raw)
        self.parts.append(part)
        self.part, self.section, self.last, self.lost, self.heading = part, None, None, None, part
        self.lost_heading = False
        return True

    def _stands_alone(self, i: int) -> bool:
        """Line index `i` follows a blank line and a finished sentence or heading (a heading
        in title case, not the wrapped end of an action line)."""
        if i == 0 or self.lines[i - 1]:
            return False
        before = next((line for line in reversed(self.lines[:i]) if line), "")
        return before.endswith((".", ";", ":", "!", "?")) or self.heading is not None

    def _next_line(self, i: int) -> int | None:
        for j in range(i + 1, min(i + 4, len(self.lines))):
            if self.lines[j]:
                return j
        return None

    def _opens(self, i: int, part_number: int) -> bool:
        """The heading on line index `i` is followed by its first section or action line
        (after at most two lines of a wrapped title)."""
        texts = 0
        for line in self.lines[i + 1:i + 12]:
            if not line:
                continue
            if self._marker(line):
                return self._first_marker(line, part_number)
            texts += 1
            if texts > 2:
                return False
        return False

    def _marker(self, line: str) -> bool:
        return any(r.match(line) for r in self._regexes())

    def _regexes(self) -> list[re.Pattern[str]]:
        regexes = {"decimal": st.DECIMAL_SECTION_RE, "letter": st.LETTER_SECTION_RE}
        out = [regexes[k] for k in self.spec.sections]
        actions = {"dash-letter": st.DASH_LETTER_RE, "letter": st.LETTER_RE,
                   "decimal": st.DECIMAL_ACTION_RE, "number": st.NUMBER_RE}
        return out + [actions[k] for k in self.spec.actions]

    def _first_marker(self, line: str, part_number: int) -> bool:
        spec = self.spec
        if "decimal" in spec.sections and (m := st.DECIMAL_SECTION_RE.match(line)):
            first, second = (int(x) for x in m["label"].split("."))
            return first == part_number and second == 1
        if "letter" in spec.sections and (m := st.LETTER_SECTION_RE.match(line)):
            return m["label"] == "A" or self._letters_run_on(m["label"], self.parts)
        for kind in spec.actions:
            label = _action_label(kind, line)
            if label is not None:
                return label in ("a", "1") or label.endswith(".1")
        return False

    # -- sections -----------------------------------------------------------------------
    def _section(self, i: int, line: str) -> bool | str | None:
        part = self.part
        assert part is not None
        for kind in self.spec.sections:
            regex = st.DECIMAL_SECTION_RE if kind == "decimal" else st.LETTER_SECTION_RE
            m = regex.match(line)
            if not m:
                continue
            if kind == "decimal":
                label = ".".join(str(int(x)) for x in m["label"].split("."))
                if ("decimal" in self.spec.actions and self.parents
                        and label not in self.parents and not part.sections):
                    return self._add_action(part, "decimal", label, m["text"], i + 1)
                expected = f"{part.number}.{len(part.sections) + 1}"
                if int(label.split(".")[0]) != part.number:
                    return f"section {m['label']} does not belong to the current part"
            else:
                label = m["label"]
                expected = st.letters(len(part.sections) + 1).upper()
                if (label != expected and not part.sections
                        and self._letters_run_on(label, self.parts[:-1])):
                    expected = label  # lettered on from the part before (A, B | C, D)
                if label != expected:
                    return None  # a roman part ("I."), or text: decided by what follows
            if part.actions:
                return f"section {m['label']} follows part-level actions"
            if label != expected:
                return f"section {m['label']} is out of order (expected {expected})"
            section = _Node(kind, label, len(part.sections) + 1, m["text"].strip(), i + 1, line)
            part.sections.append(section)
            self.section, self.last, self.lost, self.heading = section, None, None, section
            self.lost_heading = False
            return True
        return None

    def _letters_run_on(self, label: str, before_parts: list[_Node]) -> bool:
        """Sections lettered on from the part before (A, B | C, D) rather than afresh."""
        before = [p for p in before_parts if p.sections]
        if not before or before[-1].sections[-1].kind != "letter":
            return False
        last = before[-1].sections[-1].label
        return label == st.letters(ord(last.lower()) - ord("a") + 2).upper()

    # -- action lines -------------------------------------------------------------------
    def _action(self, i: int, line: str) -> bool | str | None:
        owner = self.section or self.part
        assert owner is not None
        kinds = self.spec.actions
        if owner.actions:
            kinds = (owner.actions[0].kind,)  # sub-items of another kind are text
        for kind in kinds:
            label = _action_label(kind, line)
            if label is None:
                continue
            if kind == "decimal" and self.section is not None and self.section.kind != "decimal":
                continue  # 1.1.1 under a lettered section: not this plan's action lines
            text = _action_text(kind, line)
            return self._add_action(owner, kind, label, text, i + 1, index=i)
        return None

    def _add_action(self, owner: _Node, kind: str, label: str, text: str, n: int,
                    index: int | None = None) -> bool | str | None:
        if self.lost_heading and self.lost is not None:
            return f"it comes under line {self._lost_heading_line}, which could not be placed"
        count = len(owner.actions) + 1
        if kind in ("letter", "dash-letter"):
            expected = st.letters(count)
            if label != expected or (label == "i" and self._sublist_follows(index)):
                if kind == "letter" and label in _SUBLIST:
                    return None  # "(ii)" of a list inside the action: its text
                return f"action {label}) is out of order (expected the {expected}))"
        elif kind == "number":
            expected = str(count)
            if label != expected:
                return f"action {label}. is out of order (expected {expected}.)"
        else:
            owner_label = owner.label if owner.kind == "decimal" else str(owner.number)
            expected = f"{owner_label}.{count}"
            if label.rsplit(".", 1)[0] != owner_label:
                return f"action {label} does not belong to {self._where()}"
            if label != expected:
                return f"action {label} is out of order (expected {expected})"
        act = _Act(kind, label, text.strip(), n)
        owner.actions.append(act)
        self.last, self.lost = act, None
        return True

    def _sublist_follows(self, index: int | None) -> bool:
        """An '(i)' followed by an '(ii)': a list inside an action, not action line i."""
        if index is None:
            return False
        for line in self.lines[index + 1:index + 40]:
            m = st.LETTER_RE.match(line)
            if m and (m["l1"] or m["l2"]) in ("ii", "j"):
                return (m["l1"] or m["l2"]) == "ii"
        return False


def _action_label(kind: str, line: str) -> str | None:
    if kind == "dash-letter":
        m = st.DASH_LETTER_RE.match(line)
        return m["label"] if m else None
    if kind == "letter":
        m = st.LETTER_RE.match(line)
        return (m["l1"] or m["l2"]) if m else None
    regex = st.DECIMAL_ACTION_RE if kind == "decimal" else st.NUMBER_RE
    m = regex.match(line)
    if not m:
        return None
    return ".".join(str(int(x)) for x in m["label"].split("."))


def _action_text(kind: str, line: str) -> str:
    regex = {"dash-letter": st.DASH_LETTER_RE, "letter": st.LETTER_RE,
             "decimal": st.DECIMAL_ACTION_RE, "number": st.NUMBER_RE}[kind]
    m = regex.match(line)
    assert m is not None
    return m["text"]
