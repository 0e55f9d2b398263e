"""The new-encounter wizard driven the way a detective does: typing, Enter, Space, a few clicks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.dates import us_moment
from burner_desk.domain.inventory import PhoneStatus
from burner_desk.domain.people import Language
from burner_desk.domain.resources import ResourceKind
from burner_desk.services import access, bedside, demo, drafts, inventory
from burner_desk.storage.models import Encounter, Resource
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.encounter.fields import WizardPage
from burner_desk.ui.encounter.wizard import PAGE_KEYS, EncounterWizard
from burner_desk.ui.i18n import UiLanguage
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.shell import Shell
from burner_desk.ui.tasks import BackgroundTasks, InlineTasks, TaskRunner
from burner_desk.ui.unlock.unlock_window import UnlockWindow
from burner_desk.ui.widgets.messages import FieldRow
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE, TEST_KDF
from tests.services.conftest import resident
from tests.ui.conftest import ENGLISH
from tests.ui.helpers import clipped_labels, controls_without_accessible_name

NOW = datetime(2025, 3, 1, 22, 30, tzinfo=UTC)
NALOXONE_EXPIRES = date(2026, 1, 31)
PHONE_IMEIS = (demo.sample_imei(1), demo.sample_imei(2))
PERSONAL_IMEI = demo.sample_imei(7, personal=True)


def stock(signed_in: access.SignedIn) -> None:
    """The sample directory, the handout catalog (5 of each), two burner phones and two bags."""
    uow, actor = signed_in.uow, signed_in.actor
    demo.load_sample_directory(uow, actor)
    inventory.load_handout_catalog(uow, actor, initial_stock=5)
    for serial, imei in enumerate(PHONE_IMEIS, start=1):
        inventory.add_burner_phone(
            uow,
            actor,
            inventory.BurnerPhoneInput(
                asset_tag=f"BD-{serial:04d}",
                imei=imei,
                phone_number=f"(703) 555-016{serial}",
                carrier="Sample Wireless",
                programmed_contacts=(inventory.ProgrammedContact("Detective", "(703) 555-0101"),),
            ),
        )
        inventory.assemble_recovery_bag(
            uow,
            actor,
            inventory.RecoveryBagInput(
                f"RB-{serial:02d}", (inventory.NaloxoneKit("LOT-7", NALOXONE_EXPIRES, 2),)
            ),
            NOW,
        )


def context_for(
    signed_in: access.SignedIn, settings: QSettings, now: datetime = NOW, tasks: TaskRunner | None = None
) -> ViewContext:
    return ViewContext(signed_in, tasks or InlineTasks(), ChangeBus(), settings, now=lambda: now)


def open_wizard(qtbot: QtBot, context: ViewContext, parent: QWidget | None = None) -> EncounterWizard:
    wizard = EncounterWizard(context, parent)
    if parent is None:
        # Finished, not closed, at teardown: closing a typed-in wizard asks whether to keep the draft.
        qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    wizard.activateWindow()
    return wizard


def row(page: WizardPage, field: str) -> FieldRow:
    found = page.rows[field]
    assert isinstance(found, FieldRow)
    return found


def type_in(qtbot: QtBot, page: WizardPage, field: str, text: str) -> None:
    edit = row(page, field).edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def enter(qtbot: QtBot, wizard: EncounterWizard) -> None:
    """Enter on whatever has the focus: the wizard's default button goes on."""
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)


def error_of(page: WizardPage, field: str) -> str:
    shown = page.rows[field].error
    return shown.text() if not shown.isHidden() else ""


def fill_survivor(qtbot: QtBot, wizard: EncounterWizard, jurisdiction: str = "Alexandria") -> None:
    page = wizard.survivor
    type_in(qtbot, page, "given_name", "Avery")
    type_in(qtbot, page, "family_name", "Quinlan (sample)")
    type_in(qtbot, page, "date_of_birth", "05/17/1990")
    type_in(qtbot, page, "phone", "(703) 555-0123")
    where = page.lives_in.lineEdit()
    where.setFocus()
    where.selectAll()
    qtbot.keyClick(where, Qt.Key.Key_Delete)
    qtbot.keyClicks(where, jurisdiction)


def fill_incident(qtbot: QtBot, wizard: EncounterWizard) -> None:
    page = wizard.incident
    type_in(qtbot, page, "occurred_at", us_moment((NOW - timedelta(hours=4)).astimezone()))
    type_in(qtbot, page, "incident_address", "100 Block of Sample St (sample)")
    page.doses.setFocus()
    page.doses.selectAll()
    qtbot.keyClicks(page.doses, "2")
    type_in(qtbot, page, "suspected_substance", "fentanyl (suspected)")
    type_in(qtbot, page, "responding_agency", "Alexandria Fire Department EMS (sample)")


def sign_on_paper(qtbot: QtBot, wizard: EncounterWizard, *, family: bool = True) -> None:
    page = wizard.consent
    qtbot.keyClick(page.scopes[ConsentScope.CONTACT_INFO], Qt.Key.Key_Space)
    if family:
        qtbot.keyClick(page.scopes[ConsentScope.FAMILY_CONTACT], Qt.Key.Key_Space)
    qtbot.mouseClick(page.how_buttons[SignedHow.ON_PAPER], Qt.MouseButton.LeftButton)
    type_in(qtbot, page, "consent_form_number", "CF-0001")


