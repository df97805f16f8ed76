"""Linux bundle only: a smaller ICU data library for Qt, with the data of the app's languages.

PySide6's Linux Qt links ICU, whose data library (libicudata.so.NN) carries 31 MB for every
language of the world: 1,000 locales' names of languages, currencies, units and time zones,
collation for 100 languages, Chinese, Thai, Lao, Khmer and Burmese word dictionaries and 200
legacy code pages. Qt uses ICU for collation, case mapping and code page conversion, in the
user's language. This keeps ICU's data package whole but for the items of other languages and
dictionaries (root, English, Kazakh, Russian and every language-independent table stay) and the
code pages a Kazakh office meets, then links it into a library of the same name and symbol.

Windows needs none of this: Qt on Windows uses the system's ICU. build.spec calls `trimmed_library`
on Linux; it needs a C compiler (gcc, as the rest of a Linux build). Usage by hand:
    python tools/trim_icu.py LIBICUDATA OUT_DIR     # prints what was kept and the sizes
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGUAGES = ("root", "en", "kk", "ru")
# A locale's file: a language code and its subtags (af.res, en_001.res, sr_Latn_BA.res); other
# .res files (supplementalData, plurals, zoneinfo64, pool, res_index ...) are tables for all.
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")
_TABLES = {"res_index", "pool", "root"}
# Code pages (ICU converter files) kept: Windows Cyrillic and Western, DOS Cyrillic, KOI8-R,
# ISO 8859-5. UTF-8/16/32, ASCII and Latin-1 are built into ICU and need no file.
KEEP_CONVERTERS = ("ibm-5347_P100-1998", "ibm-5348_P100-1997", "ibm-1251_P100-1995",
                   "ibm-1252_P100-2000", "ibm-866_P100-1995", "ibm-878_P100-1996",
                   "ibm-915_P100-1995")


PAD = b"\xaa"  # what ICU pads items with


class IcuDataError(ValueError):
    pass


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """ICU's common data package ("CmnD"): its header and the (name, item) pairs in order."""
    if len(blob) < 32:
        raise IcuDataError("too short for ICU data")
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise IcuDataError("not an ICU common data package (little-endian CmnD)")
    base = header_size
    (count,) = struct.unpack_from("<I", blob, base)
    offsets = [struct.unpack_from("<II", blob, base + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(offsets):
        end_name = blob.index(b"\0", base + name_off)
        name = blob[base + name_off:end_name].decode("ascii")
        data_end = offsets[i + 1][1] if i + 1 < count else len(blob) - base
        items.append((name, blob[base + data_off:base + data_end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package with these items: the table of contents sorted by name (ICU searches it by
    bisection), every item aligned to 16 bytes, as ICU's own icupkg writes it."""
    items = sorted(items, key=lambda item: item[0].encode("ascii"))
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = _align(toc_size + len(names))
    toc = bytearray(struct.pack("<I", len(items)))
    body = bytearray()
    name_off = toc_size
    for name, data in items:
        toc += struct.pack("<II", name_off, data_start + len(body))
        name_off += len(name) + 1
        body += data + PAD * (_align(len(data)) - len(data))
    padding = PAD * (data_start - toc_size - len(names))
    return header + bytes(toc) + names + padding + bytes(body)


def _align(n: int) -> int:
    return (n + 15) // 16 * 16


def keep_item(name: str) -> bool:
    """Whether an item (its name without the package prefix, e.g. "coll/kk.res") is kept."""
    path = name.split("/")
    leaf = path[-1]
    stem, _, ext = leaf.rpartition(".")
    if ext == "dict":  # word dictionaries of Chinese, Japanese, Thai, Lao, Khmer, Burmese
        return False
    if ext == "cnv":
        return stem in KEEP_CONVERTERS
    if ext == "res" and stem not in _TABLES and _LOCALE.match(stem):
        language = stem.split("_")[0]
        return language in KEEP_LANGUAGES
    return True


def trim(blob: bytes) -> tuple[bytes, list[str]]:
    """The trimmed package and the names of the items kept."""
    header, items = read_package(blob)
    kept = [(name, data) for name, data in items if keep_item(name.partition("/")[2])]
    return write_package(header, kept), [name for name, _ in kept]


def extract(library: Path) -> tuple[str, bytes]:
    """The data symbol's name (icudtNN_dat) and its bytes from an ICU data library (ELF)."""
    raw = library.read_bytes()
    out = subprocess.run(["nm", "-D", "-S", str(library)], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            offset, size = _file_offset(library, int(parts[0], 16)), int(parts[1], 16)
            return parts[3], raw[offset:offset + size]
    raise IcuDataError(f"{library.name}: no icudtNN_dat symbol")


def _file_offset(library: Path, address: int) -> int:
    """The file offset of a virtual address, from the ELF's program headers (readelf -l)."""
    out = subprocess.run(["readelf", "-lW", str(library)], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "LOAD":
            offset, vaddr, filesz = int(parts[1], 16), int(parts[2], 16), int(parts[4], 16)
            if vaddr <= address < vaddr + filesz:
                return offset + address - vaddr
    raise IcuDataError(f"{library.name}: address {address:#x} not in a loaded segment")


def link(symbol: str, package: bytes, soname: str, out: Path) -> None:
    """A shared library named `soname` exporting `symbol` as the package, read-only and aligned,
    with $ORIGIN as its run path like the original."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise IcuDataError("no C compiler (cc or gcc) to link the ICU data library")
    with tempfile.TemporaryDirectory() as tmp:
        dat = Path(tmp) / "icudata.dat"
        dat.write_bytes(package)
        asm = Path(tmp) / "icudata.S"
        asm.write_text(
            "\t.section .rodata\n\t.balign 16\n"
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n"
            f"{symbol}:\n\t.incbin \"{dat.as_posix()}\"\n"
            f"\t.size {symbol}, . - {symbol}\n"
            "\t.section .note.GNU-stack,\"\",@progbits\n", encoding="ascii")
        subprocess.run([cc, "-shared", "-nostdlib", "-o", str(out), str(asm),
                        f"-Wl,-soname,{soname}", "-Wl,-rpath,$ORIGIN", "-Wl,-s"], check=True)


def trimmed_library(library: Path, out_dir: Path) -> Path:
    """Build the trimmed copy of `library` in out_dir (same file name) and return its path."""
    symbol, blob = extract(library)
    package, _kept = trim(blob)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / library.name
    link(symbol, package, library.name, out)
    return out


def replace_in_toc(entries: list[tuple[str, str, str]],
                   out_dir: Path) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries with the ICU data library (libicudata.so.NN) built trimmed."""
    out = []
    for dest, source, kind in entries:
        if re.fullmatch(r"libicudata\.so\.\d+", Path(dest).name):
            source = str(trimmed_library(Path(source), out_dir))
        out.append((dest, source, kind))
    return out


def main(argv: list[str]) -> int:
    library, out_dir = Path(argv[0]), Path(argv[1])
    symbol, blob = extract(library)
    package, kept = trim(blob)
    out = trimmed_library(library, out_dir)
    size = out.stat().st_size / 1e6
    print(f"{symbol}: {len(read_package(blob)[1])} items, {len(blob) / 1e6:.1f} MB -> "
          f"{len(kept)} items, {len(package) / 1e6:.1f} MB; {out} {size:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
