"""The UI's words for a co-response call's stored values (services.coresponse keeps English labels for the
printouts and the report; the screens word them in the UI language)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from burner_desk.domain.coresponse import CallSource, Category, Disposition, Substance
from burner_desk.ui.i18n import translated

CONTEXT = "ui.coresponse.words"
SOURCES = {
    CallSource.DECC_DISPATCH: QT_TRANSLATE_NOOP("ui.coresponse.words", "DECC dispatch"),
    CallSource.FIRST_RESPONDER: QT_TRANSLATE_NOOP("ui.coresponse.words", "First-responder request"),
    CallSource.OUTREACH: QT_TRANSLATE_NOOP("ui.coresponse.words", "Outreach"),
}
DISPOSITIONS = {
    Disposition.RESOLVED_ON_SCENE: QT_TRANSLATE_NOOP("ui.coresponse.words", "Resolved on scene"),
    Disposition.VOLUNTARY_TRANSPORT: QT_TRANSLATE_NOOP("ui.coresponse.words", "Voluntary transport"),
    Disposition.EMERGENCY_CUSTODY_ORDER: QT_TRANSLATE_NOOP(
        "ui.coresponse.words", "Emergency custody order (ECO)"
    ),
    Disposition.TEMPORARY_DETENTION_ORDER: QT_TRANSLATE_NOOP(
        "ui.coresponse.words", "Temporary detention order (TDO)"
    ),
    Disposition.ARREST: QT_TRANSLATE_NOOP("ui.coresponse.words", "Arrest"),
    Disposition.REFERRAL_ONLY: QT_TRANSLATE_NOOP("ui.coresponse.words", "Referral only"),
    Disposition.REFUSED: QT_TRANSLATE_NOOP("ui.coresponse.words", "Refused services"),
}
CATEGORIES = {
    Category.MENTAL_HEALTH_CRISIS: QT_TRANSLATE_NOOP("ui.coresponse.words", "Mental-health crisis"),
    Category.SUICIDAL: QT_TRANSLATE_NOOP("ui.coresponse.words", "Suicidal thoughts"),
    Category.PSYCHOSIS: QT_TRANSLATE_NOOP("ui.coresponse.words", "Psychosis"),
    Category.DEMENTIA: QT_TRANSLATE_NOOP("ui.coresponse.words", "Dementia"),
    Category.DEVELOPMENTAL: QT_TRANSLATE_NOOP("ui.coresponse.words", "Developmental disability"),
    Category.WELFARE_CHECK: QT_TRANSLATE_NOOP("ui.coresponse.words", "Welfare check"),
    Category.SUBSTANCE_USE: QT_TRANSLATE_NOOP("ui.coresponse.words", "Substance use"),
}
SUBSTANCES = {
    Substance.ALCOHOL: QT_TRANSLATE_NOOP("ui.coresponse.words", "Alcohol"),
    Substance.OPIOIDS: QT_TRANSLATE_NOOP("ui.coresponse.words", "Opioids"),
    Substance.STIMULANTS: QT_TRANSLATE_NOOP("ui.coresponse.words", "Stimulants"),
    Substance.CANNABIS: QT_TRANSLATE_NOOP("ui.coresponse.words", "Cannabis"),
    Substance.OTHER: QT_TRANSLATE_NOOP("ui.coresponse.words", "Other"),
}


def source(value: CallSource) -> str:
    return translated(CONTEXT, SOURCES[value])


def disposition(value: Disposition) -> str:
    return translated(CONTEXT, DISPOSITIONS[value])


def category(value: Category) -> str:
    return translated(CONTEXT, CATEGORIES[value])


def substance(value: Substance) -> str:
    return translated(CONTEXT, SUBSTANCES[value])
