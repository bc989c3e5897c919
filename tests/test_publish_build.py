"""``publish.build``: it writes only what the app's import takes, and picks the dataset version.

The previous export is the file given as ``previous``, or else the one already at the target.
"""

from __future__ import annotations

import copy
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dbdump import version_two
from tfbb_desktop.core.errors import BuildRefused
from tfbb_desktop.core.sync import publish, signing
from tfbb_desktop.core.sync.container import read_export
from tfbb_desktop.core.sync.signing import TrustPolicy
from tfbb_desktop.ui import messages

# The refusals are read as the Swedish user reads them.
pytestmark = pytest.mark.usefixtures("swedish")

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "catalogue-source" / "sormland.json"


@pytest.fixture
def source() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SOURCE.read_text(encoding="utf-8"))
    return loaded


def write_source(folder: Path, source: dict[str, Any], name: str = "källa.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    return path


def version_of(path: Path) -> int:
    return read_export(path, TrustPolicy(allow_unsigned=True)).manifest.dataset_version


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def refusal(source_file: Path, target: Path, **kwargs: Any) -> str:
    with pytest.raises(BuildRefused) as caught:
        publish.build(source_file, target, **kwargs)
    return messages.text(caught.value)  # type: ignore[arg-type]


def test_dangling_references_are_refused_each_listed(tmp_path: Path,
                                                     source: dict[str, Any]) -> None:
    examples = source["data"]["examples"]
    examples[0]["principals"] = ["finns-inte"]
    examples[1]["contacts"] = [*examples[1].get("contacts", []), "kp-finns-inte"]
    source["data"]["contacts"][0]["principal"] = "saknad-huvudman"
    folder = tmp_path / "bygge"
    folder.mkdir()
    message = refusal(write_source(folder, source), folder / "ut.zip")
    assert message.startswith("Ingen export skrevs: appen skulle vägra exporten: "
                              "innehållet är ogiltigt.")
    assert (f'exempel "{examples[0]["id"]}", fält "principals": hänvisar till "finns-inte", '
            "men posten finns inte") in message
    assert (f'exempel "{examples[1]["id"]}", fält "contacts": hänvisar till "kp-finns-inte", '
            "men posten finns inte") in message
    assert (f'kontaktperson "{source["data"]["contacts"][0]["id"]}", fält "principal": '
            'hänvisar till "saknad-huvudman"') in message
    assert sorted(p.name for p in folder.iterdir()) == ["källa.json"]  # nothing left


def test_a_refused_build_leaves_the_file_at_the_target_alone(tmp_path: Path,
                                                            source: dict[str, Any]) -> None:
    folder = tmp_path / "bygge"
    target = publish.build(SOURCE, folder / "ut.zip").path
    before = target.read_bytes()
    source["data"]["work"][0]["contacts"] = ["kp-finns-inte"]
    assert "kp-finns-inte" in refusal(write_source(folder, source), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["källa.json", "ut.zip"]


def test_an_expired_export_is_refused(tmp_path: Path) -> None:
    message = refusal(SOURCE, tmp_path / "ut.zip", today=date(2028, 1, 1))
    assert 'manifest, fält "expires": exporten gick ut 2027-12-31' in message
    assert not (tmp_path / "ut.zip").exists()


def test_the_next_version_comes_from_the_previous_export(tmp_path: Path,
                                                         source: dict[str, Any]) -> None:
    target = tmp_path / "ut.zip"
    first = publish.build(SOURCE, target)
    assert (first.dataset_version, first.previous) == (1, None)  # the source's own value

    v2_source = write_source(tmp_path, version_two(source)[0], "v2.json")
    second = publish.build(v2_source, target)  # the file at the target is the previous one
    assert second.dataset_version == 2 and not second.unchanged
    assert second.previous is not None and second.previous.file_name == "ut.zip"
    assert version_of(target) == 2

    again = publish.build(v2_source, target)  # nothing new: the version stays
    assert again.dataset_version == 2 and again.unchanged
    assert version_of(target) == 2

    elsewhere = publish.build(SOURCE, tmp_path / "nästa.zip", previous=target)
    assert elsewhere.dataset_version == 3
    assert version_of(tmp_path / "nästa.zip") == 3


def test_an_used_version_with_other_content_is_refused(tmp_path: Path,
                                                       source: dict[str, Any]) -> None:
    v1 = publish.build(SOURCE, tmp_path / "v1.zip").path
    kept = v1.read_bytes()
    v2_source = write_source(tmp_path, version_two(source)[0], "v2.json")

    message = refusal(v2_source, v1, dataset_version=1)
    assert message.startswith("Ingen export skrevs: versionen kan inte användas.")
    assert ('manifest, fält "dataset_version": version 1 används redan av den förra exporten '
            "v1.zip, med annat innehåll; nästa version är 2") in message
    assert v1.read_bytes() == kept

    message = refusal(v2_source, tmp_path / "ny.zip", dataset_version=1, previous=v1)
    assert "version 1 används redan av den förra exporten v1.zip" in message
    assert not (tmp_path / "ny.zip").exists()

    # the manifest counts too: a new expiry date under the same version would never arrive
    later = copy.deepcopy(source)
    later["manifest"]["expires"] = "2028-06-30"
    later_source = write_source(tmp_path, later, "senare.json")
    assert "version 1 används redan" in refusal(later_source, v1, dataset_version=1)
    assert publish.build(later_source, v1).dataset_version == 2


def test_a_lower_version_than_the_previous_is_refused(tmp_path: Path) -> None:
    target = publish.build(SOURCE, tmp_path / "ut.zip", dataset_version=5).path
    message = refusal(SOURCE, target, dataset_version=4)
    assert ("version 4 är lägre än version 5 i den förra exporten ut.zip; appen tar inte emot "
            "en äldre version") in message
    assert version_of(target) == 5


def test_the_same_content_may_be_built_again_under_its_version(tmp_path: Path) -> None:
    key = signing.generate_private_key()
    target = publish.build(SOURCE, tmp_path / "ut.zip", dataset_version=3).path
    unsigned = members(target)
    again = publish.build(SOURCE, target, key, dataset_version=3)  # e.g. to sign it
    assert again.unchanged and again.dataset_version == 3
    trust = TrustPolicy(keys={signing.key_id(key.public_key()): key.public_key()})
    assert read_export(target, trust).signed_by == signing.key_id(key.public_key())
    assert {n: b for n, b in members(target).items() if n != "signature.json"} == unsigned


def test_an_unreadable_file_at_the_target_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "ut.zip"
    target.write_bytes(b"inte en zip")
    message = refusal(SOURCE, target)
    assert message == ("Ingen export skrevs: den förra exporten ut.zip kan inte läsas: filen är "
                       "skadad eller ofullständig (inget giltigt ZIP-arkiv). Ange den förra "
                       "exporten med --previous, eller ta bort filen.")
    assert target.read_bytes() == b"inte en zip"
    # named as the previous export, another file is what counts
    previous = publish.build(SOURCE, tmp_path / "förra.zip", dataset_version=7).path
    assert publish.build(SOURCE, target, previous=previous).dataset_version == 7
    assert version_of(target) == 7


def test_a_source_that_is_not_a_source_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "trasig.json"
    broken.write_text('{"manifest": ', encoding="utf-8")
    assert refusal(broken, tmp_path / "ut.zip").startswith(
        "Ingen export skrevs: källfilen trasig.json är inte giltig JSON (rad 1")
    broken.write_text('{"manifest": {}}', encoding="utf-8")
    assert refusal(broken, tmp_path / "ut.zip").endswith('källfilen saknar objektet "data"')
    assert not (tmp_path / "ut.zip").exists()
