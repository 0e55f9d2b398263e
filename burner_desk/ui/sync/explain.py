"""What the Sync view says about a record a sync could not settle alone: what happened, in plain words -
which survivor, phone or bag, what clashes with what - and what a person does about it. The records come
named in words by the services (sync.record_words.RecordWords); no field or table name reaches a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from burner_desk.services import sync
from burner_desk.services.sync import HeldBackView
from burner_desk.ui.i18n import translated

USERS_PLACE = QT_TRANSLATE_NOOP("ui.sync.explain", "Settings › Users")
INVENTORY_PLACE = QT_TRANSLATE_NOOP("ui.sync.explain", "Inventory › Burner phones")


@dataclass(frozen=True)
class Explanation:
    headline: str  # what happened
    to_do: str  # what a person does about it


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clash_to_do(field: str) -> str:
    """What to do when two records here and at central share a value that must be unique on a laptop."""
    if field == "asset tag":
        return QCoreApplication.translate(
            "ui.sync.explain",
            "Re-tag one of the two phones in {place} (Re-tag…), here or at the other desk, then sync again. "
            "Until then it is held back on this laptop; nothing is lost.",
        ).format(place=translated("ui.sync.explain", INVENTORY_PLACE))
    if field == "IMEI":
        return QCoreApplication.translate(
            "ui.sync.explain",
            "Both are the same phone, added at two desks before laptops shared one identity for a phone. "
            "Ask IT to merge the two records; until then it is held back on this laptop.",
        )
    if field == "label":
        return QCoreApplication.translate(
            "ui.sync.explain",
            "Two different bags carry the same label. A supervisor gives one bag a new label; until then it "
            "is held back on this laptop.",
        )
    if field == "property receipt number":
        return QCoreApplication.translate(
            "ui.sync.explain",
            "Two personal phones carry the same property receipt number. A supervisor corrects the receipt "
            "number on one of them; until then it is held back on this laptop.",
        )
    return QCoreApplication.translate(
        "ui.sync.explain",
        "It cannot be stored beside the record here. Tell IT; it is kept and tried again at every sync.",
    )


def held_back(view: HeldBackView) -> Explanation:
    record = _sentence(view.record)
    if view.kind == "clash":
        return Explanation(
            QCoreApplication.translate(
                "ui.sync.explain",
                "{record}, added by {made_by}, has the same {value} as {other} on this laptop.",
            ).format(
                record=record,
                made_by=view.made_by,
                value=view.field or QCoreApplication.translate("ui.sync.explain", "value"),
                other=view.other,
            ),
            _clash_to_do(view.field),
        )
    if view.kind == "waits":
        if view.other_held_back:
            return Explanation(
                QCoreApplication.translate(
                    "ui.sync.explain", "{record} belongs to {other}, which is held back too."
                ).format(record=record, other=view.other),
                QCoreApplication.translate(
                    "ui.sync.explain", "Nothing to do for this one: it is stored as soon as that one is."
                ),
            )
        if view.other_missing:
            return Explanation(
                QCoreApplication.translate("ui.sync.explain", "{record} belongs to {other}.").format(
                    record=record, other=view.other
                ),
                QCoreApplication.translate(
                    "ui.sync.explain",
                    "It is stored as soon as that arrives. If it is still here after a few syncs, tell IT.",
                ),
            )
        return Explanation(
            QCoreApplication.translate("ui.sync.explain", "{record} belongs to {other}.").format(
                record=record, other=view.other
            ),
            QCoreApplication.translate("ui.sync.explain", "It is stored at the next sync."),
        )
    return Explanation(
        QCoreApplication.translate(
            "ui.sync.explain", "{record}, from {made_by}, has a {value} this version of the app cannot read."
        ).format(
            record=record,
            made_by=view.made_by,
            value=view.field or QCoreApplication.translate("ui.sync.explain", "value"),
        ),
        QCoreApplication.translate(
            "ui.sync.explain",
            "Ask IT to update the app on this laptop. It is kept, and tried again at every sync.",
        ),
    )


def conflict(view: sync.ConflictView) -> Explanation | None:
    """The words for a conflict that is not one field changed on two sides (those show both values)."""
    if view.kind == "double_issue":
        survivor = view.about or QCoreApplication.translate("ui.sync.explain", "a survivor recorded here")
        return Explanation(
            QCoreApplication.translate(
                "ui.sync.explain",
                "{sentence} is recorded as issued to two survivors: {survivor} on this laptop, and {other} at another desk.",
            ).format(sentence=_sentence(view.thing), survivor=survivor, other=view.other),
            QCoreApplication.translate(
                "ui.sync.explain",
                "Find out who has the phone. A supervisor corrects the other bedside record; then mark this settled.",
            ),
        )
    if view.kind == "name_taken":
        name = (
            view.local_value
            if isinstance(view.local_value, str)
            else QCoreApplication.translate("ui.sync.explain", "this sign-in name")
        )
        return Explanation(
            QCoreApplication.translate(
                "ui.sync.explain",
                "Two people use the sign-in name {name}: {value} on this laptop, and {other}.",
            ).format(
                name=name,
                value=view.about or QCoreApplication.translate("ui.sync.explain", "a user here"),
                other=view.other,
            ),
            QCoreApplication.translate(
                "ui.sync.explain",
                "A supervisor renames one of them in {USERS_PLACE} (Rename…), then syncs. This card goes away with the rename.",
            ).format(USERS_PLACE=translated("ui.sync.explain", USERS_PLACE)),
        )
    return None
