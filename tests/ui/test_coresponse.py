"""The Co-response view and call form over the demo vault: typed by keys alone, kept as a draft, saved onto
a person already on record (their case timeline shows it), and a clinician's notes kept from police."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from burner_desk.domain.coresponse import CallSource, Category, Disposition, Substance
from burner_desk.services import access, coresponse, demo, drafts
from burner_desk.ui.cases.cases_view import CasesView
from burner_desk.ui.coresponse import words
from burner_desk.ui.coresponse.call_dialog import CallDialog, NoteAmendDialog
from burner_desk.ui.coresponse.call_form import CallForm
from burner_desk.ui.coresponse.view import CoResponseView
from burner_desk.ui.widgets import vocabulary
from tests.conftest import TEST_KDF
from tests.printing.conftest import text_of
from tests.ui.helpers import controls_without_accessible_name
from tests.ui.test_cases import _timeline
from tests.ui.test_today import context_for

SCREEN = (1366, 768)
DEMO_NOTE = "Invented note"  # the demo clinician's note starts so


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "demo"
    demo.create_demo_vault(directory, TEST_KDF)
    return directory


def _session(directory: Path, user: demo.DemoUser) -> access.SignedIn:
    return access.sign_in(directory, user.name, user.passphrase)


@pytest.fixture
def clinician(demo_dir: Path) -> Iterator[access.SignedIn]:
    session = _session(demo_dir, demo.CLINICIAN)
    yield session
    session.vault.close()


def _type_a_call(qtbot: QtBot, form: CallForm) -> None:
    """Keys only: Tab from field to field, as a clinician at the curb would."""
    form.block.edit.setFocus()
    qtbot.keyClicks(form.block.edit, "1734 King St")
    qtbot.keyClicks(form.officer.edit, "Ofc. Dana Park (sample)")
    qtbot.keyClicks(form.person_search.edit, "Quinlan")
    form.search_timer.timeout.emit()
    qtbot.waitUntil(lambda: form.matches.count() > 0)
    form.matches.setFocus()
    form.matches.setCurrentRow(0)
    qtbot.keyClick(form.matches, Qt.Key.Key_Return)
    form.disposition.setFocus()
    for _ in range(Disposition.__members__.__len__()):
        if form.disposition.currentData() == Disposition.REFERRAL_ONLY.value:
            break
        qtbot.keyClick(form.disposition, Qt.Key.Key_Down)
    form.minutes.setFocus()
    form.minutes.selectAll()
    qtbot.keyClicks(form.minutes, "25")
    qtbot.keyClicks(form.note, "Agreed to an intake call tomorrow (sample)")


def test_a_call_typed_by_keys_lands_on_the_survivors_timeline(
    qtbot: QtBot, clinician: access.SignedIn, ui_settings: QSettings
) -> None:
    view = CoResponseView(context_for(clinician, ui_settings))
    qtbot.addWidget(view)
    view.resize(*SCREEN)
    qtbot.waitUntil(lambda: len(view.model.rows) == 4)
    assert controls_without_accessible_name(view) == []
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    form = view.form
    assert form is not None and controls_without_accessible_name(form) == []
    _type_a_call(qtbot, form)
    assert form.picked is not None and form.picked.name == "Avery Quinlan (sample)"

    qtbot.keyClick(form.block.edit, Qt.Key.Key_Return)  # Enter in a line field saves

    qtbot.waitUntil(lambda: len(view.model.rows) == 5)
    assert view.shown is not None and view.shown.block == "1700 block of King St"
    assert drafts.latest(clinician.uow, clinician.actor, coresponse.DRAFT_KIND) is None  # saved: no draft
    assert DEMO_NOTE not in view.detail.text() and "Agreed to an intake call" in view.detail.text()


def test_the_survivors_case_timeline_shows_their_co_response_calls(
    qtbot: QtBot, demo_dir: Path, ui_settings: QSettings
) -> None:
    """The demo's first survivor met the team twice: both calls are on their bedside case's timeline;
    the detective reads the dispositions, not the clinician's note."""
    detective = _session(demo_dir, demo.DETECTIVE)
    try:
        view = CasesView(context_for(detective, ui_settings))
        qtbot.addWidget(view)
        qtbot.keyClicks(view.search, "Quinlan")
        qtbot.waitUntil(lambda: view.results.rows != ())
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
        assert view.case.detail is not None
        timeline = _timeline(view)
        calls = [line for line in timeline if line.startswith("co-response call")]
        assert len(calls) == 2 and "Voluntary transport" in calls[1] and "Resolved on scene" in calls[0]
        assert not any(DEMO_NOTE in line or line.startswith("clinician note") for line in timeline)
    finally:
        detective.vault.close()


