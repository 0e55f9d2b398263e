"""Record ids. Most are client-generated UUIDv7: time-ordered, so indexes stay compact and sync order is
natural. Physical things derive theirs from their natural key instead (DESIGN.md section 5a): one IMEI is
one burner phone and one label one recovery bag on every laptop, so two laptops that import the same
stock make the same records, which central merges instead of holding two."""

from __future__ import annotations

import secrets
import time
import uuid


def new_id() -> uuid.UUID:
    """RFC 9562 UUIDv7: 48-bit Unix milliseconds, version and variant bits, 74 random bits."""
    unix_ms = time.time_ns() // 1_000_000
    rand = secrets.randbits(74)
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version 7
    value |= (rand >> 62) << 64  # 12 bits rand_a
    value |= 0b10 << 62  # RFC 4122 variant
    value |= rand & ((1 << 62) - 1)  # 62 bits rand_b
    return uuid.UUID(int=value)


# Fixed for the project's lifetime: every id derived under it would change with it.
PHYSICAL_THINGS = uuid.UUID("e11acf08-e325-4b92-b192-b0694c687f60")


def burner_phone_id(imei: str) -> uuid.UUID:
    """The id of the burner phone with this IMEI (15 digits, as domain.imei normalises it)."""
    return uuid.uuid5(PHYSICAL_THINGS, f"burner_phone/{imei}")


def recovery_bag_id(label: str) -> uuid.UUID:
    """The id of the recovery bag with this label, as written on it (after text.clean)."""
    return uuid.uuid5(PHYSICAL_THINGS, f"recovery_bag/{label}")


def bag_item_id(bag_id: uuid.UUID, position: int) -> uuid.UUID:
    """The id of the item at `position` (0, 1, ...) in a recovery bag's packing order."""
    return uuid.uuid5(PHYSICAL_THINGS, f"bag_item/{bag_id}/{position}")


def spike_threshold_id(area: str) -> uuid.UUID:
    """The id of an area's spike threshold (domain.spikes): one record per area, whichever supervisor's
    desk set it first, so two desks setting the same area's threshold merge at central (a different
    number is a conflict a person settles) instead of holding two."""
    return uuid.uuid5(PHYSICAL_THINGS, f"spike_threshold/{area}")
