"""The command line for IT staff and publishers. Runs without a display; of Qt it loads only
QtCore, for the translations (Swedish unless English is asked for, see ui/i18n.py).

Exit codes (see docs/cli.md):
  0  done (imported, already up to date, or the check passed)
  1  the export was refused, the check failed, nothing was built, or the output was cut off
  2  wrong use of the command (argparse's messages are in Swedish, see _ARGPARSE_SV)
  3  not confirmed, or cancelled
  4  the catalogue or the data folder cannot be used
  5  status was shown, but the installed catalogue has expired
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tfbb_desktop import __version__

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from tfbb_desktop.core.paths import DataPaths

# The core is imported inside the functions: parsing the arguments must stay light, because the
# GUI starts through this module and shows its window before the heavy imports are done.

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_NOT_CONFIRMED, EXIT_DATABASE = 0, 1, 2, 3, 4
EXIT_EXPIRED = 5  # status: shown, but the installed catalogue has expired

# The passphrase of the publisher's private key, for scripts (else it is asked for).
PASSPHRASE_VARIABLE = "TFBB_KEY_PASSPHRASE"


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


def _export_options(parser: argparse.ArgumentParser) -> None:
    """The options of every command that builds an export: where, signed with what, after what."""
    parser.add_argument("--out", type=Path, required=True, metavar="FIL",
                        help="exportfilen som skrivs (.zip)")
    parser.add_argument("--key", type=Path, action="append", metavar="NYCKEL",
                        help="privat nyckel (PEM) att signera med; ange två när en nyckel "
                             "byts, så bär exporten båda signaturerna")
    parser.add_argument("--previous", type=Path, metavar="FÖRRA",
                        help="förra exporten (annars filen som redan finns vid --out)")


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _sv  # type: ignore[attr-defined]
    argparse.ngettext = _sv_plural  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(
        prog="tfbb-desktop",
        description="TFBB Katalog – katalog över Tillsammans för barnens bästa i Sörmland.",
        epilog="tfbb-desktop FIL.zip startar appen och öppnar exportfilen i importfönstret "
               "(eller lämnar den till appen som redan körs).",
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
    _export_options(build)
    build.add_argument("--dataset-version", type=_version, metavar="N",
                       help="exportens version (annars förra exportens version + 1)")
    template = pub_sub.add_parser("template", help="skriv en tom arbetsbok (.xlsx)")
    filled = pub_sub.add_parser("from-catalogue",
                                help="skriv katalogen i en arbetsbok (.xlsx)")
    for writes_book in (template, filled):
        writes_book.add_argument("--out", type=Path, required=True, metavar="FIL",
                                 help="arbetsboken som skrivs (.xlsx)")
    filled.add_argument("--export", type=Path, metavar="EXPORT",
                        help="exportfilen att läsa (annars den medföljande katalogen)")
    book = pub_sub.add_parser("workbook", help="bygg en exportfil av arbetsboken (.xlsx)")
    book.add_argument("workbook", type=Path, metavar="ARBETSBOK", help="arbetsboken (.xlsx)")
    _export_options(book)
    book.add_argument("--expires", type=date.fromisoformat, metavar="ÅÅÅÅ-MM-DD",
                      help="sista giltighetsdag (annars den i arbetsboken)")
    report = pub_sub.add_parser("report", help="visa vad som ändrats mellan två kataloger")
    report.add_argument("old", type=Path, metavar="FÖRRA",
                        help="den förra exporten (.zip) eller arbetsboken (.xlsx)")
    report.add_argument("new", type=Path, metavar="NY",
                        help="den nya exporten (.zip) eller arbetsboken (.xlsx)")
    report.add_argument("--html", type=Path, metavar="FIL",
                        help="skriv rapporten också som HTML till FIL")
    check = pub_sub.add_parser("check", help="kontrollera en exportfil utan att importera")
    check.add_argument("file", type=Path, metavar="FIL", help="exportfilen (.zip)")
    check.add_argument("--public-key", type=Path, action="append", default=[], metavar="NYCKEL",
                       help="lita på denna publika nyckel (.pub) vid kontrollen")
    return parser


COMMANDS = frozenset({"import", "status", "undo", "publish"})


def _gui_file(argv: list[str]) -> int | None:
    """The position of an export file given to the GUI (``tfbb-desktop FILE.zip``): the only
    argument that is neither an option, nor the data folder, nor a command, and names a file
    or ends in .zip. None if there is none (then the arguments are parsed as they are)."""
    found = None
    for at, arg in enumerate(argv):
        if arg.startswith("-") or (at and argv[at - 1] == "--data-dir"):
            continue
        if arg in COMMANDS or found is not None:
            return None
        found = at
    if found is None:
        return None
    name = argv[found]
    return found if name.lower().endswith(".zip") or Path(name).is_file() else None


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """The arguments of the program: a command, or the GUI with the export files to open."""
    at = _gui_file(argv)
    rest = argv if at is None else [*argv[:at], *argv[at + 1:]]
    args = build_parser().parse_args(rest)
    args.files = [] if at is None else [argv[at]]
    return args


_TRANSLATION: list[object] = []  # the QCoreApplication and its translators, kept alive


def _install_translators() -> None:
    from PySide6.QtCore import QCoreApplication

    from tfbb_desktop.ui import i18n

    app = QCoreApplication.instance() or QCoreApplication([])
    _TRANSLATION[:] = [app, *i18n.install_translators(app)]


def translate(context: str, text: str) -> str:
    """``text`` (English) in the user's language; the translators are installed by run()."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def _text(exc: BaseException) -> str:
    from tfbb_desktop.ui import messages

    return messages.described(exc)


