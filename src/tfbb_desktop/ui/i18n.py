"""Translations: our own Swedish catalogue and Qt's own, loaded through Qt's translators.

The UI speaks Swedish by default; the English source strings are shown when the system locale
is English (or ``TFBB_LANG=en``), with the English singular and plural forms of the texts with
a number ("1 event", "2 events") from ``tfbb_en``.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tfbb_desktop.core.messages import QT_TRANSLATE_NOOP
from tfbb_desktop.core.paths import resource_path

# Qt's own texts that our translation writes otherwise: Qt's Swedish has "Ok" on its buttons.
QT_OWN = (QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),)


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Load the Swedish translations, or the English plural forms when English is asked for;
    return them (keep them alive)."""
    forced = os.environ.get("TFBB_LANG", "").lower()
    swedish = forced.startswith("sv") if forced else \
        QLocale.system().language() != QLocale.Language.English
    bundled = str(resource_path("i18n"))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Qt asks the translator installed last first: ours after Qt's own, so that ours can
    # correct it (see QT_OWN).
    wanted = (("qtbase_sv", (qt_dir, bundled)), ("tfbb_sv", (bundled,))) if swedish else \
        (("tfbb_en", (bundled,)),)
    loaded: list[QTranslator] = []
    for name, folders in wanted:
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            loaded.append(translator)
    if swedish:
        QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    return loaded
