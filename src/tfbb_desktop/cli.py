"""The command line for IT staff and publishers. Runs without a display and without Qt.

Exit codes (see docs/cli.md):
  0  done (imported, already up to date, or the check passed)
  1  the export was refused, the check failed, nothing was built, or the output was cut off
  2  wrong use of the command (argparse's messages are in Swedish, see _ARGPARSE_SV)
  3  not confirmed, or cancelled
  4  the catalogue or the data folder cannot be used
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tfbb_desktop import __version__

if TYPE_CHECKING:
    import sqlite3

    from tfbb_desktop.core.paths import DataPaths

# The core is imported inside the functions: parsing the arguments must stay light, because the
# GUI starts through this module and shows its window before the heavy imports are done.

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_NOT_CONFIRMED, EXIT_DATABASE = 0, 1, 2, 3, 4


# argparse's own words, in Swedish. argparse looks each one up through gettext (its module's
# ``_`` and ``ngettext``) when it formats help and errors; these two stand in for them.
_ARGPARSE_SV = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "följande argument saknas: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "expected one argument": "ett värde saknas",
    "ambiguous option: %(option)s could match %(matches)s":
        "flaggan %(option)s är tvetydig: den kan vara %(matches)s",
    "not allowed with argument %s": "får inte användas tillsammans med %s",
}


def _sv(message: str) -> str:
    return _ARGPARSE_SV.get(message, message)


def _sv_plural(singular: str, plural: str, n: int) -> str:
    return _sv(singular if n == 1 else plural)


def _version(text: str) -> int:
    """A dataset version: a whole number from 1."""
    value = int(text)  # a ValueError is "ogiltigt värde" from argparse
    if value < 1:
        raise ValueError(text)
    return value


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _sv  # type: ignore[attr-defined]
    argparse.ngettext = _sv_plural  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(
        prog="tfbb-desktop",
        description="TFBB Katalog – katalog över Tillsammans för barnens bästa i Sörmland.",
    )
    parser.add_argument("--version", action="version", version=f"TFBB Katalog {__version__}",
                        help="visa programmets version och avsluta")
    parser.add_argument("--data-dir", type=Path, metavar="MAPP",
                        help="datamapp (annars användarens egen)")
    parser.add_argument("--self-check", action="store_true",
                        help="starta hela appen utan skärm, kontrollera den och avsluta")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")

    imp = sub.add_parser("import", help="importera en exportfil")
    imp.add_argument("file", type=Path, metavar="FIL", help="exportfilen (.zip)")
    imp.add_argument("--yes", action="store_true", help="importera utan att fråga")
    imp.add_argument("--dry-run", action="store_true", help="visa ändringarna utan att importera")

    sub.add_parser("status", help="visa katalogens version och innehåll")
    sub.add_parser("undo", help="ångra senaste import")

    pub = sub.add_parser("publish", help="verktyg för den som ger ut exporten")
    pub_sub = pub.add_subparsers(dest="publish_command", metavar="KOMMANDO", required=True)
    keygen = pub_sub.add_parser("keygen", help="skapa ett nyckelpar för signering")
    keygen.add_argument("--out", type=Path, required=True, metavar="MAPP",
                        help="mapp för nycklarna")
    keygen.add_argument("--name", default="publisher", metavar="NAMN",
                        help="nycklarnas filnamn utan ändelse (publisher)")
    build = pub_sub.add_parser("build", help="bygg en exportfil av en källfil (JSON)")
    build.add_argument("source", type=Path, metavar="KÄLLFIL", help="källfilen (JSON)")
    build.add_argument("--out", type=Path, required=True, metavar="FIL",
                       help="exportfilen som skrivs (.zip)")
    build.add_argument("--key", type=Path, metavar="NYCKEL",
                       help="privat nyckel (PEM) att signera med")
    build.add_argument("--dataset-version", type=_version, metavar="N",
                       help="exportens version (annars förra exportens version + 1)")
    build.add_argument("--previous", type=Path, metavar="FÖRRA",
                       help="förra exporten (annars filen som redan finns vid --out)")
    check = pub_sub.add_parser("check", help="kontrollera en exportfil utan att importera")
    check.add_argument("file", type=Path, metavar="FIL", help="exportfilen (.zip)")
    check.add_argument("--public-key", type=Path, action="append", default=[], metavar="NYCKEL",
                       help="lita på denna publika nyckel (.pub) vid kontrollen")
    return parser


def run(args: argparse.Namespace) -> int:
    """Run a command. Output cut short by a closed pipe (``status | head``) ends quietly with
    exit code 1, as Python's documentation advises (signal module, "Note on SIGPIPE")."""
    try:
        code = _run(args)
        if sys.stdout is not None:  # None in the windowed build
            sys.stdout.flush()  # here, so that a closed pipe is noticed in this try
    except BrokenPipeError:
        # Python flushes stdout again at exit: point it at devnull so that it cannot fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_REFUSED
    return code


