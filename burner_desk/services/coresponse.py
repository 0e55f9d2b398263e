"""Co-response calls (ACORP, issue 19): recording a call, the clinician's notes, the calls on a person's
timeline, and the pilot's figures.

The call is police's and the program's alike; the clinician's notes are a treatment record of their own
kind (domain.disclosure.CLINICAL_RECORDS) that police roles never read, here or anywhere. A call's person
is one of the same person records the bedside keeps: found by `find_people` or made with the call, so a
repeat contact lands on one timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from uuid import UUID

from burner_desk.domain import coresponse as rules
from burner_desk.domain import disclosure
from burner_desk.domain.coresponse import (
    CallFacts,
    CallSource,
    Category,
    Disposition,
    PilotFigures,
    Substance,
)
from burner_desk.domain.errors import NotFound, NotPermitted, ValidationError
from burner_desk.domain.people import Actor
from burner_desk.domain.permissions import Op, require, require_change
from burner_desk.domain.phone import display_us_phone
from burner_desk.printing import coresponse_report
from burner_desk.services.access import AGENCY
from burner_desk.services.bedside import PersonInput, ReferralView, new_person
from burner_desk.services.disclosure import viewer
from burner_desk.storage.models import ClinicianNote, CoResponseCall, Person, Resource
from burner_desk.storage.outbox import wire_fields
from burner_desk.storage.uow import Transaction, UnitOfWork

DRAFT_KIND = "co_response_call"  # services.drafts kind of the call form
AMEND_DRAFT_KIND = "co_response_call_amendment"  # ... and of an amendment (its payload names the call)
MAX_MATCHES = 20


@dataclass(frozen=True)
class CallInput:
    """One call as the form gives it: an existing person (`person_id`) or a new one (`new_person`)."""

    called_at: datetime
    source: CallSource
    block: str
    officer: str
    clinician: str
    disposition: Disposition
    on_scene_minutes: int
    person_id: UUID | None = None
    new_person: PersonInput | None = None
    officer_cit_trained: bool = False
    categories: frozenset[Category] = frozenset()
    substances: frozenset[Substance] = frozenset()
    actions_taken: str = ""
    arrest_avoided: bool = False
    involuntary_avoided: bool = False
    referral_resource_ids: tuple[UUID, ...] = ()
    clinician_note: str = ""  # a clinician's only; saved as a ClinicianNote with the call


@dataclass(frozen=True)
class ClinicianNoteView:
    note_id: UUID
    at: datetime
    by: str
    note: str
    by_user_id: UUID  # who wrote it: only they amend it (domain.permissions)
    amended: bool = False


@dataclass(frozen=True)
class CallView:
    call_id: UUID
    person_id: UUID
    person_name: str
    called_at: datetime
    within_pilot_hours: bool
    source: CallSource
    block: str
    officer: str
    officer_cit_trained: bool
    clinician: str
    categories: tuple[Category, ...]
    substances: tuple[Substance, ...]
    actions_taken: str
    disposition: Disposition
    arrest_avoided: bool
    involuntary_avoided: bool
    on_scene_minutes: int
    referrals: tuple[ReferralView, ...]
    # The clinician's notes: empty for police roles whatever was written (CLINICAL_RECORDS).
    clinician_notes: tuple[ClinicianNoteView, ...] = ()
    notes_withheld: bool = False  # True: this user's role may not read clinician notes
    amended: bool = False  # changed since it was recorded (each change is audited and synced)


@dataclass(frozen=True)
class PersonMatch:
    person_id: UUID
    name: str
    date_of_birth: date | None
    jurisdiction: str
    phone: str


SOURCE_LABELS = {
    CallSource.DECC_DISPATCH: "DECC dispatch",
    CallSource.FIRST_RESPONDER: "First-responder request",
    CallSource.OUTREACH: "Outreach",
}
DISPOSITION_LABELS = {
    Disposition.RESOLVED_ON_SCENE: "Resolved on scene",
    Disposition.VOLUNTARY_TRANSPORT: "Voluntary transport",
    Disposition.EMERGENCY_CUSTODY_ORDER: "Emergency custody order (ECO)",
    Disposition.TEMPORARY_DETENTION_ORDER: "Temporary detention order (TDO)",
    Disposition.ARREST: "Arrest",
    Disposition.REFERRAL_ONLY: "Referral only",
    Disposition.REFUSED: "Refused services",
}
CATEGORY_LABELS = {
    Category.MENTAL_HEALTH_CRISIS: "Mental-health crisis",
    Category.SUICIDAL: "Suicidal thoughts",
    Category.PSYCHOSIS: "Psychosis",
    Category.DEMENTIA: "Dementia",
    Category.DEVELOPMENTAL: "Developmental disability",
    Category.WELFARE_CHECK: "Welfare check",
    Category.SUBSTANCE_USE: "Substance use",
}
SUBSTANCE_LABELS = {
    Substance.ALCOHOL: "Alcohol",
    Substance.OPIOIDS: "Opioids",
    Substance.STIMULANTS: "Stimulants",
    Substance.CANNABIS: "Cannabis",
    Substance.OTHER: "Other",
}


def record_call(uow: UnitOfWork, actor: Actor, data: CallInput, now: datetime) -> CallView:
    """The call, its new person if any, and the clinician's note if one was written: all saved, or none."""
    require(actor, "co_response_call", Op.INSERT)
    note = rules.CLINICIAN_NOTE.clean(data.clinician_note) if data.clinician_note.strip() else ""
    if note:
        require(actor, "clinician_note", Op.INSERT)
    call = _call_row(data, now)
    with uow.begin(actor) as tx:
        person = _person_for(tx, actor, data, now)
        call.person_id = person.id
        call.referral_resource_ids = [str(row.id) for row in _resources(tx, data.referral_resource_ids)]
        tx.add(call)
        tx.flush()
        tx.record("co_response_call.create", call)
        if note:
            tx.record("clinician_note.create", _add_note(tx, actor, call, note, now))
        return _view(tx, actor, call, person)