def test_a_closed_form_keeps_its_draft_and_offers_it_again(
    qtbot: QtBot, clinician: access.SignedIn, ui_settings: QSettings
) -> None:
    context = context_for(clinician, ui_settings)
    form = CallForm(context)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.block.edit, "200 Duke St")
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # closes, keeps the draft
    assert drafts.latest(clinician.uow, clinician.actor, coresponse.DRAFT_KIND) is not None

    again = CallForm(context)
    qtbot.addWidget(again)
    assert again.offer.isVisibleTo(again)
    again.resume_offered()
    assert again.block.text() == "200 Duke St"


def test_police_never_see_the_clinicians_note_in_the_view_or_the_printed_sheet(
    qtbot: QtBot, demo_dir: Path, ui_settings: QSettings, tmp_path: Path
) -> None:
    supervisor = _session(demo_dir, demo.SUPERVISOR)
    try:
        view = CoResponseView(context_for(supervisor, ui_settings))
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: len(view.model.rows) == 4)
        for row in range(4):
            view.table.selectRow(row)
            assert view.shown is not None
            assert DEMO_NOTE not in view.detail.text() and "not shown to police roles" in view.detail.text()
        qtbot.keyClicks(view.search, "Hale")  # a person met only by the team is found here
        view.search_timer.timeout.emit()
        qtbot.waitUntil(lambda: [c.person_name for c in view.model.rows] == ["Robin Hale (sample)"])
        view.search.clear()
        view.refresh()
        qtbot.waitUntil(lambda: len(view.model.rows) == 4)
        view.table.selectRow(0)  # the call with the clinician's note
        sheet = tmp_path / "sheet.pdf"
        view._ask_for_pdf_path = lambda _parent, _title, _suggested: str(sheet)
        view.sheet_button.click()
        assert DEMO_NOTE not in text_of(sheet.read_bytes()) and "Who came today" in text_of(
            sheet.read_bytes()
        )
    finally:
        supervisor.vault.close()


def test_the_ui_words_every_stored_value_of_a_call() -> None:
    """services.coresponse keeps English labels for the printouts; the screens use ui/coresponse/words.py."""
    assert set(words.SOURCES) == set(CallSource)
    assert set(words.DISPOSITIONS) == set(Disposition)
    assert set(words.CATEGORIES) == set(Category)
    assert set(words.SUBSTANCES) == set(Substance)
    assert {"co-response call", "clinician note", "drug intel"} <= set(vocabulary.TIMELINE_KINDS)


def _met_only_by_the_team(qtbot: QtBot, view: CasesView) -> None:
    """Type the name of the demo's person met only on a co-response call; Enter opens them."""
    qtbot.keyClicks(view.search, "Hale")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.case.person is not None)


def test_someone_met_only_by_the_team_is_found_in_cases_and_their_call_opens_from_the_timeline(
    qtbot: QtBot, clinician: access.SignedIn, ui_settings: QSettings, tmp_path: Path
) -> None:
    view = CasesView(context_for(clinician, ui_settings))
    qtbot.addWidget(view)
    view.resize(*SCREEN)
    view.show()
    _met_only_by_the_team(qtbot, view)

    (found,) = view.results.rows
    assert isinstance(found, coresponse.CallPerson) and found.name == "Robin Hale (sample)"
    assert view.results.data(view.results.index(0, 3)) == "co-response"
    assert view.case.title.text() == "Robin Hale (sample)"
    assert "met on 1 co-response call" in view.case.subtitle.text() and not view.case.card.isVisible()
    assert view.case.timeline.rows[0].kind == "co-response call"
    assert not any(button.isEnabled() for button in view.case.buttons.values())  # no bedside case
    view.grab().save(str(tmp_path / "cases-co-response-person.png"))

    view.case.timeline_table.setFocus()
    view.case.timeline_table.setCurrentIndex(view.case.timeline.index(0, 2))
    qtbot.keyClick(view.case.timeline_table, Qt.Key.Key_Return)  # Enter opens the call

    dialog = view.case.dialog
    assert isinstance(dialog, CallDialog) and dialog.call is not None
    assert "Robin Hale (sample)" in dialog.detail.text() and controls_without_accessible_name(dialog) == []
    assert dialog.amend_button.isEnabled()  # either half of the team amends the call
    assert not dialog.amend_note_button.isEnabled()  # this call has no note of this clinician's
    dialog.reject()


