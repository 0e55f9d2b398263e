"""The UI's words for the domain's values (stored in English, shown in the UI language)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from burner_desk.domain.followup import FollowUpState
from burner_desk.domain.inventory import BagStatus, HandoutAudience, PhoneStatus
from burner_desk.services.followup import UNASSIGNED
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


def phone_status(status: PhoneStatus) -> str:
    return translated(CONTEXT, PHONE_STATUSES[status])


def bag_status(status: BagStatus) -> str:
    return translated(CONTEXT, BAG_STATUSES[status])


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