def add_clinician_note(uow: UnitOfWork, actor: Actor, call_id: UUID, note: str, now: datetime) -> CallView:
    """A clinician's note on a call, later than the call itself (notes are never changed: a new one is
    written)."""
    require(actor, "clinician_note", Op.INSERT)
    cleaned = rules.CLINICIAN_NOTE.clean(note)
    with uow.begin(actor) as tx:
        call = tx.get(CoResponseCall, call_id)
        tx.record("clinician_note.create", _add_note(tx, actor, call, cleaned, now))
        return _view(tx, actor, call, tx.get(Person, call.person_id))


def amend_call(uow: UnitOfWork, actor: Actor, call_id: UUID, data: CallInput, now: datetime) -> CallView:
    """Correct a saved call: the fields it records, checked as a new call's are, changed where they differ.
    The person stays the call's own (`data.person_id` None or the same; a wrong person is a new call),
    and the clinician's notes are amended on their own (`amend_clinician_note`). Audited and synced as an
    update; nothing changed, nothing recorded."""
    require(actor, "co_response_call", Op.UPDATE)
    corrected = _call_row(data, now)
    with uow.begin(actor) as tx:
        call = tx.get(CoResponseCall, call_id)
        if data.new_person is not None or data.person_id not in (None, call.person_id):
            raise ValidationError(
                "person",
                "a call's person is not changed by amending it: record the call for the right person",
            )
        corrected.referral_resource_ids = [str(row.id) for row in _resources(tx, data.referral_resource_ids)]
        changes = {
            name: (getattr(call, name), getattr(corrected, name))
            for name in AMENDABLE
            if getattr(call, name) != getattr(corrected, name)
        }
        if changes:
            require(actor, "co_response_call", Op.UPDATE, *changes, "amended_at")
            for name, (_old, new) in changes.items():
                setattr(call, name, new)
            call.amended_at = now
            tx.record("co_response_call.update", call)
        return _view(tx, actor, call, tx.get(Person, call.person_id))


