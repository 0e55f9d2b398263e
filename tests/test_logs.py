"""The log file and crash reports never carry record content, passphrases or keys (issue 6, deliverable 4)."""

from __future__ import annotations

import logging
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from burner_desk import logs
from burner_desk.domain.errors import NotFound, VaultError
from burner_desk.services import access, bedside
from burner_desk.storage.models import Person
from burner_desk.ui.errors import GENERIC_MESSAGE, message_for
from burner_desk.ui.tasks import BackgroundTasks, InlineTasks
from tests.services import conftest as stocked
from tests.services.conftest import NOW, resident

program = stocked.program  # the stocked vault fixture: burner phones, bags, handouts, directory

CANARY = "CANARYq7"  # every text field of the case carries it, with a word saying which field
CANARY_PHONE = "(703) 555-0187"
CANARY_PASSPHRASE = "CANARYq7 passphrase 9 Zz"


def canary_case() -> bedside.EncounterInput:
    data = resident()
    return replace(
        data,
        person=replace(
            data.person,
            given_name=f"{CANARY}given",
            family_name=f"{CANARY}family",
            phone=CANARY_PHONE,
            address=f"{CANARY}home",
        ),
        incident=replace(
            data.incident,
            address=f"{CANARY}incident",
            suspected_substance=f"{CANARY}substance",
            responding_agency=f"{CANARY}agency",
        ),
        consent=replace(data.consent, purpose=f"{CANARY}purpose", form_number=f"{CANARY}form"),
        hospital=f"{CANARY}hospital",
        personal_phone=replace(
            data.personal_phone,  # type: ignore[type-var]
            property_receipt_no=f"{CANARY}receipt",
            condition=f"{CANARY}condition",
            storage_location=f"{CANARY}storage",
        ),
        family_contacts=(replace(data.family_contacts[0], name=f"{CANARY}family contact"),),
    )


def secrets_of(session: access.SignedIn) -> list[str]:
    """Everything that must never reach a log line."""
    phone_digits = "".join(ch for ch in CANARY_PHONE if ch.isdigit())
    return [CANARY, phone_digits, CANARY_PHONE, CANARY_PASSPHRASE, bytes(session.vault._key).hex()]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = logs.configure(tmp_path / "logs", level=logging.DEBUG)
    assert path is not None
    yield path
    logs.close()


def test_no_log_line_carries_case_content_passphrase_or_key(
    program: stocked.Program, log_file: Path, qtbot: QtBot, vault_dir: Path
) -> None:
    session = program.signed_in
    # SQLAlchemy's echo writes every statement with its parameters: the worst neighbour a log can have.
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    try:
        saved = bedside.record_encounter(program.uow, program.actor, canary_case(), NOW)
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)

    def duplicate_person() -> None:
        """A failing DB operation whose driver message quotes the row's values."""
        with program.uow.begin(program.actor) as tx:
            tx.add(Person(id=saved.person_id, given_name=f"{CANARY}dup", family_name="x", jurisdiction="y"))

    with pytest.raises(Exception) as failed:
        duplicate_person()
    # First layer: the engine hides statement parameters, so the driver error no longer quotes the row.
    # (The formatter is the second layer; the tests below feed it messages that do carry a canary.)
    assert CANARY not in str(failed.value)
    assert "SQL parameters hidden" in str(failed.value)

    # The UI paths that log: an unhandled task failure, message_for, the background runner's error route.
    InlineTasks().run_db(duplicate_person)
    assert message_for(failed.value) == GENERIC_MESSAGE
    runner = BackgroundTasks()
    shown: list[str] = []
    runner.run_db(duplicate_person, on_error=lambda exc: shown.append(message_for(exc)))
    qtbot.waitUntil(lambda: bool(shown))
    runner.shutdown()
    # A wrong passphrase at the unlock path, and our own loggers given case text as arguments.
    with pytest.raises(VaultError):
        access.sign_in(vault_dir, session.actor.user_name, CANARY_PASSPHRASE)
    own = logging.getLogger("burner_desk.test")
    own.warning("saving %s for %s failed", f"{CANARY}name", saved.person_id)
    own.error("lookup failed: %s", NotFound("encounter", saved.encounter_id))
    logging.getLogger("thirdparty").warning("row %s", f"{CANARY}third")

    text = log_file.read_text(encoding="utf-8")
    for secret in secrets_of(session):
        assert secret not in text, secret
    # ... and the log still says what happened, with ids and frames.
    assert "sqlalchemy.engine" in text
    assert text.count("database task failed and nobody handled it") == 1
    assert text.count("unexpected error") == 2
    assert "sqlalchemy.exc.IntegrityError" in text
    assert "test_logs.py" in text and "in duplicate_person" in text
    assert f"saving {logs.WITHHELD} for {saved.person_id} failed" in text
    assert f"lookup failed: no encounter found for {saved.encounter_id}" in text


