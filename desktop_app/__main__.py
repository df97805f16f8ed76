"""Entry point: `python -m desktop_app` / `akimat-desk` (GUI with no command, CLI otherwise)."""

from __future__ import annotations

import sys


def main() -> int:
    if sys.stderr is None:  # a frozen build without a console
        import io
        import os

        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        sys.stdout = sys.stdout or io.StringIO()
    from desktop_app.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
