"""The `poadesk` command. Qt-free: only the window command imports the UI, lazily.

Every command module registers its sub-commands with `register(commands)`; a command's handler
takes the parsed arguments and a `Context` and returns an exit code. Errors the user can act on
(`PoaDeskError`) are printed as one line on standard error with exit code 1; anything else is one
line too (exit code 3), with the traceback only under `--debug`.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from app import __version__
from app.errors import PoaDeskError, first_line
from app.paths import database_location

if TYPE_CHECKING:
    from app.service import Desk

Handler = Callable[[argparse.Namespace, "Context"], int]


@dataclass
class Context:
    """What a command needs: the database path and a lazily opened Desk."""

    db_path: Path | None
    db_url: str | None = None  # a server database (--db postgresql+psycopg://...)
    _desk: Desk | None = field(default=None, repr=False)

    @property
    def desk(self) -> Desk:
        if self._desk is None:
            from app.service import Desk

            self._desk = Desk.open(self.db_url or self.db_path)
        return self._desk

    def close(self) -> None:
        if self._desk is not None:
            self._desk.close()
            self._desk = None


@dataclass
class Commands:
    """The sub-command groups a module can add to."""

    top: argparse._SubParsersAction[argparse.ArgumentParser]
    export: argparse._SubParsersAction[argparse.ArgumentParser]
    import_: argparse._SubParsersAction[argparse.ArgumentParser]

    def add(self, group: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
            handler: Handler, help: str) -> argparse.ArgumentParser:
        parser = group.add_parser(name, help=help, description=help)
        parser.set_defaults(handler=handler)
        return parser


def _window_options(parser: argparse.ArgumentParser) -> None:
    """The options that go with no command (the window) as well as before one."""
    parser.add_argument("--db", type=database_location, metavar="PATH",
                        help="database file to use, or a server's URL (default: $POADESK_DB, "
                        "or the one in your user data folder, created on first use)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when `argv` asks for the window (`poadesk [--db PATH] [--debug]`), read
    without importing and building every command's parser (a start-up cost); None otherwise
    (a command, --help, --version or a mistake: then the full parser reads them)."""
    parser = argparse.ArgumentParser(prog="poadesk", add_help=False, allow_abbrev=False,
                                     exit_on_error=False)
    _window_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="poadesk",
        description="POA Desk: the ASEAN-EU Plan of Action (2023-2027) on your desk, offline. "
        "With no command, opens the window.",
    )
    _window_options(parser)
    parser.add_argument("--version", action="version", version=f"POA Desk {__version__}")
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    export = top.add_parser("export", help="export the plan, a brief or a backup",
                            description="Export the plan, a brief or a backup.")
    export_sub = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    import_ = top.add_parser("import", help="import a plan text or a backup",
                             description="Import a plan text or a backup.")
    import_sub = import_.add_subparsers(dest="what", metavar="WHAT", required=True)
    commands = Commands(top, export_sub, import_sub)
    for module in _command_modules():
        module.register(commands)
    return parser


# The command modules, named here: listing the package's folder at run time finds nothing when
# the installed folder cannot be listed, or inside a frozen bundle (tests/cli/test_main.py
# checks that every module of the folder with a `register` is named here).
COMMAND_MODULES = (
    "activity_commands", "focal_commands", "matrix_commands", "meeting_commands",
    "plan_commands", "safety_commands", "team_commands",
)


def _command_modules() -> list[ModuleType]:
    """The command modules (COMMAND_MODULES), in that order."""
    import importlib

    return [importlib.import_module(f"{__name__}.{name}") for name in COMMAND_MODULES]


def open_window(args: argparse.Namespace, ctx: Context) -> int:
    if ctx.db_url is not None:
        raise PoaDeskError("the window opens a database file; use the commands with a "
                           "server's URL (poadesk --db URL COMMAND)")
    try:
        from app.ui.main import run_window  # type: ignore[import-untyped, unused-ignore]
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(("PySide6", "shiboken6")):
            raise PoaDeskError("the window needs PySide6: pip install 'poadesk[gui]'") from None
        if exc.name and exc.name.startswith("app.ui"):
            raise PoaDeskError("this build of POA Desk has no window yet; use the commands "
                               "(poadesk --help)") from None
        raise
    return int(run_window(ctx.db_path))


def _say(line: str) -> None:
    """One line on standard error, whatever it holds and wherever standard error goes."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):  # closed or full: nobody to tell
        print(line, file=sys.stderr)


def _forgiving_output() -> None:
    """Text that cannot be encoded (a lone surrogate from a file name) is replaced on output
    instead of ending the command with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _forgiving_output()
    args = window_args(argv) or build_parser().parse_args(argv)
    from app.cli.arguments import clean_arguments

    location = args.db
    ctx = Context(location if isinstance(location, Path) else None,
                  location if isinstance(location, str) else None)
    handler: Handler = getattr(args, "handler", open_window)
    try:
        for warning in clean_arguments(args):
            _say(f"poadesk: warning: {warning}")
        return handler(args, ctx)
    except PoaDeskError as exc:
        _say(f"poadesk: {exc}")
        return 1
    except KeyboardInterrupt:
        _say("poadesk: interrupted")
        return 130
    except BrokenPipeError:  # the reader went away (poadesk ... | head): nothing more to say
        _quiet_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, no traceback
        if args.debug:
            traceback.print_exc()
        detail = first_line(exc) if str(exc).strip() else ""
        _say(f"poadesk: unexpected error: {type(exc).__name__}: {detail} "
             "(run with --debug for details)")
        return 3
    finally:
        ctx.close()


def _quiet_stdout() -> None:
    """After a broken pipe, point standard output at /dev/null so that Python's own flush at
    exit does not complain."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
