"""Text from the export in tooltips is shown as written, never read as HTML."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QTextDocument

from tfbb_desktop.ui.tooltips import tip


def test_markup_in_catalogue_text_is_shown_as_text(qapp: Any) -> None:
    text = "Skolan <b>x</b> & <a href='https://example.org'>länk</a>\nrad två"
    shown = QTextDocument()
    shown.setHtml(tip(text))
    assert shown.toPlainText() == text


def test_no_text_no_tooltip() -> None:
    assert tip("") == "" and tip(None) == ""
