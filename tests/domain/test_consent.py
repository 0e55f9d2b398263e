from collections.abc import Callable
from datetime import date

import pytest

from burner_desk.domain import consent
from burner_desk.domain.consent import ConsentScope, FollowUpReach, SignedHow
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


def test_nothing_but_family_contact_needs_a_scope() -> None:
    consent.check_covers(frozenset(), family_contacted=False)  # declining never blocks help
    consent.check_covers(frozenset({ConsentScope.FAMILY_CONTACT}), family_contacted=True)
    assert "family" in reason(consent.check_covers, CONTACT, family_contacted=True)[1]


@pytest.mark.parametrize(
    ("scopes", "burner", "city_allows", "reach"),
    [
        (CONTACT, True, True, FollowUpReach.SURVIVOR),
        (CONTACT, False, False, FollowUpReach.SURVIVOR),
        (frozenset({ConsentScope.REFERRAL_STATUS}), True, True, FollowUpReach.BURNER_PHONE_ONLY),
        (frozenset(), True, True, FollowUpReach.BURNER_PHONE_ONLY),
        (frozenset(), True, False, FollowUpReach.SURVIVOR_CALLS),
        (frozenset(), False, True, FollowUpReach.SURVIVOR_CALLS),
    ],
)
def test_the_follow_up_reaches_only_what_was_shared(
    scopes: frozenset[ConsentScope], burner: bool, city_allows: bool, reach: FollowUpReach
) -> None:
    assert (
        consent.follow_up_reach(scopes, burner_phone_issued=burner, program_calls_burner=city_allows) is reach
    )


def test_a_consent_runs_a_year_by_default() -> None:
    assert consent.default_expiry(date(2025, 3, 1)) == date(2026, 3, 1)
    assert consent.default_expiry(date(2024, 2, 29)) == date(2025, 2, 28)


def test_expiry_must_be_after_today() -> None:
    today = date(2025, 3, 1)
    consent.check_expiry(None, today)
    consent.check_expiry(date(2025, 3, 2), today)
    assert reason(consent.check_expiry, today, today)[0] == "consent_expires_on"
