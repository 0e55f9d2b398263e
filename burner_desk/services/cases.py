"""Finding a case (by name, phone, IMEI or property receipt) and reading it whole."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from uuid import UUID

from burner_desk.domain import text
from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.disclosure import EVERYTHING, ContactSharing
from burner_desk.domain.followup import FollowUpState
from burner_desk.domain.people import Actor, Language
from burner_desk.domain.phone import display_us_phone
from burner_desk.domain.residency import Branch, branch_for
from burner_desk.services import coresponse
from burner_desk.services.bedside import ReferralView
from burner_desk.services.custody import CustodyEventView, PersonalPhoneView
from burner_desk.services.disclosure import NAME_NOT_SHARED, Viewer, viewer
from burner_desk.services.drug_intel import DrugIntelView
from burner_desk.services.followup import UNASSIGNED, ContactAttemptView, FollowUpView, HomeVisitView
from burner_desk.services.inventory import BurnerPhoneView, RecoveryBagView
from burner_desk.storage.models import Encounter
from burner_desk.storage.repositories import CaseLine, CaseSearch
from burner_desk.storage.uow import Transaction, UnitOfWork

# Phone numbers and IMEIs are indexed as bare digits, so "(703) 555-0123" and "703.555.0123" match alike.
NUMBER_CHARS = frozenset("0123456789 ()-+./")
SURVIVOR = "survivor"  # who a handout went to, when not a family member
A_FAMILY_MEMBER = "a family member"  # ... when the program may not know who (domain.disclosure)
MIN_QUERY = CaseSearch.MIN_QUERY  # shorter queries find nothing; the search box says so


@dataclass(frozen=True)
class CaseSummary:
    encounter_id: UUID
    person_name: str
    jurisdiction: str
    branch: Branch
    started_at: datetime
    follow_up_state: FollowUpState | None
    follow_up_due_at: datetime | None
    property_receipt_no: str | None
    burner_asset_tag: str | None
    personal_phone_returned: bool
    identified: bool = True  # False: the program may not know who this is (services.disclosure)
    person_id: UUID | None = None

    @staticmethod
    def of(seen_by: Viewer, line: CaseLine) -> CaseSummary:
        issued = line.burner_asset_tag is not None
        return CaseSummary(
            encounter_id=line.encounter_id,
            person_name=seen_by.name(
                line.person_id, line.given_name, line.family_name, burner_phone_issued=issued
            ),
            jurisdiction=line.jurisdiction,
            branch=branch_for(line.jurisdiction),
            started_at=line.started_at,
            follow_up_state=seen_by.state(line.person_id, FollowUpState(line.follow_up_state))
            if line.follow_up_state
            else None,
            follow_up_due_at=line.follow_up_due_at,
            property_receipt_no=line.property_receipt_no,
            burner_asset_tag=line.burner_asset_tag,
            personal_phone_returned=line.personal_phone_returned_at is not None,
            identified=seen_by.contact_sharing(line.person_id, burner_phone_issued=issued).contact_info,
            person_id=line.person_id,
        )


@dataclass(frozen=True)
class PersonView:
    id: UUID
    given_name: str
    family_name: str
    date_of_birth: date | None
    preferred_language: Language
    phone: str
    address: str
    jurisdiction: str


@dataclass(frozen=True)
class IncidentView:
    occurred_at: datetime
    address: str
    latitude: float | None
    longitude: float | None
    naloxone_doses: int
    suspected_substance: str
    responding_agency: str
    odmap_reported: bool


@dataclass(frozen=True)
class ConsentView:
    scopes: frozenset[ConsentScope]
    signed_how: SignedHow
    discloser: str
    recipient: str
    purpose: str
    form_number: str
    has_signature: bool
    signed_at: datetime | None
    expires_on: date | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class FamilyContactView:
    id: UUID
    name: str
    relationship: str
    phone: str
    language: Language
    consent_to_contact: bool


@dataclass(frozen=True)
class HandoutGivenView:
    code: str
    title: str
    language: Language
    quantity: int
    given_to: str  # the survivor, or the family member's name


@dataclass(frozen=True)
class CaseDetail:
    summary: CaseSummary
    person: PersonView
    incident: IncidentView | None
    hospital: str
    detective_id: UUID
    consents: tuple[ConsentView, ...]
    personal_phone: PersonalPhoneView | None
    custody: tuple[CustodyEventView, ...]
    burner_phone: BurnerPhoneView | None
    recovery_bag: RecoveryBagView | None
    family_contacts: tuple[FamilyContactView, ...]
    handouts_given: tuple[HandoutGivenView, ...]
    referrals: tuple[ReferralView, ...]
    follow_up: FollowUpView | None
    contact_attempts: tuple[ContactAttemptView, ...]
    home_visits: tuple[HomeVisitView, ...]
    assignee_name: str = UNASSIGNED  # the social worker the follow-up is assigned to
    # What of the survivor this user sees (domain.disclosure): the program sees the name, phone, address
    # and family only as far as the consent shares them; they read "" (or NAME_NOT_SHARED) otherwise.
    contact_sharing: ContactSharing = EVERYTHING
    outcome_shared: bool = True  # False: police, and the follow-up's outcome and program records withheld
    drug_intel: tuple[DrugIntelView, ...] = ()  # police only (domain.disclosure.POLICE_ONLY_RECORDS)
    # The survivor's co-response calls, from any time (a repeat contact is on the same timeline); their
    # clinician notes only for roles that may read them (services.coresponse).
    co_response_calls: tuple[coresponse.CallView, ...] = ()


def find_cases(
    uow: UnitOfWork, actor: Actor, query: str, limit: int = 50, *, today: date | None = None
) -> list[CaseSummary]:
    """The latest recorded (or synced) here first. Fewer than three characters finds nothing (the index
    works on trigrams). A survivor the program may not know is not found by the program: a match would
    tell a name it may not have; the social worker opens that case from their calls."""
    with uow.begin() as tx:
        return _cases_found(tx, actor, _search_key(query), limit, today or _today())


def _cases_found(tx: Transaction, actor: Actor, key: str, limit: int, today: date) -> list[CaseSummary]:
    ids = tx.search.find(key, limit)
    if not ids:
        return []
    return [summary for summary in summaries(tx, actor, ids, today) if summary.identified]


# One line of the Cases view's results: a bedside case, or someone met only on co-response calls.
Found = CaseSummary | coresponse.CallPerson


def find_all(
    uow: UnitOfWork, actor: Actor, query: str, limit: int = 50, *, today: date | None = None
) -> list[Found]:
    """The Cases view's search: the bedside cases `find_cases` finds, then the people met on co-response
    calls who match by the same fields (name, phone) and are not among those cases (their calls are on
    the case's timeline). A person the program found by the call alone is listed by it."""
    key = _search_key(query)
    with uow.begin() as tx:  # one transaction: the cases and the people are read as of one moment
        cases_found: list[Found] = list(_cases_found(tx, actor, key, limit, today or _today()))
        if len(key) < MIN_QUERY:
            return cases_found
        listed = {summary.person_id for summary in cases_found if isinstance(summary, CaseSummary)}
        digits = key if key.isdigit() else ""
        people = coresponse.call_people(tx, actor, "" if digits else key, digits, limit)
    return cases_found + [person for person in people if person.person_id not in listed]


def summaries(tx: Transaction, actor: Actor, encounter_ids: list[UUID], today: date) -> list[CaseSummary]:
    """The result-list line of each encounter, in the order given, as this user may see it."""
    lines = tx.workload.case_lines(encounter_ids)
    seen_by = viewer(tx, actor, {line.person_id for line in lines}, today)
    by_id = {line.encounter_id: CaseSummary.of(seen_by, line) for line in lines}
    return [by_id[encounter_id] for encounter_id in encounter_ids if encounter_id in by_id]


def case_detail(
    uow: UnitOfWork, actor: Actor, encounter_id: UUID, *, today: date | None = None
) -> CaseDetail:
    """Everything recorded about one encounter that this user may see (services.disclosure) on `today`
    (consents run out); opening it is a record view and is audited."""
    with uow.begin(actor) as tx:
        encounter = tx.get(Encounter, encounter_id)
        ((_, person, follow_up, swap, burner),) = tx.workload.case_rows([encounter_id])
        seen_by = viewer(tx, actor, {person.id}, today or _today())
        sharing = seen_by.contact_sharing(person.id, burner_phone_issued=burner is not None)
        incident = tx.workload.incident_of(encounter)
        bag = tx.workload.bag_for(encounter_id)
        assignee = follow_up.assignee_id if follow_up else None
        names = {user.id: user.display_name for user in tx.people.users()} if assignee else {}
        known = sharing.contact_info
        detail = CaseDetail(
            summary=CaseSummary.of(seen_by, tx.workload.case_lines([encounter_id])[0]),
            person=PersonView(
                person.id,
                person.given_name if known else NAME_NOT_SHARED,
                person.family_name if known else "",
                person.date_of_birth if known else None,
                Language(person.preferred_language),
                display_us_phone(person.phone) if known else "",
                person.address if known else "",
                person.jurisdiction,
            ),
            incident=None
            if incident is None
            else IncidentView(
                incident.occurred_at,
                incident.address if known else "",  # may be where they live
                incident.latitude,
                incident.longitude,
                incident.naloxone_doses,
                incident.suspected_substance,
                incident.responding_agency,
                incident.odmap_reported,
            ),
            hospital=encounter.hospital,
            detective_id=encounter.detective_id,
            consents=tuple(
                ConsentView(
                    frozenset(ConsentScope(scope) for scope in c.scopes),
                    SignedHow(c.signed_how),
                    c.discloser,
                    c.recipient,
                    c.purpose,
                    c.form_number,
                    c.signature_png is not None,
                    c.signed_at,
                    c.expires_on,
                    c.revoked_at,
                )
                for c in tx.workload.consents_for(encounter_id)
            ),
            # The personal phone (make, IMEI, receipt) names its owner: police property, kept from a
            # program that may not know who the survivor is.
            personal_phone=PersonalPhoneView.of(swap) if swap and known else None,
            custody=tuple(CustodyEventView.of(e) for e in tx.workload.custody_events(swap.id))
            if swap and known
            else (),
            burner_phone=BurnerPhoneView.of(burner) if burner else None,
            recovery_bag=RecoveryBagView.of(bag, tx.inventory.bag_items(bag.id)) if bag else None,
            family_contacts=tuple(
                FamilyContactView(
                    f.id,
                    f.name,
                    f.relationship,
                    display_us_phone(f.phone),
                    Language(f.language),
                    f.consent_to_contact,
                )
                for f in (tx.people.family_contacts(person.id) if sharing.family else ())
            ),
            handouts_given=tuple(
                HandoutGivenView(
                    handout.code,
                    handout.title,
                    Language(handout.language),
                    given.quantity,
                    SURVIVOR if f is None else f.name if sharing.family else A_FAMILY_MEMBER,
                )
                for given, handout, f in tx.workload.handouts_given(encounter_id)
            ),
            referrals=tuple(
                ReferralView.of(resource) for _, resource in tx.workload.referrals_for(encounter_id)
            ),
            follow_up=None
            if follow_up is None
            else replace(
                FollowUpView.of(follow_up), state=seen_by.state(person.id, FollowUpState(follow_up.state))
            ),
            contact_attempts=tuple(
                ContactAttemptView.of(a)
                for a in (tx.workload.attempts(follow_up.id) if follow_up else ())
                if seen_by.shows_program_record(person.id, a.created_by)
            ),
            home_visits=tuple(
                HomeVisitView.of(v)
                for v in (tx.workload.home_visits(follow_up.id) if follow_up else ())
                if seen_by.shows_program_record(person.id, v.created_by)
            ),
            assignee_name=names.get(assignee, UNASSIGNED) if assignee else UNASSIGNED,
            contact_sharing=sharing,
            outcome_shared=seen_by.outcome_shared(person.id),
            drug_intel=tuple(DrugIntelView.of(row) for row in tx.drug_intel.for_encounter(encounter_id))
            if seen_by.police
            else (),
            co_response_calls=coresponse.calls_of(tx, actor, person.id),
        )
        tx.record("case.view", encounter)
        return detail


def _today() -> date:
    """The day consents are read against when the caller names none (domain.disclosure.not_expired: UTC
    days)."""
    return datetime.now(UTC).date()


def _search_key(query: str) -> str:
    cleaned = text.clean(query, "query")
    if not cleaned or not set(cleaned) <= NUMBER_CHARS:
        return cleaned
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]  # +1 country code; the index holds ten-digit US numbers
    return digits


