"""A case timeline's entries in words, in the UI's language. The service hands over each entry's record
(services.cases.timeline), already cut to what this user may see; this module only words it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from burner_desk.domain.consent import SignedHow
from burner_desk.domain.followup import Ride
from burner_desk.services import cases, coresponse
from burner_desk.services.bedside import ReferralView
from burner_desk.services.custody import CustodyEventView, PersonalPhoneView
from burner_desk.services.drug_intel import DrugIntelView
from burner_desk.services.followup import ContactAttemptView, FollowUpView, HomeVisitView
from burner_desk.services.inventory import BurnerPhoneView, RecoveryBagView
from burner_desk.ui.coresponse import words as call_words
from burner_desk.ui.i18n import translated
from burner_desk.ui.widgets import vocabulary
from burner_desk.ui.widgets.languages import LANGUAGE_NAMES
from burner_desk.ui.widgets.moments import local_date
from burner_desk.ui.widgets.numbers import number

SEPARATOR = "; "


def entry_text(entry: cases.TimelineEntry) -> str:
    """One line of the timeline's Details column."""
    match entry.subject:
        case cases.IncidentView() as incident:
            return _incident(incident)
        case cases.Bedside(hospital=hospital):
            return QCoreApplication.translate(
                "ui.cases.timeline_words", "Bedside encounter at {hospital}"
            ).format(hospital=hospital)
        case cases.ConsentView() as consent:
            return _consent(consent)
        case PersonalPhoneView() as phone:
            return QCoreApplication.translate(
                "ui.cases.timeline_words",
                "Personal phone taken: {make} {model}, {colour}, IMEI {imei}, receipt {receipt}",
            ).format(
                make=phone.make,
                model=phone.model,
                colour=phone.colour,
                imei=phone.imei,
                receipt=phone.property_receipt_no,
            )
        case BurnerPhoneView() as burner:
            return QCoreApplication.translate(
                "ui.cases.timeline_words", "Burner phone {asset_tag}, number {number}; now {status}"
            ).format(
                asset_tag=burner.asset_tag,
                number=burner.phone_number,
                status=vocabulary.phone_status(burner.status),
            )
        case RecoveryBagView(label=label):
            return QCoreApplication.translate(
                "ui.cases.timeline_words", "Recovery bag {label} handed over"
            ).format(label=label)
        case cases.HandoutGivenView() as handout:
            return QCoreApplication.translate(
                "ui.cases.timeline_words", "{quantity} × {title} ({language}) to {recipient}"
            ).format(
                quantity=number(handout.quantity),
                title=handout.title,
                language=translated("ui.widgets.languages", LANGUAGE_NAMES[handout.language]),
                recipient=vocabulary.recipient(handout.given_to),
            )
        case ReferralView(name=name):
            return QCoreApplication.translate("ui.cases.timeline_words", "Referred to {name}").format(
                name=name
            )
        case CustodyEventView() as event:
            return _custody(event)
        case ContactAttemptView() as attempt:
            line = QCoreApplication.translate("ui.cases.timeline_words", "{channel}: {outcome}").format(
                channel=vocabulary.channel(attempt.channel).capitalize(),
                outcome=vocabulary.attempt_outcome(attempt.outcome),
            )
            return f"{line} — {attempt.note}" if attempt.note else line
        case HomeVisitView() as visit:
            return _home_visit(visit)
        case DrugIntelView() as report:
            return _drug_intel(report)
        case coresponse.CallView() as call:
            return _call(call)
        case coresponse.ClinicianNoteView() as note:
            line = f"{note.by}: {note.note}"
            return (
                line + QCoreApplication.translate("ui.cases.timeline_words", " (amended)")
                if note.amended
                else line
            )
        case FollowUpView(state=state):
            return QCoreApplication.translate("ui.cases.timeline_words", "Follow-up {state}").format(
                state=vocabulary.follow_up_state(state)
            )


def _incident(incident: cases.IncidentView) -> str:
    substance = incident.suspected_substance or QCoreApplication.translate(
        "ui.cases.timeline_words", "substance unknown"
    )
    if incident.address:
        return QCoreApplication.translate(
            "ui.cases.timeline_words", "Overdose at {address}; naloxone doses {doses}; {substance}"
        ).format(address=incident.address, doses=number(incident.naloxone_doses), substance=substance)
    return QCoreApplication.translate(
        "ui.cases.timeline_words", "Overdose; naloxone doses {doses}; {substance}"
    ).format(doses=number(incident.naloxone_doses), substance=substance)


