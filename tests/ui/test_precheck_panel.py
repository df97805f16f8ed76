"""The reception page's pre-check panel keeps its width on a 1366×768 laptop: a long pre-check
wraps inside it and never pushes the reception form off the right edge."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from desktop_app.i18n import Translator, install
from desktop_app.ui import main_window as mw

LONG_WORD = "ЖСН880402300116/" * 12  # a token without spaces, far wider than the panel


def long_message() -> str:
    line = ("Отбасының жан басына шаққандағы орташа айлық табысы кедейлік шегінен асады; "
            "тоқсан сайынғы табыс туралы анықтамаларды тексеріңіз. ")
    return "<b>Алдын ала тексеру</b><br><br>" + line * 12 + LONG_WORD


def test_long_precheck_wraps_inside_a_fixed_panel_at_1366(qtbot, demo_ctx):
    for language in ("kk", "ru"):
        install(Translator(language))
        window = mw.create_main_window(demo_ctx)
        qtbot.addWidget(window)
        window.resize(1366, 728)
        window.show()
        window.show_page("reception")
        page = window.page("reception")
        page.select_service("tsa")
        QApplication.processEvents()
        panel = page.precheck_box
        assert panel.isVisible()
        width = panel.width()
        page.precheck_text.setText(long_message())
        QApplication.processEvents()
        assert panel.width() == width, (language, width, panel.width())
        assert window.width() == 1366
        for widget in (page.scroll, page.save_button, page.service_title, panel):
            right = widget.mapTo(window, QPoint(widget.width(), 0)).x()
            assert right <= window.width(), (language, widget.objectName(), right)
        assert window.height() == 728
        bottom = panel.mapTo(window, QPoint(0, panel.height())).y()
        assert bottom <= window.height(), (language, bottom)
        # wrapped, not cut: even the long token breaks inside the panel; the rest scrolls
        text = page.precheck_text
        assert text.document().size().width() <= text.viewport().width() + 1
        assert text.verticalScrollBar().maximum() > 0
        assert LONG_WORD in text.text().replace("\n", "")
        window.resize(1600, 728)  # a wider screen widens the form, not the panel
        QApplication.processEvents()
        assert panel.width() == width
        window.close()