@dataclass(frozen=True)
class Bedside:
    """The encounter itself, as its timeline names it."""

    hospital: str


# What one timeline entry is about: the record itself, for the UI to word in its language.
TimelineSubject = (
    IncidentView
    | Bedside
    | ConsentView
    | PersonalPhoneView
    | BurnerPhoneView
    | RecoveryBagView
    | HandoutGivenView
    | ReferralView
    | CustodyEventView
    | ContactAttemptView
    | HomeVisitView
    | DrugIntelView
    | coresponse.CallView
    | coresponse.ClinicianNoteView
    | FollowUpView
)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime | None  # None: recorded without a time (sorts with the encounter)
    # incident, encounter, consent, swap, bag, handout, referral, custody, contact attempt, home visit,
    # drug intel, co-response call, clinician note, follow-up (ui.widgets.vocabulary.TIMELINE_KINDS)
    kind: str
    subject: TimelineSubject
    call_id: UUID | None = None  # a co-response call's entries: the call they open


def person_timeline(person: coresponse.CallPersonDetail) -> tuple[TimelineEntry, ...]:
    """Someone met only on co-response calls: their calls and the clinician's notes, oldest first."""
    entries = [entry for call in person.calls for entry in coresponse_entries(call)]
    return tuple(sorted(entries, key=lambda entry: entry.at or datetime.min.replace(tzinfo=UTC)))


