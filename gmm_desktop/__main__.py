"""Entry point: ``gmm-desktop`` / ``python -m gmm_desktop``.

``gmm-desktop fit|generate|select ...`` runs the command line; anything else opens the window.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

CLI_COMMANDS = ("fit", "generate", "select")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in CLI_COMMANDS:
        from .cli import main as cli_main

        return cli_main(args)
    from .qt.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
