"""What goes into the PyInstaller bundle, for build.spec (and its tests): name and version from the
package, the app's own modules as hidden imports (pages and schema steps are found by name), the
hidden imports of our libraries, and which Babel locales and Qt parts are left out.

Imports nothing of the app at module level: build.spec runs in the build venv.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent
NAME = "akimat-desk"
CLI_NAME = "akimat-desk-cli"
TITLE = "Akimat Desk"

# Libraries that import these by name or from C, where PyInstaller's analysis cannot see them.
LIBRARY_HIDDEN_IMPORTS = (
    "_cffi_backend",                       # PyNaCl's bindings are cffi, loaded from C
    "reportlab.graphics.barcode.code128",  # ReportLab's barcode widgets load by name
    "reportlab.graphics.barcode.code39",
    "reportlab.graphics.barcode.code93",
    "reportlab.graphics.barcode.common",
    "reportlab.graphics.barcode.qr",
    "reportlab.graphics.barcode.qrencoder",
    "reportlab.graphics.barcode.widgets",
    "reportlab.graphics.barcode.eanbc",
    "reportlab.graphics.barcode.usps",
    "reportlab.graphics.barcode.usps4s",
    "reportlab.graphics.barcode.ecc200datamatrix",
    "reportlab.graphics.barcode.dmtx",
    "reportlab.graphics.barcode.fourstate",
    "reportlab.graphics.barcode.lto",
    "reportlab.graphics.barcode.qrencoder",
    "reportlab.pdfbase._fontdata_enc_winansi",   # base-14 font metrics, imported by name
    "reportlab.pdfbase._fontdata_enc_macroman",
    "reportlab.pdfbase._fontdata_enc_standard",
    "reportlab.pdfbase._fontdata_enc_symbol",
    "reportlab.pdfbase._fontdata_enc_zapfdingbats",
    "reportlab.pdfbase._fontdata_enc_pdfdoc",
    "reportlab.pdfbase._fontdata_enc_macexpert",
    "reportlab.pdfbase._fontdata_widths_courier",
    "reportlab.pdfbase._fontdata_widths_helvetica",
    "reportlab.pdfbase._fontdata_widths_timesroman",
    "reportlab.pdfbase._fontdata_widths_symbol",
    "reportlab.pdfbase._fontdata_widths_zapfdingbats",
    "babel.numbers", "babel.dates", "babel.plural",
    "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport",
)
# QtCharts is neither excluded nor forced in: a report module that imports it brings it along.

# Qt modules the app never uses. Excluding the Python module keeps out its plug-ins; the shared
# libraries some plug-ins pull in anyway are dropped by `drop_binary` below.
QT_EXCLUDES = tuple(f"PySide6.{m}" for m in (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtHelp", "QtHttpServer",
    "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNfc", "QtOpenGLWidgets",
    "QtPositioning", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio",
    "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtVirtualKeyboard",
    "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets",
    "QtWebView", "QtAxContainer", "QtBluetooth", "QtCanvasPainter",
    # Python bindings PyInstaller's hooks add for Qt libraries that QtCharts and QtPdf link: the
    # libraries come along by dependency analysis; the app never imports the bindings (8.5 MB of
    # QtOpenGL alone). The test below checks the app imports none of these.
    "QtOpenGL", "QtNetwork", "QtDBus", "QtSvg", "QtSvgWidgets", "QtConcurrent", "QtXml",
)) + ("tkinter", "unittest", "pydoc", "pytest", "hypothesis", "pypdf", "IPython", "matplotlib",
      "numpy", "PyQt5", "PyQt6", "PySide2",
      "PIL._avif", "PIL.AvifImagePlugin", "PIL.ImageTk", "PIL._tkinter_finder")

# Shared libraries and plug-ins by file name: QML, Quick, the virtual keyboard (its input-context
# plug-in drags in Quick and QML), WebEngine, 3D, Multimedia and the like; the Linux plug-ins for
# kiosks and devices, the GTK theme (it drags in GTK's cairo, pango, atk), network information
# and TLS (the app works offline).
_DROP = re.compile(
    r"Qt6?(Qml|Quick|VirtualKeyboard|WebEngine|3D|Multimedia|SpatialAudio|PdfQuick|Designer|"
    r"ShaderTools|Positioning|Location|Sensors|TextToSpeech|WebSockets|WebChannel|RemoteObjects|"
    r"Scxml|Test|Graphs|DataVisualization|Bluetooth|Nfc|SerialPort|SerialBus|HttpServer|Sql|"
    r"EglFS|EglFs)"
    r"|/qml/|plugins/(egldeviceintegrations|generic|networkinformation|tls|multimedia|sqldrivers"
    r"|qmltooling|sceneparsers|renderers|geometryloaders|position|texttospeech|webview)/"
    r"|plugins/platformthemes/libqgtk3|plugins/platforms/(libqeglfs|libqlinuxfb|libqvnc"
    r"|libqvkkhrdisplay|libqminimalegl)"
    # Image formats nobody scans to or the app never reads through Qt (icons are PNG, ICO and
    # SVG; a scanned QR is read by Pillow, which keeps JPEG, PNG, TIFF and BMP)
    r"|plugins/imageformats/(lib)?q(tiff|webp|icns|tga|wbmp)\."
    r"|(^|/)PIL/(_webp|_imagingcms)\.|(^|/)pillow\.libs/lib(webp|webpmux|webpdemux|sharpyuv|lcms2)-"
    r"|(^|/)opengl32sw\.dll$"  # Windows: Mesa's software OpenGL (20 MB), for Quick and OpenGL
    r"|plugins/platforms/qdirect2d\.dll$"  # Windows: a second platform plug-in; qwindows is used
    r"|(^|/)PySide6/resources/icudtl\.dat$",  # Windows: Chromium's ICU data, for WebEngine only
    re.IGNORECASE)

# Linux: the desktop's own libraries (X11 and xcb, glib, fontconfig, D-Bus, CUPS with its TLS and
# Kerberos, and what those need) come from the system, as for any desktop program: a copy of the
# build machine's would only clash with the system's. Python's own (sqlite, OpenSSL, libffi, zlib,
# libstdc++ for Qt) stay in the bundle. `make run` and the README list the packages.
LINUX_SYSTEM_LIBS = re.compile(
    r"^lib(X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|xcb(-[a-z-]+)?|xkbcommon(-x11)?|glib-2\.0|gio-2\.0|"
    r"gobject-2\.0|gmodule-2\.0|gthread-2\.0|fontconfig|freetype|harfbuzz|png16|dbus-1|cups|"
    r"gnutls|krb5|krb5support|k5crypto|gssapi_krb5|com_err|keyutils|p11-kit|idn2|unistring|"
    r"tasn1|nettle|hogweed|gmp|avahi-client|avahi-common|systemd|gcrypt|gpg-error|lz4|cap|"
    r"selinux|mount|blkid|pcre2-8|brotlicommon|brotlidec|bsd|md|cairo|cairo-gobject|pango-1\.0|"
    r"pangocairo-1\.0|pangoft2-1\.0|atk-1\.0|gdk_pixbuf-2\.0|pixman-1|thai|datrie|graphite2|"
    r"fribidi|expat|uuid|zstd|readline|tinfo)\.so(\.[0-9.]+)?$")


def is_linux_system_lib(dest: str, source: str) -> bool:
    """A library of the Linux desktop (see LINUX_SYSTEM_LIBS) taken from the system's folders;
    the wheels' own copies (pillow.libs/, PySide6/Qt/lib/) are not."""
    src = source.replace("\\", "/")
    from_system = src.startswith(("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/"))
    return from_system and "/" not in dest.replace("\\", "/") and bool(
        LINUX_SYSTEM_LIBS.match(dest))


