from collections.abc import Callable
from datetime import date

import pytest

from burner_desk.domain import consent
from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.domain.errors import ValidationError

CONTACT = frozenset({ConsentScope.CONTACT_INFO})
PNG = consent.PNG_SIGNATURE + b"\x00\x00\x00\rIHDR"


def reason(call: Callable[..., None], *args: object, **kwargs: object) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.field, caught.value.reason


def test_signed_consent_needs_a_scope_and_paper_needs_its_form_number() -> None:
    consent.check_consent(CONTACT, SignedHow.ON_PAPER, "CF-1")
    assert reason(consent.check_consent, frozenset(), SignedHow.ON_SCREEN, "")[0] == "consent_scopes"
    assert reason(consent.check_consent, CONTACT, SignedHow.ON_PAPER, "  ")[0] == "consent_form_number"


def test_declined_consent_carries_no_scope() -> None:
    consent.check_consent(frozenset(), SignedHow.DECLINED, "")
    assert reason(consent.check_consent, CONTACT, SignedHow.DECLINED, "")[0] == "consent_scopes"


def test_on_screen_needs_a_png_signature_and_paper_has_none() -> None:
    consent.check_signature(SignedHow.ON_SCREEN, PNG)
    consent.check_signature(SignedHow.ON_PAPER, None)
    assert "not signed" in reason(consent.check_signature, SignedHow.ON_SCREEN, None)[1]
    assert "damaged" in reason(consent.check_signature, SignedHow.ON_SCREEN, b"GIF89a")[1]
    assert reason(consent.check_signature, SignedHow.ON_PAPER, PNG)[0] == "consent_signature"


def test_referral_needs_contact_info_and_family_needs_its_scope() -> None:
    consent.check_covers(CONTACT, family_contacted=False)
    consent.check_covers(CONTACT | {ConsentScope.FAMILY_CONTACT}, family_contacted=True)
    assert (
        "contact info"
        in reason(consent.check_covers, frozenset({ConsentScope.REFERRAL_STATUS}), family_contacted=False)[1]
    )
    assert "family" in reason(consent.check_covers, CONTACT, family_contacted=True)[1]


def test_expiry_must_be_after_today() -> None:
    today = date(2025, 3, 1)
    consent.check_expiry(None, today)
    consent.check_expiry(date(2025, 3, 2), today)
    assert reason(consent.check_expiry, today, today)[0] == "consent_expires_on"
