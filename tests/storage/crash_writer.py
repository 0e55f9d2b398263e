"""Child process for test_crash.py: sign in and save bedside encounters until killed.

Prints each encounter's id only after `record_encounter` has returned, so every printed id was committed.
Usage: python -m tests.storage.crash_writer VAULT_DIR USER, with the passphrase in BURNER_DESK_PASSPHRASE.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from burner_desk.domain.consent import ConsentScope, SignedHow
from burner_desk.services import access, bedside

JURISDICTION = "Arlington, VA"  # non-resident branch: no burner phone or bag to run out of


def _encounter(number: int, now: datetime) -> bedside.EncounterInput:
    return bedside.EncounterInput(
        person=bedside.PersonInput(
            given_name=f"Crash{number}", family_name="Trial (sample)", jurisdiction=JURISDICTION
        ),
        incident=bedside.IncidentInput(occurred_at=now - timedelta(hours=2), naloxone_doses=1),
        consent=bedside.ConsentInput(
            scopes=frozenset({ConsentScope.CONTACT_INFO}),
            signed_how=SignedHow.ON_PAPER,
            discloser="Alexandria Police Department (sample)",
            purpose="Referral to treatment and follow-up",
            form_number=f"CF-{number:05d}",
        ),
        hospital="Inova Alexandria Hospital",
    )


def main() -> None:
    directory, user_name = Path(sys.argv[1]), sys.argv[2]
    signed_in = access.sign_in(directory, user_name, os.environ["BURNER_DESK_PASSPHRASE"])
    number = 0
    while True:
        number += 1
        now = datetime.now(UTC)
        view = bedside.record_encounter(signed_in.uow, signed_in.actor, _encounter(number, now), now)
        print(view.encounter_id, flush=True)


if __name__ == "__main__":
    main()
