"""The composition root: arguments → paths → database → Qt application → main window.

The command line (import, status, undo, publish) runs without importing Qt at all. The GUI's
start first checks the system libraries Qt needs (system_check.py), before Qt is loaded.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    from tfbb_desktop.cli import parse_arguments, run

    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    if args.command is not None:
        return run(args)
    from tfbb_desktop import system_check

    desktop = dict(os.environ)  # the platform a normal start would use
    if args.self_check and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # as run_gui does: no window is shown
    found = system_check.check()
    if not found.ok:
        print(system_check.cannot_start(found), file=sys.stderr)
        return 1
    from tfbb_desktop.ui.app import run_gui

    code = run_gui(args.data_dir, self_check=args.self_check, files=args.files)
    if args.self_check and code == 0:
        print(system_check.self_check_report(found, system_check.check(desktop)))
    return code


if __name__ == "__main__":
    sys.exit(main())
