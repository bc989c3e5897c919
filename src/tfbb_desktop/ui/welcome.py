"""The welcome of the start page: what TFBB is, what the catalogue holds, how it is updated,
and the catalogue's date and last valid day. Shown in the detail pane while nothing is chosen
at start."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from tfbb_desktop.core.store.queries import ENTITY_TYPES, CatalogueMeta
from tfbb_desktop.ui import names as labels

translate = QCoreApplication.translate


def welcome_texts(meta: CatalogueMeta | None, counts: dict[str, int],
                  today: date) -> tuple[str, list[str]]:
    """The heading and the paragraphs of the welcome, as plain text."""
    title = translate("Welcome", "Welcome to TFBB Katalog")
    about = translate(
        "Welcome", "Tillsammans för barnens bästa (TFBB) is the collaboration model of Region "
        "Sörmland and the county's municipalities for children and young people who need "
        "support from more than one organisation: school, social services and health care "
        "work together so that no child falls between the cracks.")
    if meta is None:
        return title, [about, translate(
            "Welcome", "The catalogue is empty. Import an export file with File → Import "
            "export file (Ctrl+O).")]
    holds = translate("Welcome", "The catalogue holds who to contact at each principal, good "
                      "examples and lessons learnt, and the ongoing work with its meetings, "
                      "workshops and webinars:")
    numbers = " · ".join(f"{labels.section_title(t)}: {counts.get(t, 0)}" for t in ENTITY_TYPES)
    updated = translate(
        "Welcome", "It is published by %1 as an export file. The app looks for a new version "
        "in the folder named under File → Settings, or you import the file with File → Import "
        "export file (Ctrl+O). Your favourites, notes and suggestions stay on this computer "
        "and an update never changes them.").replace(
            "%1", meta.publisher_name or translate("Welcome", "the publisher"))
    version = translate("Welcome", "This is version %1 of the catalogue, of %2.").replace(
        "%1", str(meta.dataset_version)).replace("%2", meta.created[:10])
    if meta.expires and meta.has_expired(today):
        version += " " + translate("Welcome", "It expired on %1: ask for a newer export "
                                   "file.").replace("%1", meta.expires[:10])
    elif meta.expires:
        version += " " + translate("Welcome", "It is valid until %1.").replace(
            "%1", meta.expires[:10])
    start = translate("Welcome", "Choose an entry in the list to see its details, or search "
                      "the whole catalogue with Ctrl+F. Help → Manual (F1) tells more.")
    return title, [about, f"{holds}\n{numbers}", updated, version, start]
