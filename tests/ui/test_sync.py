"""The Sync view against a real central (uvicorn on loopback, SQLite) and real vaults, on the real runner:
Sync now with its progress, conflicts settled, an unreachable server, enrollment and revocation."""

from __future__ import annotations

import secrets
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from burner_desk.central import devices, models
from burner_desk.domain.custody import CustodyAction
from burner_desk.services import access, bedside, custody
from burner_desk.services import sync as sync_service
from burner_desk.storage import keystore
from burner_desk.sync import state as sync_state
from burner_desk.ui.cases.cases_view import CasesView
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.sync.conflicts import ConflictCard
from burner_desk.ui.sync.view import BACKGROUND_SYNC_MS, SyncView, progress_text
from burner_desk.ui.tasks import BackgroundTasks, InlineTasks
from burner_desk.ui.today.today_view import TodayView
from burner_desk.ui.unlock.setup_dialog import SetupDialog
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE, TEST_KDF
from tests.services.conftest import NOW, resident, stock
from tests.sync.conftest import Laptop, LiveCentral, add_social_worker, new_laptop
from tests.sync.test_audit_trail import chained_again, cut_after
from tests.ui.helpers import controls_without_accessible_name, pop_ups

RECEIPT = resident().personal_phone.property_receipt_no  # type: ignore[union-attr]


@pytest.fixture
def central(tmp_path: Path) -> Iterator[LiveCentral]:
    server = LiveCentral(f"sqlite:///{tmp_path / 'central.db'}").start()
    yield server
    server.stop()


@pytest.fixture
def tasks() -> Iterator[BackgroundTasks]:
    runner = BackgroundTasks()
    yield runner
    runner.shutdown()


@pytest.fixture
def enrolled(signed_in: access.SignedIn, central: LiveCentral) -> access.SignedIn:
    """This laptop, stocked and enrolled with central, nothing synced yet."""
    stock(signed_in)
    sync_service.enroll(signed_in, central.url, central.code("bedside-laptop"))
    return signed_in


def sync_view(qtbot: QtBot, signed_in: access.SignedIn, tasks: Any, settings: QSettings) -> SyncView:
    view = SyncView(ViewContext(signed_in, tasks, ChangeBus(), settings))
    qtbot.addWidget(view)
    view.resize(1100, 640)
    view.show()
    qtbot.waitUntil(lambda: view.status is not None)
    return view


def click_sync_now(qtbot: QtBot, view: SyncView) -> None:
    """Click, then wait for the sync and the status reloaded after it (announced with what the sync
    wrote; a sync refused before it wrote anything leaves the status as it was)."""
    assert view.sync_button.isEnabled()
    reloads: list[object] = []
    real_show_status = view.show_status

    def show_status(*loaded: Any) -> None:
        real_show_status(*loaded)
        reloads.append(loaded)

    view.show_status = show_status  # type: ignore[method-assign]
    view.sync_button.click()
    qtbot.waitUntil(
        lambda: not view.syncing and (bool(reloads) or view.message.kind == "error"), timeout=30_000
    )
    del view.show_status  # back to the class's own


def central_entity_ids(central: LiveCentral, entity: str) -> set[uuid.UUID]:
    with central.db() as session:
        return set(session.scalars(select(models.Record.id).where(models.Record.entity == entity)))


def central_field(central: LiveCentral, entity: str, record_id: uuid.UUID, field: str) -> Any:
    with central.db() as session:
        record = session.get(models.Record, (entity, record_id))
        assert record is not None
        return record.fields[field]


def outbox_count(signed_in: access.SignedIn) -> int:
    return sync_service.status(signed_in.uow).waiting