# Babel: the app's languages, English (Babel's own fallbacks) and root, which every locale
# inherits from. Everything else of its 1,000+ locales is dropped.
BABEL_KEEP = re.compile(r"^(root|kk|kk_.*|ru|ru_.*|en|en_US|en_US_POSIX|en_001)\.dat$")
QT_TRANSLATIONS_KEEP = re.compile(r"^qt(base)?_(kk|ru|en)\.qm$")


def version(root: Path = ROOT) -> str:
    """`__version__` of the package (pyproject's version must agree: a test checks)."""
    tree = ast.parse((root / "desktop_app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise ValueError("desktop_app/__init__.py has no __version__")


def pyproject_version(root: Path = ROOT) -> str:
    with (root / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def version_tuple(text: str) -> tuple[int, int, int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", text)[:4]]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def app_modules(root: Path = ROOT) -> list[str]:
    """Every module of desktop_app: pages, schema steps and reports are imported by name, so the
    whole package goes in (it is all used; nothing is found by a guess)."""
    pkg = root / "desktop_app"
    out = []
    for path in sorted(pkg.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append(".".join(parts))
    return out


def registry_page_modules(root: Path = ROOT) -> list[str]:
    """The modules the page registry names in its "module:Class" targets."""
    text = (root / "desktop_app" / "ui" / "pages" / "registry.py").read_text(encoding="utf-8")
    return sorted(set(re.findall(r'"(desktop_app\.[\w.]+):\w+"', text)))


def hidden_imports(root: Path = ROOT) -> list[str]:
    return sorted(set(app_modules(root)) | set(LIBRARY_HIDDEN_IMPORTS))


def keep_data(dest: str) -> bool:
    """Whether a data file of the analysis (its path inside the bundle) is kept."""
    path = PurePath(dest.replace("\\", "/"))
    parts = path.parts
    if "locale-data" in parts and parts[0] == "babel":
        return bool(BABEL_KEEP.match(path.name))
    if path.suffix == ".qm" and "translations" in parts and "PySide6" in parts:
        return bool(QT_TRANSLATIONS_KEEP.match(path.name))
    return not drop_binary(dest)


def drop_binary(dest: str) -> bool:
    return bool(_DROP.search(dest.replace("\\", "/")))


Toc = list[tuple[str, str, str]]


def filter_toc(entries: Iterable[tuple[str, str, str]], *, data: bool,
               linux: bool = False) -> Toc:
    """Filter PyInstaller's (dest, source, kind) entries."""
    if data:
        return [e for e in entries if keep_data(e[0])]
    return [e for e in entries if not drop_binary(e[0])
            and not (linux and is_linux_system_lib(e[0], e[1]))]


def datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """Shipped data (listed explicitly): legal data, fonts and icons, compiled translations."""
    out = [(str(root / "data"), "data"), (str(root / "resources"), "resources")]
    for mo in sorted((root / "translations").glob("*/LC_MESSAGES/messages.mo")):
        out.append((str(mo), str(mo.parent.relative_to(root))))
    return out


def windows_version_info(root: Path = ROOT) -> str:
    """The text of a Windows version resource (File properties → Details), for EXE(version=)."""
    v = version(root)
    numbers = version_tuple(v)
    fields = {"CompanyName": "Akimat Desk", "FileDescription": TITLE, "FileVersion": v,
              "InternalName": NAME, "OriginalFilename": f"{NAME}.exe", "ProductName": TITLE,
              "ProductVersion": v, "LegalCopyright": "Akimat Desk"}
    strings = ",\n".join(f"          StringStruct('{k}', '{val}')" for k, val in fields.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
{strings}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
