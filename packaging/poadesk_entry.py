"""The PyInstaller entry point: the same as `poadesk` / `python -m app` (no command: the window).

One hidden flag, for the bundle's own check (packaging/check_bundle.py) and nothing else:
`--smoke-test [--db PATH]` opens the window as usual, closes it as soon as it is ready (the
plan tree painted and the database attached) and exits 0 after printing one line; 1 if the window
never became ready. Run it with QT_QPA_PLATFORM=offscreen where there is no screen.
"""

from __future__ import annotations

import sys

SMOKE_TEST = "--smoke-test"


def smoke_test(argv: list[str]) -> int:
    """Open the window on `argv`'s database (`--db PATH`, or the usual one), close it once it is
    ready; 0 when it was."""
    from app.cli import window_args

    args = window_args(argv)
    if args is None:
        print(f"poadesk: {SMOKE_TEST} takes only --db PATH and --debug", file=sys.stderr)
        return 2
    from app.ui.main import run_window

    shown: list[str] = []

    def ready(window) -> None:  # type: ignore[no-untyped-def]
        shown.append(window.windowTitle())
        window.close()

    code = run_window(args.db, on_ready=ready)
    if code == 0 and shown:
        print(f"smoke test: the window opened ({shown[0]}) and closed")
        return 0
    print("smoke test: the window did not become ready", file=sys.stderr)
    return code or 1


def main() -> int:
    argv = sys.argv[1:]
    if SMOKE_TEST in argv:
        return smoke_test([arg for arg in argv if arg != SMOKE_TEST])
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
