"""The audit chain's canonical text, and forward-secure seals over it (DESIGN.md section 4).

The chain's HMAC key (storage.audit) is derived from the data key, which every keyslot unwraps: anyone
who can sign in can rewrite the chain, re-HMAC it, and `verify` still passes. A seal is made with a key
that nobody keeps. Event i is sealed with a one-time key taken from k_i, which is then replaced by
k_{i+1}; only the key for the next event is stored. Whoever reads the vault later holds that key and can
seal events from then on, but cannot recompute the seal of an earlier event (the step is one-way).
Central is handed k_s when the laptop enrolls (sync.protocol.AuditSealStart) and can compute every key
after it, so it checks the seal of each event the laptop pushes from s on.

Construction: a forward-secure MAC with a key that evolves through a one-way function (Bellare and Yee,
"Forward integrity for secure audit logs", UCSD 1997, and "Forward-security in private-key cryptography",
CT-RSA 2003; Schneier and Kelsey, "Secure audit logs to support computer forensics", ACM TISSEC 2(2),
1999). Each step is HKDF-Expand (RFC 5869, section 2.3) of k_i into 64 bytes: the first 32 are event
i's HMAC-SHA256 key, the last 32 are k_{i+1}, so the two never serve both as a MAC key and as the input
of the next step (the same split as the symmetric "KDF chain" of the Signal protocol).

Nothing here touches the database: central checks seals with the same functions.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

GENESIS = "0" * 64  # the prev_hash of event 1
KEY_BYTES = 32
_STEP_INFO = b"burner_desk audit seal v1"
_SEPARATOR = "\x1f"  # between the fields of the canonical text; no field may hold a control character


@dataclass(frozen=True)
class AuditFields:
    """An audit event's fields as text, the form both the chain HMAC and the seal cover (and the form
    they travel in): ids as str(uuid) or "" for none, the time as the isoformat of the aware UTC time."""

    seq: int
    at: str
    user_id: str
    device_id: str
    action: str
    entity: str
    entity_id: str
    outcome: str
    event_id: str


def chain_message(prev_hash: str, fields: AuditFields) -> bytes:
    """What the chain's HMAC covers: the previous event's hash and this event's fields. Unchanged since
    the first vault, so every existing chain still verifies."""
    parts = (
        str(fields.seq),
        fields.at,
        fields.user_id,
        fields.device_id,
        fields.action,
        fields.entity,
        fields.entity_id,
        fields.outcome,
        fields.event_id,
    )
    return (prev_hash + _SEPARATOR + _SEPARATOR.join(parts)).encode()


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _step(key: bytes) -> tuple[bytes, bytes]:
    """(the one-time MAC key of this event, the key of the next event)."""
    expanded = HKDFExpand(algorithm=hashes.SHA256(), length=2 * KEY_BYTES, info=_STEP_INFO).derive(key)
    return expanded[:KEY_BYTES], expanded[KEY_BYTES:]


def _mac(mac_key: bytes, message: bytes, event_hash: str) -> str:
    mac = hmac.HMAC(mac_key, hashes.SHA256())
    mac.update(message + _SEPARATOR.encode() + event_hash.encode())
    return mac.finalize().hex()


def seal(key: bytes, message: bytes, event_hash: str) -> tuple[str, bytes]:
    """The seal of the event whose key is `key` (its chain message and hash), and the next event's key.
    The caller keeps only the next key."""
    mac_key, next_key = _step(key)
    return _mac(mac_key, message, event_hash), next_key


def advance(key: bytes, steps: int) -> bytes:
    """The key `steps` events after the one `key` seals."""
    for _ in range(steps):
        key = _step(key)[1]
    return key
