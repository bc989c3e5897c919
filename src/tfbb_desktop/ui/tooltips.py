"""Text from the catalogue in tooltips, always as plain text.

Qt shows a tooltip as rich text whenever the text looks like markup (``Qt.mightBeRichText``),
so a name such as ``Skolan <b>x</b>`` from an export would be drawn as HTML. :func:`tip`
escapes the text and keeps its line breaks, so it is shown exactly as written.
"""

from __future__ import annotations


def tip(text: str | None) -> str:
    """A tooltip showing ``text`` as plain text ("" stays "": no tooltip)."""
    import html  # here: a tooltip is first asked for after the window is shown

    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>" if text else ""