def _fail(text: object, code: int = EXIT_REFUSED) -> int:
    """Say ``text`` on stderr; return the exit code."""
    print(text, file=sys.stderr)
    return code


def _error(error: object, code: int = EXIT_DATABASE) -> int:
    return _fail(translate("Cli", "Error: {error}").format(error=error), code)


def _config_error(exc: Exception) -> int:
    from tfbb_desktop.core.paths import machine_config_path

    return _fail(translate("Cli", "Error in the machine's configuration ({path}): {error}")
                 .format(path=machine_config_path(), error=_text(exc)), EXIT_DATABASE)


def run(args: argparse.Namespace) -> int:
    """Run a command. Output cut short by a closed pipe (``status | head``) ends quietly with
    exit code 1, as Python's documentation advises (signal module, "Note on SIGPIPE")."""
    _install_translators()
    try:
        code = _publish(args) if args.command == "publish" else _run(args)
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
    from tfbb_desktop.core.store.health import DamagedDatabase
    from tfbb_desktop.core.sync import importer

    paths = DataPaths(args.data_dir)
    try:
        conn = catalogue.open_catalogue(paths)
    except DamagedDatabase as exc:
        from tfbb_desktop.ui import messages

        _error(_text(exc))
        return _fail(messages.text(exc.hint()), EXIT_DATABASE)
    except (DatabaseError, OSError, sqlite3.Error) as exc:
        return _error(_text(exc))
    try:
        if args.command == "import":
            return _import(conn, paths, args)
        if args.command == "undo":
            from tfbb_desktop.ui import messages

            print(messages.text(importer.undo_last_import(conn, paths).message))
            return EXIT_OK
        return _status(conn, paths)
    except ImportRefused as exc:
        return _fail(_text(exc))
    except BrokenPipeError:
        raise  # output cut short: run() ends quietly
    except (DatabaseError, sqlite3.Error, OSError) as exc:
        # A damaged user database, a locked catalogue, a full disk, a folder that cannot be
        # written: told in Swedish; the transaction was rolled back, so nothing changed.
        return _error(_text(exc))
    finally:
        conn.close()