def _run(args: argparse.Namespace) -> int:
    from tfbb_desktop.core.errors import ImportRefused
    from tfbb_desktop.core.paths import DataPaths
    from tfbb_desktop.core.store import catalogue
    from tfbb_desktop.core.store.db import DatabaseError
    from tfbb_desktop.core.sync import importer

    if args.command == "publish":
        return _publish(args)
    paths = DataPaths(args.data_dir) if args.data_dir else DataPaths()
    try:
        conn = catalogue.open_catalogue(paths)
    except (DatabaseError, OSError) as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    try:
        if args.command == "import":
            return _import(conn, paths, args)
        if args.command == "undo":
            result = importer.undo_last_import(conn, paths)
            print(result.message)
            return EXIT_OK
        return _status(conn, paths)
    except ImportRefused as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_REFUSED
    except DatabaseError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    finally:
        conn.close()


def _import(conn: sqlite3.Connection, paths: DataPaths, args: argparse.Namespace) -> int:
    from tfbb_desktop.core.errors import ImportCancelled
    from tfbb_desktop.core.paths import machine_config_path
    from tfbb_desktop.core.sync import importer
    from tfbb_desktop.core.sync.signing import load_machine_config, trust_policy

    try:
        config = load_machine_config()
        trust = trust_policy(config=config)
    except (ValueError, OSError) as exc:
        print(f"Fel i maskinens konfiguration ({machine_config_path()}): {exc}",
              file=sys.stderr)
        return EXIT_DATABASE
    prepared = importer.prepare(conn, paths, args.file, trust,
                                max_version_step=config.max_version_step)
    if prepared.is_noop:
        print(f"{prepared.file_name}: katalogen har redan version "
              f"{prepared.manifest.dataset_version}. Ingenting ändrades.")
        return EXIT_OK
    print(f"{prepared.file_name}: version {prepared.base_version} → "
          f"{prepared.manifest.dataset_version}")
    for entity_type, label in _TYPE_LABELS.items():
        c = prepared.change_set.counts()[entity_type]
        if any(c.values()):
            print(f"  {label}: " + importer.count_phrase(c["added"], c["changed"], c["removed"]))
    if args.dry_run:
        print("Provkörning: ingenting importerades.")
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            print("Ange --yes för att importera utan att fråga.", file=sys.stderr)
            return EXIT_NOT_CONFIRMED
        answer = input("Importera? [j/N] ").strip().lower()
        if answer not in ("j", "ja", "y", "yes"):
            print("Avbrutet: ingenting importerades.")
            return EXIT_NOT_CONFIRMED
    try:
        result = importer.commit(conn, paths, prepared)
    except ImportCancelled:
        return EXIT_NOT_CONFIRMED
    _after_import(conn, paths)
    print(f"Importerat: {result.message}.")
    return EXIT_OK


def _after_import(conn: sqlite3.Connection, paths: DataPaths) -> None:
    from tfbb_desktop.core.store import catalogue
    from tfbb_desktop.core.store.userdata import UserData

    userdata = UserData(paths.userdata)
    try:
        catalogue.refresh_note_names(conn, userdata)
    finally:
        userdata.close()


_TYPE_LABELS = {
    "principals": "Huvudmän",
    "contacts": "Kontaktpersoner",
    "examples": "Exempel",
    "work": "Pågående arbete",
    "component_status": "Komponentstatus",
    "vocabularies": "Ordlistor",
}


