"""Spike alerts in the UI: the banner on Today (after a sync brings incidents, too), acknowledging with a
note, the Spike Response checklist with its public alert, and the thresholds in Settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from burner_desk.domain.people import Language
from burner_desk.domain.spikes import ResponseStep
from burner_desk.services import access, demo, spikes
from burner_desk.services import sync as sync_service
from burner_desk.storage.models import Incident
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.i18n import UiLanguage
from burner_desk.ui.settings.view import SettingsView
from burner_desk.ui.spikes.banner import SpikeBanner
from burner_desk.ui.spikes.checklist import AcknowledgeDialog, SpikeChecklistDialog
from burner_desk.ui.sync.view import SyncView
from burner_desk.ui.tasks import BackgroundTasks, InlineTasks
from burner_desk.ui.today.today_view import TodayView
from tests.printing.conftest import text_of
from tests.sync.conftest import LiveCentral, new_laptop
from tests.ui.helpers import controls_without_accessible_name, pop_ups
from tests.ui.test_sync import click_sync_now
from tests.ui.test_today import context_for, open_demo

# Set BURNER_DESK_UI_LOOK=/tmp/ui-look to keep the rendered screens for a person to look at.
LOOK_DIR = os.environ.get("BURNER_DESK_UI_LOOK")
SCREEN = (1366, 768)


def look(widget: QWidget, tmp_path: Path, name: str) -> Path:
    path = Path(LOOK_DIR or tmp_path) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(path))
    return path


@pytest.fixture
def social_worker_demo(tmp_path: Path) -> Iterator[access.SignedIn]:
    session = open_demo(tmp_path / "demo", demo.SOCIAL_WORKER)
    yield session
    session.vault.close()


def test_the_banner_shows_the_demos_alert_and_acknowledging_opens_the_checklist(
    qtbot: QtBot, social_worker_demo: access.SignedIn, ui_settings: QSettings, tmp_path: Path
) -> None:
    context = context_for(social_worker_demo, ui_settings)
    today = TodayView(context)
    qtbot.addWidget(today)
    today.resize(*SCREEN)
    today.show()
    banner = today.spike_banner
    assert banner is not None and banner.isVisible()
    (row,) = banner.rows
    assert "Old Town (sample): 2 overdoses in the last 24 hours (the threshold is 2)" in row.text.text()
    assert row.acknowledge_button.isVisible() and not row.checklist_button.isVisible()
    assert controls_without_accessible_name(today) == []
    look(today, tmp_path, "spike-banner-today")

    dialog = banner.acknowledge(row.alert)
    assert isinstance(dialog, AcknowledgeDialog)
    dialog.note.setPlainText("Outreach van to Old Town at 4 PM (sample).")
    look(dialog, tmp_path, "spike-acknowledge")
    dialog.save_button.click()

    checklist = banner.dialog
    assert isinstance(checklist, SpikeChecklistDialog) and checklist.isVisible()
    checklist.steps[ResponseStep.NALOXONE_OUTREACH].setChecked(True)
    (alert,) = spikes.board(social_worker_demo.uow, context.now()).alerts
    assert alert.checklist is not None and alert.checklist.steps_done == {ResponseStep.NALOXONE_OUTREACH}
    assert alert.checklist.note == "Outreach van to Old Town at 4 PM (sample)."
    assert controls_without_accessible_name(checklist) == []
    checklist.resize(760, 420)
    look(checklist, tmp_path, "spike-checklist")

    (row,) = banner.rows  # the acknowledgement was announced: the banner says who
    assert "Acknowledged by Casey Nguyen, LCSW (sample)" in row.text.text()
    assert "Outreach van" in row.text.text()
    assert row.acknowledge_button.isHidden() and not row.checklist_button.isHidden()
    qtbot.waitUntil(row.checklist_button.isVisible)
    look(today, tmp_path, "spike-banner-acknowledged")
    assert pop_ups() == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_checklist_saves_the_public_alert_as_pdf_off_the_ui_thread(
    qtbot: QtBot, social_worker_demo: access.SignedIn, ui_settings: QSettings, tmp_path: Path, lang: str
) -> None:
    tasks = BackgroundTasks()
    try:
        context = ViewContext(social_worker_demo, tasks, ChangeBus(), ui_settings)
        (alert,) = spikes.board(social_worker_demo.uow, context.now()).alerts
        ack = spikes.acknowledge(
            social_worker_demo.uow, social_worker_demo.actor, "old-town", "", context.now()
        )
        target = tmp_path / "out" / "alert.pdf"
        target.parent.mkdir()
        dialog = SpikeChecklistDialog(context, alert, ack, ask_for_pdf_path=lambda _p, _t, _s: str(target))
        qtbot.addWidget(dialog)
        dialog.language.setCurrentIndex(dialog.language.findData(lang))
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.save_button.isEnabled() and target.exists(), timeout=20_000)
        text = text_of(target.read_bytes())
        assert "Alexandria Free Naloxone Pick-up (sample)" in text and "988" in text
        assert ("Do not use alone" in text) == (lang == "en") and ("No use drogas a solas" in text) == (
            lang == "es"
        )
        with social_worker_demo.uow.begin() as tx:
            assert ("document.save_pdf", "spike_response", f"public_alert/{lang}/1") in tx.audit_trail()
    finally:
        tasks.shutdown()


def test_a_supervisor_sets_thresholds_in_settings(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    session = open_demo(tmp_path / "demo")
    try:
        view = SettingsView(context_for(session, ui_settings))
        qtbot.addWidget(view)
        view.resize(*SCREEN)
        view.show()
        box = view.spike_thresholds
        assert box.spins["old-town"].value() == 2 and box.spins["del-ray"].text() == "none"
        box.spins["del-ray"].setValue(3)
        box.spins["old-town"].setValue(0)
        box.save_button.click()
        assert spikes.thresholds(session.uow) == {"del-ray": 3}
        assert box.message.kind == "info"
        look(view, tmp_path, "spike-settings-thresholds")
    finally:
        session.vault.close()


def test_the_banner_appears_after_a_sync_brings_incidents(
    qtbot: QtBot, signed_in: access.SignedIn, tmp_path: Path, ui_settings: QSettings
) -> None:
    central = LiveCentral(f"sqlite:///{tmp_path / 'central.db'}").start()
    tasks = BackgroundTasks()
    other = new_laptop(tmp_path / "other-desk", "other-desk")
    try:
        now = datetime.now(UTC)
        other.enroll(central)
        sync_service.enroll(signed_in, central.url, central.code("this-desk"))
        with other.signed_in.uow.begin(other.signed_in.actor) as tx:
            for hours in (1, 3, 6):
                tx.add(
                    Incident(
                        occurred_at=now - timedelta(hours=hours), address="1 Sample St, Alexandria, VA 22301"
                    )
                )
        spikes.set_thresholds(other.signed_in.uow, other.signed_in.actor, {"del-ray": 3})
        other.sync()

        context = ViewContext(signed_in, tasks, ChangeBus(), ui_settings)
        banner = SpikeBanner(context)
        qtbot.addWidget(banner)
        sync = SyncView(context)
        qtbot.addWidget(sync)
        qtbot.waitUntil(lambda: banner.board is not None and sync.status is not None)
        assert banner.isHidden() and banner.rows == []

        click_sync_now(qtbot, sync)

        qtbot.waitUntil(lambda: len(banner.rows) == 1, timeout=10_000)
        assert "Del Ray and Rosemont (sample): 3 overdoses" in banner.rows[0].text.text()
        assert not banner.isHidden()
    finally:
        tasks.shutdown()
        other.signed_in.vault.close()
        central.stop()


def test_the_banner_is_quiet_without_alerts(
    qtbot: QtBot, signed_in: access.SignedIn, ui_settings: QSettings
) -> None:
    banner = SpikeBanner(ViewContext(signed_in, InlineTasks(), ChangeBus(), ui_settings))
    qtbot.addWidget(banner)
    assert banner.board is not None and banner.board.alerts == () and banner.isHidden()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (Language.EN, "Del Ray and Rosemont (sample): 1 overdose in the last 24 hours (the threshold is 1)"),
        (Language.ES, "Del Ray and Rosemont (sample): 1 sobredosis en las últimas 24 horas (el umbral es 1)"),
    ],
)
def test_one_overdose_reads_in_the_singular(
    qtbot: QtBot,
    signed_in: access.SignedIn,
    ui_settings: QSettings,
    tmp_path: Path,
    language: Language,
    said: str,
) -> None:
    """Counts are Qt plural forms (ui/spikes/words.SpikeCounts): never "1 overdoses"."""
    with signed_in.uow.begin(signed_in.actor) as tx:
        tx.add(
            Incident(
                occurred_at=datetime.now(UTC) - timedelta(hours=2),
                address="1 Sample St, Alexandria, VA 22301",
            )
        )
    spikes.set_thresholds(signed_in.uow, signed_in.actor, {"del-ray": 1})
    ui_language = UiLanguage()
    ui_language.apply(language)
    try:
        today = TodayView(context_for(signed_in, ui_settings))
        qtbot.addWidget(today)
        today.resize(*SCREEN)
        today.show()
        banner = today.spike_banner
        assert banner is not None
        (row,) = banner.rows
        assert said in row.text.text()
        look(today, tmp_path, f"spike-banner-one-{language.value}")
        dialog = banner.acknowledge(row.alert)
        assert dialog.message.text() == said.rsplit(" (", 1)[0] + "."  # the same count, without the rule
        dialog.reject()
    finally:
        ui_language.apply(Language.EN)
