"""The command line, run as a real subprocess: ``python -m tfbb_desktop --data-dir D ...``.

Exit codes (src/tfbb_desktop/cli.py): 0 done, 1 refused, 2 wrong use, 3 not confirmed,
4 the catalogue or data folder cannot be used, 5 (status) the catalogue has expired.
"""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from dbdump import NEW_PRINCIPAL, dump, version_two
from tfbb_desktop.core.sync import signing

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "catalogue-source" / "sormland.json"
BUNDLED = ROOT / "resources" / "catalogue" / "tfbb-sormland.zip"


@dataclass
class Cli:
    data: Path
    config: Path
    home: Path
    lang: str = "sv"  # TFBB_LANG: the CLI speaks Swedish unless English is asked for

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["TFBB_MACHINE_CONFIG"] = str(self.config)
        env["TFBB_DATA_DIR"] = str(self.home / "never-used")  # --data-dir always wins
        env["HOME"] = str(self.home)
        env["PYTHONIOENCODING"] = "utf-8"
        env["TFBB_LANG"] = self.lang
        return env

    def command(self, *args: str | Path, data_dir: Path | None = None) -> list[str]:
        return [sys.executable, "-m", "tfbb_desktop", "--data-dir",
                str(data_dir or self.data), *map(str, args)]

    def __call__(self, *args: str | Path, data_dir: Path | None = None,
                 stdin: Any = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command(*args, data_dir=data_dir), capture_output=True,
                              text=True, encoding="utf-8", env=self.env(), cwd=ROOT,
                              stdin=stdin, timeout=120)

    def trust(self, public_key: Path | None, **extra: Any) -> None:
        keys = [public_key.read_text(encoding="ascii")] if public_key else []
        self.config.write_text(json.dumps({"trusted_keys": keys, **extra}), encoding="utf-8")

    def catalogue_dump(self) -> dict[str, Any]:
        """Everything but the import history and the keys' high-water marks (both kept
        across an undo) and the search index's random generation token (rebuilt by an
        undo)."""
        conn = sqlite3.connect(self.data / "catalogue.db")
        try:
            return dump(conn, exclude=("import_log", "key_high_water", "search_info"))
        finally:
            conn.close()


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    home = tmp_path / "cli-home"
    home.mkdir()
    return Cli(tmp_path / "cli-data", tmp_path / "cli-machine-config.json", home)


@dataclass(frozen=True)
class Published:
    keys: Path
    v1: Path
    v2: Path


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """Keys and signed exports (version 1, and version 2 with changes) made by the CLI itself."""
    base = tmp_path_factory.mktemp("published")
    run = Cli(base / "unused-data", base / "no-config.json", base)
    keys = base / "keys"
    done = run("publish", "keygen", "--out", keys)
    assert done.returncode == 0, done.stderr
    assert (keys / "publisher.pem").is_file() and (keys / "publisher.pub").is_file()
    assert (keys / "publisher.pem").stat().st_mode & 0o077 == 0

    v1 = base / "tfbb-v1.zip"
    done = run("publish", "build", SOURCE, "--out", v1, "--key", keys / "publisher.pem",
               "--dataset-version", "1")
    assert done.returncode == 0, done.stderr

    source_v2, _facts = version_two(json.loads(SOURCE.read_text(encoding="utf-8")))
    source_file = base / "sormland-v2.json"
    source_file.write_text(json.dumps(source_v2, ensure_ascii=False), encoding="utf-8")
    v2 = base / "tfbb-v2.zip"
    done = run("publish", "build", source_file, "--out", v2, "--key", keys / "publisher.pem",
               "--dataset-version", "2")
    assert done.returncode == 0, done.stderr
    assert "(signerad)" in done.stdout
    return Published(keys, v1, v2)


def test_status_on_an_empty_folder(cli: Cli) -> None:
    done = cli("status")
    assert done.returncode == 0, done.stderr
    assert "Katalogen är tom" in done.stdout
    assert str(cli.data) in done.stdout
    assert (cli.data / "catalogue.db").is_file()
    assert not (cli.home / "never-used").exists()