def amend_clinician_note(uow: UnitOfWork, actor: Actor, note_id: UUID, note: str, now: datetime) -> CallView:
    """A clinician corrects their own note (a treatment record: only its writer changes it, never police
    or a supervisor). Audited and synced as an update; the note reads "amended" from then on."""
    require(actor, "clinician_note", Op.UPDATE, "note", "amended_at")
    cleaned = rules.CLINICIAN_NOTE.clean(note)
    with uow.begin(actor) as tx:
        row = tx.get(ClinicianNote, note_id)
        if row.note != cleaned:
            require_change(
                actor,
                "clinician_note",
                Op.UPDATE,
                {"note": (row.note, cleaned), "amended_at": (row.amended_at, now)},
                record_id=str(row.id),
                held=wire_fields(row),
            )
            row.note, row.amended_at = cleaned, now
            tx.record("clinician_note.update", row)
        call = tx.get(CoResponseCall, row.call_id)
        return _view(tx, actor, call, tx.get(Person, call.person_id))


def call_detail(uow: UnitOfWork, actor: Actor, call_id: UUID) -> CallView:
    """One call as this user may see it; opening it is a record view and is audited."""
    _require_sees_records(actor)
    with uow.begin(actor) as tx:
        call = tx.get(CoResponseCall, call_id)
        view = _view(tx, actor, call, tx.get(Person, call.person_id))
        tx.record("co_response_call.view", call)
        return view


def recent_calls(uow: UnitOfWork, actor: Actor, limit: int = 100) -> list[CallView]:
    """The newest calls, for the co-response list (clinician notes are read in the call's own view)."""
    _require_sees_records(actor)
    with uow.begin(actor) as tx:
        return [
            _view(tx, actor, call, person, with_notes=False)
            for call, person in tx.co_response.calls(limit=limit)
        ]


def search_calls(uow: UnitOfWork, actor: Actor, query: str, *, today: date | None = None) -> list[CallView]:
    """The calls with the people whose name or phone matches (as `find_people` finds them), newest first:
    the Co-response view's search. Fewer than two characters finds nothing."""
    _require_sees_records(actor)
    with uow.begin(actor) as tx:
        people = _matching_people(tx, actor, query, today)
        if not people:
            return []
        rows = tx.co_response.calls(person_ids=[person.id for person in people])
        return [_view(tx, actor, call, person, with_notes=False) for call, person in rows]


@dataclass(frozen=True)
class CallPerson:
    """Someone met on co-response calls and never at the bedside: a Cases search result of their own."""

    person_id: UUID
    name: str
    jurisdiction: str
    last_call_at: datetime
    calls: int


@dataclass(frozen=True)
class CallPersonDetail:
    person_id: UUID
    name: str
    date_of_birth: date | None
    jurisdiction: str
    phone: str
    calls: tuple[CallView, ...]  # newest first, as `actor` may see them


def call_people(tx: Transaction, actor: Actor, name_part: str, digits: str, limit: int) -> list[CallPerson]:
    """People met on co-response calls whose name holds `name_part` or whose phone holds `digits` (the
    Cases search's key: services.cases). Everyone who may see calls may know them: they met the team."""
    _require_sees_records(actor)
    return [
        CallPerson(person.id, _name(person), person.jurisdiction, last_at, count)
        for person, last_at, count in tx.co_response.people_on_calls(name_part, digits, limit)
    ]


def person_with_calls(uow: UnitOfWork, actor: Actor, person_id: UUID) -> CallPersonDetail:
    """A person met on co-response calls, with every call (the Cases view's timeline of someone never
    met at the bedside); opening it is a record view and is audited."""
    _require_sees_records(actor)
    with uow.begin(actor) as tx:
        person = tx.get(Person, person_id)
        calls = calls_of(tx, actor, person_id)
        if not calls:
            raise NotFound("co-response person", person_id)  # not someone the team met
        tx.record("person.view", person)
        return CallPersonDetail(
            person.id,
            _name(person),
            person.date_of_birth,
            person.jurisdiction,
            display_us_phone(person.phone),
            calls,
        )


def calls_of(tx: Transaction, actor: Actor, person_id: UUID) -> tuple[CallView, ...]:
    """Every call with this person, newest first, as `actor` may see them (the case timeline's)."""
    rows = tx.co_response.calls(person_ids=[person_id])
    return tuple(_view(tx, actor, call, person) for call, person in rows)