def draw(qtbot: QtBot, pad: QWidget) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 80))
    for x, y in ((60, 30), (110, 90), (170, 25), (240, 70)):
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(240, 70))


def sign_on_screen(qtbot: QtBot, wizard: EncounterWizard, *, tick: bool = True) -> None:
    """Enter hands over the signing screen; the survivor draws and signs; the wizard goes on."""
    page = wizard.consent
    if tick:
        qtbot.keyClick(page.scopes[ConsentScope.CONTACT_INFO], Qt.Key.Key_Space)
    enter(qtbot, wizard)
    screen = page.signing_screen
    assert screen.isVisible()
    draw(qtbot, screen.pad)
    qtbot.mouseClick(screen.sign_button, Qt.MouseButton.LeftButton)


def fill_personal_phone(qtbot: QtBot, wizard: EncounterWizard, imei: str = PERSONAL_IMEI) -> None:
    page = wizard.personal_phone
    type_in(qtbot, page, "make_and_model", "Samplephone S1")
    type_in(qtbot, page, "personal_colour", "blue")
    type_in(qtbot, page, "personal_imei", imei)
    type_in(qtbot, page, "property_receipt_no", "PR-2025-0001")
    type_in(qtbot, page, "personal_condition", "screen cracked")


def take_burner(qtbot: QtBot, wizard: EncounterWizard, imei_or_tag: str = PHONE_IMEIS[0]) -> None:
    """Type (or scan) it: a full IMEI is looked up at once, an asset tag on Enter; Space confirms."""
    type_in(qtbot, wizard.handover, "burner_phone", imei_or_tag)
    if wizard.handover.found is None or wizard.handover._found_for != imei_or_tag:
        enter(qtbot, wizard)
    if wizard.handover.confirmed.isEnabled():
        qtbot.keyClick(wizard.handover.confirmed, Qt.Key.Key_Space)


def tick_bag(qtbot: QtBot, wizard: EncounterWizard) -> None:
    qtbot.keyClick(wizard.handover.packed, Qt.Key.Key_Space)


def add_sister(qtbot: QtBot, wizard: EncounterWizard) -> None:
    page = wizard.family
    type_in(qtbot, page, "family_member_name", "Pat Quinlan (sample)")
    type_in(qtbot, page, "family_member_relationship", "sister")
    type_in(qtbot, page, "family_member_phone", "(703) 555-0124")
    qtbot.keyClick(page.consent_to_contact, Qt.Key.Key_Space)
    qtbot.mouseClick(page.add_contact, Qt.MouseButton.LeftButton)


def only_handout(qtbot: QtBot, wizard: EncounterWizard, code: str) -> None:
    """The survivor gets this one handout: the others the page ticks by default are unticked."""
    for given, box in wizard.family.given.items():
        if box.isChecked() != (given == code):
            qtbot.keyClick(box, Qt.Key.Key_Space)


def latest_draft(signed_in: access.SignedIn) -> drafts.DraftView | None:
    return drafts.latest(signed_in.uow, signed_in.actor, drafts.ENCOUNTER)


# --- tests ---------------------------------------------------------------------------------------


@pytest.fixture
def stocked(signed_in: access.SignedIn) -> access.SignedIn:
    stock(signed_in)
    return signed_in


def counts(signed_in: access.SignedIn) -> dict[str, int]:
    with signed_in.uow.begin() as tx:
        return tx.live_counts()


