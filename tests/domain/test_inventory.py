from datetime import date

import pytest

from burner_desk.domain.errors import ValidationError
from burner_desk.domain.inventory import (
    PhoneStatus,
    check_handout_stock,
    check_issuable,
    check_naloxone,
    check_status_change,
    naloxone_expiring_soon,
)

TODAY = date(2025, 3, 1)


def test_naloxone_expiring_today_or_earlier_is_refused() -> None:
    check_naloxone("LOT-1", date(2025, 3, 2), TODAY)
    for expired in (TODAY, date(2024, 12, 31)):
        with pytest.raises(ValidationError) as caught:
            check_naloxone("LOT-1", expired, TODAY)
        assert caught.value.field == "naloxone_expiry"
        assert expired.isoformat() in caught.value.reason
    with pytest.raises(ValidationError) as caught:
        check_naloxone(" ", date(2026, 1, 1), TODAY)
    assert caught.value.field == "naloxone_lot"


def test_naloxone_warning_window() -> None:
    assert naloxone_expiring_soon(date(2025, 3, 31), TODAY)
    assert not naloxone_expiring_soon(date(2025, 4, 1), TODAY)


def test_only_stocked_or_returned_phones_are_issuable() -> None:
    check_issuable(PhoneStatus.IN_STOCK, "BD-1")
    check_issuable(PhoneStatus.RETURNED, "BD-1")
    with pytest.raises(ValidationError, match="phone BD-1 is issued"):
        check_issuable(PhoneStatus.ISSUED, "BD-1")


def test_status_changes_by_hand() -> None:
    check_status_change(PhoneStatus.ISSUED, PhoneStatus.RETURNED, "BD-1")
    check_status_change(PhoneStatus.IN_STOCK, PhoneStatus.RETIRED, "BD-1")
    with pytest.raises(ValidationError, match="cannot be marked issued by hand"):
        check_status_change(PhoneStatus.IN_STOCK, PhoneStatus.ISSUED, "BD-1")
    with pytest.raises(ValidationError, match="is issued and cannot become retired"):
        check_status_change(PhoneStatus.ISSUED, PhoneStatus.RETIRED, "BD-1")
    with pytest.raises(ValidationError, match="is retired and cannot become lost"):
        check_status_change(PhoneStatus.RETIRED, PhoneStatus.LOST, "BD-1")


def test_handout_stock() -> None:
    check_handout_stock(3, 3, "Naloxone")
    with pytest.raises(ValidationError, match="only 2 left of Naloxone"):
        check_handout_stock(2, 3, "Naloxone")
    with pytest.raises(ValidationError, match="at least one"):
        check_handout_stock(2, 0, "Naloxone")
