"""The rows domain.metrics computes the program's figures from: one flat row per encounter started in the
period, plus two small grouped queries.

The flat rows are the program_summary table's (storage.models.ProgramSummary): SQLite triggers note an
encounter as stale whenever anything its row draws from changes (its survivor, phone, bags, consents,
follow-up, attempts, home visits, a user's role), and `rows` works the stale ones out before it reads;
storage.program_summary holds the SQL.
A period's figures read one index in start-time order: a year on a 100k-encounter vault within its 200 ms
(benchmarks/program.py), where working the rows out at each read took twice that. SQLite hands back plain
numbers and text, never ORM objects; times travel as Unix seconds.

Police see the program's own attempts and visits only where the outcome is shared, their own always
(domain.disclosure.program_record_shown): the summary holds the first contact and visit among both, and
`_encounter_row` keeps the one police may know. Whether a consent shares the outcome depends on the day the
figures are read, so the summary holds the consents' end and the query compares it with that day.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from burner_desk.domain.followup import FollowUpState
from burner_desk.domain.inventory import HandoutAudience
from burner_desk.domain.metrics import EncounterRow, FollowUpRow, ProgramRows, seconds
from burner_desk.storage import program_summary
from burner_desk.storage.models import Encounter, FollowUp, Handout, HandoutGiven, ProgramSummary


class ProgramQueries:
    def __init__(self, session: Session) -> None:
        self._session = session

    def refresh_summary(self) -> None:
        """Work out the summary rows of the encounters written since the last time (storage.program_summary):
        before the figures read, and at the end of a pull, so the first read after a large one is quick."""
        program_summary.refresh(self._session.connection())

    def rows(self, starts_at: datetime, ends_at: datetime, now: datetime) -> ProgramRows:
        """Everything domain.metrics.compute needs for the encounters started in [starts_at, ends_at);
        a consent shares the outcome if it is in force on `now`'s UTC day."""
        self.refresh_summary()
        # Core rows straight from the connection: the session's ORM result machinery, which has nothing to
        # add to plain columns, was a sixth of a year's figures (callgrind).
        connection = self._session.connection()
        summary = ProgramSummary
        query: Select[*tuple[Any, ...]] = select(  # a row of 18: typed by position in _encounter_row
            summary.started_at,
            summary.jurisdiction,
            summary.consent_declined,
            summary.phone_issued,
            summary.phone_status,
            summary.bags,
            summary.naloxone_kits,
            summary.due_at,
            summary.state,
            # in force on the day (domain.disclosure.ConsentTerms.covers: ends after it); none: NULL
            summary.outcome_shared_until > now.date().isoformat(),
            summary.first_reached_at,
            summary.first_called_in_at,
            summary.own_first_reached_at,
            summary.own_first_called_in_at,
            summary.intake_recorded,
            summary.treatment_recorded,
            summary.first_visit_at,
            summary.own_first_visit_at,
        ).where(summary.started_at >= seconds(starts_at), summary.started_at < seconds(ends_at))
        encounters = tuple(_encounter_row(*row) for row in connection.execute(query))

        in_period = (
            Encounter.started_at >= starts_at,
            Encounter.started_at < ends_at,
            Encounter.deleted_at.is_(None),
        )
        family_handouts = {
            language: int(quantity)
            for language, quantity in connection.execute(
                select(Handout.language, func.sum(HandoutGiven.quantity))
                .join(Handout, Handout.id == HandoutGiven.handout_id)
                .where(
                    HandoutGiven.encounter_id.in_(select(Encounter.id).where(*in_period)),
                    HandoutGiven.deleted_at.is_(None),
                    Handout.audience == HandoutAudience.FAMILY,
                )
                .group_by(Handout.language)
            )
        }
        overdue_now = connection.scalar(
            select(func.count()).where(
                FollowUp.state == FollowUpState.OPEN, FollowUp.deleted_at.is_(None), FollowUp.due_at <= now
            )
        )
        return ProgramRows(encounters, family_handouts, overdue_now or 0)


def _encounter_row(
    started: int,
    jurisdiction: str,
    declined: int,
    phone_issued: int,
    status: str,
    bags: int,
    kits: int,
    due: int | None,
    state: str | None,
    shared: int,
    first_at: int | None,
    first_call_in_at: int | None,
    own_first_at: int | None,
    own_first_call_in_at: int | None,
    intake: int,
    treatment: int,
    first_visit: int | None,
    own_first_visit: int | None,
) -> EncounterRow:
    follow_up = None
    if due is not None and state is not None:
        # The program's records count where the outcome is shared, police's own always
        # (domain.disclosure.program_record_shown).
        if not shared:
            first_at, first_call_in_at, first_visit = own_first_at, own_first_call_in_at, own_first_visit
        follow_up = FollowUpRow(
            due,
            state,
            bool(shared),
            first_at,
            first_at is not None
            and first_call_in_at == first_at,  # the first contact was the survivor's call
            bool(intake),
            bool(treatment),
            first_visit,
        )
    return EncounterRow(
        started, jurisdiction, bool(declined), bool(phone_issued), status, bags, kits, follow_up
    )
