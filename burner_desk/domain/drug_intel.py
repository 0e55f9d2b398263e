"""Drug intelligence: what survivors tell the detective about what they took (substance, how it looked,
what it did, where it was bought), logged on the case. Police only (domain.disclosure.POLICE_ONLY_RECORDS):
never shown to the treatment program, never exported to ODMAP.

A report has no field for a source's name, on purpose: the record is about the supply, not about who sold
it, and a name here would put a third person in a survivor's Part 2 record.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from burner_desk.domain import text
from burner_desk.domain.bedside import TextRule

RECENT = timedelta(days=14)  # the police view's window: what circulates now

SUBSTANCE = TextRule("substance", required=True)
COLOUR = TextRule("colour", max_len=80)
STAMP = TextRule("stamp", max_len=80)
PACKAGING = TextRule("packaging")
EFFECTS = TextRule("effects", max_len=text.LONG)
AREA_OBTAINED = TextRule("area_obtained")
NOTES = TextRule("notes", max_len=text.LONG)

# Fixed for the project's lifetime: the reports migration 0015 (laptop) and 0010 (central) make from
# the retired incident.drug_intel_notes get the same id on every laptop and at central.
FOLDED_NOTES = uuid.UUID("4f0d1c3e-6a0b-4b57-9f55-1d2a8d0c7e21")


def folded_notes_id(incident_id: uuid.UUID) -> uuid.UUID:
    """The id of the report that carries an incident's old free-text drug-intel notes."""
    return uuid.uuid5(FOLDED_NOTES, f"drug_intel_report/{incident_id}")


def grouping_key(raw: str) -> str:
    """How "Fentanyl ", "fentanyl" and "FENTANYL" count as one substance (or stamp) in the view."""
    return " ".join(raw.split()).casefold()
