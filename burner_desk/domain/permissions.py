"""Who may change which records: one table, read by the laptop's services and enforced by central.

Central judges every pushed mutation by it (central.authorisation), taking the author's role from its own
record of the author, never from what a laptop says; the services check it where a role could otherwise
make a change central would refuse, so the refusal comes at once and in plain words.

Read TABLE as: for each kind of record, who besides supervisors may add (insert), change (update) and
remove (delete: a tombstone) one; `.only(...)` names the only fields that role may change. Supervisors may
make every change in the table (they manage users, stock and the resource directory, and may do what the
others do) except to append-only records (NEVER). On top of the table:

- nobody changes their own role;
- a detective records and changes only encounters they are the detective of;
- a detective corrects or withdraws only the drug intelligence reports they logged;
- the 48-hour call: anyone logs an attempt and moves the follow-up on, but a treatment outcome is the
  program's to record (domain.disclosure); a social worker takes a call for themself, a supervisor
  assigns it to someone;
- a detective changes stock only as the bedside does: a burner phone or recovery bag becomes "issued",
  a handout's stock goes down; everything else about stock is a supervisor's.
- a clinician's note is amended by the clinician who wrote it, and by nobody else (supervisors are police).

Values are in wire form (storage.outbox.to_wire): ids as text, as mutations carry them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from burner_desk.domain.disclosure import PROGRAM_OUTCOMES, PROGRAM_STATES, is_police
from burner_desk.domain.errors import NotPermitted
from burner_desk.domain.people import Actor, Role


class Op(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True)
class Grant:
    """Who may make one kind of change: supervisors (unless the records are append-only) and the roles
    named, each with the only fields it may set (None: any)."""

    fields_by_role: Mapping[Role, frozenset[str] | None]
    supervisors: bool = True

    def only(self, *fields: str) -> Grant:
        return Grant(dict.fromkeys(self.fields_by_role, frozenset(fields)), self.supervisors)

    def __or__(self, other: Grant) -> Grant:
        return Grant({**self.fields_by_role, **other.fields_by_role}, self.supervisors or other.supervisors)

    def fields_for(self, role: Role) -> frozenset[str] | None:
        """The only fields `role` may set (None: any); KeyError when it may make no such change."""
        if role is Role.SUPERVISOR and self.supervisors:
            return None
        return self.fields_by_role[role]


DETECTIVE, SOCIAL_WORKER, SUPERVISOR = Role.DETECTIVE, Role.SOCIAL_WORKER, Role.SUPERVISOR
SUPERVISORS = Grant({})  # supervisors alone
DETECTIVES = Grant({DETECTIVE: None})  # what the detective records at the hospital bedside
SOCIAL_WORKERS = Grant({SOCIAL_WORKER: None})  # the treatment side's 48-hour work
CLINICIAN = Role.CLINICIAN  # the co-response call's behavioral-health clinician
# Everyone who works with survivors; the coordinator (read-only: no grant anywhere in TABLE) is not among them.
EVERYONE = Grant(dict.fromkeys((DETECTIVE, SOCIAL_WORKER, CLINICIAN)))
NEVER = Grant({}, supervisors=False)  # append-only: corrected with a new record, never changed
# Everyone who sees a spike alert acknowledges it and ticks its checklist (domain.spikes.ResponseStep)
SPIKE_CHECKLIST = EVERYONE.only(
    "public_alert", "naloxone_outreach", "treatment_notified", "detectives_briefed"
)
CO_RESPONDERS = DETECTIVES | Grant({CLINICIAN: None})  # either half of a co-response team records the call
CLINICIANS_ONLY = Grant({CLINICIAN: None}, supervisors=False)  # treatment records: not police's
# A drug-intel call's own words, corrected (or the report withdrawn) by the detective who logged it
DRUG_INTEL_CORRECTION = DETECTIVES.only(
    "substance", "colour", "stamp", "packaging", "effects", "area_obtained", "notes"
)
THE_CALL = DETECTIVES.only("state", "closed_at") | SOCIAL_WORKERS.only("state", "closed_at", "assignee_id")

# fmt: off
TABLE: dict[str, tuple[Grant, Grant, Grant]] = {
    #                   insert          update                                                delete
    "user":            (SUPERVISORS,    SUPERVISORS,                                          SUPERVISORS),
    "person":          (CO_RESPONDERS,  DETECTIVES,                                           SUPERVISORS),
    "family_contact":  (DETECTIVES,     DETECTIVES,                                           SUPERVISORS),
    "incident":        (DETECTIVES,     DETECTIVES,                                           SUPERVISORS),
    "encounter":       (DETECTIVES,     DETECTIVES,                                           SUPERVISORS),
    "phone_swap":      (DETECTIVES,     DETECTIVES,                                           SUPERVISORS),
    "consent":         (DETECTIVES,     DETECTIVES,                                           SUPERVISORS),
    "referral":        (DETECTIVES,     DETECTIVES,                                           SUPERVISORS),
    "custody_event":   (DETECTIVES,     NEVER,                                                NEVER),
    "handout_given":   (DETECTIVES,     NEVER,                                                NEVER),
    "follow_up":       (DETECTIVES,     THE_CALL,                                             SUPERVISORS),
    "contact_attempt": (EVERYONE,       NEVER,                                                NEVER),
    "home_visit":      (EVERYONE,       EVERYONE,                                             SUPERVISORS),
    "burner_phone":    (SUPERVISORS,    DETECTIVES.only("status"),                            SUPERVISORS),
    "recovery_bag":    (SUPERVISORS,    DETECTIVES.only("status", "encounter_id", "issued_at"), SUPERVISORS),
    "bag_item":        (SUPERVISORS,    SUPERVISORS,                                          SUPERVISORS),
    "handout":         (SUPERVISORS,    DETECTIVES.only("stock"),                             SUPERVISORS),
    "resource":        (SUPERVISORS,    SUPERVISORS,                                          SUPERVISORS),
    "spike_threshold": (SUPERVISORS,    SUPERVISORS,                                          SUPERVISORS),
    "spike_response":  (EVERYONE,       SPIKE_CHECKLIST,                                      SUPERVISORS),
    "drug_intel_report": (DETECTIVES,   DRUG_INTEL_CORRECTION,                                DETECTIVES),
    "co_response_call": (CO_RESPONDERS, CO_RESPONDERS,                                        SUPERVISORS),
    "clinician_note":  (CLINICIANS_ONLY, CLINICIANS_ONLY.only("note", "amended_at"),         NEVER),
}
# fmt: on
_OP_COLUMN: dict[str, int] = {
    Op.INSERT: 0,
    Op.UPDATE: 1,
    Op.DELETE: 2,
}  # Op is a str: plain text finds it too
_VERBS = {Op.INSERT: "add", Op.UPDATE: "change", Op.DELETE: "remove"}
_NOUNS = {
    "person": "survivor",
    "follow_up": "follow-up",
    "handout_given": "record of a handout given",
    "spike_response": "spike alert acknowledgement",
    "drug_intel_report": "drug intelligence report",
    "co_response_call": "co-response call",
}
_ROLE_VALUES = tuple(role.value for role in Role)
ISSUED = "issued"  # domain.inventory's PhoneStatus.ISSUED and BagStatus.ISSUED


def refusal(
    role: Role,
    entity: str,
    op: str,
    changes: Mapping[str, Sequence[Any]],
    *,
    author_id: str = "",
    record_id: str = "",
    held: Mapping[str, Any] | None = None,
) -> str | None:
    """Why `role` may not make this change (None: it may), in words a person reads. `changes` maps each
    field to (old, new); `held` is the record as it stands (None when unknown). A rule whose facts are
    not given (the author, the record, a value) is not judged."""
    return _table_refusal(role, entity, op, changes) or _narrower_refusal(
        role, entity, op, changes, author_id, record_id, held
    )


def _table_refusal(role: Role, entity: str, op: str, changes: Iterable[str]) -> str | None:
    grants = TABLE.get(entity)
    if grants is None:
        return f"there are no {entity} records to change"
    try:
        allowed = grants[_OP_COLUMN[op]].fields_for(role)
    except KeyError:
        return _may_not(role, entity, op, changes)
    if allowed is not None and not allowed.issuperset(changes):
        return f"{_a(role)} may change only the {_listed(allowed)} of {_a(entity)}"
    return None


def _narrower_refusal(
    role: Role,
    entity: str,
    op: str,
    changes: Mapping[str, Sequence[Any]],
    author_id: str,
    record_id: str,
    held: Mapping[str, Any] | None,
) -> str | None:
    """The rules on top of the table (see the module's doc)."""
    if entity == "user" and "role" in changes:
        if op == Op.UPDATE and author_id and record_id == author_id:
            return "nobody may change their own role; another supervisor does"
        return unknown_role(changes["role"][1])
    if is_police(role):
        if entity == "contact_attempt" and changes.get("outcome", (None, None))[1] in PROGRAM_OUTCOMES:
            return "a treatment outcome is the treatment program's to record"
        if entity == "follow_up" and changes.get("state", (None, None))[1] in PROGRAM_STATES:
            return "a treatment outcome is the treatment program's to record"
    taken_for_another = author_id and changes.get("assignee_id", (None, author_id))[1] != author_id
    if role is SOCIAL_WORKER and entity == "follow_up" and taken_for_another:
        return "a social worker takes a call for themself; a supervisor assigns it to someone else"
    note_of_another = held is not None and author_id and held.get("by_user_id") != author_id
    if entity == "clinician_note" and op == Op.UPDATE and note_of_another:
        return "a clinician amends only their own notes"
    if role is not DETECTIVE:
        return None
    if entity == "encounter" and author_id:
        detectives = [held.get("detective_id")] if held is not None and op != Op.INSERT else []
        if "detective_id" in changes:
            detectives.append(changes["detective_id"][1])
        if any(detective != author_id for detective in detectives):
            return "a detective may record and change only their own encounters"
    theirs = held is None or not author_id or held.get("created_by") == author_id
    if entity == "drug_intel_report" and op != Op.INSERT and not theirs:
        return "a detective may correct or withdraw only the drug intelligence reports they logged"
    if entity in ("burner_phone", "recovery_bag") and "status" in changes and changes["status"][1] != ISSUED:
        return f"a detective may only issue {_a(entity)}; a supervisor changes its status otherwise"
    if entity == "handout" and "stock" in changes:
        old, new = changes["stock"]
        if isinstance(old, int) and isinstance(new, int) and new > old:
            return "a detective may only hand handouts out; a supervisor restocks them"
    return None


def unknown_role(value: Any) -> str | None:
    """Why `value` cannot be a user's role, or None when it is one."""
    return None if value in _ROLE_VALUES else f"a user's role must be one of {', '.join(_ROLE_VALUES)}"


def require(actor: Actor, entity: str, op: Op, *fields: str) -> None:
    """Raise NotPermitted unless the table lets `actor` make this change (to these fields): a service's
    check at its entry point, so a change central would refuse is refused here, at once."""
    _raise(_table_refusal(actor.role, entity, op, fields))


def require_change(
    actor: Actor,
    entity: str,
    op: Op,
    changes: Mapping[str, Sequence[Any]],
    *,
    record_id: str = "",
    held: Mapping[str, Any] | None = None,
) -> None:
    """As `require`, for a change whose values are known: the narrower rules are judged too."""
    _raise(
        refusal(actor.role, entity, op, changes, author_id=str(actor.user_id), record_id=record_id, held=held)
    )


def _raise(reason: str | None) -> None:
    if reason is not None:
        raise NotPermitted(reason[:1].upper() + reason[1:] + ".")


def _may_not(role: Role, entity: str, op: str, changes: Iterable[str]) -> str:
    if op == Op.UPDATE and changes:
        noun = _noun(entity)
        return f"{_a(role)} may not change {_article(noun)} {noun}'s {_listed(changes)}"
    return f"{_a(role)} may not {_VERBS[Op(op)]} {_a(entity)}"


def _noun(entity: str) -> str:
    return _NOUNS.get(entity) or entity.replace("_", " ")


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" and not noun.startswith("us") else "a"  # a user, an incident


def _a(entity_or_role: str) -> str:
    noun = _noun(entity_or_role)
    return f"{_article(noun)} {noun}"


def _listed(fields: Iterable[str]) -> str:
    names = sorted(field.replace("_", " ") for field in fields)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
