"""What build.spec puts into the bundle (tools/bundle_config.py): every page the registry names
and every schema step as hidden imports, the libraries' hidden imports, one version, only the
app's Babel locales, and no Qt part the app uses dropped."""

from __future__ import annotations

import importlib
import re

from desktop_app import __version__
from tools import bundle_config as bc


def test_version_from_the_package_agrees_with_pyproject():
    assert bc.version() == __version__ == bc.pyproject_version()
    assert bc.version_tuple("0.1.0") == (0, 1, 0, 0)
    info = bc.windows_version_info()
    assert f"StringStruct('ProductVersion', '{__version__}')" in info
    assert "filevers=(0, 1, 0, 0)" in info


def test_every_page_of_the_registry_and_every_schema_step_is_a_hidden_import():
    from desktop_app.ui.pages.registry import PAGES

    hidden = set(bc.hidden_imports())
    named = bc.registry_page_modules()
    assert named and set(named) <= hidden
    for spec in PAGES:  # the regex above reads what the registry really names
        target = getattr(spec, "target", "")
        if isinstance(target, str) and ":" in target:
            assert target.partition(":")[0] in named
    assert "desktop_app.store.schema.v001_initial" in hidden
    assert "desktop_app.ui.smoke" in hidden


def test_library_hidden_imports_exist():
    for name in ("_cffi_backend", "reportlab.graphics.barcode.code128",
                 "reportlab.graphics.barcode.qr"):
        assert name in bc.LIBRARY_HIDDEN_IMPORTS
        importlib.import_module(name)


def test_only_the_apps_babel_locales_are_kept():
    keep = [d for d in ("kk.dat", "kk_KZ.dat", "ru.dat", "ru_KZ.dat", "root.dat", "en.dat")
            if bc.keep_data(f"babel/locale-data/{d}")]
    assert len(keep) == 6
    for other in ("de.dat", "zh_Hans.dat", "kkj.dat", "rus.dat"):
        assert not bc.keep_data(f"babel/locale-data/{other}"), other
    assert bc.keep_data("babel/global.dat")
    assert bc.keep_data("data/services/social.toml")


def test_used_qt_parts_are_kept_and_quick_qml_webengine_dropped():
    for used in ("PySide6/Qt/lib/libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
                 "PySide6/Qt/lib/libQt6PrintSupport.so.6", "PySide6\\Qt6Widgets.dll",
                 "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
                 "PySide6/Qt/plugins/platforms/libqxcb.so",
                 "PySide6/Qt/plugins/platforms/libqwayland.so",
                 "PySide6/Qt/plugins/platforms/libqoffscreen.so",
                 "PySide6\\plugins\\platforms\\qwindows.dll",
                 "PySide6/Qt/lib/libQt6Charts.so.6",
                 "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                 "libsqlite3.so.0", "nacl/_sodium.abi3.so"):
        assert not bc.drop_binary(used), used
    for unused in ("PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt/lib/libQt6Quick.so.6",
                   "PySide6\\Qt6VirtualKeyboard.dll", "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
                   "PySide6/Qt/lib/libQt63DCore.so.6", "PySide6/Qt/lib/libQt6Multimedia.so.6",
                   "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
                   "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
                   "PySide6/Qt/plugins/imageformats/libqtiff.so", "PySide6\\opengl32sw.dll",
                   "PySide6\\plugins\\imageformats\\qwebp.dll", "PIL/_webp.abi3.so",
                   "pillow.libs/libwebp-51b0b3f7.so.7.2.0", "PySide6\\resources\\icudtl.dat",
                   "PySide6\\plugins\\platforms\\qdirect2d.dll"):
        assert bc.drop_binary(unused), unused
    for kept in ("PySide6/Qt/plugins/imageformats/libqjpeg.so", "PIL/_imaging.abi3.so",
                 "pillow.libs/libjpeg-6dc8d115.so.62.4.0", "pillow.libs/libtiff-20b7e810.so.6",
                 "PySide6/Qt/plugins/imageformats/libqsvg.so", "PySide6/Qt/lib/libQt6Svg.so.6",
                 "PySide6/Qt/lib/libQt6OpenGL.so.6", "PySide6/Qt/lib/libQt6Network.so.6"):
        assert not bc.drop_binary(kept), kept  # QtCharts, QtPdf and Pillow link these
    used_modules = {m for p in bc.ROOT.joinpath("desktop_app").rglob("*.py")
                    for m in re.findall(r"PySide6\.(Qt\w+)", p.read_text(encoding="utf-8"))}
    assert used_modules and not {f"PySide6.{m}" for m in used_modules} & set(bc.QT_EXCLUDES)


def test_datas_are_listed_explicitly():
    dests = {dest for _src, dest in bc.datas()}
    assert {"data", "resources"} <= dests


def test_the_lock_pins_every_dependency_with_hashes():
    """requirements.lock (what `make dist` installs) is refreshed by `make lock` whenever
    pyproject's dependencies change: a dependency missing from it would be missing in the bundle."""
    import tomllib

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    with (bc.ROOT / "pyproject.toml").open("rb") as fh:
        project = tomllib.load(fh)["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dist"]]
    names = {norm(re.match(r"[A-Za-z0-9_.-]+", d).group(0)) for d in wanted}
    lock = (bc.ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {norm(m) for m in re.findall(r"^([A-Za-z0-9_.-]+)==", lock, re.M)}
    assert names <= pinned, f"run `make lock`: {sorted(names - pinned)} not in requirements.lock"
    assert lock.count("--hash=sha256:") >= len(pinned)
