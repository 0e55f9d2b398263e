"""42 CFR Part 2 style consent: who may disclose what, to whom, why, until when."""

from __future__ import annotations

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


def check_consent(scopes: frozenset[ConsentScope], signed_how: SignedHow, form_number: str) -> None:
    if signed_how is SignedHow.DECLINED:
        if scopes:
            raise ValidationError("consent_scopes", "a declined consent cannot carry scopes")
        return
    if not scopes:
        raise ValidationError("consent_scopes", "choose at least one thing the survivor agrees to share")
    if signed_how is SignedHow.ON_PAPER and not form_number.strip():
        raise ValidationError("consent_form_number", "enter the number of the signed paper form")
