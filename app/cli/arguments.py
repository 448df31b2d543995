"""The command line's own gate for what argparse hands over (used by app.cli.main):

- `number`, the type of every id and count: a whole number the database can hold (an id of
  1e20 is a usage error, not an OverflowError deep down);
- `clean_arguments`: every text argument passes app.text_clean (control characters and the
  lone surrogates Python makes of bytes that are not UTF-8 are removed, with a warning naming
  the argument); file names are left exactly as the operating system gave them (a warning
  says if one is not UTF-8: the history records it without those bytes), and the user's name
  is checked the same way.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.limits import MAX_INT
from app.text_clean import clean, gate
from app.user import user_warning

# arguments that name files: they are opened exactly as given, never cleaned
PATH_ARGUMENTS = frozenset({"db", "file", "out", "template", "backup"})


def number(text: str) -> int:
    """argparse type: a whole number that fits the database (ids, positions, limits)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not -MAX_INT <= value <= MAX_INT:
        raise argparse.ArgumentTypeError(f"{text} is too large")
    return value


def clean_arguments(args: argparse.Namespace) -> list[str]:
    """Pass every text argument (not a file name) through the text gate, in place; the
    warnings say which argument was cleaned."""
    warnings: list[str] = []
    user = user_warning()
    warnings += [user] if user else []
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS:
            if isinstance(value, Path) and clean(str(value)) != str(value):
                warnings.append(f"the file name {clean(value.name)!r} (argument {name}) holds "
                                "bytes that are not UTF-8 or control characters: they are left "
                                "out where it is recorded (the history)")
            continue
        where = f"argument {name.replace('_', '-')}"
        if isinstance(value, str):
            cleaned, warning = gate(value, where, None)
            setattr(args, name, cleaned)
            warnings += [warning] if warning else []
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            results = [gate(v, where, None) for v in value]
            setattr(args, name, [text for text, _ in results])
            warnings += sorted({w for _, w in results if w})
    return warnings


def short(text: str, width: int = 50) -> str:
    """A value on one line of a listing: quoted, folded to one line, cut with '...'."""
    one = " ".join(text.split())
    if not one:
        return "(empty)"
    return repr(one if len(one) <= width else one[:width - 3] + "...")