def _consent(consent: cases.ConsentView) -> str:
    how = {
        SignedHow.ON_SCREEN: QCoreApplication.translate("ui.cases.timeline_words", "Signed on screen"),
        SignedHow.ON_PAPER: QCoreApplication.translate(
            "ui.cases.timeline_words", "Signed on paper (form {form})"
        ).format(form=consent.form_number),
        SignedHow.DECLINED: QCoreApplication.translate("ui.cases.timeline_words", "Declined"),
    }[consent.signed_how]
    scopes = sorted(vocabulary.consent_scope(scope) for scope in consent.scopes)
    parts = [f"{how}: {', '.join(scopes)}" if scopes else how]
    if consent.revoked_at is not None:
        parts.append(
            QCoreApplication.translate("ui.cases.timeline_words", "revoked {day}").format(
                day=local_date(consent.revoked_at)
            )
        )
    return SEPARATOR.join(parts)


def _custody(event: CustodyEventView) -> str:
    line = QCoreApplication.translate(
        "ui.cases.timeline_words", "Personal phone {action}: {location}"
    ).format(action=vocabulary.custody_action(event.action), location=event.location)
    if event.received_by:
        return line + QCoreApplication.translate("ui.cases.timeline_words", ", received by {name}").format(
            name=event.received_by
        )
    return line


def _home_visit(visit: HomeVisitView) -> str:
    team = vocabulary.team(visit.team)
    if visit.done_at is None:
        if visit.address:
            return QCoreApplication.translate(
                "ui.cases.timeline_words", "Home visit scheduled at {address} with {team}"
            ).format(address=visit.address, team=team)
        return QCoreApplication.translate(
            "ui.cases.timeline_words", "Home visit scheduled with {team}"
        ).format(team=team)
    if visit.address:
        parts = [
            QCoreApplication.translate(
                "ui.cases.timeline_words", "Home visit done at {address} by {team}"
            ).format(address=visit.address, team=team)
        ]
    else:
        parts = [
            QCoreApplication.translate("ui.cases.timeline_words", "Home visit done by {team}").format(
                team=team
            )
        ]
    if visit.people_met:
        parts.append(
            QCoreApplication.translate("ui.cases.timeline_words", "met {people}").format(
                people=visit.people_met
            )
        )
    if visit.naloxone_training_given:
        parts.append(
            QCoreApplication.translate("ui.cases.timeline_words", "naloxone training to {people}").format(
                people=visit.naloxone_trained
            )
            if visit.naloxone_trained
            else QCoreApplication.translate("ui.cases.timeline_words", "naloxone training")
        )
    if visit.ride is not Ride.NOT_OFFERED:
        parts.append(
            QCoreApplication.translate("ui.cases.timeline_words", "ride to treatment {ride}").format(
                ride=vocabulary.ride(visit.ride)
            )
        )
    if visit.note:
        parts.append(visit.note)
    return SEPARATOR.join(parts)


def _drug_intel(report: DrugIntelView) -> str:
    look = ", ".join(
        part
        for part in (
            report.colour,
            QCoreApplication.translate("ui.cases.timeline_words", "stamp {stamp}").format(stamp=report.stamp)
            if report.stamp
            else "",
            report.packaging,
        )
        if part
    )
    parts = [
        QCoreApplication.translate("ui.cases.timeline_words", "Drug intel call: {substance}").format(
            substance=report.substance
        )
        + (f" ({look})" if look else "")
    ]
    if report.effects:
        parts.append(
            QCoreApplication.translate("ui.cases.timeline_words", "effects: {effects}").format(
                effects=report.effects
            )
        )
    if report.area_obtained:
        parts.append(
            QCoreApplication.translate("ui.cases.timeline_words", "obtained: {area}").format(
                area=report.area_obtained
            )
        )
    if report.notes:
        parts.append(report.notes)
    return SEPARATOR.join(parts)


def _call(call: coresponse.CallView) -> str:
    """What police and the program both see of a call: source, where, disposition, diversions, referrals."""
    if call.within_pilot_hours:
        opening = QCoreApplication.translate(
            "ui.cases.timeline_words", "Co-response call ({source}) at {block}"
        )
    else:
        opening = QCoreApplication.translate(
            "ui.cases.timeline_words", "Co-response call ({source}, outside pilot hours) at {block}"
        )
    parts = [
        opening.format(source=call_words.source(call.source), block=call.block),
        call_words.disposition(call.disposition),
    ]
    if call.arrest_avoided:
        parts.append(QCoreApplication.translate("ui.cases.timeline_words", "arrest avoided"))
    if call.involuntary_avoided:
        parts.append(
            QCoreApplication.translate("ui.cases.timeline_words", "involuntary hospitalisation avoided")
        )
    parts.append(
        QCoreApplication.translate(
            "ui.cases.timeline_words", "{minutes} min on scene; {officer} with {clinician}"
        ).format(minutes=number(call.on_scene_minutes), officer=call.officer, clinician=call.clinician)
    )
    if call.referrals:
        parts.append(
            QCoreApplication.translate("ui.cases.timeline_words", "referred to {names}").format(
                names=", ".join(r.name for r in call.referrals)
            )
        )
    if call.amended:
        parts.append(QCoreApplication.translate("ui.cases.timeline_words", "amended"))
    return SEPARATOR.join(parts)