def find_people(uow: UnitOfWork, actor: Actor, query: str, *, today: date | None = None) -> list[PersonMatch]:
    """People already on record whose name (every word) or phone matches, for the call form: a repeat
    contact is picked, so their calls and bedside encounters share one timeline."""
    require(actor, "co_response_call", Op.INSERT)  # the call form's search: for those who record calls
    with uow.begin(actor) as tx:
        return [
            PersonMatch(
                person.id,
                _name(person),
                person.date_of_birth,
                person.jurisdiction,
                display_us_phone(person.phone),
            )
            for person in _matching_people(tx, actor, query, today)
        ]


def _matching_people(tx: Transaction, actor: Actor, query: str, today: date | None) -> list[Person]:
    """Name (every word) or phone (four digits or more) matches. The program (a clinician, a social
    worker) finds only people it may know: met on a co-response call, or whose consent shares their
    contact details with the program (domain.disclosure)."""
    words = query.split()
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(query.strip()) < 2 or (digits and len(digits) < 4):
        return []
    people = tx.co_response.people_like(words if not digits else [], digits, MAX_MATCHES)
    if disclosure.is_police(actor.role):
        return list(people)
    ids = {person.id for person in people}
    seen_by = viewer(tx, actor, ids, today or datetime.now().astimezone().date())
    known = tx.co_response.people_with_calls(ids) | {
        person_id
        for person_id in ids
        if seen_by.contact_sharing(person_id, burner_phone_issued=False).contact_info
    }
    return [person for person in people if person.id in known]


def co_response_figures(
    uow: UnitOfWork, period: tuple[date, date], *, tz: tzinfo | None = None
) -> PilotFigures:
    """The pilot's figures for the local days [start, end) (`tz`: the laptop's own zone unless given).
    Aggregates only: no person, no clinician note. The Program view and `metrics --json` ("co_response")
    show them; `coresponse-report` prints them."""
    start, end = period
    if end <= start:
        raise ValidationError("period", "the period must end after it starts")
    zone = tz or datetime.now().astimezone().tzinfo
    # The 90 days before the period too: an earlier call there makes a call in the period a repeat.
    since = datetime.combine(start, time(), zone) - rules.REPEAT_WINDOW
    until = datetime.combine(end, time(), zone)
    with uow.begin() as tx:
        facts = [
            CallFacts(
                person_id=call.person_id,
                local=call.called_at.astimezone(zone),
                source=CallSource(call.source),
                disposition=Disposition(call.disposition),
                arrest_avoided=call.arrest_avoided,
                involuntary_avoided=call.involuntary_avoided,
                on_scene_minutes=call.on_scene_minutes,
                cit_trained=call.officer_cit_trained,
            )
            for call, _ in tx.co_response.calls(since=since, until=until)
        ]
    return rules.pilot_figures(start, end, facts)


