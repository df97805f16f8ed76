"""Before `make run` on a Linux desktop: are the system libraries Qt's xcb (X11) platform needs
installed? Without them Qt aborts with "Could not load the Qt platform plugin xcb"; this says
which Debian/Ubuntu packages to install instead. Exit 0 when nothing is missing (or there is no
display, or the system is not Linux), 1 with the exact `apt-get install` line otherwise.

Standard library only: runs with the system's python3 before any venv exists.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping

# soname -> Debian/Ubuntu package; the list the README gives.
QT_XCB_LIBS: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libcups.so.2": "libcups2",  # printing
}


def needs_display_libs(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Only a Linux session with a screen starts the xcb (or wayland) plug-in."""
    if not platform.startswith("linux"):
        return False
    if env.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return False
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def installed_sonames(ldconfig_output: str) -> set[str]:
    """The library names `ldconfig -p` lists (first word of each entry)."""
    return {line.split()[0] for line in ldconfig_output.splitlines()[1:] if line.strip()}


def missing_packages(present: set[str]) -> list[str]:
    return sorted({pkg for lib, pkg in QT_XCB_LIBS.items() if lib not in present})


def install_line(packages: list[str]) -> str:
    return "sudo apt-get install -y " + " ".join(packages)


def _ldconfig() -> str:
    for exe in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            return subprocess.run([exe, "-p"], capture_output=True, text=True,
                                  check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
    return ""


def main() -> int:
    if not needs_display_libs(os.environ):
        return 0
    listing = _ldconfig()
    if not listing:
        return 0  # cannot tell: let Qt speak for itself
    missing = missing_packages(installed_sonames(listing))
    if not missing:
        return 0
    print("Akimat Desk needs these system libraries for Qt's window system (xcb):",
          file=sys.stderr)
    print("    " + install_line(missing), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