def test_sync_now_moves_a_recorded_encounter_to_central_with_a_moving_progress_bar(
    qtbot: QtBot,
    enrolled: access.SignedIn,
    central: LiveCentral,
    tasks: BackgroundTasks,
    ui_settings: QSettings,
) -> None:
    encounter = bedside.record_encounter(enrolled.uow, enrolled.actor, resident(), NOW)
    view = sync_view(qtbot, enrolled, tasks, ui_settings)
    waiting = int(view.values["waiting"].text())
    assert waiting > 0 and view.values["last_sync"].text() == "never"
    db_threads: set[str] = set()
    real_db_call = tasks.db_call

    def watched_db_call(fn: Any) -> Any:
        return real_db_call(lambda: (db_threads.add(threading.current_thread().name), fn())[1])

    tasks.db_call = watched_db_call  # type: ignore[method-assign]
    bar: list[tuple[int, int]] = []
    view.progress.valueChanged.connect(lambda value: bar.append((value, view.progress.maximum())))

    click_sync_now(qtbot, view)

    assert encounter.encounter_id in central_entity_ids(central, "encounter")
    assert view.message.kind == "info"
    assert view.message.text().startswith(f"Sync done: sent {waiting} change(s)")
    assert view.values["waiting"].text() == "0" and view.values["last_sync"].text() != "never"
    assert db_threads and all(name.startswith("burner-desk-db") for name in db_threads)
    assert (waiting, waiting) in bar, "the push bar reached its end"
    assert len({value for value, _maximum in bar}) > 1, "the bar moved"
    assert view.progress.isHidden() and view.sync_button.isEnabled()
    assert pop_ups() == []


def test_each_phase_of_a_sync_has_its_words() -> None:
    for phase in ("push", "audit", "snapshot", "pull"):
        text = progress_text(sync_service.SyncProgress(phase, 3, 10))  # type: ignore[arg-type]
        assert text.endswith(": 3 of 10") and not text.startswith(phase)
    assert progress_text(sync_service.SyncProgress("audit", 0, 5)) == "Sending the audit trail: 0 of 5"


def test_f5_syncs_from_the_keyboard(
    qtbot: QtBot, enrolled: access.SignedIn, central: LiveCentral, ui_settings: QSettings
) -> None:
    view = sync_view(qtbot, enrolled, InlineTasks(), ui_settings)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # window shortcuts need it active
    assert view.sync_button.text() == "Sync now  (F5)"

    qtbot.keyClick(view, Qt.Key.Key_F5)

    qtbot.waitUntil(lambda: view.message.text().startswith("Sync done"))
    assert sync_service.status(enrolled.uow).last_sync_at is not None


def test_a_conflict_shows_up_and_keeping_this_laptops_value_is_sent_next_time(
    qtbot: QtBot,
    enrolled: access.SignedIn,
    central: LiveCentral,
    tasks: BackgroundTasks,
    ui_settings: QSettings,
    tmp_path: Path,
) -> None:
    encounter = bedside.record_encounter(enrolled.uow, enrolled.actor, resident(), NOW)
    sync_service.sync_now(enrolled)
    other = new_laptop(tmp_path / "other-desk", "other-desk")
    try:
        sync_service.enroll(other.signed_in, central.url, central.code("other-desk"))
        other.sync()
        custody.move_personal_phone(
            other.signed_in.uow, other.signed_in.actor, RECEIPT, CustodyAction.MOVED, "Locker 2", NOW
        )
        other.sync()
    finally:
        other.signed_in.vault.close()
    custody.move_personal_phone(
        enrolled.uow, enrolled.actor, RECEIPT, CustodyAction.MOVED, "Locker 1", NOW + timedelta(minutes=5)
    )
    view = sync_view(qtbot, enrolled, tasks, ui_settings)

    click_sync_now(qtbot, view)

    assert "1 conflict(s) to settle" in view.message.text()
    (card,) = view.conflicts.cards
    conflict = card.conflict
    assert (conflict.entity, conflict.field) == ("phone_swap", "storage_location")
    assert conflict.about == "Avery Quinlan (sample)"  # whose case: a person can tell which one it is
    texts = [label.text() for label in card.findChildren(QLabel)]
    assert any(text.startswith("Avery Quinlan (sample) — ") for text in texts)
    assert "Locker 1" in texts and "Locker 2" in texts
    assert any(SETUP.display_name in text for text in texts)
    assert view.values["conflicts"].text() == "1"
    assert controls_without_accessible_name(view) == []
    today = TodayView(ViewContext(enrolled, InlineTasks(), ChangeBus(), ui_settings))
    qtbot.addWidget(today)
    assert "Sync conflicts to settle: 1" in today.sync_status.text()
    swap_id = conflict.entity_id
    assert central_field(central, "phone_swap", swap_id, "storage_location") == "Locker 2"

    card.buttons["local"].click()
    qtbot.waitUntil(lambda: view.values["conflicts"].text() == "0")
    assert view.conflicts.cards == [] and view.conflicts.empty.isVisibleTo(view)
    assert int(view.values["waiting"].text()) == 1  # the kept value, waiting for the next sync
    with enrolled.uow.begin() as tx:
        assert ("sync.conflict.keep_local", "phone_swap", "ok") in tx.audit_trail()

    click_sync_now(qtbot, view)

    assert central_field(central, "phone_swap", swap_id, "storage_location") == "Locker 1"
    assert view.conflicts.cards == []
    assert encounter.encounter_id in central_entity_ids(central, "encounter")