def test_status_shows_the_expiry_and_fails_once_expired(cli: Cli, published: Published) -> None:
    """``status`` says until when the catalogue is valid; once that day has passed it says the
    catalogue may be out of date, whom to ask, and exits with 5 so that a script notices."""
    cli.trust(published.keys / "publisher.pub")
    assert cli("import", published.v1, "--yes").returncode == 0
    done = cli("status")
    assert done.returncode == 0, done.stderr
    assert "giltig till 2027-12-31" in done.stdout
    assert "gått ut" not in done.stdout

    # The day passes: the installed catalogue's last valid day is now yesterday.
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    conn = sqlite3.connect(cli.data / "catalogue.db")
    with conn:
        conn.execute("UPDATE catalogue_info SET value = ? WHERE key = 'expires'", (yesterday,))
        conn.execute("UPDATE catalogue_info SET value = 'tfbb@example.se' "
                     "WHERE key = 'feedback_email'")
    conn.close()
    done = cli("status")
    assert done.returncode == 5, done.stderr
    assert "Katalogversion: 1" in done.stdout
    assert (f"Katalogen gick ut {yesterday} och kan vara inaktuell. Be Länsgemensamt regionalt "
            "stöd, Tillsammans för barnens bästa i Sörmland (tfbb@example.se) om en nyare "
            "exportfil.") in done.stdout


def test_expiry_is_after_the_last_valid_day() -> None:
    from tfbb_desktop.core.store.queries import CatalogueMeta

    meta = CatalogueMeta(1, "2026-01-01", "2026-06-30", "", "", "", "", "")
    assert not meta.has_expired(date(2026, 6, 30))
    assert meta.has_expired(date(2026, 7, 1))
    assert not CatalogueMeta(1, "", "", "", "", "", "", "").has_expired(date(2026, 7, 1))


def test_publish_check(cli: Cli, published: Published) -> None:
    done = cli("publish", "check", published.v2, "--public-key",
               published.keys / "publisher.pub")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    public = signing.parse_public_key((published.keys / "publisher.pub").read_text("ascii"))
    assert report["dataset_version"] == 2
    assert report["signed_by"] == signing.key_id(public)
    assert report["counts"]["principals"] == 13
    assert report["file"] == published.v2.name


def test_publish_check_without_the_key_fails(cli: Cli, published: Published) -> None:
    done = cli("publish", "check", published.v2)
    assert done.returncode == 1
    assert published.v2.name in done.stderr
    assert "inte litar på" in done.stderr


def test_publish_build_refuses_an_invalid_source(cli: Cli, tmp_path: Path) -> None:
    broken = json.loads(SOURCE.read_text(encoding="utf-8"))
    broken["data"]["contacts"][0]["email"] = "inte-en-adress"
    source_file = tmp_path / "trasig.json"
    source_file.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    done = cli("publish", "build", source_file, "--out", tmp_path / "ut.zip")
    assert done.returncode == 1
    assert "Ingen export skrevs" in done.stderr
    assert 'fält "email": ogiltig e-postadress' in done.stderr
    assert not (tmp_path / "ut.zip").exists()


def test_publish_build_refuses_what_the_import_would_refuse(cli: Cli, tmp_path: Path) -> None:
    """An example naming a principal that does not exist, a work item linking to a missing
    contact: each listed in Swedish, and no file written."""
    broken = json.loads(SOURCE.read_text(encoding="utf-8"))
    example, work = broken["data"]["examples"][0], broken["data"]["work"][0]
    example["principals"] = ["finns-inte"]
    work["contacts"] = ["kp-finns-inte"]
    source_file = tmp_path / "trasig.json"
    source_file.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    done = cli("publish", "build", source_file, "--out", tmp_path / "ut.zip")
    assert done.returncode == 1, done.stdout
    assert done.stderr.splitlines() == [
        "Ingen export skrevs: appen skulle vägra exporten: innehållet är ogiltigt.",
        f'  - exempel "{example["id"]}", fält "principals": hänvisar till "finns-inte", men '
        "posten finns inte",
        f'  - pågående arbete "{work["id"]}", fält "contacts": hänvisar till "kp-finns-inte", '
        "men posten finns inte",
    ]
    assert not list(tmp_path.glob("ut.zip*"))


