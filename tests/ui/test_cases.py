"""The Cases view over the demo vault: search as you type, Enter opens, each action lands in the timeline."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDateTime, QSettings, Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QLabel
from pytestqt.qtbot import QtBot

from burner_desk.domain.followup import AttemptOutcome, Channel, FollowUpState, Ride, TeamRole
from burner_desk.domain.people import Language
from burner_desk.services import access, demo
from burner_desk.ui.cases import actions
from burner_desk.ui.cases.cases_view import CasesView
from burner_desk.ui.context import ChangeBus, ViewContext
from burner_desk.ui.i18n import UiLanguage
from burner_desk.ui.main.main_window import MainWindow
from burner_desk.ui.printing.print_dialog import PrintDialog
from burner_desk.ui.tasks import InlineTasks
from burner_desk.ui.today.today_view import TodayView
from tests.ui.helpers import controls_without_accessible_name, pop_ups
from tests.ui.test_today import context_for, open_demo

TANAKA = "Morgan Tanaka (sample)"  # demo case 6: resident, burner BD-S006, personal phone held
TANAKA_SERIAL = 6
CASEY = "Casey Nguyen, LCSW (sample)"  # the demo vault's social worker


@pytest.fixture
def demo_session(tmp_path: Path) -> Iterator[access.SignedIn]:
    session = open_demo(tmp_path / "demo")
    yield session
    session.vault.close()


@pytest.fixture
def view(qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings) -> CasesView:
    cases_view = CasesView(context_for(demo_session, ui_settings))
    qtbot.addWidget(cases_view)
    return cases_view


def _search(qtbot: QtBot, view: CasesView, query: str) -> None:
    view.search.clear()
    qtbot.keyClicks(view.search, query)
    qtbot.waitUntil(lambda: view.results.rows != () and view.search_status.text().endswith(("case", "cases")))


def _open(qtbot: QtBot, view: CasesView, query: str = "Tanaka") -> None:
    _search(qtbot, view, query)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # Enter opens the first result
    assert view.case.detail is not None


def _audit(session: access.SignedIn) -> list[str]:
    with session.uow.begin() as tx:
        return [action for action, _entity, _outcome in tx.audit_trail()]


def _moment_of(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


def _timeline(view: CasesView) -> list[str]:
    """Each entry's kind, and its details as the table shows them."""
    model = view.case.timeline
    return [f"{entry.kind}: {model.index(row, 2).data()}" for row, entry in enumerate(model.rows)]


