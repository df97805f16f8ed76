"""Entry point: `python -m desktop_app` / `akimat-desk` (GUI with no command, CLI otherwise).

The bundle's console executable `akimat-desk-cli` starts here too.
"""

from __future__ import annotations

import sys
from pathlib import Path

CLI_EXECUTABLE = "akimat-desk-cli"


def main() -> int:
    from desktop_app.oscompat import fix_console_streams

    fix_console_streams()  # no console in the GUI bundle; a code page without Kazakh letters
    # On Linux the console program is a link to the one executable: its name is in argv[0]
    invoked_as = {Path(sys.executable).stem, Path(sys.argv[0]).stem}
    if getattr(sys, "frozen", False) and CLI_EXECUTABLE in invoked_as and len(sys.argv) == 1:
        sys.argv.append("--help")  # the console program never opens the window by itself
    from desktop_app.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