def changed(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {entity: after[entity] - before[entity] for entity in after if after[entity] != before[entity]}


def audit_since(signed_in: access.SignedIn, mark: int) -> list[str]:
    with signed_in.uow.begin() as tx:
        return [action for action, _entity, _outcome in tx.audit_trail(limit=1000)][mark:]


def audit_length(signed_in: access.SignedIn) -> int:
    with signed_in.uow.begin() as tx:
        return len(tx.audit_trail(limit=1000))


def outbox_since(signed_in: access.SignedIn, mark: int) -> list[tuple[str, str]]:
    with signed_in.uow.begin() as tx:
        return tx.outbox_entities()[mark:]


def outbox_length(signed_in: access.SignedIn) -> int:
    with signed_in.uow.begin() as tx:
        return len(tx.outbox_entities())


@pytest.mark.parametrize("language", [Language.EN, Language.ES])
def test_every_page_shows_whole_in_a_narrow_window(
    qtbot: QtBot, signed_in: access.SignedIn, ui_settings: QSettings, language: Language
) -> None:
    """800 px wide leaves a page ~550 px beside the step list, less than a 1366×768 laptop at 150 %:
    hints wrap, a field too wide for beside its label goes under it, nothing runs past the right edge."""
    stock(signed_in)
    spoken = UiLanguage()
    spoken.apply(language)
    try:
        wizard = open_wizard(qtbot, context_for(signed_in, ui_settings))
        wizard.resize(800, 800)
        for key in PAGE_KEYS:
            wizard.show_page(key)
            page = wizard.currentPage()
            assert isinstance(page, WizardPage)
            QApplication.processEvents()
            assert page.scroll.widget().width() <= page.scroll.viewport().width(), key
            assert clipped_labels(page) == [], key
            squashed = [
                field.edit.accessibleName()
                for field in page.findChildren(FieldRow)
                if field.isVisible() and field.edit.height() < field.edit.sizeHint().height()
            ]
            assert squashed == [], key  # a wrapped hint under a field takes its own height, not the field's
    finally:
        ENGLISH.apply(Language.EN)


def test_resident_encounter_by_keyboard_and_mouse(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    before, audit_mark, outbox_mark = counts(stocked), audit_length(stocked), outbox_length(stocked)
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    saved: list[bedside.EncounterView] = []
    wizard.saved.connect(saved.append)
    assert controls_without_accessible_name(wizard) == []

    fill_survivor(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "incident"
    assert "burner phone" in wizard.survivor.branch_label.text()
    fill_incident(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "consent"
    sign_on_paper(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "personal_phone"
    fill_personal_phone(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "handover"
    take_burner(qtbot, wizard)
    assert "BD-0001" in wizard.handover.details.text()
    assert "Detective: (703) 555-0101" in wizard.handover.details.text()
    assert "2 × naloxone kit (naloxone nasal spray kit) — lot LOT-7, expires 31 Jan 2026" in (
        wizard.handover.contents.text()
    )
    tick_bag(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "family"
    add_sister(qtbot, wizard)
    only_handout(qtbot, wizard, "survivor_naloxone")
    enter(qtbot, wizard)
    assert wizard.current_key() == "review"
    assert set(wizard.review.edit_buttons) == {
        "survivor",
        "incident",
        "consent",
        "personal_phone",
        "handover",
        "family",
    }
    enter(qtbot, wizard)  # Save encounter

    assert wizard.current_key() == "print"
    assert [view.person_name for view in saved] == ["Avery Quinlan (sample)"]
    view = saved[0]
    assert (view.burner_asset_tag, view.recovery_bag_label, view.property_receipt_no) == (
        "BD-0001",
        "RB-01",
        "PR-2025-0001",
    )
    queue = [wizard.print_queue.queue.item(i).text() for i in range(wizard.print_queue.queue.count())]
    assert queue == [
        "Referral sheet — English",
        "Family resource sheet — English",
        "Personal phone property receipt (two copies) — English",
        "Consent form — English",
        "Recovery bag packing list — English",
    ]
    referrals = len(view.referrals)
    assert referrals >= 1
    assert changed(before, counts(stocked)) == {
        "person": 1,
        "incident": 1,
        "encounter": 1,
        "consent": 1,
        "phone_swap": 1,
        "custody_event": 1,
        "family_contact": 1,
        "handout_given": 2,  # the survivor's, and the one the sister gets by default
        "referral": referrals,
        "follow_up": 1,
    }
    actions = audit_since(stocked, audit_mark)
    assert actions == [
        "draft.create",
        "encounter.create",
        "consent.create",
        "phone_swap.create",
        "burner_phone.issue",
        "recovery_bag.issue",
        "follow_up.create",
        "draft.delete",
    ]
    outbox = outbox_since(stocked, outbox_mark)
    assert sorted(set(outbox)) == sorted(
        {
            (entity, "insert")
            for entity in (
                "person",
                "incident",
                "encounter",
                "consent",
                "phone_swap",
                "custody_event",
                "family_contact",
                "handout_given",
                "referral",
                "follow_up",
            )
        }
        | {("burner_phone", "update"), ("recovery_bag", "update"), ("handout", "update")}
    )
    assert latest_draft(stocked) is None
    assert [box for box in wizard.findChildren(QMessageBox) if box.isVisible()] == []  # errors inline


def test_non_resident_skips_the_phone_and_bag_and_signs_on_screen(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    before, audit_mark = counts(stocked), audit_length(stocked)
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    wizard.survivor.language.setFocus()
    qtbot.keyClick(wizard.survivor.language, Qt.Key.Key_Down)  # Español
    fill_survivor(qtbot, wizard, jurisdiction="Arlington, VA")
    enter(qtbot, wizard)
    assert "no burner phone" in wizard.survivor.branch_label.text()
    fill_incident(qtbot, wizard)
    enter(qtbot, wizard)
    sign_on_screen(qtbot, wizard)
    assert wizard.consent.signature() is not None
    assert wizard.current_key() == "handover"  # no personal phone page; the bag without a phone
    assert wizard.handover.title() == "Recovery bag"
    assert "no burner phone: it is for City of Alexandria residents" in wizard.handover.contents.text()
    tick_bag(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "family"
    only_handout(qtbot, wizard, "survivor_naloxone")
    enter(qtbot, wizard)
    assert set(wizard.review.edit_buttons) == {"survivor", "incident", "consent", "handover", "family"}
    enter(qtbot, wizard)

    assert wizard.current_key() == "print"
    assert wizard.encounter is not None and wizard.encounter.burner_asset_tag is None
    queue = [wizard.print_queue.queue.item(i).text() for i in range(wizard.print_queue.queue.count())]
    assert queue == [
        "Referral sheet (non-resident: their jurisdiction) — Spanish",
        "Consent form — Spanish",
        "Recovery bag packing list — Spanish",
    ]
    assert wizard.encounter.recovery_bag_label == "RB-01"
    referrals = len(wizard.encounter.referrals)
    assert changed(before, counts(stocked)) == {
        "person": 1,
        "incident": 1,
        "encounter": 1,
        "consent": 1,
        "handout_given": 1,
        "referral": referrals,
        "follow_up": 1,
    }
    assert audit_since(stocked, audit_mark) == [
        "draft.create",
        "encounter.create",
        "consent.create",
        "recovery_bag.issue",
        "follow_up.create",
        "draft.delete",
    ]
    assert [phone.status for phone in inventory.phones(stocked.uow)] == [PhoneStatus.IN_STOCK] * 2


def test_bad_personal_imei_blocks_with_the_reason_and_saves_nothing(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    fill_survivor(qtbot, wizard)
    enter(qtbot, wizard)
    fill_incident(qtbot, wizard)
    enter(qtbot, wizard)
    sign_on_paper(qtbot, wizard)
    enter(qtbot, wizard)
    before = counts(stocked)
    wrong = PERSONAL_IMEI[:-1] + str((int(PERSONAL_IMEI[-1]) + 1) % 10)
    fill_personal_phone(qtbot, wizard, imei=wrong)
    enter(qtbot, wizard)

    assert wizard.current_key() == "personal_phone"
    assert (
        error_of(wizard.personal_phone, "personal_imei")
        == "The check digit does not match: a digit is mistyped."
    )
    assert wizard.focusWidget() is row(wizard.personal_phone, "personal_imei").edit
    assert counts(stocked) == before
    type_in(qtbot, wizard.personal_phone, "personal_imei", PERSONAL_IMEI)
    assert error_of(wizard.personal_phone, "personal_imei") == ""  # typing clears the reason
    enter(qtbot, wizard)
    assert wizard.current_key() == "handover"


def test_missing_consent_scope_blocks_the_consent_and_the_family_step(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    before = counts(stocked)
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    fill_survivor(qtbot, wizard, jurisdiction="Arlington")
    enter(qtbot, wizard)
    fill_incident(qtbot, wizard)
    enter(qtbot, wizard)
    enter(qtbot, wizard)  # nothing ticked: no signing screen yet
    assert wizard.current_key() == "consent"
    assert error_of(wizard.consent, "consent_scopes") == (
        "Tick what the survivor agrees to share, or choose Declined: help goes on."
    )
    assert not hasattr(wizard.consent, "signing_screen")

    sign_on_paper(qtbot, wizard, family=False)
    assert error_of(wizard.consent, "consent_scopes") == ""  # ticking a scope clears the reason
    enter(qtbot, wizard)
    tick_bag(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "family"
    add_sister(qtbot, wizard)  # agrees to be contacted, but the survivor did not consent to that
    enter(qtbot, wizard)
    assert wizard.current_key() == "family"
    assert error_of(wizard.family, "consent_scopes") == (
        "A family member may be contacted only with the family-contact consent: untick 'agrees to be "
        "contacted', or ask the survivor."
    )
    assert counts(stocked) == before


def test_burner_phone_already_issued_blocks_with_the_reason(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    fill_survivor(qtbot, wizard)
    enter(qtbot, wizard)
    fill_incident(qtbot, wizard)
    enter(qtbot, wizard)
    sign_on_paper(qtbot, wizard)
    enter(qtbot, wizard)
    fill_personal_phone(qtbot, wizard)
    enter(qtbot, wizard)
    inventory.mark_phone(stocked.uow, stocked.actor, "BD-0001", PhoneStatus.LOST)
    before = counts(stocked)

    take_burner(qtbot, wizard, "BD-0001")
    assert wizard.current_key() == "handover"
    assert error_of(wizard.handover, "burner_phone") == "Phone BD-0001 is lost."
    assert not wizard.handover.confirmed.isEnabled()
    enter(qtbot, wizard)
    assert wizard.current_key() == "handover"
    take_burner(qtbot, wizard, "123")
    assert error_of(wizard.handover, "burner_phone") == "An IMEI has 15 digits, this has 3."
    take_burner(qtbot, wizard, "BD-0002")
    tick_bag(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "family"
    assert counts(stocked) == before


def test_expired_naloxone_blocks_the_bag(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    later = datetime.combine(NALOXONE_EXPIRES + timedelta(days=3), datetime.min.time(), UTC)
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings, now=later))
    wizard.show_page("handover")
    tick_bag(qtbot, wizard)
    before = counts(stocked)
    enter(qtbot, wizard)

    assert wizard.current_key() == "handover"
    assert error_of(wizard.handover, "recovery_bag") == (
        "Bag RB-01: this naloxone expired on 2026-01-31; swap the kit."
    )
    assert counts(stocked) == before


def test_an_error_from_the_save_jumps_to_the_page_that_owns_it(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    """The receipt number is only known to be taken at save time: the wizard goes back to it."""
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    walk_to_family(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "review"
    wizard.review.edit_buttons["incident"].click()  # Edit jumps back, and Enter comes forward again
    assert wizard.current_key() == "incident"
    for _ in range(5):  # the pages after it keep what was typed and checked
        enter(qtbot, wizard)
    assert wizard.current_key() == "review"

    other = resident(burner_phone=PHONE_IMEIS[1], recovery_bag="RB-02")  # same receipt number
    bedside.record_encounter(stocked.uow, stocked.actor, other, NOW)
    before = counts(stocked)
    enter(qtbot, wizard)

    assert wizard.current_key() == "personal_phone"
    assert error_of(wizard.personal_phone, "property_receipt_no") == "Receipt PR-2025-0001 is already used."
    assert counts(stocked) == before
    assert latest_draft(stocked) is not None  # not saved: the draft stays


@pytest.fixture
def stocked_locked_vault(vault_dir: Path) -> Path:
    signed_in = access.first_run_setup(vault_dir, SETUP, kdf=TEST_KDF)
    stock(signed_in)
    access.lock(signed_in, "manual")
    return vault_dir


def _unlock(qtbot: QtBot, shell: Shell) -> MainWindow:
    window = shell.window
    assert isinstance(window, UnlockWindow)
    qtbot.keyClicks(window.passphrase, SUPERVISOR_PASSPHRASE)
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    assert isinstance(shell.window, MainWindow)
    return shell.window


def test_idle_lock_mid_wizard_keeps_the_draft_and_it_resumes_as_typed(
    qtbot: QtBot, make_shell, stocked_locked_vault: Path, ui_settings: QSettings
) -> None:
    tasks = InlineTasks()
    shell = make_shell(tasks)
    shell.start()
    main = _unlock(qtbot, shell)
    assert shell.signed_in is not None
    signed_in = shell.signed_in
    wizard = open_wizard(qtbot, context_for(signed_in, ui_settings, tasks=tasks), parent=main)
    fill_survivor(qtbot, wizard)
    enter(qtbot, wizard)
    fill_incident(qtbot, wizard)
    enter(qtbot, wizard)
    qtbot.keyClick(wizard.consent.scopes[ConsentScope.CONTACT_INFO], Qt.Key.Key_Space)
    type_in(qtbot, wizard.consent, "consent_purpose", "Referral and follow-up (typed, not yet saved)")
    typed = wizard.draft_state()["pages"]
    assert wizard.draft_timer.isActive()  # the pause timer has not fired: only the lock can keep this

    shell.idle_lock.idle.emit()  # the idle timer fires
    assert isinstance(shell.window, UnlockWindow)
    assert not wizard.isVisible()

    main = _unlock(qtbot, shell)
    assert shell.signed_in is not None
    audit_mark = audit_length(shell.signed_in)
    resumed = open_wizard(qtbot, context_for(shell.signed_in, ui_settings, tasks=tasks), parent=main)
    assert resumed.offer.isVisibleTo(resumed)
    assert resumed.offer_label.text().startswith("Resume the encounter you started at ")
    qtbot.keyClick(resumed.resume_button, Qt.Key.Key_Space)

    assert resumed.current_key() == "consent"  # where the lock happened
    assert resumed.consent.message.text().startswith("Resumed where you stopped")
    assert resumed.draft_state()["pages"] == typed
    assert resumed.consent.chosen_scopes() == {ConsentScope.CONTACT_INFO}
    assert row(resumed.consent, "consent_purpose").text() == "Referral and follow-up (typed, not yet saved)"
    resumed.back()  # the pages before are there to go back to
    assert resumed.current_key() == "incident"
    enter(qtbot, resumed)
    assert resumed.current_key() == "consent"
    assert audit_since(shell.signed_in, audit_mark) == []  # the same draft goes on: no second draft.create


def test_escape_asks_to_keep_the_draft_and_discard_removes_it(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    context = context_for(stocked, ui_settings)
    untouched = open_wizard(qtbot, context)
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert untouched.cancel_box is None and not untouched.isVisible()  # nothing typed: nothing to ask

    wizard = open_wizard(qtbot, context)
    fill_survivor(qtbot, wizard)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.cancel_box is not None and wizard.cancel_box.isVisible()
    wizard.cancel_box.defaultButton().click()  # Keep the draft
    assert not wizard.isVisible()
    kept = latest_draft(stocked)
    assert kept is not None and kept.payload["pages"]["survivor"]["given_name"] == "Avery"

    again = open_wizard(qtbot, context)
    assert again.offer.isVisibleTo(again)
    fill_survivor(qtbot, again)
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert again.cancel_box is not None
    again.discard_draft_button.click()
    assert latest_draft(stocked) is not None  # the older draft stays until it is discarded itself
    last = open_wizard(qtbot, context)
    last.discard_button.click()
    assert latest_draft(stocked) is None
    assert not last.offer.isVisibleTo(last)


def test_every_page_fits_a_1366_by_768_screen(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    assert wizard.page_ids() == [
        "survivor",
        "incident",
        "consent",
        "personal_phone",
        "handover",
        "family",
        "review",
        "print",
    ]
    fill_survivor(qtbot, wizard)  # the review page summarises what was typed
    for key in wizard.page_ids():
        wizard.show_page(key)
        assert wizard.current_key() == key
        assert wizard.currentPage().objectName() == f"page_{key}"
        needed = wizard.minimumSizeHint()
        assert needed.width() <= 1366 and needed.height() <= 768 - 40, key  # 40: the taskbar


def test_with_the_background_executor_the_draft_is_in_before_the_vault_closes(
    qtbot: QtBot, make_shell, stocked_locked_vault: Path, ui_settings: QSettings
) -> None:
    """The real runner: the draft save and the lock are both queued on the one DB thread, in order."""
    tasks = BackgroundTasks()
    shell = make_shell(tasks)
    shell.start()
    qtbot.waitUntil(lambda: isinstance(shell.window, UnlockWindow))
    assert isinstance(shell.window, UnlockWindow)
    qtbot.keyClicks(shell.window.passphrase, SUPERVISOR_PASSPHRASE)
    qtbot.keyClick(shell.window.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(shell.window, MainWindow), timeout=10_000)
    assert shell.signed_in is not None
    wizard = open_wizard(qtbot, context_for(shell.signed_in, ui_settings, tasks=tasks), parent=shell.window)
    type_in(qtbot, wizard.survivor, "given_name", "Avery")
    assert wizard.draft_timer.isActive()

    shell.lock("idle")
    qtbot.waitUntil(lambda: isinstance(shell.window, UnlockWindow), timeout=10_000)

    session = access.sign_in(stocked_locked_vault, SETUP.user_name, SUPERVISOR_PASSPHRASE)
    try:
        kept = latest_draft(session)
        assert kept is not None
        assert kept.payload["pages"]["survivor"]["given_name"] == "Avery"
    finally:
        access.lock(session, "manual")


def test_a_draft_from_the_last_page_resumes_every_page_as_typed(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    context = context_for(stocked, ui_settings)
    wizard = open_wizard(qtbot, context)
    walk_to_family(qtbot, wizard)
    add_sister(qtbot, wizard)
    only_handout(qtbot, wizard, "survivor_naloxone")
    typed = wizard.draft_state()["pages"]
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.cancel_box is not None
    wizard.keep_button.click()

    resumed = open_wizard(qtbot, context)
    resumed.resume_button.click()
    assert resumed.current_key() == "family"  # every page on the way passed its checks again
    assert resumed.draft_state()["pages"] == typed
    assert typed["family"]["handouts"] == ["survivor_naloxone"]
    assert typed["handover"] == {
        "burner_phone": PHONE_IMEIS[0],
        "confirmed": True,
        "recovery_bag": "RB-01",
        "packed": True,
    }
    enter(qtbot, resumed)
    assert resumed.current_key() == "review"
    assert [c.name for c in resumed.family.contacts] == ["Pat Quinlan (sample)"]


def add_family_member(qtbot: QtBot, wizard: EncounterWizard, name: str, spanish: bool = False) -> None:
    page = wizard.family
    type_in(qtbot, page, "family_member_name", name)
    page.family_language.setFocus()
    page.family_language.setCurrentIndex(1 if spanish else 0)
    qtbot.keyClick(page.consent_to_contact, Qt.Key.Key_Space)
    qtbot.mouseClick(page.add_contact, Qt.MouseButton.LeftButton)


def walk_to_family(qtbot: QtBot, wizard: EncounterWizard) -> None:
    """A resident, every page before the family page filled in and passed with Enter."""
    fill_survivor(qtbot, wizard)
    enter(qtbot, wizard)
    fill_incident(qtbot, wizard)
    enter(qtbot, wizard)
    sign_on_paper(qtbot, wizard)
    enter(qtbot, wizard)
    fill_personal_phone(qtbot, wizard)
    enter(qtbot, wizard)
    take_burner(qtbot, wizard)
    tick_bag(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "family"


def test_each_family_member_gets_handouts_in_their_own_language(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    walk_to_family(qtbot, wizard)
    add_family_member(qtbot, wizard, "Pat Quinlan (sample)")
    add_family_member(qtbot, wizard, "Rosa Quinlan (sample)", spanish=True)
    pat, rosa = wizard.family.contact_rows
    assert pat.handouts["family_how_to_help"].text() == "How to help someone you love"
    assert rosa.handouts["family_how_to_help"].text() == "Cómo ayudar a un ser querido"
    assert controls_without_accessible_name(wizard.family) == []
    assert pat.handouts["family_how_to_help"].isChecked()  # the usual one, ticked for each member
    qtbot.keyClick(pat.handouts["family_naloxone"], Qt.Key.Key_Space)
    qtbot.keyClick(rosa.handouts["family_how_to_help"], Qt.Key.Key_Space)  # unticked: not given
    qtbot.keyClick(rosa.handouts["family_support_groups"], Qt.Key.Key_Space)
    only_handout(qtbot, wizard, "survivor_naloxone")
    enter(qtbot, wizard)
    assert wizard.current_key() == "review"
    enter(qtbot, wizard)  # Save encounter

    assert wizard.encounter is not None
    with stocked.uow.begin() as tx:
        given = tx.workload.handouts_given(wizard.encounter.encounter_id)
        assert sorted(
            (handout.code, handout.language, contact.name if contact else None)
            for _, handout, contact in given
        ) == [
            ("family_how_to_help", "en", "Pat Quinlan (sample)"),
            ("family_naloxone", "en", "Pat Quinlan (sample)"),
            ("family_support_groups", "es", "Rosa Quinlan (sample)"),
            ("survivor_naloxone", "en", None),
        ]
        assert all((row.family_contact_id is None) == (contact is None) for row, _, contact in given)


def test_family_handouts_are_kept_in_the_draft_and_a_removed_contact_takes_them_away(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    walk_to_family(qtbot, wizard)
    add_family_member(qtbot, wizard, "Pat Quinlan (sample)")
    add_family_member(qtbot, wizard, "Rosa Quinlan (sample)", spanish=True)
    qtbot.keyClick(wizard.family.contact_rows[1].handouts["family_support_groups"], Qt.Key.Key_Space)
    contacts = wizard.draft_state()["pages"]["family"]["contacts"]
    assert [(c["name"], c["handouts"]) for c in contacts] == [
        ("Pat Quinlan (sample)", ["family_how_to_help"]),
        ("Rosa Quinlan (sample)", ["family_how_to_help", "family_support_groups"]),
    ]
    qtbot.mouseClick(wizard.family.contact_rows[0].remove, Qt.MouseButton.LeftButton)
    assert [c.name for c in wizard.encounter_input().family_contacts] == ["Rosa Quinlan (sample)"]
    (rosa,) = wizard.encounter_input().family_contacts
    assert rosa.handouts == (
        bedside.HandoutRequest("family_how_to_help", rosa.language),
        bedside.HandoutRequest("family_support_groups", rosa.language),
    )


def add_second_treatment_program(
    signed_in: access.SignedIn, jurisdiction: str, name: str = "Arlington Evening Treatment Clinic (sample)"
) -> None:
    with signed_in.uow.begin(signed_in.actor) as tx:
        tx.add(
            Resource(
                name=name,
                kind=ResourceKind.TREATMENT.value,
                jurisdiction=jurisdiction,
                phone="+17035550190",
                phone_24h="",
                address="2 Sample Ave (sample)",
                hours="Mon-Fri 17-22",
                languages=["en"],
                url="",
                sample_data=True,
            )
        )
        tx.record("resource.create", entity="resource")


def test_the_survivor_page_lists_the_programs_and_only_the_chosen_one_is_referred(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    add_second_treatment_program(stocked, "arlington")
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    fill_survivor(qtbot, wizard, jurisdiction="Arlington, VA")
    programs = wizard.survivor.program_list
    qtbot.waitUntil(lambda: programs.count() == 2)  # loaded once the typing pauses
    listed = [programs.item(index).text() for index in range(programs.count())]
    assert listed == [
        "Arlington Evening Treatment Clinic (sample) · (703) 555-0190",
        next(line for line in listed if line.startswith("Arlington Recovery Access Center (sample) · ")),
    ]
    assert all(programs.item(index).checkState() == Qt.CheckState.Checked for index in range(2))

    for index in range(2):  # none ticked blocks with the reason
        programs.item(index).setCheckState(Qt.CheckState.Unchecked)
    enter(qtbot, wizard)
    assert wizard.current_key() == "survivor"
    assert error_of(wizard.survivor, "referrals") == "Tick at least one program to refer to."

    programs.setFocus()
    programs.setCurrentRow(1)
    qtbot.keyClick(programs, Qt.Key.Key_Space)
    enter(qtbot, wizard)
    fill_incident(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.consent.recipient.text() == "Arlington Recovery Access Center (sample)"
    sign_on_screen(qtbot, wizard)
    tick_bag(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "family"
    enter(qtbot, wizard)
    enter(qtbot, wizard)  # Save encounter

    assert wizard.encounter is not None
    assert [r.name for r in wizard.encounter.referrals] == ["Arlington Recovery Access Center (sample)"]
    with stocked.uow.begin() as tx:
        referred = tx.workload.referrals_for(wizard.encounter.encounter_id)
        assert [resource.name for _, resource in referred] == ["Arlington Recovery Access Center (sample)"]


def test_the_survivor_page_names_the_alexandria_program_for_a_resident(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    fill_survivor(qtbot, wizard)
    enter(qtbot, wizard)
    programs = wizard.survivor.program_list
    assert [programs.item(index).text().split(" · ")[0] for index in range(programs.count())] == [
        "Alexandria Community Treatment Program (sample)"
    ]


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        ("38.8048", "", "Give both latitude and longitude, or neither."),
        ("north", "-77.0469", "Enter the latitude as decimal degrees, e.g. 38.8048."),
        ("91", "-77.0469", "This is not a place on Earth."),
    ],
)
def test_a_half_or_impossible_map_location_blocks_the_incident(
    qtbot: QtBot,
    stocked: access.SignedIn,
    ui_settings: QSettings,
    latitude: str,
    longitude: str,
    expected: str,
) -> None:
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    fill_survivor(qtbot, wizard)
    enter(qtbot, wizard)
    fill_incident(qtbot, wizard)
    for field, value in (("latitude", latitude), ("longitude", longitude)):
        wizard.incident.coordinates[field].setFocus()
        qtbot.keyClicks(wizard.incident.coordinates[field], value)
    enter(qtbot, wizard)
    assert wizard.current_key() == "incident"
    assert error_of(wizard.incident, "latitude") == expected


def test_a_map_location_is_saved_with_the_incident(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    fill_survivor(qtbot, wizard, jurisdiction="Fairfax")
    enter(qtbot, wizard)
    fill_incident(qtbot, wizard)
    for field, value in (("latitude", "38.8048"), ("longitude", "-77.0469")):
        wizard.incident.coordinates[field].setFocus()
        qtbot.keyClicks(wizard.incident.coordinates[field], value)
    enter(qtbot, wizard)
    sign_on_screen(qtbot, wizard)
    tick_bag(qtbot, wizard)
    enter(qtbot, wizard)
    enter(qtbot, wizard)
    enter(qtbot, wizard)  # Save encounter
    assert wizard.encounter is not None
    with stocked.uow.begin() as tx:
        incident = tx.workload.incident_of(tx.get(Encounter, wizard.encounter.encounter_id))
        assert incident is not None and (incident.latitude, incident.longitude) == (38.8048, -77.0469)


def in_sight(page: WizardPage, control: QWidget) -> bool:
    """Wholly inside the part of the page's scroll area that is on screen."""
    viewport = page.scroll.viewport()
    return viewport.rect().contains(QRect(control.mapTo(viewport, QPoint(0, 0)), control.size()))


def test_six_family_members_stay_reachable_by_keyboard_and_mouse(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    """At the size the wizard opens with on a 1366×768 screen, the page scrolls to the focused control."""
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    # Opened directly: typing the jurisdiction would leave its completer popup as the active window.
    wizard.show_page("family")
    for number in range(1, 7):
        add_family_member(qtbot, wizard, f"Family member {number} (sample)", spanish=number % 2 == 0)
    page = wizard.family
    last = page.contact_rows[-1]
    assert wizard.height() <= 768 - 40
    # Six members do not fit: once the layout has run, the page scrolls.
    qtbot.waitUntil(lambda: page.scroll.verticalScrollBar().maximum() > 0)
    assert not in_sight(page, last.remove)

    control: QWidget = page.first_field()
    while control is not last.handouts["family_support_groups"]:  # Tab down the page, as it reads
        qtbot.keyClick(control, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not control, f"Tab stuck on {control.accessibleName()}"
        control = QApplication.focusWidget()
        assert in_sight(page, control), control.accessibleName()
    qtbot.keyClick(control, Qt.Key.Key_Tab)  # then the survivor's own handouts, below the contacts
    assert QApplication.focusWidget() is next(iter(page.given.values()))

    page.first_field().setFocus()  # back to the top; a click or a refusal moves the focus without Tab
    assert not in_sight(page, last.remove)
    last.remove.setFocus()
    assert in_sight(page, last.remove)
    qtbot.mouseClick(last.remove, Qt.MouseButton.LeftButton)  # removes that one, not the first
    assert [c.name for c in page.contacts] == [f"Family member {n} (sample)" for n in range(1, 6)]


def test_the_survivor_page_shows_every_program_of_a_long_list(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    for number in range(1, 9):
        add_second_treatment_program(stocked, "prince george's", f"Sample Clinic {number} (sample)")
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    fill_survivor(qtbot, wizard, jurisdiction="Prince George's")
    programs = wizard.survivor.program_list
    qtbot.waitUntil(lambda: programs.count() == 9)
    assert wizard.survivor.branch_label.text().startswith(
        "Lives in Prince George's County, MD: no burner phone"
    )
    assert programs.verticalScrollBar().maximum() == 0  # no row hidden inside the list
    # The page grew with the list: it scrolls (the scroll area brings a focused control into sight).
    qtbot.waitUntil(lambda: wizard.survivor.scroll.verticalScrollBar().maximum() > 0)


def test_with_the_background_executor_a_draft_resumes_past_its_look_ups(
    qtbot: QtBot, make_shell, stocked_locked_vault: Path, ui_settings: QSettings
) -> None:
    """The real runner answers the burner phone and bag look-ups later: resume goes on when they land."""
    session = access.sign_in(stocked_locked_vault, SETUP.user_name, SUPERVISOR_PASSPHRASE)
    try:
        wizard = open_wizard(qtbot, context_for(session, ui_settings))
        walk_to_family(qtbot, wizard)
        add_sister(qtbot, wizard)
        typed = wizard.draft_state()["pages"]
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        assert wizard.cancel_box is not None
        wizard.keep_button.click()
    finally:
        access.lock(session, "manual")

    tasks = BackgroundTasks()
    shell = make_shell(tasks)
    shell.start()
    qtbot.waitUntil(lambda: isinstance(shell.window, UnlockWindow))
    assert isinstance(shell.window, UnlockWindow)
    qtbot.keyClicks(shell.window.passphrase, SUPERVISOR_PASSPHRASE)
    qtbot.keyClick(shell.window.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(shell.window, MainWindow), timeout=10_000)
    assert shell.signed_in is not None
    resumed = open_wizard(qtbot, context_for(shell.signed_in, ui_settings, tasks=tasks), parent=shell.window)
    qtbot.waitUntil(lambda: resumed.offer.isVisibleTo(resumed), timeout=10_000)
    qtbot.keyClick(resumed.resume_button, Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: resumed.current_key() == "family", timeout=10_000)
    assert resumed.family.message.text().startswith("Resumed where you stopped")
    qtbot.waitUntil(lambda: bool(resumed.family.given), timeout=10_000)  # the handouts load too
    assert resumed.draft_state()["pages"] == typed


def test_the_wizard_opens_with_its_first_page_and_builds_the_others_one_per_turn(
    qtbot: QtBot, stocked: access.SignedIn, ui_settings: QSettings
) -> None:
    """Ctrl+N is one short turn of the event loop (issue 17: no UI stall over 50 ms), and Next pressed
    before the other pages had their turn still goes on."""
    wizard = open_wizard(qtbot, context_for(stocked, ui_settings))
    assert QWizard.pageIds(wizard) == [0]  # QWizard's own list: only the survivor page so far
    fill_survivor(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.current_key() == "incident"
    assert QWizard.pageIds(wizard) == list(range(len(wizard.page_ids())))