def test_police_open_the_call_of_someone_met_by_the_team_without_the_clinicians_note(
    qtbot: QtBot, demo_dir: Path, ui_settings: QSettings
) -> None:
    detective = _session(demo_dir, demo.DETECTIVE)
    try:
        view = CasesView(context_for(detective, ui_settings))
        qtbot.addWidget(view)
        qtbot.keyClicks(view.search, "Quinlan")  # the demo's survivor with the clinician's note
        qtbot.waitUntil(lambda: view.results.rows != ())
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
        assert view.case.detail is not None
        calls = [i for i, e in enumerate(view.case.timeline.rows) if e.kind == "co-response call"]
        for row in calls:
            view.case.timeline_table.activated.emit(view.case.timeline.index(row, 0))
            dialog = view.case.dialog
            assert isinstance(dialog, CallDialog) and dialog.call is not None
            assert (
                DEMO_NOTE not in dialog.detail.text() and "not shown to police roles" in dialog.detail.text()
            )
            assert not dialog.amend_note_button.isVisible()
            dialog.reject()
    finally:
        detective.vault.close()


def test_an_officer_amends_a_call_by_keys_and_an_unfinished_amendment_is_kept_for_that_call(
    qtbot: QtBot, demo_dir: Path, ui_settings: QSettings, tmp_path: Path
) -> None:
    detective = _session(demo_dir, demo.DETECTIVE)
    try:
        view = CoResponseView(context_for(detective, ui_settings))
        qtbot.addWidget(view)
        view.resize(*SCREEN)
        qtbot.waitUntil(lambda: len(view.model.rows) == 4)
        view.table.selectRow(0)
        call = view.shown
        assert call is not None and view.amend_button.isEnabled()
        view.amend_button.click()
        form = view.amendment
        assert isinstance(form, CallForm) and form.amending == call
        assert controls_without_accessible_name(form) == []
        assert (form.block.text(), form.minutes.value()) == (call.block, call.on_scene_minutes)
        assert not form.person_search.isVisibleTo(form) and not form.note.isVisibleTo(form)
        form.resize(*SCREEN)
        form.grab().save(str(tmp_path / "amend-form.png"))
        form.minutes.setFocus()
        form.minutes.selectAll()
        qtbot.keyClicks(form.minutes, "95")
        qtbot.keyClick(form, Qt.Key.Key_Escape)  # closes, keeps the amendment as a draft
        kept = drafts.latest(detective.uow, detective.actor, coresponse.AMEND_DRAFT_KIND)
        assert kept is not None and kept.payload["call_id"] == str(call.call_id)
        assert coresponse.call_detail(detective.uow, detective.actor, call.call_id) == call  # unchanged

        view.table.selectRow(1)  # another call's amendment does not offer this one's
        view.amend_button.click()
        assert isinstance(view.amendment, CallForm) and not view.amendment.offer.isVisibleTo(view.amendment)
        view.amendment.reject()

        view.table.selectRow(0)
        view.amend_button.click()
        form = view.amendment
        assert isinstance(form, CallForm) and form.offer.isVisibleTo(form)
        form.resume_offered()
        assert form.minutes.value() == 95
        qtbot.keyClick(form.block.edit, Qt.Key.Key_Return)  # Enter in a line field saves

        assert view.shown is not None and view.shown.on_scene_minutes == 95 and view.shown.amended
        assert "Amended since it was recorded" in view.detail.text()
        assert drafts.latest(detective.uow, detective.actor, coresponse.AMEND_DRAFT_KIND) is None
    finally:
        detective.vault.close()


def test_a_clinician_amends_their_own_note_and_it_reads_amended(
    qtbot: QtBot, clinician: access.SignedIn, ui_settings: QSettings
) -> None:
    view = CoResponseView(context_for(clinician, ui_settings))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: len(view.model.rows) == 4)
    row = next(
        row
        for row in range(4)
        if (view.table.selectRow(row), view.shown)[1] is not None
        and view.shown is not None
        and view.shown.clinician_notes
    )
    assert view.amend_note_button.isEnabled(), row
    view.amend_note_button.click()
    dialog = view.amendment
    assert isinstance(dialog, NoteAmendDialog) and controls_without_accessible_name(dialog) == []
    assert dialog.text.toPlainText().startswith(DEMO_NOTE)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.text.setFocus()
    dialog.text.selectAll()
    qtbot.keyClicks(dialog.text, "Invented note, corrected: no plan; crisis stabilisation agreed (sample).")
    qtbot.keyClick(dialog.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves

    assert "Invented note, corrected" in view.detail.text() and "(amended)" in view.detail.text()
    assert view.message.text() == "Amendment saved."
