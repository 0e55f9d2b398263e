"""The words that name any record for a person - which survivor, phone or bag - without a field or
table name in sight: for records held back here (sync.pull) and for conflicts (sync.conflicts). The Sync
view turns these into sentences.
"""

from __future__ import annotations

import uuid
from typing import Any

from burner_desk.storage.models import central_user_name
from burner_desk.storage.sync_ledger import SyncLedger

# Each kind of record as a person calls it
NOUNS = {
    "user": "user",
    "person": "survivor",
    "family_contact": "family contact",
    "incident": "overdose incident",
    "encounter": "bedside visit",
    "burner_phone": "burner phone",
    "phone_swap": "personal phone taken in a swap",
    "custody_event": "custody step of a personal phone",
    "recovery_bag": "recovery bag",
    "bag_item": "recovery bag item",
    "handout": "handout",
    "handout_given": "handout given",
    "consent": "consent",
    "resource": "resource",
    "referral": "referral",
    "follow_up": "48-hour follow-up",
    "contact_attempt": "contact attempt",
    "home_visit": "home visit",
    "spike_threshold": "spike alert threshold",
    "spike_response": "spike alert acknowledgement",
    "drug_intel_report": "drug intelligence report",
    "co_response_call": "co-response call",
    "clinician_note": "clinician's note on a co-response call",
}
# The values two records can clash on, and the other fields a person may read about
FIELD_WORDS = {
    "asset_tag": "asset tag",
    "imei": "IMEI",
    "label": "label",
    "property_receipt_no": "property receipt number",
    "name": "sign-in name",
}
# Where a record's survivor is found: the field naming the survivor, or the parent that leads to them
_SURVIVOR_PATH = ("person_id", "encounter_id", "follow_up_id", "phone_swap_id")
# A record about no survivor goes by its own label
_LABELS = {
    "burner_phone": "asset_tag",
    "recovery_bag": "label",
    "handout": "title",
    "resource": "name",
    "user": "display_name",
    "incident": "address",
    "spike_threshold": "area",
    "spike_response": "area",
}


def _text(fields: dict[str, Any], key: str) -> str:
    """A text field as a person reads it; anything else (a value this app cannot read) as nothing."""
    value = fields.get(key)
    return value if isinstance(value, str) else ""


def field_words(field: str) -> str:
    return FIELD_WORDS.get(field, field.replace("_", " "))


class RecordWords:
    """Names records for a person, from the vault or from what central sent (a parked record's fields,
    in wire form)."""

    def __init__(self, ledger: SyncLedger) -> None:
        self.ledger = ledger

    def is_here(self, entity: str, record_id: uuid.UUID) -> bool:
        return self.ledger.record_fields(entity, record_id) is not None

    def name(self, entity: str, record_id: uuid.UUID | str | None) -> str:
        """The record in words, whether stored here or held back; its kind alone when neither."""
        fields = self._fields(entity, record_id)
        return self.describe(entity, fields) if fields is not None else f"a {NOUNS.get(entity, 'record')}"

    def user(self, user_id: Any) -> str:
        """A user's full name, or "someone" when this laptop does not know them (yet)."""
        fields = self._fields("user", user_id)
        return (_text(fields, "display_name") if fields else "") or "someone"

    def about(self, entity: str, record_id: uuid.UUID) -> str:
        """A few words saying which record a conflict is about: the survivor's name, or the record's own
        label (a bag item's bag's); "" when this laptop does not hold it."""
        fields = self._fields(entity, record_id)
        if fields is None:
            return ""
        if entity == "bag_item":
            entity, fields = "recovery_bag", self._fields("recovery_bag", fields.get("bag_id")) or {}
        return self.survivor(entity, fields) or _text(fields, _LABELS.get(entity, ""))

    def survivor_of(self, entity: str, record_id: Any) -> str:
        """The survivor a record is about, by the record's id ("" when unknown here)."""
        fields = self._fields(entity, record_id)
        return self.survivor(entity, fields) if fields is not None else ""

    def survivor(self, entity: str, fields: dict[str, Any]) -> str:
        """The survivor a record is about, by name ("" when it is about none, or they are not here)."""
        for _step in range(4):  # at most a custody step -> its swap -> the visit -> the survivor
            if entity == "person":
                return f"{_text(fields, 'given_name')} {_text(fields, 'family_name')}".strip()
            parent = next((key for key in _SURVIVOR_PATH if fields.get(key)), None)
            if parent is None:
                return ""
            entity = "person" if parent == "person_id" else parent.removesuffix("_id")
            found = self._fields(entity, fields[parent])
            if found is None:
                return ""
            fields = found
        return ""

    def describe(self, entity: str, fields: dict[str, Any]) -> str:
        noun = NOUNS.get(entity, "record")
        if entity == "burner_phone":
            return f"burner phone {_text(fields, 'asset_tag')} (IMEI …{_text(fields, 'imei')[-4:]})"
        if entity == "recovery_bag":
            return f"recovery bag {_text(fields, 'label')}"
        if entity == "bag_item":
            bag = self._fields("recovery_bag", fields.get("bag_id"))
            return f"an item of recovery bag {_text(bag, 'label')}" if bag else "an item of a recovery bag"
        if entity == "user":
            name = central_user_name(_text(fields, "name"))
            return f"{_text(fields, 'display_name')} (sign-in name {name})"
        if entity == "handout":
            return f"handout {_text(fields, 'title')}"
        if entity == "resource":
            return f"resource {_text(fields, 'name')}"
        survivor = self.survivor(entity, fields)
        if entity == "person":
            return f"survivor {survivor}"
        if entity == "phone_swap":
            receipt = f"receipt {_text(fields, 'property_receipt_no')}"
            return (
                f"{survivor}'s personal phone ({receipt})" if survivor else f"the personal phone on {receipt}"
            )
        if entity == "custody_event":
            return f"a custody step of {survivor}'s personal phone" if survivor else f"a {noun}"
        return f"{noun} of {survivor}" if survivor else f"a {noun}"

    def _fields(self, entity: str, record_id: Any) -> dict[str, Any] | None:
        """A record's fields as stored here, else as held back here; None when neither."""
        try:
            key = record_id if isinstance(record_id, uuid.UUID) else uuid.UUID(str(record_id))
        except ValueError:
            return None
        fields = self.ledger.record_fields(entity, key)
        if fields is not None:
            return fields
        parked = self.ledger.parked_row(entity, key)
        return dict(parked.fields) if parked is not None else None
