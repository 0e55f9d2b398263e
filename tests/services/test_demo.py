from pathlib import Path

from burner_desk.domain.imei import normalise_imei
from burner_desk.domain.passphrase import check
from burner_desk.domain.people import Role
from burner_desk.services import access, cases, demo
from tests.conftest import TEST_KDF


def test_demo_vault_opens_for_every_user_and_is_intact(tmp_path: Path) -> None:
    directory = tmp_path / "demo"

    demo_users = demo.create_demo_vault(directory, TEST_KDF)

    assert sorted(u.role for u in demo_users) == sorted(Role)
    for user in demo_users:
        check(user.passphrase)
    detective = next(u for u in demo_users if u.role is Role.DETECTIVE)
    signed_in = access.sign_in(directory, detective.name, detective.passphrase)
    try:
        assert signed_in.vault.verify() is None
        with signed_in.uow.begin() as tx:
            counts = tx.live_counts()
        assert counts["encounter"] == len(demo.SAMPLE_CASES)
        assert (counts["burner_phone"], counts["recovery_bag"], counts["user"]) == (demo.PHONES, demo.BAGS, 5)
        assert counts["contact_attempt"] >= 3 and counts["home_visit"] == 1
        assert (counts["co_response_call"], counts["clinician_note"]) == (4, 1)
        assert counts["person"] == len(demo.SAMPLE_CASES) + 2  # two people met only on co-response calls
        summaries = cases.find_cases(signed_in.uow, signed_in.actor, "(sample)", limit=100)
        assert len(summaries) == len(demo.SAMPLE_CASES)
        assert {s.branch.value for s in summaries} == {"resident", "non_resident"}
        assert sum(s.personal_phone_returned for s in summaries) == 1
    finally:
        signed_in.vault.close()


def test_sample_imeis_pass_luhn_but_are_obviously_fake() -> None:
    for serial in (1, 12, 99_999_999):
        for personal in (False, True):
            imei = demo.sample_imei(serial, personal=personal)
            assert normalise_imei(imei) == imei
            assert imei.startswith("00000")
    assert demo.sample_imei(1) != demo.sample_imei(1, personal=True)


def test_sample_directory_loads_once_and_is_all_sample(signed_in: access.SignedIn) -> None:
    assert demo.load_sample_directory(signed_in.uow, signed_in.actor) == 20
    assert demo.load_sample_directory(signed_in.uow, signed_in.actor) == 0
    with signed_in.uow.begin() as tx:
        resources = tx.resources.all()
        assert all(r.sample_data and "(sample)" in r.name for r in resources)
        assert all(r.phone[5:10] == "55501" for r in resources)
        assert tx.resources.jurisdictions() == [
            "alexandria",
            "arlington",
            "fairfax",
            "prince george's",
            "washington dc",
        ]
