"""Contact persons for the address book and the spreadsheet: vCard 3.0, CSV and plain text.

vCard 3.0 (RFC 2426), because classic Outlook and many phones mishandle 4.0: one ``.vcf``
file with one card per contact, or one file per contact (:func:`write_vcard_files`, for address
books that import only the first card of a file), UTF-8, CRLF line endings, lines folded at 75
octets (never inside a UTF-8 sequence or an escape). Escaping follows what each property needs
(RFC 2426 section 2.5 and RFC 6350 section 3.4) and what real readers undo: in every text value
``\\``, ``,`` and newlines are escaped; ``;`` is escaped only inside the fields of the compound
``N`` and ``ORG`` (Thunderbird and others show a ``\\;`` in ``TITLE`` or ``NOTE`` as it is).
``TEL`` is a phone number, not text, and is written as typed.

Each card has ``FN``, ``N`` (the first word of the name as the given name, the rest as the
family name; "Efternamn, Förnamn" is understood too), ``ORG`` (the principal, with the unit as
the second field), ``TITLE``, ``EMAIL``, ``TEL``, ``NOTE`` (roles, assignment end and the
catalogue's note) and a ``UID`` derived from the contact's stable id, so that importing the file
again updates the same cards.

CSV: UTF-8 with a byte order mark (so that Excel shows å, ä and ö), ``;`` as the separator
(what Excel expects with Swedish regional settings, where ``,`` is the decimal mark), CRLF line
endings and the columns of :data:`CSV_COLUMNS`. A cell that a spreadsheet would read as a formula
(see :func:`_is_formula`) is prefixed with ``'``; a phone number such as ``+46 155 ...`` is not.

The words in the files (the CSV's column names, the note's and the clipboard's labels) are
messages (core/messages.py), in English unless the caller gives its ``translate``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tfbb_desktop.core.messages import Translate, msg
from tfbb_desktop.core.paths import write_atomically

CSV_COLUMNS = ("name", "title", "organisation", "unit", "email", "phone", "roles")
CSV_DELIMITER = ";"
PRODID = "-//TFBB//TFBB Katalog//SV"
# A fixed namespace, so that a contact id always gives the same vCard UID.
_UID_NAMESPACE = uuid.UUID("6f1c6c1e-2f7b-4a43-9a57-0c1b7f1d2a10")
_FORMULA_START = ("=", "@", "\t", "\r")
# A leading + or - followed by digits, spaces and the usual phone punctuation only: a number.
_NUMBER_AS_WRITTEN = re.compile(r"[+-]( ?[0-9][0-9 ()./-]*)?")
_UNITS = re.compile(r"\\.|.", re.DOTALL)  # the characters of a line, an escape as one


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
    unique = json.dumps(list(dict.fromkeys(ids)))  # one parameter, however many ids
    roles: dict[str, list[str]] = {}
    for source_id, label in conn.execute(
            "SELECT r.source_id, COALESCE(t.label, r.target_id) FROM relation r "
            "LEFT JOIN vocab_term t ON t.vocabulary = 'roles' AND t.id = r.target_id "
            "WHERE r.relation = 'contact.roles' AND r.source_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY r.source_id, r.position", (unique,)):
        roles.setdefault(source_id, []).append(label)
    rows = conn.execute(
        "SELECT c.id, c.name, c.title, COALESCE(p.name, ''), c.unit, c.email, c.phone, "
        "c.valid_until, c.note FROM json_each(?) AS i JOIN contact c ON c.id = i.value "
        "LEFT JOIN principal p ON p.id = c.principal_id ORDER BY i.key", (unique,))
    return [ContactRecord(cid, name, title or "", org, unit or "", email or "", phone or "",
                          tuple(roles.get(cid, [])), valid_until or "", note or "")
            for cid, name, title, org, unit, email, phone, valid_until, note in rows]


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

def vcard_text_value(value: str) -> str:
    """A single vCard text value (``FN``, ``TITLE``, ``NOTE``, ``EMAIL``): ``\\``, ``,`` and
    newlines escaped, ``;`` left as it is (it separates nothing here)."""
    return _newlines(value).replace("\\", "\\\\").replace(",", "\\,").replace("\n", "\\n")


def escape_text(value: str) -> str:
    """One field of a compound vCard value (``N``, ``ORG``), and an iCalendar TEXT value
    (RFC 5545 3.3.11): ``;`` escaped too."""
    return vcard_text_value(value).replace(";", "\\;")


def _newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


def fold(line: str, limit: int = 75) -> str:
    """One content line folded to at most ``limit`` octets per line, joined with CRLF.

    Continuation lines start with one space, which counts towards their length. A line is never
    cut inside a UTF-8 sequence, nor between a backslash and the character it escapes, and no
    continuation starts with ``:`` (which older macOS Contacts read as a new property).
    """
    out: list[list[str]] = []
    current: list[str] = []
    size = 0
    room = limit
    for unit in _UNITS.findall(line):
        width = len(unit.encode("utf-8"))
        if size + width > room and current:
            carried = [current.pop()] if unit == ":" and len(current) > 1 else []
            out.append(current)
            current, room = carried, limit - 1
            size = sum(len(u.encode("utf-8")) for u in current)
        current.append(unit)
        size += width
    out.append(current)
    return "\r\n ".join("".join(part) for part in out) + "\r\n"


def _roles(record: ContactRecord, translate: Translate | None) -> str:
    return msg("contact.roles", roles=", ".join(record.roles)).text(translate) \
        if record.roles else ""


def _vcard(record: ContactRecord, translate: Translate | None) -> str:
    family, given = split_name(record.name)
    organisation = [record.organisation, record.unit] if record.unit else [record.organisation]
    ends = msg("contact.valid_until", date=record.valid_until).text(translate) \
        if record.valid_until else ""
    note = "\n".join(part for part in (_roles(record, translate), ends, record.note) if part)
    # Each property is left out when its value is empty. TEL is a phone-number value, not
    # text: no escapes; a line break would end the line.
    optional = (
        ("ORG:", ";".join(escape_text(f) for f in organisation)),
        ("TITLE:", vcard_text_value(record.title)),
        ("EMAIL;TYPE=INTERNET;TYPE=WORK:", vcard_text_value(record.email)),
        ("TEL;TYPE=WORK;TYPE=VOICE:", " ".join(_newlines(record.phone).split("\n"))),
        ("NOTE:", vcard_text_value(note)),
    )
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"PRODID:{PRODID}",
        f"UID:urn:uuid:{uuid.uuid5(_UID_NAMESPACE, record.id)}",
        f"FN:{vcard_text_value(record.name)}",
        f"N:{escape_text(family)};{escape_text(given)};;;",
        *(name + value for name, value in optional if value),
        "CATEGORIES:TFBB",
        "END:VCARD",
    ]
    return "".join(fold(line) for line in lines)


def vcard_text(records: Iterable[ContactRecord], translate: Translate | None = None) -> str:
    """Every record as a vCard 3.0, one after the other (CRLF line endings)."""
    return "".join(_vcard(r, translate) for r in records)


def vcard_file_name(record: ContactRecord) -> str:
    """A safe, unique file name for one contact's ``.vcf``: its id (ids are ``[a-z0-9._-]``)."""
    safe = "".join(ch for ch in record.id if ch.isascii() and (ch.isalnum() or ch in "._-"))
    return f"{safe.strip('.') or 'kontakt'}.vcf"


