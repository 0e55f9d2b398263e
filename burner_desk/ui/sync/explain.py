"""What the Sync view says about a record a sync could not settle alone: what happened, in plain words -
which survivor, phone or bag, what clashes with what - and what a person does about it. The records come
named in words by the services (sync.record_words.RecordWords); no field or table name reaches a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from burner_desk.services import sync
from burner_desk.services.sync import HeldBackView

USERS_PLACE = "Settings › Users"
INVENTORY_PLACE = "Inventory › Burner phones"


@dataclass(frozen=True)
class Explanation:
    headline: str  # what happened
    to_do: str  # what a person does about it


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# What to do when two records here and at central share a value that must be unique on a laptop
_CLASH_TO_DO = {
    "asset tag": (
        f"Re-tag one of the two phones in {INVENTORY_PLACE} (Re-tag…), here or at the other desk, then "
        "sync again. Until then it is held back on this laptop; nothing is lost."
    ),
    "IMEI": (
        "Both are the same phone, added at two desks before laptops shared one identity for a phone. "
        "Ask IT to merge the two records; until then it is held back on this laptop."
    ),
    "label": (
        "Two different bags carry the same label. A supervisor gives one bag a new label; until then it is "
        "held back on this laptop."
    ),
    "property receipt number": (
        "Two personal phones carry the same property receipt number. A supervisor corrects the receipt "
        "number on one of them; until then it is held back on this laptop."
    ),
}


def held_back(view: HeldBackView) -> Explanation:
    record = _sentence(view.record)
    if view.kind == "clash":
        return Explanation(
            f"{record}, added by {view.made_by}, has the same {view.field or 'value'} as {view.other} on "
            "this laptop.",
            _CLASH_TO_DO.get(
                view.field,
                "It cannot be stored beside the record here. Tell IT; it is kept and tried again at every sync.",
            ),
        )
    if view.kind == "waits":
        if view.other_held_back:
            return Explanation(
                f"{record} belongs to {view.other}, which is held back too.",
                "Nothing to do for this one: it is stored as soon as that one is.",
            )
        if view.other_missing:
            return Explanation(
                f"{record} belongs to {view.other}.",
                "It is stored as soon as that arrives. If it is still here after a few syncs, tell IT.",
            )
        return Explanation(f"{record} belongs to {view.other}.", "It is stored at the next sync.")
    return Explanation(
        f"{record}, from {view.made_by}, has a {view.field or 'value'} this version of the app cannot read.",
        "Ask IT to update the app on this laptop. It is kept, and tried again at every sync.",
    )


def conflict(view: sync.ConflictView) -> Explanation | None:
    """The words for a conflict that is not one field changed on two sides (those show both values)."""
    if view.kind == "double_issue":
        survivor = view.about or "a survivor recorded here"
        return Explanation(
            f"{_sentence(view.thing)} is recorded as issued to two survivors: {survivor} on this laptop, and "
            f"{view.other} at another desk.",
            "Find out who has the phone. A supervisor corrects the other bedside record; then mark this "
            "settled.",
        )
    if view.kind == "name_taken":
        name = view.local_value if isinstance(view.local_value, str) else "this sign-in name"
        return Explanation(
            f"Two people use the sign-in name {name}: {view.about or 'a user here'} on this laptop, and "
            f"{view.other}.",
            f"A supervisor renames one of them in {USERS_PLACE} (Rename…), then syncs. This card goes away "
            "with the rename.",
        )
    return None
