"""The PyInstaller entry point: the same as `poadesk` / `python -m app` (no command: the window)."""

from app.cli import main

raise SystemExit(main())
