"""Contact persons for the address book and the spreadsheet: vCard 4.0, CSV and plain text.

vCard (RFC 6350): one ``.vcf`` file with one card per contact, UTF-8, CRLF line endings, lines
folded at 75 octets (never inside a UTF-8 sequence), and ``\\``, ``,``, ``;`` and newlines
escaped in text values. Each card has ``FN``, ``N`` (the first word of the name as the given
name, the rest as the family name; "Efternamn, Förnamn" is understood too), ``ORG`` (the
principal, with the unit as the second component), ``TITLE``, ``EMAIL``, ``TEL``, ``NOTE``
(roles, assignment end and the catalogue's note) and a ``UID`` derived from the contact's stable
id, so that importing the file again updates the same cards. ``TEL`` is written as a free-text
value (the vCard 4.0 default kept for compatibility), which Outlook and Thunderbird both show as
typed.

CSV: UTF-8 with a byte order mark (so that Excel shows å, ä and ö), ``;`` as the separator
(what Excel expects with Swedish regional settings, where ``,`` is the decimal mark), CRLF line
endings and the columns :data:`CSV_COLUMNS`. A cell that starts with ``=``, ``+``, ``-``, ``@``
or a tab is prefixed with ``'`` so that a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .paths import write_atomically

CSV_COLUMNS = ("Namn", "Titel", "Organisation", "Enhet", "E-post", "Telefon", "Roller")
CSV_DELIMITER = ";"
PRODID = "-//TFBB//TFBB Katalog//SV"
# A fixed namespace, so that a contact id always gives the same vCard UID.
_UID_NAMESPACE = uuid.UUID("6f1c6c1e-2f7b-4a43-9a57-0c1b7f1d2a10")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ContactRecord:
    id: str
    name: str
    title: str
    organisation: str
    unit: str
    email: str
    phone: str
    roles: tuple[str, ...]
    valid_until: str
    note: str


def contact_records(conn: sqlite3.Connection, ids: Sequence[str]) -> list[ContactRecord]:
    """The contacts ``ids`` in the order given; ids that do not exist are left out."""
    found: dict[str, ContactRecord] = {}
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), 500):
        chunk = unique[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = conn.execute(
            "SELECT c.id, c.name, c.title, COALESCE(p.name, ''), c.unit, c.email, c.phone, "
            "c.valid_until, c.note FROM contact c LEFT JOIN principal p ON p.id = c.principal_id "
            f"WHERE c.id IN ({marks})", chunk).fetchall()
        roles: dict[str, list[str]] = {}
        for source_id, label in conn.execute(
                "SELECT r.source_id, COALESCE(t.label, r.target_id) FROM relation r "
                "LEFT JOIN vocab_term t ON t.vocabulary = 'roles' AND t.id = r.target_id "
                f"WHERE r.relation = 'contact.roles' AND r.source_id IN ({marks}) "
                "ORDER BY r.source_id, r.position", chunk):
            roles.setdefault(source_id, []).append(label)
        for cid, name, title, org, unit, email, phone, valid_until, note in rows:
            found[cid] = ContactRecord(cid, name, title or "", org, unit or "", email or "",
                                       phone or "", tuple(roles.get(cid, [])), valid_until or "",
                                       note or "")
    return [found[i] for i in unique if i in found]


def principal_contact_ids(conn: sqlite3.Connection, principal_id: str) -> list[str]:
    """The contacts of a principal, in Swedish alphabetical order."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM contact WHERE principal_id = ? ORDER BY sort_key", (principal_id,))]


def split_name(name: str) -> tuple[str, str]:
    """(family name, given name). "Karin Dahlqvist Claesson" -> ("Dahlqvist Claesson", "Karin");
    "Haddon, Katarina" -> ("Haddon", "Katarina"); a single word is taken as the given name."""
    text = " ".join(name.split())
    if "," in text:
        family, _, given = text.partition(",")
        return family.strip(), given.strip()
    given, _, family = text.partition(" ")
    return family, given


# vCard -------------------------------------------------------------------------------------

def escape_text(value: str) -> str:
    """A TEXT value escaped for vCard 4.0 and iCalendar: ``\\``, ``;``, ``,`` and newlines."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """One content line folded to at most ``limit`` octets per line, joined with CRLF.

    Continuation lines start with one space, which counts towards their length. A line is never
    cut inside a UTF-8 sequence.
    """
    out: list[str] = []
    current = ""
    size = 0
    room = limit
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > room:
            out.append(current)
            current, size, room = "", 0, limit - 1
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out) + "\r\n"


def _vcard(record: ContactRecord) -> str:
    family, given = split_name(record.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"PRODID:{PRODID}",
        "KIND:individual",
        f"UID:urn:uuid:{uuid.uuid5(_UID_NAMESPACE, record.id)}",
        f"FN:{escape_text(record.name)}",
        f"N:{escape_text(family)};{escape_text(given)};;;",
    ]
    if record.organisation or record.unit:
        org = escape_text(record.organisation)
        lines.append(f"ORG:{org};{escape_text(record.unit)}" if record.unit else f"ORG:{org}")
    if record.title:
        lines.append(f"TITLE:{escape_text(record.title)}")
    if record.email:
        lines.append(f"EMAIL;TYPE=work:{escape_text(record.email)}")
    if record.phone:
        lines.append(f"TEL;TYPE=work,voice:{escape_text(record.phone)}")
    note = _note(record)
    if note:
        lines.append(f"NOTE:{escape_text(note)}")
    lines.append("CATEGORIES:TFBB")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def _note(record: ContactRecord) -> str:
    parts: list[str] = []
    if record.roles:
        parts.append("Roller i TFBB: " + ", ".join(record.roles))
    if record.valid_until:
        parts.append(f"Uppdraget gäller till {record.valid_until}")
    if record.note:
        parts.append(record.note)
    return "\n".join(parts)


def vcard_text(records: Iterable[ContactRecord]) -> str:
    """Every record as a vCard 4.0, one after the other (CRLF line endings)."""
    return "".join(_vcard(r) for r in records)


# CSV and plain text ----------------------------------------------------------------------

def _cell(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_text(records: Iterable[ContactRecord]) -> str:
    """The records as CSV text (without the byte order mark; :func:`write_csv` adds it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow([_cell(v) for v in (r.name, r.title, r.organisation, r.unit, r.email,
                                            r.phone, ", ".join(r.roles))])
    return buffer.getvalue()


def plain_text(record: ContactRecord) -> str:
    """A contact's details as lines of plain text, for the clipboard."""
    lines = [record.name]
    lines.extend(v for v in (record.title, record.organisation, record.unit) if v)
    if record.email:
        lines.append(f"E-post: {record.email}")
    if record.phone:
        lines.append(f"Telefon: {record.phone}")
    if record.roles:
        lines.append("Roller i TFBB: " + ", ".join(record.roles))
    return "\n".join(lines)


def write_vcard(path: Path, records: Iterable[ContactRecord]) -> int:
    items = list(records)
    write_atomically(path, vcard_text(items).encode("utf-8"))
    return len(items)


def write_csv(path: Path, records: Iterable[ContactRecord]) -> int:
    items = list(records)
    write_atomically(path, csv_text(items).encode("utf-8-sig"))
    return len(items)