def test_an_unreachable_server_gets_a_calm_message_and_loses_nothing(
    qtbot: QtBot,
    enrolled: access.SignedIn,
    central: LiveCentral,
    tasks: BackgroundTasks,
    ui_settings: QSettings,
) -> None:
    bedside.record_encounter(enrolled.uow, enrolled.actor, resident(), NOW)
    waiting = outbox_count(enrolled)
    central.stop()
    view = sync_view(qtbot, enrolled, tasks, ui_settings)

    click_sync_now(qtbot, view)

    assert view.message.kind == "error"
    assert "central" in view.message.text().lower() and "Traceback" not in view.message.text()
    assert view.last_error.isHidden(), "the same reason is not shown twice"
    assert outbox_count(enrolled) == waiting and view.values["waiting"].text() == str(waiting)
    assert view.values["last_sync"].text() == "never"
    assert pop_ups() == []
    today = TodayView(ViewContext(enrolled, InlineTasks(), ChangeBus(), ui_settings))
    qtbot.addWidget(today)
    assert f"The last sync did not finish: {view.message.text()}" in today.sync_status.text()


def test_background_sync_runs_quietly_and_never_beside_another(
    qtbot: QtBot,
    enrolled: access.SignedIn,
    central: LiveCentral,
    tasks: BackgroundTasks,
    ui_settings: QSettings,
) -> None:
    view = sync_view(qtbot, enrolled, tasks, ui_settings)
    assert view.background.isActive() and view.background.interval() == BACKGROUND_SYNC_MS
    started: list[object] = []
    real_run_network = tasks.run_network

    def counted(*args: Any, **kwargs: Any) -> None:
        started.append(args)
        real_run_network(*args, **kwargs)

    tasks.run_network = counted  # type: ignore[method-assign]

    view.background.timeout.emit()
    view.background.timeout.emit()  # the next tick while the first is still running
    view.sync_button.click()
    qtbot.waitUntil(lambda: not view.syncing and view.values["last_sync"].text() != "never", timeout=30_000)

    assert len(started) == 1
    assert view.message.isHidden() and view.progress.isHidden()
    assert sync_service.status(enrolled.uow).last_sync_at is not None


def test_a_supervisor_enrolls_the_laptop_from_the_view(
    qtbot: QtBot,
    signed_in: access.SignedIn,
    central: LiveCentral,
    tasks: BackgroundTasks,
    ui_settings: QSettings,
    tmp_path: Path,
) -> None:
    view = sync_view(qtbot, signed_in, tasks, ui_settings)
    box = view.enroll_box
    assert box.isVisible() and not view.sync_button.isEnabled()
    assert view.focusProxy() is box.server.edit
    assert view.values["enrolled"].text().startswith("Not yet")
    assert controls_without_accessible_name(view) == []
    not_a_ca = tmp_path / "notes.txt"
    not_a_ca.write_text("not a certificate")
    box.choose_ca_file = lambda: not_a_ca
    box.ca_button.click()
    qtbot.keyClicks(box.server.edit, central.url)
    qtbot.keyClicks(box.code.edit, central.code("bedside-laptop"))

    box.enroll_button.click()
    qtbot.waitUntil(lambda: box.message.isVisible())
    assert "not a CA certificate file" in box.message.text()
    assert not sync_service.status(signed_in.uow).enrolled

    box.choose_ca_file = lambda: None  # cancelled: keeps the earlier pick
    box.ca_button.click()
    box.ca_file = None
    box.ca_path.clear()
    box.enroll_button.click()
    qtbot.waitUntil(lambda: view.values["enrolled"].text() == "Yes", timeout=20_000)

    assert box.isHidden() and view.sync_button.isEnabled()
    assert view.focusProxy() is view.sync_button
    assert view.values["server"].text() == central.url
    assert view.message.text().startswith(f"Enrolled with central at {central.url}.")