def _import(conn: sqlite3.Connection, paths: DataPaths, args: argparse.Namespace) -> int:
    from tfbb_desktop.core.errors import ImportCancelled
    from tfbb_desktop.core.store import catalogue
    from tfbb_desktop.core.store.db import DatabaseError
    from tfbb_desktop.core.store.userdata import UserData
    from tfbb_desktop.core.sync import importer
    from tfbb_desktop.core.sync.signing import load_machine_config, trust_policy
    from tfbb_desktop.ui import messages

    try:
        config = load_machine_config()
        trust = trust_policy(config=config)
    except (ValueError, OSError) as exc:
        return _config_error(exc)
    prepared = importer.prepare(conn, paths, args.file, trust,
                                max_version_step=config.max_version_step)
    if prepared.is_noop:
        print(translate("Cli", "{file}: the catalogue already has version {version}. Nothing "
                        "was changed.").format(file=prepared.file_name,
                                               version=prepared.manifest.dataset_version))
        return EXIT_OK
    print(translate("Cli", "{file}: version {old} → {new}").format(
        file=prepared.file_name, old=prepared.base_version,
        new=prepared.manifest.dataset_version))
    counts = prepared.change_set.counts()
    for entity_type, label in _type_labels().items():
        c = counts[entity_type]
        if any(c.values()):
            print(f"  {label}: " + messages.count_text(c))
    if args.dry_run:
        print(translate("Cli", "Dry run: nothing was imported."))
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            return _fail(translate("Cli", "Give --yes to import without asking."),
                         EXIT_NOT_CONFIRMED)
        answer = input(translate("Cli", "Import? [y/N] ")).strip().lower()
        if answer not in ("j", "ja", "y", "yes"):
            print(translate("Cli", "Cancelled: nothing was imported."))
            return EXIT_NOT_CONFIRMED
    try:
        importer.commit(conn, paths, prepared)
    except ImportCancelled:
        return EXIT_NOT_CONFIRMED
    try:
        userdata = UserData(paths.userdata)
    except (DatabaseError, sqlite3.Error) as exc:  # the import itself is done
        _error(_text(exc))
    else:
        with contextlib.closing(userdata):
            catalogue.refresh_note_names(conn, userdata)
    print(translate("Cli", "Imported: {result}.").format(
        result=messages.totals_text(importer.totals(prepared.change_set))))
    return EXIT_OK


def _type_labels() -> dict[str, str]:
    from tfbb_desktop.core.entities import ENTITY_TYPES, title_of

    return {t: translate("Labels", title_of(t)) for t in (*ENTITY_TYPES, "vocabularies")}


def _status(conn: sqlite3.Connection, paths: DataPaths) -> int:
    from tfbb_desktop.core.store import queries

    meta = queries.meta(conn)
    print(translate("Cli", "Data folder: {path}").format(path=paths.root))
    if meta is None:
        print(translate("Cli", "The catalogue is empty. Start the app or import an export file."))
        return EXIT_OK
    print(translate("Cli", "Catalogue version: {version} (created {created}, valid until "
                    "{expires})").format(version=meta.dataset_version,
                                         created=meta.created[:10], expires=meta.expires))
    print(translate("Cli", "Publisher: {name}").format(name=meta.publisher_name))
    print(translate("Cli", "Imported: {at} from {file}").format(at=meta.imported_at,
                                                                 file=meta.file_name))
    labels = _type_labels()
    for entity_type, count in queries.counts(conn).items():
        print(f"  {labels[entity_type]}: {count}")
    print(translate("Cli", "Backups: {count}").format(count=len(paths.catalogue_backups())))
    if not meta.has_expired():
        return EXIT_OK
    ask = meta.publisher_name or translate("Cli", "the publisher")
    if meta.feedback_email:
        ask = f"{ask} ({meta.feedback_email})"
    print(translate("Cli", "The catalogue expired on {date} and may be out of date. Ask {who} "
                    "for a newer export file.").format(date=meta.expires, who=ask))
    return EXIT_EXPIRED


def _publish(args: argparse.Namespace) -> int:
    """A publisher's command; a refusal of the files it reads is said on stderr (exit 1)."""
    from tfbb_desktop.core.errors import BuildRefused, ImportRefused

    command = {"keygen": _keygen, "build": _build, "workbook": _build, "template": _workbook,
               "from-catalogue": _workbook, "report": _report, "check": _check}
    try:
        return command[args.publish_command](args)
    except (BuildRefused, ImportRefused) as exc:
        return _fail(_text(exc))


