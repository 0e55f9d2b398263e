"""The UI's words for the domain's values (stored in English, shown in the UI language)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from burner_desk.domain.consent import ConsentScope
from burner_desk.domain.custody import CustodyAction
from burner_desk.domain.followup import AttemptOutcome, Channel, FollowUpState, Ride, TeamMember, TeamRole
from burner_desk.domain.inventory import BagItemKind, BagStatus, HandoutAudience, PhoneStatus
from burner_desk.services.cases import A_FAMILY_MEMBER, SURVIVOR
from burner_desk.services.followup import UNASSIGNED
from burner_desk.services.inventory import NALOXONE_NOTE, PHONE_SLOT_NOTE, REFERRAL_SHEET_NOTE
from burner_desk.ui.i18n import translated

CONTEXT = "ui.widgets.vocabulary"
FOLLOW_UP_STATES = {
    FollowUpState.OPEN: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "open"),
    FollowUpState.REACHED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "reached"),
    FollowUpState.ENGAGED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "engaged"),
    FollowUpState.DECLINED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "declined"),
    FollowUpState.UNREACHABLE: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "unreachable"),
    FollowUpState.CLOSED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "closed"),
}
# What a consent shares, in a word (the consent page asks it in whole sentences: ui.encounter.consent).
CONSENT_SCOPES = {
    ConsentScope.CONTACT_INFO: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "contact info"),
    ConsentScope.FAMILY_CONTACT: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "family contact"),
    ConsentScope.REFERRAL_STATUS: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "referral status"),
    ConsentScope.TREATMENT_OUTCOME: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "treatment outcome"),
}
# A contact attempt: how, and what came of it (dialogs and the case timeline alike).
CHANNELS = {
    Channel.PHONE: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "phone call"),
    Channel.TEXT: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "text message"),
    Channel.IN_PERSON: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "in person"),
    Channel.HOME_VISIT: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "home visit"),
    Channel.SURVIVOR_CALLED_IN: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "survivor called first"),
}
ATTEMPT_OUTCOMES = {
    AttemptOutcome.NO_ANSWER: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "no answer"),
    AttemptOutcome.WRONG_NUMBER: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "wrong number"),
    AttemptOutcome.REACHED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "reached"),
    AttemptOutcome.INTAKE_SCHEDULED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "intake scheduled"),
    AttemptOutcome.ENTERED_TREATMENT: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "entered treatment"),
    AttemptOutcome.DECLINED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "declined"),
    AttemptOutcome.UNREACHABLE: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "unreachable"),
}
TEAM_ROLES = {
    TeamRole.POLICE: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "police"),
    TeamRole.TREATMENT: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "treatment staff"),
    TeamRole.PEER_SUPPORT: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "peer support specialist"),
}
RIDES = {
    Ride.NOT_OFFERED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "not offered"),
    Ride.OFFERED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "offered, not taken"),
    Ride.GIVEN: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "given"),
}
CUSTODY_ACTIONS = {
    CustodyAction.TAKEN: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "taken"),
    CustodyAction.STORED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "stored"),
    CustodyAction.MOVED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "moved"),
    CustodyAction.RETURNED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "returned"),
}
# Who a handout went to, when the case does not name a family member (services.cases).
RECIPIENTS = {
    SURVIVOR: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "the survivor"),
    A_FAMILY_MEMBER: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "a family member"),
}
PHONE_STATUSES = {
    PhoneStatus.IN_STOCK: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "in stock"),
    PhoneStatus.ISSUED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "issued"),
    PhoneStatus.RETURNED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "returned"),
    PhoneStatus.LOST: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "lost"),
    PhoneStatus.RETIRED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "retired"),
}
BAG_STATUSES = {
    BagStatus.ASSEMBLED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "assembled"),
    BagStatus.ISSUED: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "handed over"),
}
BAG_ITEMS = {
    BagItemKind.BURNER_PHONE: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "burner phone"),
    BagItemKind.REFERRAL_SHEET: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "referral sheet"),
    BagItemKind.DISPOSAL_BAG: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "medication disposal bag"),
    BagItemKind.NALOXONE: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "naloxone kit"),
    BagItemKind.OTHER: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "other"),
}
# The notes services.inventory writes on a packed bag's standard items; a note typed by a person stays as is.
BAG_ITEM_NOTES = {
    PHONE_SLOT_NOTE: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "issued at the bedside"),
    REFERRAL_SHEET_NOTE: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "printed at the bedside"),
    NALOXONE_NOTE: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "naloxone nasal spray kit"),
}
AUDIENCES = {
    HandoutAudience.SURVIVOR: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "survivor"),
    HandoutAudience.FAMILY: QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "family"),
}
# The kinds of entry in a case timeline (services/cases.py); the entries themselves are the service's.
TIMELINE_KINDS = {
    "bag": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "bag"),
    "consent": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "consent"),
    "contact attempt": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "contact attempt"),
    "custody": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "custody"),
    "encounter": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "encounter"),
    "follow-up": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "follow-up"),
    "handout": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "handout"),
    "home visit": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "home visit"),
    "incident": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "incident"),
    "referral": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "referral"),
    "swap": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "phone swap"),
    "drug intel": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "drug intel"),
    "co-response call": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "co-response call"),
    "clinician note": QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "clinician's note"),
}


def follow_up_state(state: FollowUpState) -> str:
    return translated(CONTEXT, FOLLOW_UP_STATES[state])


def consent_scope(scope: ConsentScope) -> str:
    return translated(CONTEXT, CONSENT_SCOPES[scope])


def channel(channel: Channel) -> str:
    return translated(CONTEXT, CHANNELS[channel])


def attempt_outcome(outcome: AttemptOutcome) -> str:
    return translated(CONTEXT, ATTEMPT_OUTCOMES[outcome])


def ride(ride: Ride) -> str:
    return translated(CONTEXT, RIDES[ride])


def custody_action(action: CustodyAction) -> str:
    return translated(CONTEXT, CUSTODY_ACTIONS[action])


def recipient(given_to: str) -> str:
    """A family member's name as it is; the survivor, or an unnamed family member, in the UI's words."""
    return translated(CONTEXT, RECIPIENTS[given_to]) if given_to in RECIPIENTS else given_to


def team(members: tuple[TeamMember, ...]) -> str:
    """ "Det. Jordan Lee (police), Casey Nguyen (treatment staff)"; a member without a role by name."""
    return ", ".join(
        member.name
        if member.role is None
        else translated(CONTEXT, QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "{name} ({role})")).format(
            name=member.name, role=translated(CONTEXT, TEAM_ROLES[member.role])
        )
        for member in members
    )


def phone_status(status: PhoneStatus) -> str:
    return translated(CONTEXT, PHONE_STATUSES[status])


def bag_status(status: BagStatus) -> str:
    return translated(CONTEXT, BAG_STATUSES[status])


def bag_item(kind: BagItemKind) -> str:
    return translated(CONTEXT, BAG_ITEMS[kind])


def bag_item_note(note: str) -> str:
    return translated(CONTEXT, BAG_ITEM_NOTES[note]) if note in BAG_ITEM_NOTES else note


def audience(audience: HandoutAudience) -> str:
    return translated(CONTEXT, AUDIENCES[audience])


def timeline_kind(kind: str) -> str:
    """A kind this version does not know (a newer laptop's) is shown as it came."""
    return translated(CONTEXT, TIMELINE_KINDS[kind]) if kind in TIMELINE_KINDS else kind


def assignee(name: str) -> str:
    return (
        translated(CONTEXT, QT_TRANSLATE_NOOP("ui.widgets.vocabulary", "unassigned"))
        if name == UNASSIGNED
        else name
    )