def test_our_error_messages_are_kept_and_other_exception_messages_are_not() -> None:
    try:
        try:
            raise ValueError(f"{CANARY} in a driver message")
        except ValueError as inner:
            raise VaultError("The vault is damaged: restore it from a backup.") from inner
    except VaultError as exc:
        report = logs.safe_traceback(exc)
    assert CANARY not in report
    assert "builtins.ValueError\n" in report
    assert "burner_desk.domain.errors.VaultError: The vault is damaged: restore it from a backup." in report
    assert report.index("ValueError") < report.index("VaultError")  # the cause first, as Python prints
    assert "test_logs.py:" in report and "in test_our_error_messages" in report


def test_message_arguments_keep_ids_and_numbers_only() -> None:
    record = logging.LogRecord(
        "burner_desk.x",
        logging.INFO,
        __file__,
        1,
        "%s %d %.1f %s born %s",
        (f"{CANARY}", 3, 2.5, uuid.UUID(int=7), date(1990, 5, 17)),
        None,
    )
    assert logs.safe_message(record) == f"{logs.WITHHELD} 3 2.5 {uuid.UUID(int=7)} born {logs.WITHHELD}"


def test_crash_report_has_frames_and_version_but_no_message(tmp_path: Path) -> None:
    try:
        {}[f"{CANARY}key"]
    except KeyError as exc:
        path = logs.write_crash_report(tmp_path / "logs", exc)
    text = path.read_text(encoding="utf-8")
    assert CANARY not in text
    assert "builtins.KeyError" in text and "in test_crash_report_has_frames" in text
    assert "version: 0.1.0" in text
    assert path.stat().st_mode & 0o077 == 0  # readable by the signed-in user only


def test_an_unwritable_log_folder_does_not_stop_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("", encoding="utf-8")
    try:
        assert logs.configure(blocker / "logs") is None
        logging.getLogger("burner_desk.test").warning("still heard")
    finally:
        logs.close()
    err = capsys.readouterr().err
    assert "logging to stderr only" in err and "still heard" in err


def test_the_log_file_is_made_by_its_first_record_and_rotates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "LOG_BYTES", 2_000)
    path = logs.configure(tmp_path / "logs")
    assert path is not None
    try:
        assert not path.exists()  # nothing written, nothing made: the start to the unlock window skips it
        own = logging.getLogger("burner_desk.test")
        for line in range(200):
            own.warning("line %d of a long session", line)
    finally:
        logs.close()
    kept = sorted(path.parent.glob(f"{logs.LOG_FILE}*"))
    assert len(kept) == logs.LOG_BACKUPS + 1  # the file and its backups, never more
    assert "line 199 of a long session" in path.read_text(encoding="utf-8")
    assert "line 0 of a long session" not in "".join(file.read_text(encoding="utf-8") for file in kept)


def test_only_the_newest_crash_reports_are_kept(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    start = datetime(2026, 1, 1, tzinfo=UTC)
    written = [
        logs.write_crash_report(log_dir, KeyError("x"), now=start + timedelta(minutes=n))
        for n in range(logs.KEEP_CRASH_REPORTS + 5)
    ]
    kept = sorted(log_dir.glob(f"{logs.CRASH_PREFIX}*.txt"))
    assert kept == written[-logs.KEEP_CRASH_REPORTS :]


NATIVE_CRASH = """
import faulthandler, sys
from pathlib import Path
from burner_desk import logs
logs.NativeCrashReports(Path(sys.argv[1])).enable()
faulthandler._sigsegv()
"""


def test_a_native_crash_leaves_a_report_found_at_the_next_start(tmp_path: Path) -> None:
    crashed = subprocess.run([sys.executable, "-c", NATIVE_CRASH, str(tmp_path)], capture_output=True)
    assert crashed.returncode != 0  # killed by the signal, as a native crash kills the app

    reports = logs.NativeCrashReports(tmp_path)
    report = reports.enable()
    reports.disable()

    assert report is not None and report.name.startswith(logs.CRASH_PREFIX)
    text = report.read_text(encoding="utf-8")
    assert "Fatal Python error" in text and "<module>" in text
    assert not (tmp_path / logs.NATIVE_CRASH_FILE).exists()  # a clean exit leaves no empty file


def test_a_clean_run_leaves_no_native_crash_report(tmp_path: Path) -> None:
    first = logs.NativeCrashReports(tmp_path)
    assert first.enable() is None
    first.disable()
    second = logs.NativeCrashReports(tmp_path)
    assert second.enable() is None
    second.disable()
    assert list(tmp_path.glob(f"{logs.CRASH_PREFIX}*")) == []