def _keygen(args: argparse.Namespace) -> int:
    from tfbb_desktop.core.sync import signing

    key = signing.generate_private_key()
    args.out.mkdir(parents=True, exist_ok=True)
    private = args.out / f"{args.name}.pem"
    public = args.out / f"{args.name}{signing.PUBLIC_KEY_SUFFIX}"
    passphrase = _new_passphrase()
    if passphrase is None:
        return EXIT_NOT_CONFIRMED
    private.write_bytes(signing.private_key_pem(key, passphrase or None))
    private.chmod(0o600)
    if not passphrase:
        print(translate("Cli", "Warning: the private key is not protected by a passphrase "
                        "(set {variable} or run the command in a terminal).").format(
                            variable=PASSPHRASE_VARIABLE), file=sys.stderr)
    public.write_text(signing.public_key_text(key.public_key()) + "\n", encoding="ascii")
    print(translate("Cli", "Private key: {path} (keep it secret, never check it in)").format(
        path=private))
    print(translate("Cli", "Public key: {path} (key id {key})").format(
        path=public, key=signing.key_id(key.public_key())))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    import json  # here, not at the top: the GUI starts through this module

    from tfbb_desktop.core.sync import signing
    from tfbb_desktop.core.sync.container import read_export
    from tfbb_desktop.core.sync.export_format import ENTITY_TYPES
    from tfbb_desktop.core.sync.validate import parse_documents

    try:
        trust = signing.trust_policy(config=signing.load_machine_config())
    except (ValueError, OSError) as exc:
        return _config_error(exc)
    for pub in args.public_key:
        key = signing.parse_public_key(pub.read_text(encoding="ascii"))
        trust.keys[signing.key_id(key)] = key
    verified = read_export(args.file, trust)
    docs = parse_documents(verified.data_bytes, verified.manifest, verified.file_name)
    print(json.dumps({
        "file": verified.file_name,
        "dataset_version": verified.manifest.dataset_version,
        "signed_by": verified.signed_by,
        "counts": {t: len(docs[t]) for t in ENTITY_TYPES},
    }, ensure_ascii=False))
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from tfbb_desktop.core.sync import publish, publish_workbook, workbook_reader

    keys = _signing_keys(args.key or [])
    if keys is None:
        return EXIT_REFUSED
    if args.publish_command == "workbook":
        read = workbook_reader.read(args.workbook)
        if not read.problems:
            print(_change_report(args, read.data), end="")
        built = publish_workbook.build(args.workbook, args.out, keys,
                                       previous=args.previous, expires=args.expires, read=read)
    else:
        built = publish.build(args.source, args.out, keys,
                              dataset_version=args.dataset_version, previous=args.previous)
    before = built.previous
    if before is None:
        after = ""
    elif built.unchanged:
        after = translate("Cli", ", same content as {file}").format(file=before.file_name)
    else:
        after = translate("Cli", ", after version {version} in {file}").format(
            version=before.manifest.dataset_version, file=before.file_name)
    wrote = (translate("Cli", "Wrote {path} (signed): version {version}{after}") if keys
             else translate("Cli", "Wrote {path} (unsigned): version {version}{after}"))
    print(wrote.format(path=built.path, version=built.dataset_version, after=after))
    return EXIT_OK


def _workbook(args: argparse.Namespace) -> int:
    from tfbb_desktop.core.outputs import workbook
    from tfbb_desktop.core.store.catalogue import bundled_export

    if args.publish_command == "template":
        book = workbook.template(translate)
    else:
        book = workbook.from_export(args.export or bundled_export(), translate)
    return _written(args.out, lambda: workbook.save(book, args.out))


