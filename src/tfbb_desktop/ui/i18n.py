"""Translations: our own Swedish catalogue and Qt's own, loaded through Qt's translators.

The UI speaks Swedish by default. When the system locale is English (or ``TFBB_LANG=en``),
the English source strings are shown.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tfbb_desktop.core.paths import resource_path


def wants_swedish() -> bool:
    forced = os.environ.get("TFBB_LANG", "").lower()
    if forced:
        return forced.startswith("sv")
    return QLocale.system().language() != QLocale.Language.English


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Load Swedish translations unless English is asked for; return them (keep them alive)."""
    if not wants_swedish():
        return []
    loaded: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(resource_path("i18n", "tfbb_sv.qm"))):
        app.installTranslator(ours)
        loaded.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    bundled_qt = resource_path("i18n")
    qtbase = QTranslator(app)
    if qtbase.load("qtbase_sv", qt_dir) or qtbase.load("qtbase_sv", str(bundled_qt)):
        app.installTranslator(qtbase)
        loaded.append(qtbase)
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    return loaded