def test_publish_build_takes_the_next_version(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "ut.zip"
    done = cli("publish", "build", SOURCE, "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Skrev {out} (osignerad): version 1"

    source_v2, _facts = version_two(json.loads(SOURCE.read_text(encoding="utf-8")))
    source_file = tmp_path / "sormland-v2.json"
    source_file.write_text(json.dumps(source_v2, ensure_ascii=False), encoding="utf-8")
    done = cli("publish", "build", source_file, "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Skrev {out} (osignerad): version 2, efter version 1 i ut.zip"

    # told to use version 2 for other content: refused, the file stays as it was
    kept = out.read_bytes()
    done = cli("publish", "build", SOURCE, "--out", out, "--dataset-version", "2")
    assert done.returncode == 1
    assert "version 2 används redan av den förra exporten ut.zip" in done.stderr
    assert out.read_bytes() == kept

    nxt = tmp_path / "nästa.zip"
    done = cli("publish", "build", SOURCE, "--out", nxt, "--previous", out)
    assert done.returncode == 0, done.stderr
    assert "version 3, efter version 2 i ut.zip" in done.stdout
    cli.trust(None, allow_unsigned=True)
    done = cli("publish", "check", nxt)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["dataset_version"] == 3


def test_import_scenario(cli: Cli, published: Published) -> None:
    public = published.keys / "publisher.pub"

    # not trusted yet: refused, naming the file
    done = cli("import", published.v1, "--yes")
    assert done.returncode == 1, done.stdout
    assert published.v1.name in done.stderr
    assert "inte litar på" in done.stderr
    assert "Katalogen är tom" in cli("status").stdout

    cli.trust(public)

    # a dry run shows the counts and imports nothing
    done = cli("import", published.v1, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "version 0 → 1" in done.stdout
    assert "Huvudmän: 12 nya, 0 ändrade, 0 borttagna" in done.stdout
    assert "Kontaktpersoner: 11 nya, 0 ändrade, 0 borttagna" in done.stdout
    assert "Provkörning" in done.stdout
    assert "Katalogen är tom" in cli("status").stdout

    # without --yes and without a terminal: not confirmed, nothing imported
    done = cli("import", published.v1)
    assert done.returncode == 3
    assert "--yes" in done.stderr
    assert "Katalogen är tom" in cli("status").stdout

    done = cli("import", published.v1, "--yes")
    assert done.returncode == 0, done.stderr
    assert "Katalogversion: 1" in cli("status").stdout
    after_v1 = cli.catalogue_dump()

    done = cli("import", published.v2, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "Huvudmän: 1 ny, 0 ändrade, 0 borttagna" in done.stdout
    assert "Kontaktpersoner: 0 nya, 1 ändrad, 0 borttagna" in done.stdout
    assert "Exempel: 0 nya, 0 ändrade, 1 borttagen" in done.stdout
    assert cli.catalogue_dump() == after_v1

    done = cli("import", published.v2, "--yes")
    assert done.returncode == 0, done.stderr
    assert "1 ny, 1 ändrad, 1 borttagen" in done.stdout
    status = cli("status")
    assert status.returncode == 0
    assert "Katalogversion: 2" in status.stdout
    assert "Huvudmän: 13" in status.stdout
    assert "Säkerhetskopior: 1" in status.stdout

    # the same file again: nothing to do, still success
    done = cli("import", published.v2, "--yes")
    assert done.returncode == 0, done.stderr
    assert "redan version 2" in done.stdout

    # an older one is refused
    done = cli("import", published.v1, "--yes")
    assert done.returncode == 1
    assert published.v1.name in done.stderr

    done = cli("undo")
    assert done.returncode == 0, done.stderr
    assert "version 1" in done.stdout
    status = cli("status")
    assert "Katalogversion: 1" in status.stdout
    assert "Huvudmän: 12" in status.stdout
    restored = cli.catalogue_dump()
    assert restored == after_v1
    marks = sqlite3.connect(cli.data / "catalogue.db")
    try:  # the undo keeps the key's mark at the undone version
        assert [v for (v,) in marks.execute("SELECT version FROM key_high_water")] == [2]
    finally:
        marks.close()

    conn = sqlite3.connect(cli.data / "catalogue.db")
    try:
        assert conn.execute("SELECT COUNT(*) FROM principal WHERE id = ?",
                            (NEW_PRINCIPAL["id"],)).fetchone() == (0,)
    finally:
        conn.close()


def test_bundled_export_needs_allow_unsigned(cli: Cli) -> None:
    done = cli("import", BUNDLED, "--yes")
    assert done.returncode == 1
    assert BUNDLED.name in done.stderr
    assert "inte signerad" in done.stderr
    cli.trust(None, allow_unsigned=True)
    done = cli("import", BUNDLED, "--yes")
    assert done.returncode == 0, done.stderr
    assert "Katalogversion: 1" in cli("status").stdout


def test_undo_without_a_backup(cli: Cli) -> None:
    done = cli("undo")
    assert done.returncode == 1
    assert "Den senaste importen kan inte ångras: det finns ingen tidigare katalog" in done.stderr


def test_import_of_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    done = cli("import", tmp_path / "saknas.zip", "--yes")
    assert done.returncode == 1
    assert "saknas.zip" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("lang", "words"), [
    ("sv", "Filen anteckningar.zip kan inte importeras: filen är skadad eller ofullständig "
           "(inget giltigt ZIP-arkiv)."),
    ("en", "The file anteckningar.zip cannot be imported: the file is damaged or incomplete "
           "(not a valid ZIP archive)."),
])
def test_a_refusal_reads_in_the_users_language(cli: Cli, tmp_path: Path, lang: str,
                                               words: str) -> None:
    bad = tmp_path / "anteckningar.zip"
    bad.write_text("Det här är ingen export.", encoding="utf-8")
    cli.lang = lang
    done = cli("import", bad, "--yes")
    assert done.returncode == 1
    assert done.stderr.strip() == words


def test_the_same_version_with_other_content_is_refused(cli: Cli, published: Published,
                                                         tmp_path: Path) -> None:
    """v2 imported; a v2 built again from other content (the v1 source) is refused, in
    Swedish, and the catalogue stays as it was."""
    cli.trust(published.keys / "publisher.pub")
    assert cli("import", published.v2, "--yes").returncode == 0
    other = tmp_path / "tfbb-v2-annan.zip"
    done = cli("publish", "build", SOURCE, "--out", other, "--key",
               published.keys / "publisher.pem", "--dataset-version", "2")
    assert done.returncode == 0, done.stderr
    before = cli.catalogue_dump()
    done = cli("import", other, "--yes")
    assert done.returncode == 1
    assert done.stderr.startswith(
        "Filen tfbb-v2-annan.zip kan inte importeras: exporten har samma version som den "
        "installerade katalogen (2) men annat innehåll."), done.stderr
    assert "Be utgivaren" in done.stderr
    assert cli.catalogue_dump() == before


@pytest.mark.parametrize("args", [["import"], ["okänt-kommando"], ["import", "x.zip", "--ja"],
                                  ["publish"]])
def test_wrong_use_exits_2(cli: Cli, args: list[str]) -> None:
    done = cli(*args)
    assert done.returncode == 2, (done.stdout, done.stderr)


# argparse's own English words, none of which may reach the user.
ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "show program's",
           "the following arguments", "invalid choice", "unrecognized arguments", "error:",
           "invalid int value", "expected one argument")


@pytest.mark.parametrize("args", [["--help"], ["import", "--help"],
                                  ["publish", "build", "--help"]])
def test_help_is_swedish(cli: Cli, args: list[str]) -> None:
    done = cli(*args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("användning: tfbb-desktop")
    assert "\nflaggor:\n" in done.stdout
    assert " visa den här hjälpen och avsluta\n" in done.stdout
    assert not [word for word in ENGLISH if word in done.stdout], done.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["import"], "tfbb-desktop import: fel: följande argument saknas: FIL"),
    (["status", "--ja"], "tfbb-desktop: fel: okända argument: --ja"),
    (["okänt-kommando"], "tfbb-desktop: fel: argument KOMMANDO: ogiltigt val: 'okänt-kommando' "
                         "(välj bland 'import', 'status', 'undo', 'publish')"),
    (["publish"], "tfbb-desktop publish: fel: följande argument saknas: KOMMANDO"),
    (["publish", "build", "k.json", "--out", "u.zip", "--dataset-version", "noll"],
     "tfbb-desktop publish build: fel: argument --dataset-version: ogiltigt värde: 'noll'"),
    (["publish", "check", "u.zip", "--public-key"],
     "tfbb-desktop publish check: fel: argument --public-key: ett värde saknas"),
], ids=["missing_argument", "bad_option", "bad_command", "missing_command", "bad_value",
        "missing_value"])
def test_wrong_use_is_told_in_swedish(cli: Cli, args: list[str], message: str) -> None:
    done = cli(*args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.startswith("användning: tfbb-desktop")
    assert done.stderr.splitlines()[-1] == message
    assert not [word for word in ENGLISH if word in done.stderr], done.stderr


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_status_into_a_pipe_closed_early(cli: Cli, tmp_path: Path, buffered: bool) -> None:
    """``status | head -1`` through a shell: once head has gone, the writes hit a closed pipe
    (in the second pipeline head has its line before the command has started). The command
    ends quietly, with exit code 1 (docs/cli.md)."""
    status = shlex.join(cli.command("status"))
    code = tmp_path / "exit-code"
    script = (f"{status} | head -1\n"
              f"{{ echo först; {status}; echo $? > {shlex.quote(str(code))}; }} | head -1\n")
    env = cli.env()
    env.pop("PYTHONUNBUFFERED", None)
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    done = subprocess.run(["sh", "-c", script], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=120)
    assert done.stdout == f"Datamapp: {cli.data}\nförst\n"
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.stderr == ""
    assert code.read_text(encoding="ascii").strip() == "1"


def test_newer_catalogue_exits_4(cli: Cli) -> None:
    cli.data.mkdir()
    conn = sqlite3.connect(cli.data / "catalogue.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    done = cli("status")
    assert done.returncode == 4
    assert "Uppdatera appen" in done.stderr


def test_unusable_data_folder_exits_4(cli: Cli, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "en-fil"
    not_a_folder.write_text("x", encoding="utf-8")
    done = cli("status", data_dir=not_a_folder)
    assert done.returncode == 4
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("config_text",
                         ['{"trusted_keys": [', '{"trusted_keys": ["inte-en-nyckel"]}'],
                         ids=["not_json", "bad_key"])
def test_broken_machine_config_gives_a_message_not_a_traceback(cli: Cli,
                                                               config_text: str) -> None:
    """In Swedish: the file that is wrong and, for broken JSON, the line."""
    cli.config.write_text(config_text, encoding="utf-8")
    done = cli("import", BUNDLED, "--yes")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr[-400:]
    assert str(cli.config) in done.stderr
    if config_text.endswith("["):
        assert f"{cli.config} är inte giltig JSON (" in done.stderr, done.stderr
        assert ", rad 1)" in done.stderr
