"""Contacts as vCard 4.0 and CSV: read back with independent parsers, å/ä/ö intact."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
import vobject

from tfbb_desktop.core import contacts_export as ce

TRICKY = ce.ContactRecord(
    id="kp-test",
    name="Åsa Öberg-Ärlig",
    title="Chef; barn, unga\\familj",
    organisation="Vingåkers kommun",
    unit="Socialförvaltningen, enheten för barn; unga",
    email="asa.oberg@vingaker.se",
    phone="+46 151 193 00",
    roles=("Ledamot i styrgruppen", "Processledare"),
    valid_until="2026-06-30",
    note="Första raden\nAndra raden med ett mycket långt ord: "
         + "Barnrättsperspektivsimplementeringssamordnare " * 4,
)


def oxelosund(conn: sqlite3.Connection) -> list[ce.ContactRecord]:
    return ce.contact_records(conn, ce.principal_contact_ids(conn, "oxelosund"))


def test_records_of_a_principal(catalogue_conn: sqlite3.Connection) -> None:
    records = oxelosund(catalogue_conn)
    assert [r.name for r in records] == ["Katarina Haddon", "Marita Encke Dahlin"]
    haddon = records[0]
    assert haddon.title == "Vård- och omsorgschef"
    assert haddon.organisation == "Oxelösunds kommun"
    assert haddon.roles == ("Ledamot i styrgruppen", "Representant för Länsstyrgruppen")
    # The order given is kept; unknown ids are left out.
    again = ce.contact_records(catalogue_conn, ["kp-marita-encke-dahlin", "nobody",
                                                "kp-katarina-haddon"])
    assert [r.id for r in again] == ["kp-marita-encke-dahlin", "kp-katarina-haddon"]


@pytest.mark.parametrize(("name", "family", "given"), [
    ("Katarina Haddon", "Haddon", "Katarina"),
    ("Karin Dahlqvist Claesson", "Dahlqvist Claesson", "Karin"),
    ("Haddon, Katarina", "Haddon", "Katarina"),
    ("  Osman   Aytar ", "Aytar", "Osman"),
    ("Cher", "", "Cher"),
])
def test_split_name(name: str, family: str, given: str) -> None:
    assert ce.split_name(name) == (family, given)


def test_vcard_parses_with_vobject_and_round_trips(catalogue_conn: sqlite3.Connection) -> None:
    records = [*oxelosund(catalogue_conn), TRICKY]
    text = ce.vcard_text(records)
    cards = list(vobject.readComponents(text))
    assert len(cards) == 3
    haddon = cards[0]
    assert haddon.version.value == "4.0"
    assert haddon.fn.value == "Katarina Haddon"
    assert haddon.n.value.family == "Haddon" and haddon.n.value.given == "Katarina"
    assert haddon.org.value == ["Oxelösunds kommun"]
    assert haddon.title.value == "Vård- och omsorgschef"
    assert "Representant för Länsstyrgruppen" in haddon.note.value

    tricky = cards[2]
    assert tricky.fn.value == "Åsa Öberg-Ärlig"
    assert tricky.n.value.family == "Öberg-Ärlig" and tricky.n.value.given == "Åsa"
    assert tricky.title.value == "Chef; barn, unga\\familj"
    assert tricky.org.value == ["Vingåkers kommun", "Socialförvaltningen, enheten för barn; unga"]
    assert tricky.email.value == "asa.oberg@vingaker.se"
    assert tricky.tel.value == "+46 151 193 00"
    note = tricky.note.value
    assert note.startswith("Roller i TFBB: Ledamot i styrgruppen, Processledare\n")
    assert "Uppdraget gäller till 2026-06-30" in note
    assert "Första raden\nAndra raden" in note
    assert note.count("Barnrättsperspektivsimplementeringssamordnare") == 4


def test_vcard_lines_are_crlf_folded_at_75_octets_and_escaped() -> None:
    data = ce.vcard_text([TRICKY]).encode("utf-8")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # no line is cut inside a UTF-8 sequence
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
    assert "TITLE:Chef\\; barn\\, unga\\\\familj\r\n" in unfolded
    assert "ORG:Vingåkers kommun;Socialförvaltningen\\, enheten för barn\\; unga\r\n" in unfolded
    assert "N:Öberg-Ärlig;Åsa;;;\r\n" in unfolded
    assert unfolded.count("BEGIN:VCARD") == 1 and "VERSION:4.0" in unfolded


def test_fold_counts_octets_not_characters() -> None:
    folded = ce.fold("NOTE:" + "å" * 100)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert parts[-1] == b""
    assert all(len(p) <= 75 for p in parts)
    assert parts[0] == ("NOTE:" + "å" * 35).encode("utf-8")  # 5 + 70 octets
    assert folded.replace("\r\n ", "").rstrip("\r\n") == "NOTE:" + "å" * 100


def test_the_uid_is_stable() -> None:
    first = ce.vcard_text([TRICKY])
    assert first == ce.vcard_text([TRICKY])
    uid = next(line for line in first.split("\r\n") if line.startswith("UID:"))
    assert uid.startswith("UID:urn:uuid:")


def test_csv_reads_back_with_bom_semicolons_and_swedish_letters(
        tmp_path: Path, catalogue_conn: sqlite3.Connection) -> None:
    target = tmp_path / "kontakter.csv"
    assert ce.write_csv(target, [*oxelosund(catalogue_conn), TRICKY]) == 3
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Namn", "Titel", "Organisation", "Enhet", "E-post", "Telefon", "Roller"]
    assert rows[1] == ["Katarina Haddon", "Vård- och omsorgschef", "Oxelösunds kommun", "", "",
                       "", "Ledamot i styrgruppen, Representant för Länsstyrgruppen"]
    assert rows[3][0] == "Åsa Öberg-Ärlig"
    assert rows[3][3] == "Socialförvaltningen, enheten för barn; unga"
    assert rows[3][5] == "'+46 151 193 00"  # a leading + would be a formula in Excel
    assert len(rows) == 4


def test_csv_never_starts_a_cell_with_a_formula() -> None:
    evil = ce.ContactRecord("kp-x", "=HYPERLINK(\"http://x\")", "@SUM(A1)", "-1", "+1", "", "",
                            (), "", "")
    rows = list(csv.reader(io.StringIO(ce.csv_text([evil])), delimiter=";"))
    assert rows[1][:4] == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'-1", "'+1"]


def test_write_vcard_and_plain_text(tmp_path: Path, catalogue_conn: sqlite3.Connection) -> None:
    target = tmp_path / "kontakter.vcf"
    records = oxelosund(catalogue_conn)
    assert ce.write_vcard(target, records) == 2
    cards = list(vobject.readComponents(target.read_bytes().decode("utf-8")))
    assert [c.fn.value for c in cards] == ["Katarina Haddon", "Marita Encke Dahlin"]
    assert not list(tmp_path.glob("*.part"))
    text = ce.plain_text(records[0])
    assert text.splitlines()[:3] == ["Katarina Haddon", "Vård- och omsorgschef",
                                     "Oxelösunds kommun"]
    full = ce.plain_text(TRICKY)
    assert "E-post: asa.oberg@vingaker.se" in full and "Telefon: +46 151 193 00" in full
