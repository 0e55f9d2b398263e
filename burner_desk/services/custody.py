"""Chain of custody of the survivor's personal phone, found by the property receipt number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from burner_desk.domain import text
from burner_desk.domain.custody import CustodyAction
from burner_desk.domain.errors import ValidationError
from burner_desk.domain.people import Actor
from burner_desk.domain.permissions import Op, require
from burner_desk.storage.models import CustodyEvent, PhoneSwap
from burner_desk.storage.uow import Transaction, UnitOfWork

MOVES = frozenset({CustodyAction.STORED, CustodyAction.MOVED})


@dataclass(frozen=True)
class CustodyEventView:
    at: datetime
    action: CustodyAction
    by_user_id: UUID
    location: str
    received_by: str
    note: str

    @staticmethod
    def of(row: CustodyEvent) -> CustodyEventView:
        return CustodyEventView(
            row.at, CustodyAction(row.action), row.by_user_id, row.location, row.received_by, row.note
        )


@dataclass(frozen=True)
class PersonalPhoneView:
    phone_swap_id: UUID
    encounter_id: UUID
    property_receipt_no: str
    make: str
    model: str
    colour: str
    imei: str
    condition: str
    storage_location: str
    returned_at: datetime | None

    @staticmethod
    def of(row: PhoneSwap) -> PersonalPhoneView:
        return PersonalPhoneView(
            phone_swap_id=row.id,
            encounter_id=row.encounter_id,
            property_receipt_no=row.property_receipt_no,
            make=row.personal_make,
            model=row.personal_model,
            colour=row.personal_colour,
            imei=row.personal_imei,
            condition=row.personal_condition,
            storage_location=row.storage_location,
            returned_at=row.returned_at,
        )


def move_personal_phone(
    uow: UnitOfWork,
    actor: Actor,
    property_receipt_no: str,
    action: CustodyAction,
    location: str,
    now: datetime,
    note: str = "",
) -> PersonalPhoneView:
    """Booked into property (stored) or moved elsewhere; each step is a custody event."""
    require(actor, "custody_event", Op.INSERT)
    if action not in MOVES:
        raise ValidationError("action", "a phone is either stored or moved here; return it separately")
    location = text.clean(location, "storage_location", required=True)
    note = text.clean(note, "note", max_len=text.LONG)
    with uow.begin(actor) as tx:
        swap = _held_phone(tx, property_receipt_no)
        swap.storage_location = location
        event = tx.add(
            CustodyEvent(
                phone_swap_id=swap.id,
                at=now,
                action=action.value,
                by_user_id=actor.user_id,
                location=location,
                note=note,
            )
        )
        tx.record(f"custody_event.{action.value}", event)
        return PersonalPhoneView.of(swap)


def return_personal_phone(
    uow: UnitOfWork, actor: Actor, property_receipt_no: str, received_by: str, now: datetime, note: str = ""
) -> PersonalPhoneView:
    """Back to the survivor or the person they named; `received_by` is who signed for it."""
    require(actor, "custody_event", Op.INSERT)
    received_by = text.clean(received_by, "received_by", required=True)
    note = text.clean(note, "note", max_len=text.LONG)
    with uow.begin(actor) as tx:
        swap = _held_phone(tx, property_receipt_no)
        swap.returned_at = now
        event = tx.add(
            CustodyEvent(
                phone_swap_id=swap.id,
                at=now,
                action=CustodyAction.RETURNED.value,
                by_user_id=actor.user_id,
                location=swap.storage_location,
                received_by=received_by,
                note=note,
            )
        )
        tx.record("phone_swap.return", swap)
        tx.record("custody_event.returned", event)
        return PersonalPhoneView.of(swap)


def _held_phone(tx: Transaction, raw_receipt_no: str) -> PhoneSwap:
    receipt_no = text.clean(raw_receipt_no, "property_receipt_no", max_len=40, required=True)
    swap = tx.workload.swap_by_receipt(receipt_no)
    if swap is None:
        raise ValidationError("property_receipt_no", f"no personal phone with receipt {receipt_no}")
    if swap.returned_at is not None:
        raise ValidationError(
            "property_receipt_no",
            f"the phone on receipt {receipt_no} was returned on {swap.returned_at:%Y-%m-%d}",
        )
    return swap