def test_a_laptop_central_no_longer_knows_is_enrolled_again_and_keeps_what_waits(
    qtbot: QtBot,
    enrolled: access.SignedIn,
    central: LiveCentral,
    tasks: BackgroundTasks,
    ui_settings: QSettings,
) -> None:
    bedside.record_encounter(enrolled.uow, enrolled.actor, resident(), NOW)
    waiting = outbox_count(enrolled)
    # Central lost this laptop's enrollment (its database restored from before it): the token is unknown.
    keystore.store_device_token(enrolled.vault.vault_id, secrets.token_urlsafe(32))
    view = sync_view(qtbot, enrolled, tasks, ui_settings)
    box = view.enroll_box
    assert box.isHidden() and view.reenroll_button.isVisible()

    click_sync_now(qtbot, view)
    assert "Central does not know this laptop" in view.message.text()
    assert "enroll it again" in view.message.text() and outbox_count(enrolled) == waiting

    view.reenroll_button.click()
    assert box.isVisible() and box.server.edit.text() == central.url
    assert view.reenroll_button.text() == "Keep this enrollment"
    assert controls_without_accessible_name(view) == []
    qtbot.keyClicks(box.code.edit, central.code("bedside-laptop"))
    box.enroll_button.click()
    qtbot.waitUntil(lambda: view.message.text().startswith("Enrolled with central"), timeout=20_000)
    qtbot.waitUntil(lambda: box.isHidden())
    assert view.reenroll_button.text() == "Enroll again…"

    # Its users are known to central from its old enrollment: a supervisor there approves them first
    click_sync_now(qtbot, view)
    assert view.message.kind == "info" and outbox_count(enrolled) == waiting
    assert "until a supervisor at central approves this laptop's users" in view.message.text()
    for claim in devices.pending_claims(central.db):
        devices.approve_user(central.db, uuid.UUID(claim["device_id"]), uuid.UUID(claim["user_id"]))
    click_sync_now(qtbot, view)
    assert view.message.kind == "info" and outbox_count(enrolled) == 0
    assert central_entity_ids(central, "encounter"), "what waited went up after the approval"


def test_a_detective_or_social_worker_sees_who_enrolls_the_laptop_and_no_form(
    qtbot: QtBot, signed_in: access.SignedIn, tasks: BackgroundTasks, ui_settings: QSettings, vault_dir: Path
) -> None:
    worker = add_social_worker(Laptop(signed_in))
    as_worker = access.sign_in(vault_dir, worker.user_name, "Cedar-Orchard-0102")
    try:
        view = sync_view(qtbot, as_worker, tasks, ui_settings)
        assert view.enroll_box.isHidden() and not view.sync_button.isEnabled()
        assert view.values["enrolled"].text() == "Not yet: a supervisor enrolls this laptop in this view."
    finally:
        as_worker.vault.close()


def test_a_wrong_code_is_refused_in_place(
    qtbot: QtBot,
    signed_in: access.SignedIn,
    central: LiveCentral,
    tasks: BackgroundTasks,
    ui_settings: QSettings,
) -> None:
    view = sync_view(qtbot, signed_in, tasks, ui_settings)
    box = view.enroll_box
    box.submit()
    assert box.server.error.text() == "Required." and box.code.error.text() == "Required."
    box.server.edit.setText(central.url)
    box.code.edit.setText("AAAAA-BBBBB-CCCCC-DDDDD")
    box.submit()
    qtbot.waitUntil(lambda: box.message.isVisible(), timeout=20_000)
    assert box.message.text() == "Central refused the code: it is unknown, used or expired."
    assert box.enroll_button.isEnabled() and pop_ups() == []


def test_a_refused_change_can_only_be_dismissed() -> None:
    chosen: list[str] = []
    refusal = sync_service.ConflictView(
        id=uuid.uuid4(),
        entity="person",
        entity_id=uuid.uuid4(),
        about="Avery Quinlan (sample)",
        field="",
        local_value={"phone": "(703) 555-0199"},
        server_value=None,
        local_by="Det. Sam Rivera (sample)",
        server_by="central",
        local_at=NOW,
        server_at=None,
        reason="this device may not write as that user",
    )
    card = ConflictCard(refusal, lambda _conflict, keep: chosen.append(keep))
    buttons = card.findChildren(QPushButton)
    assert [button.text() for button in buttons] == ["Dismiss"]
    texts = [label.text() for label in card.findChildren(QLabel)]
    assert "this device may not write as that user" in texts
    assert any("(703) 555-0199" in text for text in texts)
    buttons[0].click()
    assert chosen == ["server"]


