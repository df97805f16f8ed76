"""The Linux bundle's ICU data (tools/trim_icu.py): the package format read and written back byte
for byte, only other languages' items and dictionaries left out, and Qt with the trimmed library
ordering Kazakh and Russian exactly as with the full one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import trim_icu

LINUX_TOOLS = sys.platform.startswith("linux") and all(
    shutil.which(t) for t in ("nm", "readelf")) and (shutil.which("cc") or shutil.which("gcc"))


def qt_icu_data() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


def test_keep_rules():
    for kept in ("root.res", "kk.res", "kk_KZ.res", "ru.res", "ru_KZ.res", "en_US_POSIX.res",
                 "coll/kk.res", "coll/ucadata.icu", "brkitr/word.brk", "brkitr/ru.res",
                 "supplementalData.res", "plurals.res", "zoneinfo64.res", "pool.res",
                 "res_index.res", "coll/res_index.res", "cnvalias.icu",
                 "ibm-5347_P100-1998.cnv", "ibm-866_P100-1995.cnv", "unames.icu", "nfkc.nrm"):
        assert trim_icu.keep_item(kept), kept
    for dropped in ("de.res", "zh_Hant_TW.res", "coll/de_.res", "coll/zh.res", "kkj.res",
                    "rus.res", "brkitr/cjdict.dict", "brkitr/thaidict.dict", "unit/fr.res",
                    "ibm-943_P15A-2003.cnv", "lang/ja.res"):
        assert not trim_icu.keep_item(dropped), dropped


def test_a_package_with_a_bad_header_is_refused():
    with pytest.raises(trim_icu.IcuDataError):
        trim_icu.read_package(b"\x00" * 64)
    with pytest.raises(trim_icu.IcuDataError):
        trim_icu.read_package(b"short")


@pytest.mark.skipif(not LINUX_TOOLS or qt_icu_data() is None,
                    reason="Linux only: Qt on Windows uses the system's ICU")
def test_trimmed_library_orders_and_converts_as_the_full_one(tmp_path):
    full = qt_icu_data()
    assert full is not None
    symbol, blob = trim_icu.extract(full)
    header, items = trim_icu.read_package(blob)
    assert trim_icu.write_package(header, items) == blob  # the format is understood exactly
    package, kept = trim_icu.trim(blob)
    assert len(package) < len(blob) / 4
    assert "icudt" in kept[0] and any(k.endswith("/coll/kk.res") for k in kept)

    out = trim_icu.trimmed_library(full, tmp_path)
    assert out.name == full.name and out.stat().st_size < full.stat().st_size / 4
    probe = (
        "from PySide6.QtCore import QCollator, QLocale, QStringDecoder\n"
        "w = ['Ілияс', 'Ұлан', 'Әсел', 'Бейбіт', 'Ахмет', 'Ыбырай', 'Үміт', 'Ёлка', 'Яков']\n"
        "for loc in ('kk_KZ', 'ru_RU'):\n"
        "    print(loc, sorted(w, key=QCollator(QLocale(loc)).sortKey))\n"
        "print(QLocale('kk_KZ').toUpper('әіңғүұқөһ'), QStringDecoder('windows-1251').isValid())\n"
        "print([l.split()[-1] for l in open('/proc/self/maps') if 'libicudata' in l][0])\n")

    def run(preload: Path | None) -> list[str]:
        env = dict(os.environ)
        if preload is not None:
            env["LD_PRELOAD"] = str(preload)
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              env=env, check=True, timeout=60)
        return done.stdout.splitlines()

    with_full, with_trimmed = run(None), run(out)
    assert with_trimmed[-1] == str(out)  # Qt really used the trimmed library
    assert with_trimmed[:-1] == with_full[:-1]
    assert with_full[0].startswith("kk_KZ ['Ахмет', 'Әсел', 'Бейбіт'")
