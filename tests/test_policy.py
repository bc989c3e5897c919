"""The machine-wide settings from the Windows registry's policy key: how its values map onto the
settings, that they win over config.json, and that the ADMX/ADML template writes exactly the
values the app reads."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tfbb_desktop.core.sync import policy, signing

ROOT = Path(__file__).resolve().parents[1]
ADMX_DIR = ROOT / "packaging" / "admx"
NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
LANGUAGES = ("en-US", "sv-SE")

KEY = signing.public_key_text(signing.generate_private_key().public_key())
OTHER_KEY = signing.public_key_text(signing.generate_private_key().public_key())


def write_config(path: Path, **fields: object) -> Path:
    path.write_text(json.dumps(fields), encoding="utf-8")
    return path


def test_every_policy_value_maps_onto_its_setting() -> None:
    config = policy.config_from_policy({
        "TrustedKeys": [KEY, " ", OTHER_KEY + "\n"],
        "AllowUnsigned": 1,
        "Source": " \\\\fileserver\\tfbb\\export ",
        "MaxVersionStep": 12,
    })
    assert config == signing.MachineConfig(trusted_keys=[KEY, OTHER_KEY], allow_unsigned=True,
                                           source="\\\\fileserver\\tfbb\\export",
                                           max_version_step=12)


def test_no_policy_values_leave_the_defaults() -> None:
    assert policy.config_from_policy({}) == signing.MachineConfig()


def test_allow_unsigned_zero_is_false_and_a_single_key_string_is_one_key() -> None:
    config = policy.config_from_policy({"AllowUnsigned": 0, "TrustedKeys": KEY})
    assert config.allow_unsigned is False
    assert config.trusted_keys == [KEY]


@pytest.mark.parametrize(("name", "value"), [
    ("TrustedKeys", 1),
    ("TrustedKeys", [KEY, 2]),
    ("AllowUnsigned", "1"),
    ("AllowUnsigned", 2),
    ("Source", 5),
    ("Source", ["a"]),
    ("MaxVersionStep", 0),
    ("MaxVersionStep", "10"),
])
def test_a_value_of_the_wrong_type_is_reported(name: str, value: object) -> None:
    with pytest.raises(ValueError) as caught:
        policy.config_from_policy({name: value})
    text = str(caught.value)
    assert name in text
    assert "HKLM\\Software\\Policies\\TFBB\\Katalog" in text


def test_the_registry_wins_over_config_json_field_by_field(tmp_path: Path) -> None:
    path = write_config(tmp_path / "config.json", trusted_keys=[OTHER_KEY], allow_unsigned=True,
                        source="/srv/tfbb", max_version_step=50)
    config = signing.load_machine_config(path, policy={"AllowUnsigned": 0,
                                                       "TrustedKeys": [KEY]})
    assert config.allow_unsigned is False  # set by the policy
    assert config.trusted_keys == [KEY]  # the policy's list replaces the file's
    assert config.source == "/srv/tfbb"  # not set by the policy: the file's
    assert config.max_version_step == 50


def test_without_policy_values_config_json_is_used(tmp_path: Path) -> None:
    path = write_config(tmp_path / "config.json", source="/srv/tfbb", max_version_step=7)
    config = signing.load_machine_config(path, policy={})
    assert config == signing.MachineConfig(source="/srv/tfbb", max_version_step=7)


def test_policy_values_apply_without_a_config_file(tmp_path: Path) -> None:
    config = signing.load_machine_config(tmp_path / "missing.json",
                                         policy={"Source": "https://example.org/tfbb"})
    assert config.source == "https://example.org/tfbb"


def test_a_key_trusted_by_policy_verifies_its_signatures(tmp_path: Path) -> None:
    private = signing.generate_private_key()
    text = signing.public_key_text(private.public_key())
    config = signing.load_machine_config(tmp_path / "missing.json",
                                         policy={"TrustedKeys": [text]})
    trust = signing.trust_policy(keys_dir=tmp_path / "no-keys", config=config)
    signed = signing.sign(private, b"manifest")
    assert trust.verify(signed["key_id"], signed["signature"], b"manifest") == ""
    assert trust.verify(signed["key_id"], signed["signature"], b"other") == "bad_signature"


@pytest.mark.skipif(sys.platform == "win32", reason="reads the real registry on Windows")
def test_off_windows_no_registry_is_read(tmp_path: Path) -> None:
    assert policy.read_policy_values() == {}
    path = write_config(tmp_path / "config.json", allow_unsigned=True)
    assert signing.load_machine_config(path).allow_unsigned is True


# --- The ADMX/ADML template ----------------------------------------------------------------------


def admx() -> ET.Element:
    return ET.parse(ADMX_DIR / "tfbb-katalog.admx").getroot()


def adml(language: str) -> ET.Element:
    return ET.parse(ADMX_DIR / language / "tfbb-katalog.adml").getroot()


def written_values(root: ET.Element) -> dict[str, tuple[str, str]]:
    """value name -> (registry key, how it is written) for every policy in the ADMX."""
    found: dict[str, tuple[str, str]] = {}
    for pol in root.iterfind(".//p:policies/p:policy", NS):
        assert pol.get("class") == "Machine", pol.get("name")
        if pol.get("valueName"):
            assert pol.find("p:enabledValue/p:decimal", NS) is not None
            found[pol.get("valueName", "")] = (pol.get("key", ""), "dword")
        for element in pol.iterfind("p:elements/*", NS):
            kind = element.tag.split("}")[1]
            found[element.get("valueName", "")] = (element.get("key", pol.get("key", "")), kind)
    return found


def test_the_template_writes_exactly_the_values_the_app_reads() -> None:
    values = written_values(admx())
    assert set(values) == set(policy.VALUE_NAMES)
    assert {key for key, _kind in values.values()} == {policy.POLICY_KEY}
    # How Group Policy writes each value is how the app reads it.
    assert values[policy.TRUSTED_KEYS][1] == "multiText"  # REG_MULTI_SZ
    assert values[policy.ALLOW_UNSIGNED][1] == "dword"  # REG_DWORD 1/0
    assert values[policy.SOURCE][1] == "text"  # REG_SZ
    assert values[policy.MAX_VERSION_STEP][1] == "decimal"  # REG_DWORD
    max_step = admx().find(".//p:decimal[@valueName='MaxVersionStep']", NS)
    assert max_step is not None and int(max_step.get("minValue", "0")) >= 1


def test_allow_unsigned_writes_one_when_enabled_and_zero_when_disabled() -> None:
    pol = admx().find(".//p:policy[@valueName='AllowUnsigned']", NS)
    assert pol is not None
    enabled = pol.find("p:enabledValue/p:decimal", NS)
    disabled = pol.find("p:disabledValue/p:decimal", NS)
    assert enabled is not None and disabled is not None
    config = policy.config_from_policy({"AllowUnsigned": int(enabled.get("value", ""))})
    assert config.allow_unsigned is True
    config = policy.config_from_policy({"AllowUnsigned": int(disabled.get("value", ""))})
    assert config.allow_unsigned is False


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_and_presentation_is_in_the_language_file(language: str) -> None:
    text = (ADMX_DIR / "tfbb-katalog.admx").read_text(encoding="utf-8")
    strings = set(re.findall(r"\$\(string\.([^)]+)\)", text))
    presentations = set(re.findall(r"\$\(presentation\.([^)]+)\)", text))
    assert strings and presentations
    resources = adml(language)
    defined = {s.get("id") for s in resources.iterfind(".//p:stringTable/p:string", NS)}
    assert strings <= defined, strings - defined
    assert all((s.text or "").strip() for s in resources.iterfind(".//p:string", NS))
    tables = {p.get("id"): p for p in resources.iterfind(".//p:presentationTable/p:presentation",
                                                          NS)}
    assert presentations <= set(tables), presentations - set(tables)
    # Each box of a presentation refers to an element of its policy, and each element has one.
    for pol in admx().iterfind(".//p:policy[@presentation]", NS):
        name = re.fullmatch(r"\$\(presentation\.([^)]+)\)", pol.get("presentation", ""))
        assert name is not None
        element_ids = {e.get("id") for e in pol.iterfind("p:elements/*", NS)}
        ref_ids = {box.get("refId") for box in tables[name.group(1)].iter() if box.get("refId")}
        assert ref_ids == element_ids, pol.get("name")


def test_the_swedish_texts_are_swedish() -> None:
    english = {s.get("id"): s.text for s in adml("en-US").iterfind(".//p:string", NS)}
    swedish = {s.get("id"): s.text for s in adml("sv-SE").iterfind(".//p:string", NS)}
    assert set(english) == set(swedish)
    different = [sid for sid in swedish if swedish[sid] != english[sid]]
    assert len(different) >= len(swedish) - 2  # the product name may be the same
    assert any("ö" in (t or "") or "ä" in (t or "") for t in swedish.values())