def _status(conn: sqlite3.Connection, paths: DataPaths) -> int:
    from tfbb_desktop.core.store import queries
    from tfbb_desktop.core.sync import importer

    meta = queries.meta(conn)
    print(f"Datamapp: {paths.root}")
    if meta is None:
        print("Katalogen är tom. Starta appen eller importera en exportfil.")
        return EXIT_OK
    print(f"Katalogversion: {meta.dataset_version} (skapad {meta.created[:10]}, "
          f"giltig till {meta.expires})")
    print(f"Utgivare: {meta.publisher_name}")
    print(f"Importerad: {meta.imported_at} från {meta.file_name}")
    for entity_type, count in queries.counts(conn).items():
        print(f"  {_TYPE_LABELS[entity_type]}: {count}")
    print(f"Säkerhetskopior: {len(importer.backups(paths))}")
    return EXIT_OK


def _publish(args: argparse.Namespace) -> int:
    from tfbb_desktop.core.errors import ImportRefused
    from tfbb_desktop.core.paths import machine_config_path
    from tfbb_desktop.core.sync import signing
    from tfbb_desktop.core.sync.container import read_export
    from tfbb_desktop.core.sync.export_format import ENTITY_TYPES
    from tfbb_desktop.core.sync.signing import load_machine_config
    from tfbb_desktop.core.sync.validate import parse_documents

    if args.publish_command == "keygen":
        key = signing.generate_private_key()
        args.out.mkdir(parents=True, exist_ok=True)
        private = args.out / f"{args.name}.pem"
        public = args.out / f"{args.name}{signing.PUBLIC_KEY_SUFFIX}"
        private.write_bytes(signing.private_key_pem(key))
        private.chmod(0o600)
        public.write_text(signing.public_key_text(key.public_key()) + "\n", encoding="ascii")
        print(f"Privat nyckel: {private} (håll den hemlig, checka aldrig in den)")
        print(f"Publik nyckel: {public} (nyckel-id {signing.key_id(key.public_key())})")
        return EXIT_OK
    if args.publish_command == "build":
        return _build(args)
    try:
        trust = signing.trust_policy(config=load_machine_config())
    except (ValueError, OSError) as exc:
        print(f"Fel i maskinens konfiguration ({machine_config_path()}): {exc}",
              file=sys.stderr)
        return EXIT_DATABASE
    for pub in args.public_key:
        key_ = signing.parse_public_key(pub.read_text(encoding="ascii"))
        trust.keys[signing.key_id(key_)] = key_
    try:
        verified = read_export(args.file, trust)
        docs = parse_documents(verified.data_bytes, verified.manifest, verified.file_name)
    except ImportRefused as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_REFUSED
    import json  # here, not at the top: the GUI starts through this module

    print(json.dumps({
        "file": verified.file_name,
        "dataset_version": verified.manifest.dataset_version,
        "signed_by": verified.signed_by,
        "counts": {t: len(docs[t]) for t in ENTITY_TYPES},
    }, ensure_ascii=False))
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from tfbb_desktop.core.sync import publish, signing

    try:
        signing_key = signing.load_private_key(args.key) if args.key else None
    except OSError as exc:
        print(f"Ingen export skrevs: nyckeln {args.key} kan inte läsas ({exc.strerror}).",
              file=sys.stderr)
        return EXIT_REFUSED
    except (ValueError, TypeError):
        print(f"Ingen export skrevs: {args.key} är ingen privat Ed25519-nyckel (PEM).",
              file=sys.stderr)
        return EXIT_REFUSED
    try:
        built = publish.build(args.source, args.out, signing_key,
                              dataset_version=args.dataset_version, previous=args.previous)
    except publish.BuildRefused as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_REFUSED
    before = built.previous
    if before is None:
        after = ""
    elif built.unchanged:
        after = f", samma innehåll som {before.file_name}"
    else:
        after = f", efter version {before.manifest.dataset_version} i {before.file_name}"
    print(f"Skrev {built.path} " + ("(signerad)" if signing_key else "(osignerad)")
          + f": version {built.dataset_version}{after}")
    return EXIT_OK
