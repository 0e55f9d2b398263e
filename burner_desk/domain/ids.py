"""Client-generated UUIDv7 ids: time-ordered, so indexes stay compact and sync order is natural."""

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
