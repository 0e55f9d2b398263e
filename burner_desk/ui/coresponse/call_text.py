"""A co-response call in words: the Co-response view and the call dialog read a call alike. The strings
keep the view's translation context ("CoResponseView"), where the catalog has them."""

from __future__ import annotations

from html import escape as _escaped

from PySide6.QtCore import QCoreApplication, QLocale

from burner_desk.services import coresponse
from burner_desk.ui.coresponse import words
from burner_desk.ui.widgets.numbers import number


def when_text(call: coresponse.CallView) -> str:
    return QLocale().toString(call.called_at.astimezone(), QLocale.FormatType.ShortFormat)


def call_html(call: coresponse.CallView) -> str:
    """One call read whole, as rich text: what police and the program both see, then the clinician's
    notes, or (for police roles) that they are withheld. The Co-response view and the call dialog show it."""
    lines = [
        f"<b>{_escaped(call.person_name)}</b> · {when_text(call)}"
        + (
            ""
            if call.within_pilot_hours
            else " · " + QCoreApplication.translate("CoResponseView", "outside pilot hours")
        ),
        QCoreApplication.translate("CoResponseView", "Source: {0}").format(words.source(call.source)),
        QCoreApplication.translate("CoResponseView", "Where: {0}").format(_escaped(call.block)),
        QCoreApplication.translate("CoResponseView", "Officer: {0}{1}; clinician: {2}").format(
            _escaped(call.officer),
            QCoreApplication.translate("CoResponseView", " (CIT-trained)")
            if call.officer_cit_trained
            else "",
            _escaped(call.clinician),
        ),
        QCoreApplication.translate("CoResponseView", "About: {0}").format(
            ", ".join(words.category(c) for c in call.categories) or "—"
        ),
        QCoreApplication.translate("CoResponseView", "Substance: {0}").format(
            ", ".join(words.substance(s) for s in call.substances)
            or QCoreApplication.translate("CoResponseView", "none recorded")
        ),
        QCoreApplication.translate("CoResponseView", "What was done: {0}").format(
            _escaped(call.actions_taken) or "—"
        ),
        QCoreApplication.translate("CoResponseView", "<b>Disposition: {0}</b>").format(
            words.disposition(call.disposition)
        ),
        QCoreApplication.translate("CoResponseView", "Diversions: {0}").format(
            ", ".join(
                label
                for flag, label in (
                    (call.arrest_avoided, QCoreApplication.translate("CoResponseView", "arrest avoided")),
                    (
                        call.involuntary_avoided,
                        QCoreApplication.translate("CoResponseView", "involuntary hospitalisation avoided"),
                    ),
                )
                if flag
            )
            or QCoreApplication.translate("CoResponseView", "none")
        ),
        QCoreApplication.translate("CoResponseView", "Time on scene: {0} min").format(
            number(call.on_scene_minutes)
        ),
        QCoreApplication.translate("CoResponseView", "Referrals: {0}").format(
            ", ".join(_escaped(r.name) for r in call.referrals)
            or QCoreApplication.translate("CoResponseView", "none")
        ),
    ]
    if call.notes_withheld:
        lines.append(
            QCoreApplication.translate(
                "CoResponseView",
                "<i>Clinician's notes are treatment records: not shown to police roles (42 CFR Part 2).</i>",
            )
        )
    else:
        lines.append(QCoreApplication.translate("CoResponseView", "<b>Clinician's notes</b>"))
        lines += [
            f"{QLocale().toString(note.at.astimezone(), QLocale.FormatType.ShortFormat)} · "
            f"{_escaped(note.by)}: {_escaped(note.note)}"
            + (QCoreApplication.translate("CoResponseView", " (amended)") if note.amended else "")
            for note in call.clinician_notes
        ] or [QCoreApplication.translate("CoResponseView", "none yet")]
    if call.amended:
        lines.append(QCoreApplication.translate("CoResponseView", "<i>Amended since it was recorded.</i>"))
    return "<br>".join(lines)