def test_revocation_erases_the_vault_and_returns_to_set_up(
    qtbot: QtBot, make_shell: Any, vault_dir: Path, central: LiveCentral
) -> None:
    first = access.first_run_setup(vault_dir, SETUP, kdf=TEST_KDF)
    enrollment = sync_service.enroll(first, central.url, central.code("lost-laptop"))
    access.lock(first, "manual")
    shell = make_shell(BackgroundTasks())
    shell.show_main(access.sign_in(vault_dir, SETUP.user_name, SUPERVISOR_PASSPHRASE))
    qtbot.waitUntil(lambda: isinstance(shell.window, MainWindow))  # after the user's language is read
    window = shell.window
    assert isinstance(window, MainWindow)
    view = window.view("sync")
    assert isinstance(view, SyncView)
    qtbot.waitUntil(lambda: view.sync_button.isEnabled())
    assert devices.revoke(central.db, enrollment.central_device_id)

    view.sync_button.click()
    qtbot.waitUntil(lambda: isinstance(shell.window, SetupDialog), timeout=30_000)

    setup = shell.window
    assert isinstance(setup, SetupDialog)
    assert "revoked this laptop" in setup.message.text() and "erased" in setup.message.text()
    assert setup.message.kind == "info"
    assert shell.signed_in is None
    assert not (vault_dir / "keyslots.json").exists()
    assert access.needs_setup(vault_dir)
    with central.db() as session:
        device = session.get(models.Device, enrollment.central_device_id)
        assert device is not None and device.revoked_at is not None
        assert session.scalar(select(func.count()).select_from(models.Device)) == 1
    assert pop_ups() == []


def test_a_supervisor_is_told_central_found_a_break_in_the_audit_trail_and_others_are_not(
    qtbot: QtBot,
    enrolled: access.SignedIn,
    tasks: BackgroundTasks,
    ui_settings: QSettings,
    vault_dir: Path,
    tmp_path: Path,
) -> None:
    view = sync_view(qtbot, enrolled, tasks, ui_settings)
    click_sync_now(qtbot, view)
    assert view.audit_warning.isHidden()
    laptop = Laptop(enrolled)
    with enrolled.uow.begin() as tx:
        sent = int(tx.sync.state(sync_state.AUDIT_ACKNOWLEDGED))
    chained_again(laptop, cut_after(sent - 2))  # so that `verify` still passes

    click_sync_now(qtbot, view)

    assert view.message.text().endswith("central found a break in this laptop's audit trail.")
    assert view.audit_warning.kind == "error" and not view.audit_warning.isHidden()
    assert view.audit_warning.text().startswith(
        f"Central found a break in this laptop's audit trail: events from {sent - 1} on are no longer "
        "on this laptop. Found "
    )
    view.window().resize(1366, 768)
    view.window().grab().save(str(tmp_path / "sync-audit-break.png"))
    worker = add_social_worker(laptop)
    as_worker = access.sign_in(vault_dir, worker.user_name, "Cedar-Orchard-0102")
    try:
        other = sync_view(qtbot, as_worker, tasks, ui_settings)
        assert other.status is not None and other.status.audit_break is not None
        assert other.audit_warning.isHidden()
    finally:
        as_worker.vault.close()


def test_a_pull_that_brings_an_encounter_refreshes_the_cases_search(
    qtbot: QtBot,
    enrolled: access.SignedIn,
    central: LiveCentral,
    tasks: BackgroundTasks,
    ui_settings: QSettings,
    tmp_path: Path,
) -> None:
    sync_service.sync_now(enrolled)  # the stock, so that the other desk can issue from it
    other = new_laptop(tmp_path / "other-desk", "other-desk")
    try:
        sync_service.enroll(other.signed_in, central.url, central.code("other-desk"))
        other.sync()
        bedside.record_encounter(other.signed_in.uow, other.signed_in.actor, resident(), NOW)
        other.sync()
    finally:
        other.signed_in.vault.close()
    context = ViewContext(enrolled, tasks, ChangeBus(), ui_settings)
    cases_view = CasesView(context)
    qtbot.addWidget(cases_view)
    cases_view.search.setText("Quinlan")
    cases_view.run_search()
    qtbot.waitUntil(lambda: cases_view.search_status.text() == "No case matches.")
    view = SyncView(context)  # the same context: one main window's views
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.status is not None)

    click_sync_now(qtbot, view)

    qtbot.waitUntil(
        lambda: [row.person_name for row in cases_view.results.rows] == ["Avery Quinlan (sample)"]
    )