def timeline(detail: CaseDetail) -> tuple[TimelineEntry, ...]:
    """The whole case in the order it happened; what the bedside recorded together shares its time. Only
    what this user may see is in `detail`, so only that reaches the timeline."""
    at_bedside = detail.summary.started_at
    entries: list[TimelineEntry] = []
    if detail.incident is not None:
        entries.append(TimelineEntry(detail.incident.occurred_at, "incident", detail.incident))
    entries.append(TimelineEntry(at_bedside, "encounter", Bedside(detail.hospital)))
    entries += [TimelineEntry(c.signed_at or at_bedside, "consent", c) for c in detail.consents]
    if detail.personal_phone is not None:
        entries.append(TimelineEntry(at_bedside, "swap", detail.personal_phone))
    if detail.burner_phone is not None:
        entries.append(TimelineEntry(at_bedside, "swap", detail.burner_phone))
    if detail.recovery_bag is not None:
        bag = detail.recovery_bag
        entries.append(TimelineEntry(bag.issued_at or at_bedside, "bag", bag))
    entries += [TimelineEntry(at_bedside, "handout", handout) for handout in detail.handouts_given]
    entries += [TimelineEntry(at_bedside, "referral", referral) for referral in detail.referrals]
    entries += [TimelineEntry(event.at, "custody", event) for event in detail.custody]
    entries += [TimelineEntry(a.at, "contact attempt", a) for a in detail.contact_attempts]
    entries += [TimelineEntry(v.done_at or v.scheduled_for, "home visit", v) for v in detail.home_visits]
    entries += [TimelineEntry(r.reported_at, "drug intel", r) for r in detail.drug_intel]
    for call in detail.co_response_calls:
        entries.extend(coresponse_entries(call))
    if detail.follow_up is not None and detail.follow_up.closed_at is not None:
        entries.append(TimelineEntry(detail.follow_up.closed_at, "follow-up", detail.follow_up))
    # Stable sort: entries recorded at the same moment keep the order above (incident, consent, swap ...).
    return tuple(sorted(entries, key=lambda entry: entry.at or at_bedside))


def coresponse_entries(call: coresponse.CallView) -> list[TimelineEntry]:
    """A co-response call on the survivor's timeline, then the clinician's notes where the viewer may read
    them (services.coresponse leaves them out for police roles)."""
    return [
        TimelineEntry(call.called_at, "co-response call", call, call.call_id),
        *(TimelineEntry(note.at, "clinician note", note, call.call_id) for note in call.clinician_notes),
    ]