# CSV and plain text ----------------------------------------------------------------------

def _is_formula(value: str) -> bool:
    """Whether a spreadsheet could run ``value`` as a formula (OWASP "CSV injection"): it starts
    with ``=``, ``@``, a tab or a carriage return, or with ``+`` or ``-`` and is more than a
    number as written (``+46 155 193 00``, ``-1`` and ``0155-12 34 56`` stay as they are)."""
    if value.startswith(_FORMULA_START):
        return True
    return value.startswith(("+", "-")) and _NUMBER_AS_WRITTEN.fullmatch(value) is None


def _cell(value: str) -> str:
    return _newlines("'" + value if _is_formula(value) else value)


def csv_text(records: Iterable[ContactRecord], translate: Translate | None = None) -> str:
    """The records as CSV text (without the byte order mark; :func:`write_csv` adds it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow([msg(f"contact.column.{name}").text(translate) for name in CSV_COLUMNS])
    for r in records:
        writer.writerow([_cell(v) for v in (r.name, r.title, r.organisation, r.unit, r.email,
                                            r.phone, ", ".join(r.roles))])
    return buffer.getvalue()


def plain_text(record: ContactRecord, translate: Translate | None = None) -> str:
    """A contact's details as lines of plain text, for the clipboard."""
    lines = [record.name]
    lines.extend(v for v in (record.title, record.organisation, record.unit) if v)
    if record.email:
        lines.append(msg("contact.email", email=record.email).text(translate))
    if record.phone:
        lines.append(msg("contact.phone", phone=record.phone).text(translate))
    lines.append(_roles(record, translate))
    return "\n".join(line for line in lines if line)


def write_vcard(path: Path, records: Iterable[ContactRecord],
                translate: Translate | None = None) -> int:
    items = list(records)
    write_atomically(path, vcard_text(items, translate).encode("utf-8"))
    return len(items)


def write_vcard_files(folder: Path, records: Iterable[ContactRecord],
                      translate: Translate | None = None) -> list[Path]:
    """One ``.vcf`` per contact in ``folder`` (created if missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for record in dict((r.id, r) for r in records).values():
        target = folder / vcard_file_name(record)
        write_atomically(target, _vcard(record, translate).encode("utf-8"))
        written.append(target)
    return written


def write_csv(path: Path, records: Iterable[ContactRecord],
              translate: Translate | None = None) -> int:
    items = list(records)
    write_atomically(path, csv_text(items, translate).encode("utf-8-sig"))
    return len(items)