def _written(path: Path, write: Callable[[], object]) -> int:
    """Write a file: "Wrote PATH", or the error (exit 1)."""
    try:
        write()
    except OSError as exc:
        return _error(exc, EXIT_REFUSED)
    print(translate("Cli", "Wrote {path}").format(path=path))
    return EXIT_OK


def _change_report(args: argparse.Namespace, data: dict[str, object]) -> str:
    """The text report of the workbook's catalogue against the export it follows, or else
    the installed catalogue (when there is one)."""
    from tfbb_desktop.core.messages import msg
    from tfbb_desktop.core.outputs import change_report
    from tfbb_desktop.core.paths import DataPaths
    from tfbb_desktop.core.sync.publish_workbook import previous_export

    title = msg("report.workbook", file=args.workbook.name)
    previous = previous_export(args.out, args.previous)
    installed = DataPaths(args.data_dir).catalogue
    if previous is not None or not installed.is_file():
        report = change_report.against(data, title, previous=previous)
    else:
        with contextlib.closing(sqlite3.connect(f"{installed.as_uri()}?mode=ro", uri=True)) as conn:
            try:
                report = change_report.against(data, title, conn=conn)
            except sqlite3.Error:
                report = change_report.against(data, title)
    return change_report.text(report, translate)


def _report(args: argparse.Namespace) -> int:
    from tfbb_desktop.core.outputs import change_report
    from tfbb_desktop.core.paths import write_atomically

    try:
        old, old_title = change_report.file_data(args.old)
        new, new_title = change_report.file_data(args.new)
    except OSError as exc:
        return _error(exc, EXIT_REFUSED)
    report = change_report.compare(old, new, old_title=old_title, new_title=new_title)
    print(change_report.text(report, translate), end="")
    if args.html is None:
        return EXIT_OK
    page = change_report.html_report(report, translate).encode()
    return _written(args.html, lambda: write_atomically(args.html, page))


def _signing_keys(paths: list[Path]) -> list[Ed25519PrivateKey] | None:
    """The private keys at ``paths`` (more than one while a key is rotated); None, after
    saying why, for too many keys or a passphrase that cannot be asked for here;
    BuildRefused when a key cannot be opened."""
    from tfbb_desktop.core.sync.signing import MAX_SIGNATURES

    if len(paths) > MAX_SIGNATURES:
        _fail(translate("Cli", "No export was written: at most {count} keys can sign an "
                        "export.").format(count=MAX_SIGNATURES))
        return None
    keys = []
    for path in paths:
        if (key := _signing_key(path)) is None:
            return None
        keys.append(key)
    return keys


def _new_passphrase() -> bytes | None:
    """The new key's passphrase: from the environment, or asked twice in a terminal; b"" when
    neither can be had (the key is then written unprotected, with a warning); None when the
    two answers differ."""
    import getpass

    if given := os.environ.get(PASSPHRASE_VARIABLE):
        return given.encode()
    if not sys.stdin.isatty():
        return b""
    first = getpass.getpass(translate("Cli", "Passphrase for the private key: "))
    if first != getpass.getpass(translate("Cli", "The same passphrase again: ")):
        print(translate("Cli", "The passphrases differ: no key was written."), file=sys.stderr)
        return None
    return first.encode()


def _signing_key(path: Path) -> Ed25519PrivateKey | None:
    """The private key at ``path``; None, after saying why, when no passphrase can be asked
    for. load_key's BuildRefused (a wrong passphrase, not a key) is said by _publish."""
    import getpass

    from tfbb_desktop.core.sync import publish_workbook, signing

    given = os.environ.get(PASSPHRASE_VARIABLE)
    with contextlib.suppress(OSError):  # load_key says why the key cannot be read
        if given is None and signing.is_encrypted(path):
            if not sys.stdin.isatty():
                _fail(translate("Cli", "No export was written: the key {key} is protected by "
                                "a passphrase; give it in {variable} or run the command in "
                                "a terminal.").format(key=path, variable=PASSPHRASE_VARIABLE))
                return None
            given = getpass.getpass(translate("Cli", "Passphrase for {key}: ").format(key=path))
    return publish_workbook.load_key(path, given)
