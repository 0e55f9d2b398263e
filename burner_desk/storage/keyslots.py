"""Keyslots: the data key wrapped once per user (DESIGN.md section 4).

wrapping key = HKDF-SHA256(Argon2id(passphrase, salt) || device secret), then AES-256-GCM over the data
key with the slot's user name and KDF parameters as associated data, so a slot cannot be moved to another
user or have its parameters weakened without failing authentication.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from burner_desk.paths import PRIVATE_FILE_MODE, make_private
from burner_desk.storage.keyslot_names import FORMAT, parse

MIN_MEMORY_KIB = 64 * 1024
TARGET_SECONDS = 0.5


@dataclass(frozen=True)
class KdfParams:
    time_cost: int = 3
    memory_kib: int = MIN_MEMORY_KIB
    parallelism: int = 1

    @staticmethod
    def calibrated(target_seconds: float = TARGET_SECONDS) -> KdfParams:
        """Grow time_cost at 64 MiB until one derivation takes about `target_seconds` on this machine."""
        probe = KdfParams(time_cost=1)
        started = time.perf_counter()
        argon2id(b"calibration", secrets.token_bytes(16), probe)
        one_pass = max(time.perf_counter() - started, 1e-3)
        return KdfParams(time_cost=max(2, min(20, round(target_seconds / one_pass))))


def argon2id(passphrase: bytes, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase,
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


@dataclass(frozen=True)
class Keyslot:
    user: str
    salt: str
    nonce: str
    wrapped: str
    kdf: KdfParams
    device_bound: bool
    # The sign-in name the slot was sealed under, when the user was renamed since (`renamed`): the seal
    # binds that name, and re-sealing under the new one would take the passphrase.
    sealed_as: str = ""

    def associated_data(self) -> bytes:
        return json.dumps(
            {
                "format": FORMAT,
                "user": self.sealed_as or self.user,
                "kdf": asdict(self.kdf),
                "device_bound": self.device_bound,
            },
            sort_keys=True,
        ).encode()

    def renamed(self, user: str) -> Keyslot:
        """The same slot under a new sign-in name; the passphrase stays as it was."""
        return replace(self, user=user, sealed_as=self.sealed_as or self.user)

    def _wrapping_key(self, passphrase: bytes, device_secret: bytes | None) -> bytes:
        stretched = argon2id(passphrase, _unb64(self.salt), self.kdf)
        hkdf = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=_unb64(self.salt), info=b"burner_desk keyslot v1"
        )
        return hkdf.derive(stretched + (device_secret or b""))

    @staticmethod
    def seal(
        user: str, passphrase: bytes, data_key: bytes, kdf: KdfParams, device_secret: bytes | None
    ) -> Keyslot:
        slot = Keyslot(
            user=user,
            salt=_b64(secrets.token_bytes(16)),
            nonce=_b64(secrets.token_bytes(12)),
            wrapped="",
            kdf=kdf,
            device_bound=device_secret is not None,
        )
        key = slot._wrapping_key(passphrase, device_secret)
        sealed = AESGCM(key).encrypt(_unb64(slot.nonce), data_key, slot.associated_data())
        return Keyslot(**{**asdict(slot), "kdf": kdf, "wrapped": _b64(sealed)})

    def open(self, passphrase: bytes, device_secret: bytes | None) -> bytes | None:
        """The data key, or None when the passphrase (or device secret) is wrong."""
        key = self._wrapping_key(passphrase, device_secret)
        try:
            return AESGCM(key).decrypt(_unb64(self.nonce), _unb64(self.wrapped), self.associated_data())
        except InvalidTag:
            return None


@dataclass
class KeyslotFile:
    """keyslots.json beside the database: vault id, policy, and one slot per user. No secret in clear."""

    vault_id: str
    require_keystore: bool
    slots: list[Keyslot] = field(default_factory=list)

    def slot_for(self, user: str) -> Keyslot | None:
        return next((slot for slot in self.slots if slot.user == user), None)

    def replace(self, slot: Keyslot) -> None:
        self.slots = [s for s in self.slots if s.user != slot.user] + [slot]

    def remove(self, user: str) -> None:
        self.slots = [s for s in self.slots if s.user != user]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "vault_id": self.vault_id,
                "require_keystore": self.require_keystore,
                # sealed_as only where a rename set it: other slots are written as before
                "slots": [
                    {key: value for key, value in asdict(slot).items() if key != "sealed_as" or value}
                    for slot in self.slots
                ],
            },
            indent=2,
        )

    @staticmethod
    def from_json(text: str) -> KeyslotFile:
        raw = parse(text)
        slots = [Keyslot(**{**slot, "kdf": KdfParams(**slot["kdf"])}) for slot in raw["slots"]]
        for slot in slots:
            _check_shape(slot)
        return KeyslotFile(str(raw["vault_id"]), bool(raw["require_keystore"]), slots)


def _check_shape(slot: Keyslot) -> None:
    """Reject a hand-edited slot here (ValueError: a damaged file), not as a crash deep in the KDF or AES."""
    sizes = {"salt": 16, "nonce": 12, "wrapped": 32 + 16}  # the wrapped data key carries a 16-byte GCM tag
    for name, size in sizes.items():
        value = getattr(slot, name)
        if not isinstance(value, str) or len(_unb64(value)) != size:
            raise ValueError(f"keyslot {name} has the wrong size")
    params = (slot.kdf.time_cost, slot.kdf.memory_kib, slot.kdf.parallelism)
    if not all(type(value) is int and value > 0 for value in params):
        raise ValueError("keyslot KDF parameters are not positive integers")
    if (
        not isinstance(slot.user, str)
        or not isinstance(slot.sealed_as, str)
        or type(slot.device_bound) is not bool
    ):
        raise ValueError("keyslot user or device binding has the wrong type")


def write_atomically(path: Path, text: str) -> None:
    """Write-then-rename with fsync, so a crash leaves either the old or the new file, never half; the
    file is readable by its owner only."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    make_private(tmp)  # a .tmp left by a crash keeps the mode it was made with
    os.replace(tmp, path)
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(path.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