def _act(qtbot: QtBot, view: CasesView, button: str, fill: Callable[[Any], None]) -> QDialog:
    assert view.case.buttons[button].isEnabled()
    qtbot.mouseClick(view.case.buttons[button], Qt.MouseButton.LeftButton)
    dialog = view.case.dialog
    assert dialog is not None and dialog.isVisible()
    assert controls_without_accessible_name(dialog) == []
    labels = [label for label in dialog.findChildren(QLabel) if label.text() and label.isVisible()]
    qtbot.waitUntil(lambda: all(label.width() >= label.minimumSizeHint().width() for label in labels))
    fill(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    return dialog


@pytest.mark.parametrize(
    "query",
    [
        lambda _device: "Tanaka",
        lambda _device: "(703) 555-0116",
        lambda _device: demo.sample_imei(TANAKA_SERIAL, personal=True),
        lambda device: demo.sample_receipt_no(device, TANAKA_SERIAL),  # each demo laptop has its own
        lambda _device: "BD-S006",
    ],
    ids=["name", "phone", "personal IMEI", "receipt no.", "burner tag"],
)
def test_search_finds_the_right_case_as_you_type(
    qtbot: QtBot, view: CasesView, demo_session: access.SignedIn, query: Callable[[uuid.UUID], str]
) -> None:
    _search(qtbot, view, query(demo_session.actor.device_id))
    assert [row.person_name for row in view.results.rows] == [TANAKA]
    assert view.search_status.text() == "1 case"


def test_enter_in_search_opens_the_first_result_with_its_whole_timeline(
    qtbot: QtBot, view: CasesView, demo_session: access.SignedIn, qtmodeltester
) -> None:
    _open(qtbot, view)
    assert view.case.title.text() == TANAKA
    kinds = [entry.kind for entry in view.case.timeline.rows]
    for kind in ("incident", "encounter", "consent", "swap", "bag", "handout", "referral"):
        assert kind in kinds, kind
    assert kinds[0] == "incident"
    assert _audit(demo_session)[-1] == "case.view"
    qtmodeltester.check(view.results)
    qtmodeltester.check(view.case.timeline)
    assert controls_without_accessible_name(view) == []


def test_a_short_query_finds_nothing_and_says_why(qtbot: QtBot, view: CasesView) -> None:
    qtbot.keyClicks(view.search, "Ta")
    qtbot.waitUntil(lambda: not view._debounce.isActive())
    assert view.results.rows == ()
    assert view.search_status.text() == "Type at least 3 characters."


class HeldTasks(InlineTasks):
    """Runs DB work only when the test says, in the order it says: a slow query finishing last."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[Callable[[], Any], Callable[[Any], None] | None]] = []

    def run_db(self, fn: Callable[[], Any], on_done: Any = None, on_error: Any = None) -> None:
        self.held.append((fn, on_done))

    def release(self, position: int) -> None:
        fn, on_done = self.held.pop(position)
        if on_done is not None:
            on_done(fn())


def test_results_of_an_older_query_are_dropped(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings
) -> None:
    tasks = HeldTasks()
    view = CasesView(ViewContext(demo_session, tasks, ChangeBus(), ui_settings))
    qtbot.addWidget(view)
    view.search.setText("Quinlan")
    view.run_search()
    view.search.setText("Tanaka")
    view.run_search()
    tasks.release(1)  # the newer query answers first
    tasks.release(0)  # then the older, slower one
    assert [row.person_name for row in view.results.rows] == [TANAKA]


def test_return_the_personal_phone_records_custody_and_shows_in_the_timeline(
    qtbot: QtBot, view: CasesView, demo_session: access.SignedIn
) -> None:
    _open(qtbot, view)
    written = len(_audit(demo_session))
    announced: list[frozenset[str]] = []
    view._context.changes.changed.connect(announced.append)

    def receiver(dialog: actions.ReturnPersonalPhoneDialog) -> None:
        dialog.received_by.edit.clear()

    refused = _act(qtbot, view, "return_phone", receiver)
    assert refused.isVisible()  # empty "received by": refused beside the field, nothing written
    assert refused.received_by.error.isVisible()  # type: ignore[attr-defined]
    assert len(_audit(demo_session)) == written
    assert pop_ups() == []

    qtbot.keyClicks(refused.received_by.edit, "Pat Tanaka (sample)")  # type: ignore[attr-defined]
    qtbot.mouseClick(refused.save_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert not refused.isVisible()
    assert _audit(demo_session)[-3:-1] == ["phone_swap.return", "custody_event.returned"]
    # What the save wrote, once; the case it reloads then is a read and announces nothing.
    assert announced == [frozenset({"phone_swap", "custody_event", "outbox"})]
    assert any(
        line.startswith("custody: Personal phone returned")
        and line.endswith("received by Pat Tanaka (sample)")
        for line in _timeline(view)
    )
    assert not view.case.buttons["return_phone"].isEnabled()


def test_burner_lost_is_marked_in_inventory(
    qtbot: QtBot, view: CasesView, demo_session: access.SignedIn
) -> None:
    _open(qtbot, view)
    _act(qtbot, view, "burner", lambda dialog: dialog.lost.setChecked(True))
    assert _audit(demo_session)[-2:] == ["burner_phone.lost", "case.view"]
    assert any(
        line.startswith("swap: Burner phone BD-S006") and line.endswith("now lost")
        for line in _timeline(view)
    )


@pytest.fixture
def social_worker_view(qtbot: QtBot, tmp_path: Path, ui_settings: QSettings) -> Iterator[CasesView]:
    session = open_demo(tmp_path / "demo", demo.SOCIAL_WORKER)
    cases_view = CasesView(context_for(session, ui_settings))
    qtbot.addWidget(cases_view)
    yield cases_view
    session.vault.close()


def test_contact_attempt_at_the_time_it_happened_then_the_outcome(
    qtbot: QtBot, social_worker_view: CasesView
) -> None:
    view = social_worker_view
    session = view._context.signed_in
    _open(qtbot, view)
    an_hour_ago = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)

    def attempt(dialog: actions.ContactAttemptDialog) -> None:
        assert abs(dialog.when.dateTime().toSecsSinceEpoch() - datetime.now(UTC).timestamp()) < 60  # now
        dialog.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(an_hour_ago.timestamp())))
        dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.TEXT))
        dialog.outcome.setCurrentIndex(dialog.outcome.findData(AttemptOutcome.INTAKE_SCHEDULED))
        dialog.note.setPlainText("intake Thursday at 10")

    _act(qtbot, view, "attempt", attempt)
    assert _audit(session)[-2:] == ["contact_attempt.create", "case.view"]
    assert "contact attempt: Text message: intake scheduled — intake Thursday at 10" in _timeline(view)
    assert view.case.detail is not None and view.case.detail.follow_up is not None
    assert view.case.detail.contact_attempts[-1].at == an_hour_ago
    assert view.case.detail.follow_up.state is FollowUpState.REACHED
    assert view.case.card.text("follow_up").startswith("reached, due ")

    def engaged(dialog: actions.FollowUpOutcomeDialog) -> None:
        dialog.outcome.setCurrentIndex(dialog.outcome.findData(FollowUpState.ENGAGED))

    _act(qtbot, view, "outcome", engaged)
    assert _audit(session)[-2:] == ["follow_up.update", "case.view"]
    assert _timeline(view)[-1] == "follow-up: Follow-up engaged"
    assert not view.case.buttons["attempt"].isEnabled()  # a closed follow-up takes no more attempts


def test_an_attempt_in_the_future_is_refused_beside_when(qtbot: QtBot, social_worker_view: CasesView) -> None:
    view = social_worker_view
    _open(qtbot, view)
    qtbot.mouseClick(view.case.buttons["attempt"], Qt.MouseButton.LeftButton)
    dialog = view.case.dialog
    assert isinstance(dialog, actions.ContactAttemptDialog)
    in_an_hour = datetime.now(UTC) + timedelta(hours=1)
    dialog.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(in_an_hour.timestamp())))
    assert _moment_of(dialog.when) <= datetime.now(UTC) + timedelta(minutes=1)  # the edit stops at now
    dialog.when.setMaximumDateTime(QDateTime.fromSecsSinceEpoch(int(in_an_hour.timestamp()) + 60))
    dialog.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(in_an_hour.timestamp())))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.fields["at"].error.text() == "A contact attempt cannot be in the future."
    assert pop_ups() == []


def test_survivor_called_first_moves_the_outcome_to_reached(
    qtbot: QtBot, social_worker_view: CasesView
) -> None:
    view = social_worker_view
    _open(qtbot, view)

    def called(dialog: actions.ContactAttemptDialog) -> None:
        assert dialog.outcome.currentData() == AttemptOutcome.NO_ANSWER
        dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.SURVIVOR_CALLED_IN))
        assert dialog.outcome.currentData() == AttemptOutcome.REACHED

    _act(qtbot, view, "attempt", called)
    assert view.case.detail is not None and view.case.detail.follow_up is not None
    assert view.case.detail.follow_up.state is FollowUpState.REACHED  # the 48-hour clock stopped
    assert view.case.card.text("follow_up").startswith("reached, due ")
    assert "min)" not in view.case.card.text("follow_up")  # no countdown once reached


def test_a_detective_records_reaching_someone_not_a_treatment_outcome(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    session = open_demo(tmp_path / "demo", demo.DETECTIVE)
    try:
        view = CasesView(context_for(session, ui_settings))
        qtbot.addWidget(view)
        _open(qtbot, view)
        qtbot.mouseClick(view.case.buttons["attempt"], Qt.MouseButton.LeftButton)
        dialog = view.case.dialog
        assert isinstance(dialog, actions.ContactAttemptDialog)
        offered = {dialog.outcome.itemData(i) for i in range(dialog.outcome.count())}
        assert offered == {
            AttemptOutcome.NO_ANSWER,
            AttemptOutcome.WRONG_NUMBER,
            AttemptOutcome.REACHED,
            AttemptOutcome.UNREACHABLE,
        }
        dialog.reject()
        qtbot.mouseClick(view.case.buttons["outcome"], Qt.MouseButton.LeftButton)
        dialog = view.case.dialog
        assert isinstance(dialog, actions.FollowUpOutcomeDialog)
        assert {dialog.outcome.itemData(i) for i in range(dialog.outcome.count())} == {
            FollowUpState.UNREACHABLE,
            FollowUpState.CLOSED,
        }
    finally:
        session.vault.close()


def test_schedule_a_home_visit_against_the_target_then_record_it(
    qtbot: QtBot, social_worker_view: CasesView, tmp_path: Path
) -> None:
    view = social_worker_view
    session = view._context.signed_in
    _open(qtbot, view)
    assert not view.case.buttons["record_visit"].isEnabled()

    def plan(dialog: actions.ScheduleHomeVisitDialog) -> None:
        assert (
            dialog.target.text().endswith("(passed: go as soon as you can)")
            or " (in " in dialog.target.text()
        )
        assert dialog.address.text() == "6 Example Lane (sample)"  # the survivor's, from the case
        assert (
            dialog.visit_row.hint is not None and dialog.visit_row.hint.text() == "Before the 48-hour target"
        )
        qtbot.keyClicks(dialog.team.lines[TeamRole.POLICE], "Det. Jordan Lee")
        qtbot.keyClicks(dialog.team.lines[TeamRole.TREATMENT], "Casey Nguyen")
        qtbot.keyClicks(dialog.team.lines[TeamRole.PEER_SUPPORT], "Sam Ortiz")
        dialog.adjustSize()
        assert dialog.grab().save(str(tmp_path / "schedule-visit.png"))

    _act(qtbot, view, "schedule_visit", plan)
    assert _audit(session)[-2:] == ["home_visit.create", "case.view"]
    assert (
        "home visit: Home visit scheduled at 6 Example Lane (sample) with Det. Jordan Lee (police), "
        "Casey Nguyen (treatment staff), Sam Ortiz (peer support specialist)"
    ) in _timeline(view)

    def done(dialog: actions.RecordHomeVisitDialog) -> None:
        assert dialog.team.lines[TeamRole.POLICE].text() == "Det. Jordan Lee"
        qtbot.keyClicks(dialog.people_met.edit, "the survivor and their sibling")
        qtbot.keyClicks(dialog.trained.edit, "the sibling")
        dialog.rides[Ride.GIVEN].setChecked(True)

    _act(qtbot, view, "record_visit", done)
    assert _audit(session)[-2:] == ["home_visit.update", "case.view"]
    assert any(
        line.startswith("home visit: Home visit done at 6 Example Lane (sample) by Det. Jordan Lee (police)")
        and line.endswith(
            "met the survivor and their sibling; naloxone training to the sibling; ride to treatment given"
        )
        for line in _timeline(view)
    )
    assert not view.case.buttons["record_visit"].isEnabled()


def test_a_visit_without_a_team_is_refused_beside_the_team(
    qtbot: QtBot, social_worker_view: CasesView
) -> None:
    view = social_worker_view
    _open(qtbot, view)
    dialog = _act(qtbot, view, "schedule_visit", lambda _dialog: None)
    assert dialog.isVisible()
    assert dialog.fields["team"].error.text() == "Name from 1 to 10 team members."  # type: ignore[attr-defined]
    assert pop_ups() == []


def test_the_contact_card_says_whom_to_call_and_how(qtbot: QtBot, social_worker_view: CasesView) -> None:
    view = social_worker_view
    _open(qtbot, view, "Moreno")  # demo case 2: Spanish, burner BD-S002, assigned to Casey, overdue
    card = view.case.card
    burner = view.case.detail.burner_phone  # type: ignore[union-attr]
    assert burner is not None
    assert card.text("call_on") == (
        f"burner {burner.phone_number} · own phone (703) 555-0112 · speaks Spanish"
    )
    assert card.text("address") == "2 Example Lane (sample)"
    assert (
        card.text("family") == "Pat Moreno (sample), sibling · (703) 555-0182 · Spanish · agrees to be called"
    )
    assert "(overdue " in card.text("follow_up")
    assert card.text("follow_up").endswith(f" · {CASEY} has the call")
    receipt = demo.sample_receipt_no(view._context.signed_in.actor.device_id, 2)  # demo case 2
    assert card.text("personal_phone") == f"held, receipt {receipt}"
    assert not view.case.buttons["take"].isEnabled()  # already Casey's
    assert controls_without_accessible_name(view) == []


def test_a_social_worker_takes_the_call_from_the_case(qtbot: QtBot, social_worker_view: CasesView) -> None:
    view = social_worker_view
    _open(qtbot, view)  # Tanaka: nobody has the call yet
    assert view.case.card.text("follow_up").endswith(" · nobody has the call yet")
    qtbot.mouseClick(view.case.buttons["take"], Qt.MouseButton.LeftButton)
    assert view.case.card.text("follow_up").endswith(f" · {CASEY} has the call")
    assert not view.case.buttons["take"].isEnabled()


def test_a_detective_sees_a_closed_case_without_the_programs_records(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    """Quinlan entered treatment, and the demo consents do not share outcomes with police."""
    session = open_demo(tmp_path / "demo", demo.DETECTIVE)
    try:
        view = CasesView(context_for(session, ui_settings))
        qtbot.addWidget(view)
        view.resize(1366 - 200, 768 - 150)
        view.show()
        _open(qtbot, view, "Quinlan")
        assert view.grab().save(str(tmp_path / "case-detective.png"))
        assert view.results.rows[0].follow_up_state is FollowUpState.CLOSED
        assert (
            view.case.card.text("follow_up") == "closed (the consent does not share the outcome with police)"
        )
        timeline = "\n".join(_timeline(view))
        assert "contact attempt" not in timeline and "treatment" not in timeline.replace(
            "Treatment Program", ""
        )
        assert "follow-up: Follow-up closed" in timeline
    finally:
        session.vault.close()


def test_case_timeline_at_1366_by_768(qtbot: QtBot, view: CasesView, tmp_path: Path) -> None:
    view.resize(1366 - 200, 768 - 150)
    view.show()
    _open(qtbot, view, "Quinlan")  # the demo case with attempts, custody and a closed follow-up
    qtbot.wait(10)  # let the posted layout requests run, as the event loop would before painting
    assert view.case.subtitle.height() >= view.case.subtitle.sizeHint().height()
    assert view.grab().save(str(tmp_path / "case.png"))


def test_clock_is_the_contexts(demo_session: access.SignedIn, ui_settings: QSettings, qtbot: QtBot) -> None:
    fixed = datetime(2030, 1, 1, tzinfo=UTC)
    view = CasesView(context_for(demo_session, ui_settings, lambda: fixed))
    qtbot.addWidget(view)
    _open(qtbot, view)
    _act(qtbot, view, "attempt", lambda _dialog: None)
    assert view.case.detail is not None
    assert view.case.detail.contact_attempts[-1].at == fixed


def test_print_opens_the_print_dialog_for_this_case(qtbot: QtBot, view: CasesView) -> None:
    _open(qtbot, view)
    qtbot.mouseClick(view.case.buttons["print"], Qt.MouseButton.LeftButton)
    dialog = view.case.dialog
    assert isinstance(dialog, PrintDialog) and dialog.isVisible()
    dialog.reject()


def test_the_case_names_the_jurisdiction_as_people_write_it(qtbot: QtBot, view: CasesView) -> None:
    _open(qtbot, view, "Brennan")  # stored as "prince george's"
    assert view.case.subtitle.text().startswith("Prince George's County, MD · encounter ")


@pytest.mark.parametrize("language", [Language.EN, Language.ES])
def test_every_result_column_is_readable_at_1366_by_768(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings, tmp_path: Path, language: Language
) -> None:
    shown_in = UiLanguage()
    shown_in.apply(language)
    try:
        view = CasesView(context_for(demo_session, ui_settings))
        qtbot.addWidget(view)
        view.resize(1366 - 200, 768 - 150)  # what the main window leaves for a view beside the side bar
        view.show()
        qtbot.keyClicks(view.search, "sample")  # every demo case, "engaged" and "reached" among the states
        qtbot.waitUntil(lambda: len(view.results.rows) > 5)
        qtbot.keyClick(view.search, Qt.Key.Key_Return)  # the first case opens: its buttons take their room
        qtbot.waitUntil(lambda: view.case.detail is not None)
        table = view.results_table
        qtbot.wait(10)  # let the posted layout requests run, as the event loop would before painting
        assert view.grab().save(str(tmp_path / "results.png"))
        assert not table.horizontalScrollBar().isVisible()
        for column in range(1, view.results.columnCount()):  # the person's name may give way, elided
            needed = max(table.sizeHintForColumn(column), table.horizontalHeader().sectionSizeHint(column))
            assert table.columnWidth(column) >= needed, view.results.headerData(
                column, Qt.Orientation.Horizontal
            )
        # ...but not to a few letters: "Sky Brennan (s…" still names someone.
        assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance("Sky Brennan (s…")
    finally:
        shown_in.apply(Language.EN)


def test_assign_the_follow_up_to_a_social_worker_shows_in_the_case_and_today(
    qtbot: QtBot, view: CasesView, demo_session: access.SignedIn, ui_settings: QSettings
) -> None:
    _open(qtbot, view)
    assert view.case.card.text("follow_up").endswith(" · nobody has the call yet")

    def casey(dialog: actions.AssignFollowUpDialog) -> None:
        assert [dialog.assignee.itemText(i) for i in range(dialog.assignee.count())] == [CASEY]

    _act(qtbot, view, "assign", casey)
    assert _audit(demo_session)[-2:] == ["follow_up.assign", "case.view"]
    assert view.case.card.text("follow_up").endswith(f" · {CASEY} has the call")
    today = TodayView(context_for(demo_session, ui_settings))
    qtbot.addWidget(today)
    assert {row.person_name: row.assignee for row in today.calls.rows}[TANAKA] == CASEY


def test_a_detective_is_offered_the_call_but_not_the_stock(
    qtbot: QtBot, tmp_path: Path, ui_settings: QSettings
) -> None:
    session = open_demo(tmp_path / "demo", demo.DETECTIVE)
    try:
        view = CasesView(context_for(session, ui_settings))
        qtbot.addWidget(view)
        _open(qtbot, view)  # its burner phone is issued: a supervisor could mark it returned or lost
        buttons = view.case.buttons
        assert buttons["attempt"].isEnabled() and buttons["print"].isEnabled()
        # a burner phone's status is the supervisor's but for issuing it (domain.permissions)
        assert not buttons["burner"].isEnabled()
    finally:
        session.vault.close()


def test_wrapped_timeline_rows_are_never_cut_off_in_the_main_window(
    qtbot: QtBot, demo_session: access.SignedIn, ui_settings: QSettings, tmp_path: Path
) -> None:
    """Opened in the main window at 1366×768, the long timeline brings in its scroll bar, which narrows
    the details column after the rows were fitted: they are fitted again."""
    window = MainWindow(demo_session, InlineTasks(), ui_settings)
    qtbot.addWidget(window, before_close_func=lambda widget: widget.dismiss())
    window.resize(1366, 768)
    window.show()
    window.view_actions["cases"].trigger()
    view = window.view("cases")
    assert isinstance(view, CasesView)
    _open(qtbot, view, "Quinlan")
    table = view.case.timeline_table
    qtbot.waitUntil(table.verticalScrollBar().isVisible)
    qtbot.waitUntil(
        lambda: all(
            table.rowHeight(row) >= table.sizeHintForRow(row) for row in range(table.model().rowCount())
        )
    )
    assert window.grab().save(str(tmp_path / "case.png"))
