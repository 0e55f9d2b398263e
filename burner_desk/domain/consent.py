"""42 CFR Part 2 style consent: who may disclose what, to whom, why, until when — and what the program
does for a survivor whatever they consented to.

What is allowed without consent (the one rule; services and views follow it):

* Help is never conditional on consent. Every survivor leaves with a recovery bag (naloxone, disposal
  bags, referral information), the handouts, and the referral sheet printed for them to keep; a city
  resident also gets the burner phone, programmed with the detective's line and the treatment program.
  None of this discloses anything: the survivor carries it.
* Every survivor gets a 48-hour follow-up. Who may be called for it follows what they shared
  (`follow_up_reach`):
  - contact info shared: the treatment program calls the survivor (their own phone and the burner);
  - not shared, but a burner phone was issued: the program may call the burner phone it programmed.
    The phone is the program's, so the call discloses nothing; the survivor's name, own number,
    address and family stay with the police. The city can switch this off (a supervisor setting,
    services/settings.py `program_calls_burner_without_consent`); then the follow-up waits for them;
  - otherwise nobody is called: the follow-up waits for the survivor to call the numbers they were given.
* Family members are contacted only with the family-contact scope, and only those who agreed.
"""

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


class FollowUpReach(StrEnum):
    """Whom the 48-hour follow-up may call, by what the survivor shared (the module's rule)."""

    SURVIVOR = "survivor"  # their own phone and the burner phone
    BURNER_PHONE_ONLY = "burner_phone_only"  # the program's own phone, nothing else shared
    SURVIVOR_CALLS = "survivor_calls"  # nobody to call: the survivor has the numbers


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_SIGNATURE_BYTES = 512 * 1024  # a pad signature is a few KiB; anything bigger is not one
TERM_YEARS = 1  # a consent runs a year unless the survivor chooses otherwise


def follow_up_reach(
    scopes: frozenset[ConsentScope], *, burner_phone_issued: bool, program_calls_burner: bool = True
) -> FollowUpReach:
    if ConsentScope.CONTACT_INFO in scopes:
        return FollowUpReach.SURVIVOR
    if burner_phone_issued and program_calls_burner:
        return FollowUpReach.BURNER_PHONE_ONLY
    return FollowUpReach.SURVIVOR_CALLS


def default_expiry(signed_on: date) -> date:
    """One year on; 29 February signs until 28 February."""
    try:
        return signed_on.replace(year=signed_on.year + TERM_YEARS)
    except ValueError:
        return signed_on.replace(year=signed_on.year + TERM_YEARS, day=28)


def check_consent(scopes: frozenset[ConsentScope], signed_how: SignedHow, form_number: str) -> None:
    """A consent given covers at least one thing; declining covers none. Either way help goes on."""
    if signed_how is SignedHow.DECLINED:
        if scopes:
            raise ValidationError("consent_scopes", "a declined consent cannot carry scopes")
        return
    if not scopes:
        raise ValidationError(
            "consent_scopes", "tick what the survivor agrees to share, or choose Declined: help goes on"
        )
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
    """Calling family needs its own scope; nothing else the bedside does needs consent."""
    if family_contacted and ConsentScope.FAMILY_CONTACT not in scopes:
        raise ValidationError(
            "consent_scopes",
            "a family member may be contacted only with the family-contact consent: "
            "untick 'agrees to be contacted', or ask the survivor",
        )
