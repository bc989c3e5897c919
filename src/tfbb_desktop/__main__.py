"""The composition root: arguments → paths → database → Qt application → main window.

The command line (import, status, undo, publish) runs without importing Qt at all.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from tfbb_desktop.cli import parse_arguments, run

    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    if args.command is not None:
        return run(args)
    from tfbb_desktop.ui.app import run_gui

    return run_gui(args.data_dir, self_check=args.self_check, files=args.files)


if __name__ == "__main__":
    sys.exit(main())