def monthly_report(
    uow: UnitOfWork,
    actor: Actor,
    month: str,
    lang: str = "en",
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> bytes:
    """The pilot's report for a month ("2026-11") as PDF bytes; it takes figures out of the vault, so it is
    audited (the subject is the month, in the outcome; no record content)."""
    period = rules.month_period(month)
    figures = co_response_figures(uow, period, tz=tz)
    with uow.begin(actor) as tx:
        agency = tx.settings.get(AGENCY)
        tx.record("co_response.report", entity="co_response_call", outcome=f"{period[0]:%Y-%m}/{lang}")
    today = (now or datetime.now().astimezone()).astimezone(tz).date()
    return coresponse_report.build(coresponse_report.CoResponseReport(figures, agency, today), lang)


# --- helpers --------------------------------------------------------------------------------------


def _require_sees_records(actor: Actor) -> None:
    if not disclosure.sees_records(actor.role):
        raise NotPermitted(
            "The Opioid Coordinator sees the pilot's figures, not its calls or the people met."
        )


# What amending a call may change: every field the form records, never its person (see amend_call).
AMENDABLE = (
    "called_at",
    "source",
    "block",
    "officer",
    "officer_cit_trained",
    "clinician",
    "categories",
    "substances",
    "actions_taken",
    "disposition",
    "arrest_avoided",
    "involuntary_avoided",
    "on_scene_minutes",
    "referral_resource_ids",
)


def _call_row(data: CallInput, now: datetime) -> CoResponseCall:
    """The call's own fields, checked before the transaction."""
    if data.called_at.tzinfo is None:
        raise ValidationError("called_at", "the call's time needs its time zone")
    if data.called_at > now + rules.FUTURE_SLACK:
        raise ValidationError("called_at", "the call cannot be in the future")
    rules.check_diversions(
        data.disposition, arrest_avoided=data.arrest_avoided, involuntary_avoided=data.involuntary_avoided
    )
    return CoResponseCall(
        called_at=data.called_at,
        source=CallSource(data.source).value,
        block=rules.block_level(data.block),
        officer=rules.OFFICER.clean(data.officer),
        officer_cit_trained=data.officer_cit_trained,
        clinician=rules.CLINICIAN.clean(data.clinician),
        categories=sorted(Category(c).value for c in data.categories),
        substances=sorted(Substance(s).value for s in data.substances),
        actions_taken=rules.ACTIONS.clean(data.actions_taken),
        disposition=Disposition(data.disposition).value,
        arrest_avoided=data.arrest_avoided,
        involuntary_avoided=data.involuntary_avoided,
        on_scene_minutes=rules.check_on_scene(data.on_scene_minutes),
    )


def _person_for(tx: Transaction, actor: Actor, data: CallInput, now: datetime) -> Person:
    if (data.person_id is None) == (data.new_person is None):
        raise ValidationError("person", "pick the person from the records, or enter a new one")
    if data.person_id is not None:
        return tx.get(Person, data.person_id)
    assert data.new_person is not None
    require(actor, "person", Op.INSERT)
    person = tx.add(new_person(data.new_person, now.date()))
    tx.flush()
    tx.record("person.create", person)
    return person


def _resources(tx: Transaction, ids: Sequence[UUID]) -> list[Resource]:
    try:
        return [tx.get(Resource, resource_id) for resource_id in dict.fromkeys(ids)]
    except NotFound:
        raise ValidationError(
            "referrals", "a program picked is no longer in the resource directory"
        ) from None


def _add_note(tx: Transaction, actor: Actor, call: CoResponseCall, note: str, now: datetime) -> ClinicianNote:
    row = tx.add(
        ClinicianNote(call_id=call.id, person_id=call.person_id, at=now, by_user_id=actor.user_id, note=note)
    )
    tx.flush()
    return row


def _view(
    tx: Transaction, actor: Actor, call: CoResponseCall, person: Person, *, with_notes: bool = True
) -> CallView:
    shown = disclosure.clinical_record_shown(actor.role)
    notes: tuple[ClinicianNoteView, ...] = ()
    if shown and with_notes:
        names = {user.id: user.display_name for user in tx.people.users()}
        notes = tuple(
            ClinicianNoteView(
                row.id,
                row.at,
                names.get(row.by_user_id, "a former user"),
                row.note,
                row.by_user_id,
                amended=row.amended_at is not None,
            )
            for row in tx.co_response.notes([call.id])
        )
    referred = []
    for resource_id in call.referral_resource_ids:
        try:
            referred.append(ReferralView.of(tx.get(Resource, UUID(str(resource_id)))))
        except (NotFound, ValueError):
            continue  # a program since removed from the directory (or not pulled yet)
    return CallView(
        call_id=call.id,
        person_id=person.id,
        person_name=_name(person),
        called_at=call.called_at,
        within_pilot_hours=rules.within_pilot_hours(call.called_at.astimezone()),
        source=CallSource(call.source),
        block=call.block,
        officer=call.officer,
        officer_cit_trained=call.officer_cit_trained,
        clinician=call.clinician,
        categories=tuple(Category(c) for c in call.categories),
        substances=tuple(Substance(s) for s in call.substances),
        actions_taken=call.actions_taken,
        disposition=Disposition(call.disposition),
        arrest_avoided=call.arrest_avoided,
        involuntary_avoided=call.involuntary_avoided,
        on_scene_minutes=call.on_scene_minutes,
        referrals=tuple(referred),
        clinician_notes=notes,
        notes_withheld=not shown,
        amended=call.amended_at is not None,
    )


def _name(person: Person) -> str:
    return f"{person.given_name} {person.family_name}"
