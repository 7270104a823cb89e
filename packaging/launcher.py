"""The bundle's entry point. A frozen bundle has no Python to run ``python -m medlabel`` or ``python -c``
with, yet the app starts its training runs and its GPU probe that way (``sys.executable`` is this
program inside the bundle), so those two forms are understood here too; ``--smoke-test OUT.png`` runs the
bundle's self-test."""

import sys
from pathlib import Path


def main() -> int:
    args = sys.argv[1:]
    if args[:2] == ["-m", "medlabel"]:
        sys.argv = [sys.argv[0], *args[2:]]
        args = args[2:]
    elif args[:1] == ["-c"] and len(args) >= 2:
        # Only the app's own one-liners come here (the GPU probe); nothing from a project is run.
        exec(compile(args[1], "<medlabel -c>", "exec"), {"__name__": "__main__"})
        return 0
    if len(args) == 2 and args[0] == "--smoke-test":
        from medlabel.gui.bundle_smoke import run

        return run(Path(args[1]))
    from medlabel.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
