"""Reading a plan of action's text in the numbering style it is published in: parts, sections
and action lines with their references in the plan's own notation, and what could not be
placed (see `parse.py` for the references, `joining.py` for the line-join rules)."""

from app.plan_text.joining import join_continuation, vocabulary
from app.plan_text.model import (
    ParsedAction,
    ParsedPart,
    ParsedPlan,
    ParsedSection,
    PlanParseError,
    UnplacedText,
    action_ref,
)
from app.plan_text.parse import NO_PARTS, first_problem, parse_plan
from app.plan_text.styles import STYLES

__all__ = [
    "NO_PARTS", "STYLES", "ParsedAction", "ParsedPart", "ParsedPlan", "ParsedSection",
    "PlanParseError", "UnplacedText", "action_ref", "first_problem", "join_continuation",
    "parse_plan", "vocabulary",
]
