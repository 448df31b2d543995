"""`parse_plan`: a plan text read in the style it is numbered in (found, or forced), frozen into
ParsedPlan values with every action line's reference in the plan's own notation.

References: a section numbered in full (1.1) keeps its number; a section lettered afresh in
every part (A.) is prefixed by its part (I.A); an action line numbered in full (1.1.1) keeps its
number; one lettered (a)) or numbered (1.) afresh in every section or part is prefixed by it:
1.3(b), 5(a), I.A(b), I.A.2, I.3. Parts that are unnumbered headings add nothing (A.2), unless
the references would then repeat or start bare: then each such part adds its position (2.A.2).
"""

from __future__ import annotations

from app.plan_text.model import (
    ParsedAction,
    ParsedPart,
    ParsedPlan,
    ParsedSection,
    PlanParseError,
    UnplacedText,
)
from app.plan_text.reader import _Act, _Node, _Piece, _Reader, _Text
from app.plan_text.styles import SPECS, STYLES, shape

NO_PARTS = ("no numbered parts found (expected headings like '1. TITLE', 'I. TITLE' or an "
            "unnumbered heading in capitals)")


def parse_plan(text: str, style: str | None = None) -> ParsedPlan:
    """Read a plan text in `style` (a key of STYLES). None finds the style: a text numbered
    as the ASEAN-EU plan is ('- a)' lines, and only '1.' and '1.1.' else) is read as it; else
    the style that leaves no numbered line of the body unexplained (read as text), then places
    the most (fewest unplaced pieces, most action lines), then comes first in STYLES. What
    cannot be placed is in `.unplaced`; PlanParseError when nothing can be: an empty text, no
    parts, or not one part with an action line."""
    if "\x00" in text:
        raise PlanParseError(0, "this is a binary file, not a plan text")
    if style is not None and style not in SPECS:
        raise PlanParseError(0, f"unknown numbering style {style!r} (one of: "
                                f"{', '.join(STYLES)})")
    lines = [raw.strip().lstrip("\ufeff").strip()
             for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if style is not None:
        return _freeze(_Reader(lines, style).read(), style)
    shapes = [(i + 1, s) for i, line in enumerate(lines) if (s := shape(line))]
    if (any(s == "dash-letter" for _n, s in shapes)
            and all(s in SPECS["asean-eu"].shapes() for _n, s in shapes)):
        return _freeze(_Reader(lines, "asean-eu").read(), "asean-eu")  # as it always was
    best: tuple[tuple[int, int, int, int], ParsedPlan] | None = None
    first_error: PlanParseError | None = None
    shared = _Text(lines)
    for order, (key, spec) in enumerate(SPECS.items()):
        try:
            parsed = _freeze(_Reader(lines, key, shared).read(), key)
        except PlanParseError as exc:
            first_error = first_error or exc
            continue
        known, start = spec.shapes(), parsed.parts[0].line
        unused = sum(1 for n, s in shapes if n >= start and s not in known)
        score = (-unused, -len(parsed.unplaced), len(list(parsed.action_lines())), -order)
        if best is None or score > best[0]:
            best = (score, parsed)
    if best is None:
        assert first_error is not None
        raise first_error
    return best[1]


def _freeze(reader: _Reader, style: str) -> ParsedPlan:
    if not reader.title:
        raise PlanParseError(0, "the file is empty: there is no plan title")
    empties: list[_Piece] = []
    kept: list[tuple[_Node, list[_Node]]] = []
    for p in reader.parts:
        sections = [s for s in p.sections if s.actions]
        empties += [_Piece(s.line, s.raw, f"section {_name(p, s)} {_EMPTY[0]}")
                    for s in p.sections if not s.actions]
        if sections or p.actions:
            kept.append((p, sections))
        else:
            empties.append(_Piece(p.line, p.raw, f"part {p.label or p.title[:40]} {_EMPTY[1]}"))
    if not kept:
        pieces = reader.unplaced or empties
        if pieces:
            first = min(pieces, key=lambda u: u.line)
            raise PlanParseError(first.line, _message(first))
        raise PlanParseError(0, NO_PARTS)
    parts = _with_refs(kept, numbered_headings=False)
    refs = [ref for p in parts for ref in _refs(p)]
    if len(set(refs)) != len(refs) or any(r.startswith("(") or r.isdigit() for r in refs):
        parts = _with_refs(kept, numbered_headings=True)
    unplaced = sorted(reader.unplaced + empties, key=lambda u: u.line)
    return ParsedPlan(reader.title, "\n\n".join(reader.preamble), tuple(parts), style,
                      tuple(UnplacedText(u.line, u.text, u.reason) for u in unplaced))


_EMPTY = ("has no action lines", "has no sections and no action lines")


def _message(piece: _Piece) -> str:
    """The one line an import refused for this piece says."""
    if piece.reason.startswith("cannot place"):
        return f"{piece.reason}: {piece.text[:60]!r}"
    return piece.reason


def first_problem(parsed: ParsedPlan) -> str:
    """'line 8: action c) is out of order (expected the b))' for the first unplaced piece of
    text (a heading left empty only when there is nothing else: it is what follows)."""
    pieces = [u for u in parsed.unplaced if not u.reason.endswith(_EMPTY)] or parsed.unplaced
    u = pieces[0]
    return f"line {u.line}: {_message(_Piece(u.line, u.text, u.reason))}"


def _name(part: _Node, section: _Node) -> str:
    return f"{part.label}.{section.label}" if section.kind == "letter" and part.label else (
        section.label)


def _refs(part: ParsedPart) -> list[str]:
    return ([a.ref for a in part.actions] + [s.number for s in part.sections]
            + [a.ref for s in part.sections for a in s.actions])


def _with_refs(kept: list[tuple[_Node, list[_Node]]], *,
               numbered_headings: bool) -> list[ParsedPart]:
    out: list[ParsedPart] = []
    for p, sections in kept:
        prefix = p.label or (str(p.number) if numbered_headings else "")
        frozen_sections = []
        for s in sections:
            number = s.label if s.kind == "decimal" else (
                f"{prefix}.{s.label}" if prefix else s.label)
            frozen_sections.append(ParsedSection(number, s.title, s.line,
                                                 _actions(s.actions, number)))
        out.append(ParsedPart(p.number, p.title, p.line, tuple(frozen_sections),
                              _actions(p.actions, prefix), p.label))
    return out


def _actions(actions: list[_Act], owner: str) -> tuple[ParsedAction, ...]:
    out = []
    for a in actions:
        if a.kind in ("letter", "dash-letter"):
            ref = f"{owner}({a.label})"
        elif a.kind == "number":
            ref = f"{owner}.{a.label}" if owner else a.label
        else:
            ref = a.label
        out.append(ParsedAction(a.label.rsplit(".", 1)[-1], a.text, a.line, ref))
    return tuple(out)
