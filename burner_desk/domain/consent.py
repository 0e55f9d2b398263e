"""42 CFR Part 2 style consent: who may disclose what, to whom, why, until when."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from burner_desk.domain.errors import ValidationError


class ConsentScope(StrEnum):
    """What information the survivor agrees may be shared."""

    CONTACT_INFO = "contact_info"  # name and phone to the treatment program
    REFERRAL_STATUS = "referral_status"  # whether they engaged with treatment
    TREATMENT_OUTCOME = "treatment_outcome"  # follow-up outcome back to police
    FAMILY_CONTACT = "family_contact"  # program may talk to named family


class SignedHow(StrEnum):
    ON_SCREEN = "on_screen"
    ON_PAPER = "on_paper"
    DECLINED = "declined"


REQUIRED_FOR_REFERRAL = frozenset({ConsentScope.CONTACT_INFO})
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_SIGNATURE_BYTES = 512 * 1024  # a pad signature is a few KiB; anything bigger is not one


def check_consent(scopes: frozenset[ConsentScope], signed_how: SignedHow, form_number: str) -> None:
    if signed_how is SignedHow.DECLINED:
        if scopes:
            raise ValidationError("consent_scopes", "a declined consent cannot carry scopes")
        return
    if not scopes:
        raise ValidationError("consent_scopes", "choose at least one thing the survivor agrees to share")
    if signed_how is SignedHow.ON_PAPER and not form_number.strip():
        raise ValidationError("consent_form_number", "enter the number of the signed paper form")


def check_signature(signed_how: SignedHow, signature_png: bytes | None) -> None:
    """An on-screen consent carries the survivor's drawn signature as a PNG; other ways carry none."""
    if signed_how is not SignedHow.ON_SCREEN:
        if signature_png:
            raise ValidationError(
                "consent_signature", "only a consent signed on screen has a signature image"
            )
        return
    if not signature_png:
        raise ValidationError("consent_signature", "the survivor has not signed on the screen yet")
    if not signature_png.startswith(PNG_SIGNATURE) or len(signature_png) > MAX_SIGNATURE_BYTES:
        raise ValidationError("consent_signature", "the signature image is damaged; ask for it again")


def check_expiry(expires_on: date | None, today: date) -> None:
    if expires_on is not None and expires_on <= today:
        raise ValidationError("consent_expires_on", "the consent must run past today")


def check_covers(scopes: frozenset[ConsentScope], *, family_contacted: bool) -> None:
    """A referral needs the survivor's contact info shared; calling family needs its own scope."""
    if not scopes >= REQUIRED_FOR_REFERRAL:
        raise ValidationError(
            "consent_scopes", "the treatment program can only call back with consent to share contact info"
        )
    if family_contacted and ConsentScope.FAMILY_CONTACT not in scopes:
        raise ValidationError(
            "consent_scopes", "a family member may be contacted only with the family-contact consent"
        )
