"""Translations: our own Swedish catalogue and Qt's own, loaded through Qt's translators.

The UI speaks Swedish by default; the English source strings are shown when the system locale
is English (or ``TFBB_LANG=en``).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tfbb_desktop.core.paths import resource_path


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Load Swedish translations unless English is asked for; return them (keep them alive)."""
    forced = os.environ.get("TFBB_LANG", "").lower()
    swedish = forced.startswith("sv") if forced else \
        QLocale.system().language() != QLocale.Language.English
    if not swedish:
        return []
    bundled = str(resource_path("i18n"))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[QTranslator] = []
    for name, folders in (("tfbb_sv", (bundled,)), ("qtbase_sv", (qt_dir, bundled))):
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            loaded.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    return loaded
