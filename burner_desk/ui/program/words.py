"""The UI's words for the program's figures: domain.metrics labels each figure in English for the report
and the CSV; the Program view shows them in the UI language. tests/ui/test_program.py checks that every
label the domain has is here."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from burner_desk.ui.i18n import translated

CONTEXT = "ui.program.words"
# Section titles and figure labels ("in {key}" lines as the domain writes them, one per language name).
FIGURE_LABELS = frozenset(
    (
        QT_TRANSLATE_NOOP("ui.program.words", "Survivors met"),
        QT_TRANSLATE_NOOP("ui.program.words", "Alexandria residents"),
        QT_TRANSLATE_NOOP("ui.program.words", "Non-residents (recovery bag, no burner phone)"),
        QT_TRANSLATE_NOOP("ui.program.words", "Declined to sign a consent"),
        QT_TRANSLATE_NOOP("ui.program.words", "Phones, bags and naloxone"),
        QT_TRANSLATE_NOOP("ui.program.words", "Burner phones issued"),
        QT_TRANSLATE_NOOP("ui.program.words", "of them returned"),
        QT_TRANSLATE_NOOP("ui.program.words", "of them lost"),
        QT_TRANSLATE_NOOP("ui.program.words", "Recovery bags given"),
        QT_TRANSLATE_NOOP("ui.program.words", "Naloxone kits given (in the bags)"),
        QT_TRANSLATE_NOOP("ui.program.words", "Family handouts"),
        QT_TRANSLATE_NOOP("ui.program.words", "Family handouts given"),
        QT_TRANSLATE_NOOP("ui.program.words", "in English"),
        QT_TRANSLATE_NOOP("ui.program.words", "in Spanish"),
        QT_TRANSLATE_NOOP("ui.program.words", "The 48-hour promise"),
        QT_TRANSLATE_NOOP("ui.program.words", "Follow-ups"),
        QT_TRANSLATE_NOOP("ui.program.words", "Reached within 48 hours"),
        QT_TRANSLATE_NOOP("ui.program.words", "of them: survivor called first"),
        QT_TRANSLATE_NOOP("ui.program.words", "of them: social worker reached them"),
        QT_TRANSLATE_NOOP("ui.program.words", "Reached after 48 hours"),
        QT_TRANSLATE_NOOP("ui.program.words", "Not reached, 48 hours over"),
        QT_TRANSLATE_NOOP("ui.program.words", "Reached or closed, when not shared with police"),
        QT_TRANSLATE_NOOP("ui.program.words", "Still within their 48 hours"),
        QT_TRANSLATE_NOOP("ui.program.words", "Share reached within 48 hours"),
        QT_TRANSLATE_NOOP("ui.program.words", "Median hours to first contact"),
        QT_TRANSLATE_NOOP("ui.program.words", "Overdue now (any period)"),
        QT_TRANSLATE_NOOP("ui.program.words", "Treatment linkage"),
        QT_TRANSLATE_NOOP("ui.program.words", "Survivors whose consent shares the outcome with police"),
        QT_TRANSLATE_NOOP("ui.program.words", "Intake scheduled"),
        QT_TRANSLATE_NOOP("ui.program.words", "Entered treatment"),
        QT_TRANSLATE_NOOP("ui.program.words", "Home visits"),
        QT_TRANSLATE_NOOP("ui.program.words", "Survivors visited at home"),
        QT_TRANSLATE_NOOP("ui.program.words", "of them within 48 hours"),
        QT_TRANSLATE_NOOP("ui.program.words", "From the bedside to treatment"),
        QT_TRANSLATE_NOOP("ui.program.words", "Met at the bedside"),
        QT_TRANSLATE_NOOP("ui.program.words", "Given a burner phone"),
        QT_TRANSLATE_NOOP("ui.program.words", "Reached by the follow-up"),
    )
)


def figure_label(label: str) -> str:
    """A label this version does not know (a newer domain's) is shown as it came."""
    return translated(CONTEXT, label) if label in FIGURE_LABELS else label
