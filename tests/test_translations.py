"""The Swedish translation is complete, up to date with the sources, and loaded by default;
English gets its plural forms."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.ui import i18n
from tfbb_desktop.ui import names as labels

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "tfbb_sv.ts"
ENGLISH_PLURALS = TS.with_name("tfbb_en.ts")


@pytest.mark.parametrize(("ts", "least"), [(TS, 500), (ENGLISH_PLURALS, 10)])
def test_no_unfinished_or_empty_translations(ts: Path, least: int) -> None:
    tree = ET.parse(ts)
    messages = list(tree.getroot().iter("message"))
    assert len(messages) >= least
    def done(message: ET.Element) -> bool:
        translation = message.find("translation")
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            return False
        if message.get("numerus") == "yes":
            forms = [f.text or "" for f in translation.iter("numerusform")]
            return len(forms) == 2 and all(f.strip() for f in forms)
        return bool((translation.text or "").strip())

    unfinished = [m.findtext("source") for m in messages if not done(m)]
    assert unfinished == []


def test_translation_file_is_up_to_date_with_the_sources() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_translations.py"),
                             "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("ts", [TS, ENGLISH_PLURALS])
def test_compiled_translation_is_up_to_date(tmp_path: Path, ts: Path) -> None:
    qm = tmp_path / "check.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == ts.with_suffix(".qm").read_bytes()


@pytest.fixture
def swedish(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QTranslator]]:
    monkeypatch.setenv("TFBB_LANG", "sv")
    loaded = i18n.install_translators(qapp)
    yield loaded
    for translator in loaded:
        QCoreApplication.removeTranslator(translator)


def test_swedish_is_loaded_by_default_with_qts_own(swedish: list[QTranslator]) -> None:
    assert len(swedish) == 2  # ours and qtbase_sv
    assert labels.section_title("principals") == "Huvudmän"
    assert labels.section_title("work") == "Pågående arbete"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
    assert QCoreApplication.translate("QPlatformTheme", "OK") == "OK"  # ours, not Qt's "Ok"


def test_english_when_asked_for(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFBB_LANG", "en")
    loaded = i18n.install_translators(qapp)
    try:
        assert len(loaded) == 1  # the English plural forms only
        assert labels.section_title("principals") == "Principals"
        hits = [QCoreApplication.translate("SearchPanel", "%n hit(s)", "", n) for n in (1, 2)]
        assert hits == ["1 hit", "2 hits"]
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        for translator in loaded:
            QCoreApplication.removeTranslator(translator)


def _mnemonic(text: str) -> str:
    """The accelerator letter of a menu text ("Å&ngra" -> "n"; "" if none; "&&" is a plain &)."""
    plain = text.replace("&&", "")
    position = plain.find("&")
    return plain[position + 1].lower() if 0 <= position < len(plain) - 1 else ""


def test_swedish_menu_accelerators_do_not_clash(swedish: list[QTranslator], qtbot: Any,
                                                paths: DataPaths) -> None:
    from tfbb_desktop.ui.app import create_window

    window = create_window(paths)
    qtbot.addWidget(window)
    menus = [window.menuBar().actions()]
    menus += [a.menu().actions() for a in window.menuBar().actions() if a.menu() is not None]
    assert window.file_menu.title() == "&Arkiv"
    for actions in menus:
        letters = [_mnemonic(a.text()) for a in actions if not a.isSeparator()]
        used = [letter for letter in letters if letter]
        assert len(used) == len(set(used)), [a.text() for a in actions]
