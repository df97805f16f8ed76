"""`make run` checks Qt's xcb libraries first and prints the apt-get line (tools/check_qt_libs)."""

from __future__ import annotations

from pathlib import Path

from tools import check_qt_libs as q

LDCONFIG = """3 libs found in cache `/etc/ld.so.cache'
\tlibxcb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb.so.1
\tlibX11.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libX11.so.6
\tlibEGL.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libEGL.so.1
"""


def test_missing_libraries_give_the_exact_apt_get_line():
    present = q.installed_sonames(LDCONFIG)
    assert present == {"libxcb.so.1", "libX11.so.6", "libEGL.so.1"}
    missing = q.missing_packages(present)
    assert "libxcb-cursor0" in missing and "libxkbcommon-x11-0" in missing
    assert "libxcb1" not in missing and "libegl1" not in missing
    line = q.install_line(missing)
    assert line.startswith("sudo apt-get install -y ") and "libxcb-cursor0" in line


def test_everything_present_means_nothing_to_say():
    assert q.missing_packages(set(q.QT_XCB_LIBS)) == []


def test_only_a_linux_screen_needs_them():
    assert q.needs_display_libs({"DISPLAY": ":0"}, "linux")
    assert q.needs_display_libs({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not q.needs_display_libs({}, "linux")
    assert not q.needs_display_libs({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not q.needs_display_libs({"DISPLAY": ":0"}, "win32")


def test_readme_lists_every_package():
    text = (Path(q.__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert all(pkg in text for pkg in q.QT_XCB_LIBS.values())
